/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/**
 * Element building for every view. Data from the controller (names, labels, descriptions, error messages, file
 * contents) only ever becomes text nodes or attribute values: nothing here parses a string as HTML, so whatever a
 * router or an operator stored can be shown but never run (the page's Content-Security-Policy forbids inline script
 * as a second line of defence).
 */

/** An element: h('td', {class: 'x', onclick: f}, 'text', child, [more, children]). */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key === 'class') {
      element.className = value;
    } else if (key === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2), value);
    } else if (key === 'value') {
      element.value = value;
    } else {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** Appends children (nodes, strings, numbers, nested arrays; null and false are skipped). */
export function append(element, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Replaces an element's children. */
export function replace(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}

/** A date-and-time leaf as the operator's local time, or an em dash. */
export function when(dateAndTime) {
  if (!dateAndTime) {
    return '—';
  }
  const date = new Date(dateAndTime);
  return Number.isNaN(date.getTime()) ? dateAndTime : date.toLocaleString();
}

/** The first 12 hex digits of a revision hash (enough to tell revisions apart at a glance; the title has it all). */
export function shortHash(hash) {
  return hash ? h('code', {title: hash}, hash.slice(0, 12)) : '—';
}
