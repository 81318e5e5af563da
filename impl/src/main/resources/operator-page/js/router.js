/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/**
 * One router: its status (sync, connection, generation, revisions, drift, last error), the checks on its intent, the
 * dry run (what a push would change: the render RPC's plan and diff, secrets masked by the controller), its
 * generations with a rollback that asks first, and the push (sync), compare (check-sync) and confirm buttons. Every
 * action is the RPC curl would call, and its errors are shown as RESTCONF gave them.
 *
 * The dry run is asked again only when what it depends on changes (the revision the router runs, the intent's
 * revision or the generation), not on every refresh, so an open file or a scrolled diff stays put.
 */

import {chips, connectionBadge, errorBox, syncBadge} from './badges.js';
import {confirmAction} from './confirm.js';
import {diffBlock} from './diff.js';
import {h, replace, shortHash, when} from './dom.js';
import {getData, key, operation} from './restconf.js';
import {step, sync} from './words.js';

/**
 * The leaves the router view asks for: inventory without credentials, settings, status; management in a request of its
 * own (netconf 10.0.2 drops the other fields when one selects inside management: see fleet-model.js).
 */
const ROUTER_FIELDS = 'name;description;label;profile;openbsd-release;settings;status';
const MANAGEMENT_FIELDS = 'management(address;port;user;host-key-policy;host-key-fingerprint)';

function facts(entries) {
  return h('dl', {class: 'facts'}, entries.filter(Boolean).map(([term, value, id]) => [
    h('dt', {}, term), h('dd', {id: id ?? null}, value ?? '—')]));
}

