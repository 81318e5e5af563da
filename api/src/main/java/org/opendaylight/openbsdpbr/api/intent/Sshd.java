/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * sshd(8): listeners per routing domain and a hardened base (YANG container {@code sshd}).
 *
 * @param listeners where sshd listens; kept in key order: IPv4 before IPv6, then address, then rdomain
 * @param port the port, 0..65535 (YANG default 22)
 * @param passwordAuthentication sshd_config PasswordAuthentication (YANG default false)
 * @param permitRootLogin sshd_config PermitRootLogin; null is prohibit-password
 */
public record Sshd(List<Listen> listeners, int port, boolean passwordAuthentication,
        PermitRootLogin permitRootLogin) {
    /** The element path, relative to its intent. */
    public static final String PATH = "sshd";
    /** The YANG default port. */
    public static final int DEFAULT_PORT = 22;

    private static final Comparator<Listen> KEY_ORDER = Comparator.comparing((Listen listen) -> listen.isV6())
        .thenComparing(Listen::address).thenComparingInt(Listen::rdomain);

    public Sshd {
        final List<Listen> sorted = new ArrayList<>(listeners == null ? List.of() : listeners);
        sorted.sort(KEY_ORDER);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).equals(sorted.get(i - 1))) {
                throw new IntentException(sorted.get(i).path(), "duplicate listener");
            }
        }
        listeners = List.copyOf(sorted);
        Syntax.checkPort(PATH + "/port", port);
        permitRootLogin = permitRootLogin == null ? PermitRootLogin.PROHIBIT_PASSWORD : permitRootLogin;
    }

    /** sshd_config(5) PermitRootLogin values the model allows. */
    public enum PermitRootLogin {
        /** {@code no}. */
        NO("no"),
        /** {@code prohibit-password}. */
        PROHIBIT_PASSWORD("prohibit-password");

        private final String keyword;

        PermitRootLogin(final String keyword) {
            this.keyword = keyword;
        }

        /** The sshd_config keyword. */
        public String keyword() {
            return keyword;
        }
    }

    /**
     * One listener (YANG list {@code listen}, key {@code address rdomain}).
     *
     * @param address an IPv4 or IPv6 address, e.g. {@code 0.0.0.0} or {@code ::}
     * @param rdomain the routing domain, 0..255
     */
    public record Listen(String address, int rdomain) {
        public Listen {
            requireNonNull(address, "address");
            Syntax.checkIpAddress(PATH + "/listen/address", address);
            Syntax.checkRdomain(PATH + "/listen[address=" + address + "]/rdomain", rdomain);
        }

        /** Whether the address is IPv6. */
        public boolean isV6() {
            return Syntax.isV6(address);
        }

        /** The element path, relative to its intent. */
        public String path() {
            return PATH + "/listen[address=" + address + "][rdomain=" + rdomain + "]";
        }
    }
}
