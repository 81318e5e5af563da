/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

/**
 * How an uplink reaches the Internet (YANG choice {@code uplink/type}). Errors are relative to the case
 * ({@code pppoe/username}); build it inside {@code IntentException.at("uplink[name=N]", ...)}.
 */
public sealed interface UplinkKind permits Pppoe, MapE, Dhcp, StaticUplink {
    /** The interface traffic leaves through: {@code pppoe0}, {@code gif0}, or the DHCP/static interface. */
    String interfaceName();

    /** The YANG case name: {@code pppoe}, {@code map-e}, {@code dhcp} or {@code static}. */
    String caseName();

    /** The uplink's IPv4 MTU when the intent says it, else 0 (the interface's). */
    int mtu();
}
