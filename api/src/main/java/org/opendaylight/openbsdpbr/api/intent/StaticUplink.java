/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

/**
 * A static IPv4 address and gateway on an interface of the router, YANG case {@code static}.
 *
 * @param iface the interface
 * @param address the address with prefix length, e.g. {@code 203.0.113.2/30}
 * @param gateway the default gateway, e.g. {@code 203.0.113.1}
 */
public record StaticUplink(String iface, String address, String gateway) implements UplinkKind {
    public StaticUplink {
        Syntax.checkInterfaceName("static/interface", iface);
        Syntax.checkIpv4Prefix("static/address", address);
        Syntax.checkIpv4Address("static/gateway", gateway);
    }

    @Override
    public String interfaceName() {
        return iface;
    }

    @Override
    public String caseName() {
        return "static";
    }

    @Override
    public int mtu() {
        return 0;
    }
}
