/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/**
 * The page's shell: which view the address names (#/ the fleet, #/router/NAME one router), the refresh loop and the
 * banner that says when RESTCONF does not answer. A view is a module exporting a function (context) -> {element,
 * title, refresh(), dispose()}; a new view (rollouts, say) is one more module and one more line in ROUTES.
 */

import {errorBox} from './badges.js';
import {h, replace} from './dom.js';
import {fleetView} from './fleet.js';
import {routerView} from './router.js';

/** Seconds between refreshes while the page is visible. */
const REFRESH_SECONDS = 5;

const ROUTES = [
  {pattern: /^\/?$/, view: fleetView, nav: 'Fleet', href: '#/'},
  {pattern: /^\/router\/([^/]+)$/, view: routerView},
];

const main = document.getElementById('view');
const banner = document.getElementById('banner');
const updated = document.getElementById('updated');
const autoRefresh = document.getElementById('auto-refresh');
const nav = document.getElementById('nav');

let current = null;
let running = null;

function parseHash() {
  const hash = decodeURI(location.hash.replace(/^#/, '')) || '/';
  const [path, query = ''] = hash.split('?');
  return {path, params: new URLSearchParams(query)};
}

function problem(error) {
  if (error) {
    replace(banner, errorBox(error, 'The controller did not answer as expected; what is shown may be out of date.'));
    banner.hidden = false;
  } else {
    banner.hidden = true;
    banner.replaceChildren();
  }
}

/** Refresh the current view unless a refresh is still running; resolves when the view has drawn. */
function refresh() {
  if (!current || running) {
    return running ?? Promise.resolve();
  }
  const view = current;
  running = view.refresh().then(() => {
    if (view === current) {
      problem(null);
      updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
    }
  }, error => {
    if (view === current) {
      problem(error);
    }
  }).finally(() => {
    running = null;
  });
  return running;
}

function show() {
  const {path, params} = parseHash();
  const route = ROUTES.find(candidate => candidate.pattern.test(path)) ?? ROUTES[0];
  const match = path.match(route.pattern);
  current?.dispose();
  running = null;
  const context = {
    params,
    name: match?.[1] ? decodeURIComponent(match[1]) : '',
    navigate: hash => { location.hash = hash; },
    setParams(values) {
      const query = new URLSearchParams(Object.entries(values).filter(([, value]) => value)).toString();
      history.replaceState(null, '', `#${path}${query ? `?${query}` : ''}`);
    },
    refresh,
    problem,
  };
  current = route.view(context);
  replace(main, current.element);
  document.title = `${current.title} · openbsd-pbr`;
  for (const link of nav.querySelectorAll('a')) {
    link.setAttribute('aria-current', String(link.dataset.route === route.nav));
  }
  refresh().then(() => current?.focus?.());
}

replace(nav, ROUTES.filter(route => route.nav).map(route => h('a', {href: route.href, dataset: {route: route.nav}}, route.nav)));
document.getElementById('refresh-seconds').textContent = String(REFRESH_SECONDS);
document.getElementById('refresh-now').addEventListener('click', () => refresh());
window.addEventListener('hashchange', show);
setInterval(() => {
  if (autoRefresh.checked && !document.hidden && !document.querySelector('dialog[open]')) {
    refresh();
  }
}, REFRESH_SECONDS * 1000);
show();
