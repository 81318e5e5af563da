/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The operator page: static files (HTML, CSS, plain JavaScript modules under {@code /operator-page/} in this bundle)
 * served at {@code /openbsd-pbr/} on the RESTCONF port, behind AAA's login, through AAA's web API. The page reads and
 * writes only through RESTCONF on the same origin; nothing here touches the datastore or a router.
 */
package org.opendaylight.openbsdpbr.impl.web;
