/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/**
 * The page's only way to the controller: RFC 8040 RESTCONF on the page's own origin, JSON in and out, with the
 * login the browser already holds for this origin (HTTP Basic, answered once for the page).
 *
 * URLs are built from location.origin, never resolved against the page's address: an address typed with user:password@
 * would otherwise put the credentials into every request URL, which fetch() refuses.
 */

const MODULE = 'openbsd-pbr';
const JSON_TYPE = 'application/yang-data+json';
const BASE = `${location.origin}/rests`;

/** One error as RESTCONF reports it (RFC 8040 section 7.1): what went wrong and, when it knows, the element. */
export class RestconfError extends Error {
  constructor(status, errors) {
    super(errors.map(e => e.message || e.tag || `HTTP ${status}`).join('; ') || `HTTP ${status}`);
    this.name = 'RestconfError';
    this.status = status;
    /** [{type, tag, message, path, info}] exactly as RESTCONF gave them. */
    this.errors = errors;
  }

  /** Whether RESTCONF said the data is not there (a fleet without routers, a router deleted meanwhile). */
  get missing() {
    return this.status === 404 || this.errors.some(e => e.tag === 'data-missing');
  }
}

function errorsOf(status, text) {
  try {
    const reply = JSON.parse(text);
    const errors = reply['ietf-restconf:errors'] ?? reply.errors;
    const list = errors?.error ?? [];
    if (list.length) {
      return list.map(e => ({
        type: e['error-type'] ?? '',
        tag: e['error-tag'] ?? '',
        message: e['error-message'] ?? '',
        path: e['error-path'] ?? '',
        info: typeof e['error-info'] === 'string' ? e['error-info'] : '',
      }));
    }
  } catch {
    // not an RFC 8040 error body (a login refusal, a proxy's page): say what HTTP said
  }
  const words = status === 401 ? 'Login refused: the controller does not accept these credentials'
    : status === 403 ? 'Not allowed for this user' : `HTTP ${status}`;
  return [{type: 'transport', tag: String(status), message: words, path: '', info: ''}];
}

async function send(method, path, body) {
  const headers = {Accept: JSON_TYPE};
  if (body !== undefined) {
    headers['Content-Type'] = JSON_TYPE;
  }
  let response;
  try {
    response = await fetch(BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    throw new RestconfError(0, [{type: 'transport', tag: 'unreachable', message: `The controller did not answer (${e.message})`,
      path: '', info: ''}]);
  }
  const text = await response.text();
  if (!response.ok) {
    throw new RestconfError(response.status, errorsOf(response.status, text));
  }
  return text ? JSON.parse(text) : null;
}

/** A key for a list entry in a RESTCONF path (RFC 8040 section 3.5.3: percent-encoded). */
export function key(value) {
  return encodeURIComponent(value);
}

/** GET of data under /rests/data, e.g. data('openbsd-pbr:routers', {fields: 'router(name)'}). */
export function getData(path, query = {}) {
  const search = new URLSearchParams(query).toString();
  return send('GET', `/data/${path}${search ? `?${search}` : ''}`);
}

/** An openbsd-pbr RPC: its output container's content (an empty object when it has none). */
export async function operation(name, input) {
  const reply = await send('POST', `/operations/${MODULE}:${name}`, {input});
  return reply?.[`${MODULE}:output`] ?? reply?.output ?? {};
}
