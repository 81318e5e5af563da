/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The router's files as OpenBSD reads them, and questions on them: a pf and routing model built from the rendered
 * files (not from the intent, so that it also catches renderer mistakes), "where does this flow go?", the
 * management-path proof and the lints that need the model. Pure: no I/O, no MD-SAL, no clock.
 *
 * <ul>
 *   <li>{@link org.opendaylight.openbsdpbr.impl.analysis.RouterModel}: pf.conf, hostname.if files, routing tables,
 *       sshd_config and rc.conf.local, read once.</li>
 *   <li>{@link org.opendaylight.openbsdpbr.impl.analysis.FlowEngine}: a {@link
 *       org.opendaylight.openbsdpbr.impl.analysis.FlowQuestion} to a {@link
 *       org.opendaylight.openbsdpbr.impl.analysis.FlowAnswer} with pf.conf(5)'s semantics; "unknown" with the reason
 *       where the model ends.</li>
 * </ul>
 * Below it: {@code pf} (pfctl's tokenizer, the strict parser, the rules), {@code host} (interfaces, routes, sshd,
 * daemons), {@code ip} (address arithmetic), {@code source} (file and line).
 */
package org.opendaylight.openbsdpbr.impl.analysis;
