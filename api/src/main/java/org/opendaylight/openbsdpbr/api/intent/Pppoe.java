/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

/**
 * IPv4 over PPPoE (pppoe(4)), YANG case {@code pppoe}. Rendered into {@code /etc/hostname.<iface>} (mode 0600: it holds
 * the secret).
 *
 * @param iface the pppoeN interface (YANG default pppoe0)
 * @param parent the Ethernet interface PPPoE runs on (pppoedev)
 * @param authProtocol pap or chap; null is chap
 * @param username the authname: printable ASCII without space, ' or \, 1..127
 * @param secret the authkey: printable ASCII without space, ' or \; null when not known (the validator refuses to
 *     render without it)
 * @param mtu the PPPoE MTU, 576..1500 (YANG default 1454)
 * @param ipv6 whether IPv6 runs over PPPoE too
 */
public record Pppoe(String iface, String parent, AuthProtocol authProtocol, String username, Secret secret, int mtu,
        boolean ipv6) implements UplinkKind {
    /** The YANG default MTU. */
    public static final int DEFAULT_MTU = 1454;

    public Pppoe {
        Syntax.checkInterfaceName("pppoe/interface", iface);
        if (!iface.startsWith("pppoe")) {
            throw new IntentException("pppoe/interface", "a PPPoE uplink's interface is a pppoeN interface");
        }
        Syntax.checkInterfaceName("pppoe/parent", parent);
        authProtocol = authProtocol == null ? AuthProtocol.CHAP : authProtocol;
        if (username == null || username.length() > 127 || !Syntax.isPppoeWord(username)) {
            // the user name is not shown: it is half of a credential
            throw new IntentException("pppoe/username",
                "a PPPoE user name is 1..127 printable ASCII characters without spaces, single quotes or backslashes");
        }
        if (secret != null && !Syntax.isPppoeWord(secret.value())) {
            throw new IntentException("pppoe/secret",
                "a PPPoE secret is printable ASCII without spaces, single quotes or backslashes");
        }
        Syntax.checkRange("pppoe/mtu", mtu, 576, 1500);
    }

    @Override
    public String interfaceName() {
        return iface;
    }

    @Override
    public String caseName() {
        return "pppoe";
    }

    /** PPP authentication (pppoe(4) {@code authproto}). */
    public enum AuthProtocol {
        /** {@code pap}. */
        PAP("pap"),
        /** {@code chap}. */
        CHAP("chap");

        private final String keyword;

        AuthProtocol(final String keyword) {
            this.keyword = keyword;
        }

        /** The ifconfig keyword. */
        public String keyword() {
            return keyword;
        }
    }
}
