/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Intent from the JSON that RESTCONF accepts, read offline with the controller's own codecs:
 * {@link org.opendaylight.openbsdpbr.tools.intentjson.IntentJson} reads files and directories into an
 * {@link org.opendaylight.openbsdpbr.tools.intentjson.IntentDocument}, whose
 * {@link org.opendaylight.openbsdpbr.tools.intentjson.IntentDocument#effective(String)} merges a router's profiles and
 * validates the result.
 */
package org.opendaylight.openbsdpbr.tools.intentjson;
