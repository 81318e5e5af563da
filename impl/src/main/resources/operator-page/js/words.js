/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */

/**
 * The operator's words for the YANG enumerations the page shows. Every enum of typedef sync-status, typedef
 * commit-step and leaf status/connection in yang/openbsd-pbr.yang has an entry here, and nothing else does
 * (OperatorPageFilesTest reads both files). A tone colours the badge: good, busy, warn, bad or idle.
 */

/** typedef sync-status. */
export const SYNC = {
  'in-sync': {word: 'In sync', tone: 'good', hint: 'The router runs the current intent.'},
  'out-of-sync': {word: 'Out of sync', tone: 'warn',
    hint: 'The intent changed, the router drifted, or an operator rolled it back: what it runs is not the intent.'},
  'applying': {word: 'Applying', tone: 'busy', hint: 'A commit is under way.'},
  'awaiting-confirm': {word: 'Awaiting confirmation', tone: 'busy',
    hint: 'Committed with a confirm timeout: the router goes back to its previous generation unless it is confirmed.'},
  'reverted': {word: 'Reverted by the router', tone: 'bad',
    hint: 'A commit was not confirmed in time: the router restored its previous generation by itself.'},
  'failed': {word: 'Failed', tone: 'bad', hint: 'The last commit failed: the router runs its previous generation.'},
  'unreachable': {word: 'Unreachable', tone: 'bad', hint: 'The controller cannot reach the router.'},
  'no-intent': {word: 'Observed only', tone: 'idle',
    hint: 'The router has no intent: the controller reads it back but changes nothing on it.'},
};

/** A router the controller has not reported on yet (no status at all). */
export const NO_STATUS = {word: 'Not reported yet', tone: 'idle', hint: 'The controller has not reported on this router yet.'};

/** leaf status/connection. */
export const CONNECTION = {
  'unknown': {word: 'Not contacted yet', tone: 'idle'},
  'connected': {word: 'Connected', tone: 'good'},
  'unreachable': {word: 'Unreachable', tone: 'bad'},
  'auth-failed': {word: 'Login refused', tone: 'bad'},
  'host-key-mismatch': {word: 'Host key changed', tone: 'bad'},
};

/** typedef commit-step: where a commit stopped, as the operator reads "failed while ...". */
export const STEP = {
  'render': 'rendering the files',
  'validate-intent': 'checking the intent',
  'connect': 'connecting',
  'authenticate': 'logging in',
  'host-key': 'checking the host key',
  'lock': 'taking the router\'s lock',
  'upload': 'uploading the files',
  'validate': 'the router\'s own checks',
  'commit': 'committing',
  'confirm': 'confirming',
  'rollback': 'rolling back',
  'read-back': 'reading the router back',
};

/** The entry for a sync-status value (NO_STATUS when absent, the raw value when the controller sends a new one). */
export function sync(value) {
  return value ? SYNC[value] ?? {word: value, tone: 'idle', hint: ''} : NO_STATUS;
}

export function connection(value) {
  return CONNECTION[value ?? 'unknown'] ?? {word: value, tone: 'idle'};
}

export function step(value) {
  return STEP[value] ?? value ?? '';
}
