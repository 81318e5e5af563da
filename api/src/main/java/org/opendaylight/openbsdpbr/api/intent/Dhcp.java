/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

/**
 * IPv4 by DHCP on an interface of the router, YANG case {@code dhcp}: {@code inet autoconf} (dhcpleased(8) installs
 * the default route).
 *
 * @param iface the interface
 */
public record Dhcp(String iface) implements UplinkKind {
    public Dhcp {
        Syntax.checkInterfaceName("dhcp/interface", iface);
    }

    @Override
    public String interfaceName() {
        return iface;
    }

    @Override
    public String caseName() {
        return "dhcp";
    }

    @Override
    public int mtu() {
        return 0;
    }
}
