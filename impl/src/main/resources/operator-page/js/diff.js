/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/**
 * A unified diff as the render RPC gives it (secrets already masked by the controller), one line per element, coloured
 * by its first character. Text only: the diff is never parsed as HTML.
 */

import {h} from './dom.js';

function kind(line) {
  if (line.startsWith('+++') || line.startsWith('---')) {
    return 'file';
  }
  if (line.startsWith('@@')) {
    return 'hunk';
  }
  if (line.startsWith('+')) {
    return 'added';
  }
  if (line.startsWith('-')) {
    return 'removed';
  }
  return 'context';
}

/** The diff as a <pre>, each line a span with class diff-added, diff-removed, diff-hunk, diff-file or diff-context. */
export function diffBlock(text) {
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  return h('pre', {class: 'diff', tabindex: '0'},
    lines.map(line => h('span', {class: `diff-line diff-${kind(line)}`}, line, '\n')));
}
