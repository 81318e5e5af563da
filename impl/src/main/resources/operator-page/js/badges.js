/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/** Small pieces more than one view draws: status badges, label chips, RESTCONF errors. */

import {h} from './dom.js';
import {connection, sync} from './words.js';

/** A router's sync status as a coloured badge; data-status carries the YANG value for tests and styles. */
export function syncBadge(value) {
  const entry = sync(value);
  return h('span', {class: `badge tone-${entry.tone}`, title: entry.hint || null, dataset: {status: value || 'not-reported'}},
    entry.word);
}

export function connectionBadge(value) {
  const entry = connection(value);
  return h('span', {class: `badge subtle tone-${entry.tone}`, dataset: {connection: value || 'unknown'}}, entry.word);
}

/** Labels or profiles as chips; onPick(value), when given, makes each a filter button. */
export function chips(values, onPick, kind) {
  return values.map(value => onPick
    ? h('button', {type: 'button', class: `chip ${kind ?? ''}`, title: `Show only ${value}`,
      onclick: event => { event.stopPropagation(); onPick(value); }}, value)
    : h('span', {class: `chip ${kind ?? ''}`}, value));
}

/**
 * RESTCONF's errors as it gave them: each message with the element it names (error-path) and its error-tag, so the
 * operator reads the same words as curl shows.
 */
export function errorBox(error, what) {
  const errors = error?.errors ?? [{message: String(error?.message ?? error), path: '', tag: '', info: ''}];
  return h('div', {class: 'error-box', role: 'alert'},
    what ? h('strong', {}, what) : null,
    h('ul', {}, errors.map(e => h('li', {class: 'restconf-error'},
      h('span', {class: 'error-message'}, e.message || e.tag),
      e.path ? h('span', {class: 'error-path'}, ' at ', h('code', {}, e.path)) : null,
      e.tag && e.message ? h('span', {class: 'error-tag muted'}, ` (${e.tag})`) : null,
      e.info ? h('div', {class: 'error-info muted'}, e.info) : null))));
}
