/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/**
 * The fleet view: counts per status, filters (label, profile, status) and a search (name, address, description), and
 * one row per router, sortable by any column. Rows are virtualised: only the rows in sight (and a few around them)
 * exist in the DOM, all of the same height, inside a spacer as tall as all of them, so 1,000 or 10,000 routers
 * scroll and filter as fast as 20. Filters live in the address (#/?status=failed&label=site%3Dtokyo), so a view can
 * be bookmarked or sent to a colleague.
 */

import {chips, connectionBadge, syncBadge} from './badges.js';
import {h, replace} from './dom.js';
import {ADDRESS_FIELDS, choices, countByStatus, FLEET_FIELDS, fleetRows, matches, NOT_REPORTED, sortRows} from './fleet-model.js';
import {getData} from './restconf.js';
import {NO_STATUS, step, SYNC} from './words.js';

/** Row height in pixels; page.css gives .fleet .row the same. */
const ROW_HEIGHT = 36;
/** Rows drawn beyond each edge of the viewport, so a fast scroll shows no blank band. */
const OVERSCAN = 8;

const COLUMNS = [
  {sort: 'name', title: 'Router', cell: (row, view) => [
    h('a', {href: view.routerHref(row.name), class: 'router-link'}, row.name),
    row.address ? h('span', {class: 'muted address'}, row.port && row.port !== 22 ? `${row.address}:${row.port}` : row.address)
      : null]},
  {sort: 'labels', title: 'Labels', cell: (row, view) => chips(row.labels, label => view.pick('label', label), 'label')},
  {sort: 'profiles', title: 'Profiles', cell: (row, view) => chips(row.profiles, p => view.pick('profile', p), 'profile')},
  {sort: 'managedBy', title: 'Managed by', cell: row => row.managedBy || '—'},
  {sort: 'connection', title: 'Connection', cell: row => (row.connection ? connectionBadge(row.connection) : '—')},
  {sort: 'status', title: 'Status', cell: row => syncBadge(row.sync)},
  {sort: 'generation', title: 'Generation', cell: row => (row.generation ?? '—'), numeric: true},
  {sort: 'drift', title: 'Drift', cell: row => (row.drift
    ? h('span', {class: 'badge tone-warn', title: row.driftedFiles.join('\n')},
      row.driftedFiles.length === 1 ? '1 file' : `${row.driftedFiles.length} files`)
    : '')},
  {sort: 'error', title: 'Last error', cell: row => (row.lastError
    ? h('span', {class: 'last-error', title: row.lastError.message},
      row.lastError.step ? h('span', {class: 'error-step'}, `${step(row.lastError.step)}: `) : null, row.lastError.message)
    : '')},
];

/** The order of the status counts at the top: the YANG order, then routers without status. */
const STATUS_ORDER = [...Object.keys(SYNC), NOT_REPORTED];

