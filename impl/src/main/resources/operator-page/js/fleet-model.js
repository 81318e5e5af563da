/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/**
 * The fleet as rows: pure functions from RESTCONF's routers document to rows, and filtering, sorting and counting
 * over them. No DOM here; fleet.js draws what these compute. Each is one pass over the rows (1,000 routers filter in
 * well under a frame: see FleetPageBench).
 */

/**
 * The leaves the fleet view asks RESTCONF for (RFC 8040 fields): never intent, never credentials. Two requests, because
 * netconf 10.0.2 drops every other selected node when the fields also select inside management (the container that
 * holds the credentials choice): router(name;label;management/address) answers names and addresses only.
 */
export const FLEET_FIELDS = 'router(name;description;label;profile;status)';
export const ADDRESS_FIELDS = 'router(name;management(address;port))';

/** Problems first: the order "status" sorts by. */
const SYNC_RANK = ['failed', 'reverted', 'unreachable', 'out-of-sync', 'awaiting-confirm', 'applying', 'no-intent',
  'not-reported', 'in-sync'];

/** The filter value and count key of a router without status. */
export const NOT_REPORTED = 'not-reported';

const collator = new Intl.Collator(undefined, {numeric: true, sensitivity: 'base'});

/**
 * One row per router of GET /rests/data/openbsd-pbr:routers?fields=FLEET_FIELDS, with the management address from
 * ?fields=ADDRESS_FIELDS (either document may be null: no routers).
 */
export function fleetRows(document, addresses) {
  const routers = document?.['openbsd-pbr:routers']?.router ?? [];
  const management = new Map((addresses?.['openbsd-pbr:routers']?.router ?? [])
    .map(router => [router.name, router.management ?? {}]));
  return routers.map(router => {
    const status = router.status ?? {};
    const lints = status.lint ?? [];
    const row = {
      name: router.name,
      description: router.description ?? '',
      labels: router.label ?? [],
      profiles: router.profile ?? [],
      address: management.get(router.name)?.address ?? '',
      port: management.get(router.name)?.port ?? null,
      managedBy: status['managed-by'] ?? '',
      connection: status.connection ?? (router.status ? 'unknown' : ''),
      sync: status['sync-status'] ?? '',
      generation: status['applied-generation'] ?? null,
      drift: status['drift-detected'] === true,
      driftedFiles: status['drifted-file'] ?? [],
      lastError: status['last-error']?.message ? {
        step: status['last-error'].step ?? '',
        message: status['last-error'].message,
        time: status['last-error'].time ?? '',
      } : null,
      lintErrors: lints.filter(l => l.severity === 'error').length,
      lintWarnings: lints.filter(l => l.severity !== 'error').length,
    };
    row.statusKey = row.sync || NOT_REPORTED;
    row.search = [row.name, row.address, row.description].join('\n').toLowerCase();
    return row;
  });
}

/**
 * Whether a row passes the filter: {text, label, profile, status}, each empty for "any". text matches a part of the
 * name, the management address or the description, case-insensitively.
 */
export function matches(row, filter) {
  return (!filter.status || row.statusKey === filter.status)
    && (!filter.label || row.labels.includes(filter.label))
    && (!filter.profile || row.profiles.includes(filter.profile))
    && (!filter.text || row.search.includes(filter.text.toLowerCase()));
}

const SORT_KEYS = {
  name: row => row.name,
  labels: row => row.labels.join(' '),
  profiles: row => row.profiles.join(' '),
  managedBy: row => row.managedBy,
  connection: row => row.connection,
  status: row => SYNC_RANK.indexOf(row.statusKey),
  generation: row => row.generation ?? -1,
  drift: row => (row.drift ? 0 : 1),
  error: row => row.lastError ? `0${row.lastError.step} ${row.lastError.message}` : '1',
};

/** The columns one can sort by. */
export const SORTABLE = Object.keys(SORT_KEYS);

/** A new array of the rows in the order of one column, ties broken by name. */
export function sortRows(rows, column, descending = false) {
  const value = SORT_KEYS[column] ?? SORT_KEYS.name;
  const sign = descending ? -1 : 1;
  const compare = (a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(a, b));
  return rows.slice().sort((a, b) => sign * compare(value(a), value(b)) || collator.compare(a.name, b.name));
}

/** How many routers have each status (keys as in SYNC, plus NOT_REPORTED), over the whole fleet. */
export function countByStatus(rows) {
  const counts = new Map();
  for (const row of rows) {
    counts.set(row.statusKey, (counts.get(row.statusKey) ?? 0) + 1);
  }
  return counts;
}

/** The distinct labels and profiles in use, sorted: the choices of the filters. */
export function choices(rows) {
  const labels = new Set();
  const profiles = new Set();
  for (const row of rows) {
    row.labels.forEach(label => labels.add(label));
    row.profiles.forEach(profile => profiles.add(profile));
  }
  return {labels: [...labels].sort(collator.compare), profiles: [...profiles].sort(collator.compare)};
}
