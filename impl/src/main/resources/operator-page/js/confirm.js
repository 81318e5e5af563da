/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/**
 * Asking before an action that changes a router's files by the operator's hand (a rollback): a modal <dialog> that
 * names the router and what will happen, with the safe choice focused. The page does not refresh while it is open.
 */

import {h} from './dom.js';

/** Resolves true when the operator chose the action, false on Cancel or Escape. */
export function confirmAction({title, body, action}) {
  return new Promise(resolve => {
    const cancel = h('button', {type: 'button', class: 'secondary', id: 'confirm-cancel', value: 'cancel'}, 'Cancel');
    const ok = h('button', {type: 'button', class: 'danger', id: 'confirm-ok', value: 'ok'}, action);
    const dialog = h('dialog', {class: 'confirm', 'aria-labelledby': 'confirm-title'},
      h('h2', {id: 'confirm-title'}, title),
      [body].flat().map(paragraph => h('p', {}, paragraph)),
      h('div', {class: 'actions'}, cancel, ok));
    const close = answer => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    cancel.addEventListener('click', () => close(false));
    ok.addEventListener('click', () => close(true));
    dialog.addEventListener('cancel', event => {
      event.preventDefault();
      close(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
