/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Secrets at rest: the sealed form a secret leaf holds in the configuration datastore ({@code $aaa$} and the
 * base64 of what ODL AAA's encryption service made of it), sealing clear values and opening sealed ones. The cipher
 * is behind {@link org.opendaylight.openbsdpbr.impl.secret.SecretBox}: AAA's service in the controller, a test box in
 * tests. Nothing here logs; no message carries a secret or a sealed value.
 */
package org.opendaylight.openbsdpbr.impl.secret;