export function fleetView(context) {
  const params = context.params;
  const state = {
    rows: [],
    shown: [],
    loaded: false,
    filter: {
      text: params.get('q') ?? '',
      label: params.get('label') ?? '',
      profile: params.get('profile') ?? '',
      status: params.get('status') ?? '',
    },
    sort: params.get('sort') ?? 'name',
    descending: params.get('order') === 'desc',
  };

  const counts = h('div', {class: 'counts', role: 'group', 'aria-label': 'Routers per status'});
  const search = h('input', {type: 'search', id: 'fleet-search', placeholder: 'Name, address or description',
    'aria-label': 'Search routers', value: state.filter.text, autocomplete: 'off', spellcheck: 'false'});
  const labelSelect = h('select', {id: 'filter-label', 'aria-label': 'Label'});
  const profileSelect = h('select', {id: 'filter-profile', 'aria-label': 'Profile'});
  const statusSelect = h('select', {id: 'filter-status', 'aria-label': 'Status'});
  const summary = h('span', {class: 'muted', id: 'fleet-summary', 'aria-live': 'polite'});
  const header = h('div', {class: 'row head', role: 'row'});
  const spacer = h('div', {class: 'spacer'});
  const slice = h('div', {class: 'slice', role: 'rowgroup'});
  const viewport = h('div', {class: 'viewport', tabindex: '0'}, spacer, slice);
  const empty = h('div', {class: 'empty muted', hidden: true});
  const element = h('section', {class: 'fleet', 'aria-label': 'Fleet'},
    counts,
    h('div', {class: 'filters'},
      search,
      h('label', {}, 'Label ', labelSelect),
      h('label', {}, 'Profile ', profileSelect),
      h('label', {}, 'Status ', statusSelect),
      h('button', {type: 'button', id: 'filter-clear', class: 'secondary', onclick: () => setFilter({text: '', label: '', profile: '', status: ''})},
        'Clear filters'),
      summary),
    h('div', {class: 'table', role: 'table', 'aria-label': 'Routers'},
      h('div', {role: 'rowgroup'}, header), viewport, empty));

  const view = {
    routerHref: name => `#/router/${encodeURIComponent(name)}`,
    pick: (kind, value) => setFilter({[kind]: state.filter[kind] === value ? '' : value}),
  };

  function setFilter(change) {
    Object.assign(state.filter, change);
    if (search.value !== state.filter.text) {
      search.value = state.filter.text;
    }
    remember();
    apply();
  }

  /** The filters and order into the address, without a history entry per keystroke. */
  function remember() {
    context.setParams({q: state.filter.text, label: state.filter.label, profile: state.filter.profile,
      status: state.filter.status, sort: state.sort === 'name' ? '' : state.sort, order: state.descending ? 'desc' : ''});
  }

  function drawHeader() {
    replace(header, COLUMNS.map(column => {
      const active = state.sort === column.sort;
      return h('div', {class: `cell${column.numeric ? ' numeric' : ''}`, role: 'columnheader',
        'aria-sort': active ? (state.descending ? 'descending' : 'ascending') : 'none'},
        h('button', {type: 'button', class: 'sort', dataset: {sort: column.sort}, onclick: () => {
          state.descending = active ? !state.descending : false;
          state.sort = column.sort;
          remember();
          drawHeader();
          apply();
        }}, column.title, active ? (state.descending ? ' ▾' : ' ▴') : ''));
    }));
  }

  function option(value, text, selected) {
    return h('option', {value, selected: value === selected}, text);
  }

  let drawnChoices = '';
  function drawChoices() {
    const {labels, profiles} = choices(state.rows);
    // redrawn only when they change: a refresh must not close a list the operator has open
    const key = JSON.stringify([labels, profiles, state.filter.label, state.filter.profile, state.filter.status]);
    if (key === drawnChoices) {
      return;
    }
    drawnChoices = key;
    // a value in the address that no router has any more stays selectable, so the filter can be seen and cleared
    const keep = (list, value) => (value && !list.includes(value) ? [...list, value] : list);
    replace(labelSelect, option('', 'any', state.filter.label),
      keep(labels, state.filter.label).map(label => option(label, label, state.filter.label)));
    replace(profileSelect, option('', 'any', state.filter.profile),
      keep(profiles, state.filter.profile).map(profile => option(profile, profile, state.filter.profile)));
    replace(statusSelect, option('', 'any', state.filter.status),
      STATUS_ORDER.map(key => option(key, (SYNC[key] ?? NO_STATUS).word, state.filter.status)));
  }

  function drawCounts() {
    const byStatus = countByStatus(state.rows);
    const button = (key, word, count, tone) => h('button', {type: 'button', class: `count tone-${tone}`,
      'aria-pressed': String(state.filter.status === key), dataset: {status: key || 'all'},
      onclick: () => setFilter({status: state.filter.status === key ? '' : key})},
    h('span', {class: 'number'}, count), ' ', word);
    replace(counts, button('', 'routers', state.rows.length, 'all'),
      STATUS_ORDER.filter(key => byStatus.get(key)).map(key => {
        const entry = SYNC[key] ?? NO_STATUS;
        return button(key, entry.word, byStatus.get(key), entry.tone);
      }));
  }

  /** Filter and sort all rows, then draw the ones in sight. */
  function apply() {
    const filtered = state.rows.filter(row => matches(row, state.filter));
    state.shown = sortRows(filtered, state.sort, state.descending);
    spacer.style.height = `${state.shown.length * ROW_HEIGHT}px`;
    summary.textContent = state.loaded ? `Showing ${state.shown.length} of ${state.rows.length}` : '';
    for (const [select, value] of [[labelSelect, state.filter.label], [profileSelect, state.filter.profile],
      [statusSelect, state.filter.status]]) {
      select.value = value;
    }
    drawCounts();
    empty.hidden = !state.loaded || state.shown.length > 0;
    replace(empty, state.rows.length === 0
      ? ['No routers yet. Register one with a PUT to ', h('code', {}, '/rests/data/openbsd-pbr:routers/router=NAME'),
        ' (see the README\'s RESTCONF walk-through).']
      : 'No router matches these filters.');
    drawRows(true);
  }

  let drawn = {first: -1, last: -1};
  function drawRows(force = false) {
    const first = Math.max(0, Math.floor(viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(state.shown.length, Math.ceil((viewport.scrollTop + viewport.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    if (!force && first === drawn.first && last === drawn.last) {
      return;
    }
    drawn = {first, last};
    slice.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
    replace(slice, state.shown.slice(first, last).map((row, i) => h('div', {
      class: `row tone-${(SYNC[row.sync] ?? NO_STATUS).tone}`, role: 'row', 'aria-rowindex': first + i + 2,
      dataset: {router: row.name},
      onclick: event => {
        if (!event.target.closest('a, button')) {
          context.navigate(view.routerHref(row.name));
        }
      }},
    COLUMNS.map(column => h('div', {class: `cell${column.numeric ? ' numeric' : ''}`, role: 'cell'},
      column.cell(row, view))))));
  }

  let frame = 0;
  viewport.addEventListener('scroll', () => {
    if (!frame) {
      frame = requestAnimationFrame(() => {
        frame = 0;
        drawRows();
      });
    }
  });
  const resize = new ResizeObserver(() => drawRows(true));
  resize.observe(viewport);

  search.addEventListener('input', () => setFilter({text: search.value}));
  labelSelect.addEventListener('change', () => setFilter({label: labelSelect.value}));
  profileSelect.addEventListener('change', () => setFilter({profile: profileSelect.value}));
  statusSelect.addEventListener('change', () => setFilter({status: statusSelect.value}));

  drawHeader();
  drawChoices();
  summary.textContent = 'Loading the fleet…';

  return {
    element,
    title: 'Fleet',
    focus: () => search.focus(),
    async refresh() {
      // a fleet without routers is data-missing to RESTCONF: an empty fleet here
      const orNone = error => {
        if (error.missing) {
          return null;
        }
        throw error;
      };
      const [routers, addresses] = await Promise.all([
        getData('openbsd-pbr:routers', {fields: FLEET_FIELDS}).catch(orNone),
        getData('openbsd-pbr:routers', {fields: ADDRESS_FIELDS, content: 'config'}).catch(orNone)]);
      state.rows = fleetRows(routers, addresses);
      state.loaded = true;
      drawChoices();
      apply();
      element.dataset.loaded = 'true';
    },
    dispose() {
      resize.disconnect();
      cancelAnimationFrame(frame);
    },
  };
}