export function routerView(context) {
  const name = context.name;
  const title = h('h1', {}, name);
  const badges = h('div', {class: 'badges'});
  const description = h('p', {class: 'description muted'});
  const pushButton = h('button', {type: 'button', id: 'push', title: 'Push the intent to the router now (sync)'},
    'Push now');
  const compareButton = h('button', {type: 'button', id: 'check-sync', class: 'secondary',
    title: 'Read the router back and compare its files with what the controller applied (check-sync)'},
  'Compare with router');
  const confirmButton = h('button', {type: 'button', id: 'confirm-commit', hidden: true,
    title: 'Confirm the commit the router waits for (confirm-commit)'}, 'Confirm commit');
  const result = h('div', {class: 'action-result', id: 'action-result', 'aria-live': 'polite'});
  const statusCard = h('section', {class: 'card', id: 'router-status', 'aria-label': 'Status'});
  const inventoryCard = h('section', {class: 'card', id: 'router-inventory', 'aria-label': 'Router'});
  const lintCard = h('section', {class: 'card', id: 'router-lints', 'aria-label': 'Checks'});
  const generationCard = h('section', {class: 'card', id: 'router-generations', 'aria-label': 'Generations'});
  const dryRunBody = h('div', {class: 'dry-run-body'});
  const dryRunButton = h('button', {type: 'button', class: 'secondary', id: 'dry-run-again'}, 'Run again');
  const dryRunCard = h('section', {class: 'card', id: 'router-dry-run', 'aria-label': 'Dry run'},
    h('div', {class: 'card-head'}, h('h2', {}, 'Dry run: what a push would change'), dryRunButton), dryRunBody);
  const missing = h('div', {class: 'empty', hidden: true});
  const body = h('div', {class: 'router-body'},
    h('div', {class: 'actions'}, pushButton, compareButton, confirmButton), result,
    h('div', {class: 'columns'}, statusCard, inventoryCard), lintCard, generationCard, dryRunCard);
  const element = h('section', {class: 'router', dataset: {router: name}},
    h('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, h('a', {href: '#/'}, 'Fleet'), ' › ', name),
    h('header', {class: 'router-head'}, title, badges), description, missing, body);

  const state = {router: null, status: {}, dryRunKey: null, busy: false};

  /** Runs one RPC from a button: buttons disabled meanwhile, the outcome shown, then a refresh. */
  async function act(button, busyWord, call, done) {
    if (state.busy) {
      return;
    }
    state.busy = true;
    const buttons = element.querySelectorAll('.actions button, #rollback');
    buttons.forEach(b => { b.disabled = true; });
    const label = button.textContent;
    button.textContent = busyWord;
    element.setAttribute('aria-busy', 'true');
    replace(result, h('p', {class: 'muted'}, `${busyWord} ${name}…`));
    try {
      replace(result, h('div', {class: 'ok-box', role: 'status'}, done(await call())));
    } catch (error) {
      replace(result, errorBox(error, `${label}: the controller refused or failed`));
    } finally {
      button.textContent = label;
      buttons.forEach(b => { b.disabled = false; });
      element.removeAttribute('aria-busy');
      state.busy = false;
    }
    state.dryRunKey = null;
    await context.refresh();
  }

  pushButton.addEventListener('click', () => act(pushButton, 'Pushing', () => operation('sync', {router: name}),
    output => [`Pushed: ${name} runs generation ${output.generation ?? '?'}`,
      output.revision ? [' (revision ', shortHash(output.revision), ')'] : '', '.']));
  compareButton.addEventListener('click', () => act(compareButton, 'Comparing',
    () => operation('check-sync', {router: name}),
    output => (output['in-sync']
      ? 'The router runs exactly the files the controller applied.'
      : ['Changed on the router since the controller applied it: ',
        h('ul', {class: 'files'}, (output['drifted-file'] ?? []).map(file => h('li', {}, h('code', {}, file))))])));
  confirmButton.addEventListener('click', () => act(confirmButton, 'Confirming',
    () => operation('confirm-commit', {router: name}),
    output => `Confirmed: ${name} keeps generation ${output.generation ?? '?'}.`));
  dryRunButton.addEventListener('click', () => dryRun(true));

  function drawStatus(status) {
    const entry = sync(status['sync-status']);
    const applied = status['applied-revision'];
    const intended = status['intended-revision'];
    const error = status['last-error'];
    replace(badges, syncBadge(status['sync-status']), status.connection ? connectionBadge(status.connection) : null);
    confirmButton.hidden = status['sync-status'] !== 'awaiting-confirm';
    replace(statusCard, h('h2', {}, 'Status'),
      h('p', {class: 'hint'}, entry.hint),
      facts([
        ['Status', syncBadge(status['sync-status']), 'status-sync'],
        ['Connection', status.connection ? connectionBadge(status.connection) : '—', 'status-connection'],
        ['Managed by', status['managed-by'], 'status-managed-by'],
        ['Generation', status['applied-generation'] === undefined ? '—' : String(status['applied-generation']),
          'status-generation'],
        ['Runs revision', shortHash(applied)],
        ['Intent revision', intended ? [shortHash(intended), applied === intended ? ' (the one it runs)' : ''] : '—'],
        ['Last commit', when(status['last-commit-time'])],
        status['confirm-deadline'] ? ['Confirm by', when(status['confirm-deadline']), 'status-confirm-deadline'] : null,
        ['Drift', status['drift-detected']
          ? h('ul', {class: 'files'}, (status['drifted-file'] ?? []).map(file => h('li', {}, h('code', {}, file))))
          : 'none', 'status-drift'],
      ]),
      error?.message ? h('div', {class: 'error-box', id: 'status-last-error'},
        h('strong', {}, `Last error${error.step ? ` while ${step(error.step)}` : ''}`),
        error.time ? h('span', {class: 'muted'}, ` (${when(error.time)})`) : null,
        h('p', {}, error.message)) : null);
  }

  function drawInventory(router) {
    const management = router.management ?? {};
    const settings = router.settings ?? {};
    replace(inventoryCard, h('h2', {}, 'Router'), facts([
      ['Management address', management.address
        ? h('code', {}, `${management.address}${management.port ? `:${management.port}` : ''}`) : 'none (inventory only)'],
      ['Login', management.user],
      ['Host key', management['host-key-fingerprint'] ? h('code', {}, management['host-key-fingerprint'])
        : management['host-key-policy'] === 'trust-on-first-use' ? 'learnt at first contact' : 'not pinned'],
      ['OpenBSD', router['openbsd-release']],
      ['Labels', router.label?.length ? chips(router.label, null, 'label') : 'none'],
      ['Profiles', router.profile?.length ? chips(router.profile, null, 'profile') : 'none'],
      ['Confirm timeout', settings['confirm-timeout'] ? `${settings['confirm-timeout']} s` : null],
      ['On drift', settings['drift-policy'] === 'repair' ? 'repair (push again)' : 'report only'],
    ]));
  }

  function drawLints(lints) {
    replace(lintCard, h('h2', {}, 'Checks on the intent'), lints.length === 0
      ? h('p', {class: 'muted'}, 'No warnings.')
      : h('table', {class: 'lints'},
        h('thead', {}, h('tr', {}, h('th', {}, 'Severity'), h('th', {}, 'Element'), h('th', {}, 'Check'),
          h('th', {}, 'What it says'))),
        h('tbody', {}, lints.map(lint => h('tr', {class: `lint-${lint.severity}`},
          h('td', {}, h('span', {class: `badge tone-${lint.severity === 'error' ? 'bad' : 'warn'}`}, lint.severity)),
          h('td', {}, h('code', {}, lint.path)), h('td', {}, h('code', {}, lint.code)), h('td', {}, lint.message))))));
  }

  function drawGenerations(status) {
    const current = status['applied-generation'];
    if (current === undefined) {
      replace(generationCard, h('h2', {}, 'Generations'),
        h('p', {class: 'muted'}, 'The router\'s generation is not known yet: it has not been read back.'));
      return;
    }
    // keep what the operator typed across refreshes
    const typed = generationCard.querySelector('#rollback-generation')?.value;
    const input = h('input', {type: 'number', id: 'rollback-generation', min: 1, max: Math.max(1, current - 1),
      value: typed || Math.max(1, current - 1), required: true, 'aria-label': 'Generation to roll back to'});
    const button = h('button', {type: 'submit', class: 'danger', id: 'rollback', disabled: current < 2 || state.busy},
      'Roll back…');
    const form = h('form', {class: 'rollback', id: 'rollback-form'}, 'Roll back to generation ', input, ' ', button);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const target = Number(input.value);
      const yes = await confirmAction({
        title: `Roll back ${name} to generation ${target}?`,
        body: [`${name} runs generation ${current}. It will install the files of generation ${target} again, as a new `
          + 'generation, with a confirmed commit: the router goes back by itself if the controller cannot confirm.',
        'The controller then leaves the router on those files until its intent changes or someone pushes it again, '
          + 'so its status will read "Out of sync".'],
        action: `Roll back to generation ${target}`,
      });
      if (yes) {
        act(button, 'Rolling back', () => operation('rollback', {router: name, generation: target}),
          output => `Rolled back: ${name} runs generation ${output.generation ?? '?'}, with the files of generation `
            + `${target}.`);
      }
    });
    replace(generationCard, h('h2', {}, 'Generations'),
      h('p', {}, 'The router runs generation ', h('strong', {id: 'generation-current'}, String(current)),
        '. Every commit is a new generation; the router keeps the recent ones and can go back to any of them.'),
      form,
      h('p', {class: 'muted'}, 'A generation the router no longer keeps is refused, and the error says so.'));
  }

  async function dryRun(force = false) {
    const status = state.status;
    const dryRunKey = [status['applied-revision'], status['intended-revision'], status['applied-generation'],
      status['sync-status']].join('/');
    if (!force && dryRunKey === state.dryRunKey) {
      return;
    }
    state.dryRunKey = dryRunKey;
    dryRunCard.setAttribute('aria-busy', 'true');
    try {
      const output = await operation('render', {router: name});
      const plan = output.plan ?? [];
      const files = (output.file ?? []).slice().sort((a, b) => a.path.localeCompare(b.path));
      replace(dryRunBody,
        h('p', {}, 'Intent revision ', shortHash(output.revision), `: ${files.length} files.`),
        output.diff
          ? [h('h3', {}, 'Commands a push would run'),
            plan.length ? h('ol', {class: 'plan', id: 'dry-run-plan'}, plan.map(command => h('li', {}, h('code', {}, command))))
              : h('p', {class: 'muted'}, 'None.'),
            h('h3', {}, 'Changes to the router\'s files (secrets masked)'),
            h('div', {id: 'dry-run-diff'}, diffBlock(output.diff))]
          : h('p', {id: 'dry-run-none', class: 'ok-box'}, 'No changes: the router runs the files of the current intent.'),
        h('h3', {}, 'Files of the intent'),
        h('table', {class: 'files-table'},
          h('thead', {}, h('tr', {}, h('th', {}, 'Path'), h('th', {}, 'Owner'), h('th', {}, 'Mode'), h('th', {}, 'SHA-256'))),
          h('tbody', {}, files.map(file => h('tr', {},
            h('td', {}, h('details', {}, h('summary', {}, h('code', {}, file.path)),
              h('pre', {class: 'file-content'}, file.content ?? ''))),
            h('td', {}, `${file.owner}:${file.group}`), h('td', {}, h('code', {}, file.mode)),
            h('td', {}, shortHash(file.sha256)))))));
    } catch (error) {
      replace(dryRunBody, errorBox(error, 'The dry run was refused'));
    } finally {
      dryRunCard.removeAttribute('aria-busy');
    }
  }

  return {
    element,
    title: name,
    async refresh() {
      const path = `openbsd-pbr:routers/router=${key(name)}`;
      let reply;
      let management;
      try {
        [reply, management] = await Promise.all([getData(path, {fields: ROUTER_FIELDS}),
          // a router without management (inventory only) has nothing to select there
          getData(path, {fields: MANAGEMENT_FIELDS, content: 'config'}).catch(error => {
            if (error.missing) {
              return null;
            }
            throw error;
          })]);
      } catch (error) {
        if (!error.missing) {
          throw error;
        }
        missing.hidden = false;
        body.hidden = true;
        replace(missing, `There is no router named ${name}. `, h('a', {href: '#/'}, 'Back to the fleet'));
        return;
      }
      missing.hidden = true;
      body.hidden = false;
      const router = {...reply?.['openbsd-pbr:router']?.[0],
        management: management?.['openbsd-pbr:router']?.[0]?.management};
      state.router = router;
      state.status = router.status ?? {};
      replace(description, router.description ?? '');
      drawStatus(state.status);
      drawInventory(router);
      drawLints(state.status.lint ?? []);
      if (!state.busy && !document.activeElement?.closest?.('#rollback-form')) {
        drawGenerations(state.status);
      }
      element.dataset.loaded = 'true';
      await dryRun();
    },
    dispose() {},
  };
}
