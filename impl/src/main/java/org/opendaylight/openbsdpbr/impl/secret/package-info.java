/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Secrets at rest: the deployment's keys, kept in a private file outside the datastore
 * ({@link org.opendaylight.openbsdpbr.impl.secret.SecretKeys}); the sealed form a secret leaf holds
 * ({@link org.opendaylight.openbsdpbr.impl.secret.SealedSecret}: {@code $pbr1$}, key id, AES-256-GCM with a nonce per
 * value), and opening what earlier versions sealed with ODL AAA's encryption service
 * ({@link org.opendaylight.openbsdpbr.impl.secret.LegacyCipher}) so that it can be sealed again; the keyed digest of
 * the revisions shown to clients ({@link org.opendaylight.openbsdpbr.impl.secret.KeyedDigest}); and the private
 * directories of the datastore's files ({@link org.opendaylight.openbsdpbr.impl.secret.PrivateDirectories}). Plain
 * Java, no ODL: the glue (mdsal) wires it. Nothing here logs; no message carries a secret, a sealed value or a key.
 */
package org.opendaylight.openbsdpbr.impl.secret;
