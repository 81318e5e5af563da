/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.host;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpPrefix;
import org.opendaylight.openbsdpbr.impl.analysis.source.SourceLine;

/**
 * One interface as its {@code /etc/hostname.<if>} file (hostname.if(5)) configures it, or an implicit one (lo0, and
 * the loopback the kernel creates with each rdomain).
 *
 * @param name the interface, e.g. {@code pppoe0}
 * @param file its hostname.if path, or null for an implicit interface
 * @param rdomain its routing domain
 * @param rdomainSource the {@code rdomain N} line, or null (rdomain 0)
 * @param up whether the file brings it up
 * @param addresses its static addresses, in file order (IPv4 then IPv6 as written)
 * @param dynamic4 how it gets an IPv4 address at run time, or null
 * @param dynamic6 how it gets IPv6 addresses at run time, or null
 * @param members veb/bridge members ({@code add em1})
 * @param tunnel the {@code tunnel SRC DST} line of a gif/gre, or null
 * @param tunnelDomain the rdomain of the tunnel's outer packets ({@code tunneldomain})
 */
public record InterfaceConfig(String name, @Nullable String file, int rdomain, @Nullable SourceLine rdomainSource,
        boolean up, List<Address> addresses, @Nullable Dynamic dynamic4, @Nullable Dynamic dynamic6,
        List<String> members, @Nullable Tunnel tunnel, int tunnelDomain) {
    public InterfaceConfig {
        requireNonNull(name, "name");
        addresses = List.copyOf(addresses);
        members = List.copyOf(members);
    }

    /** How an interface gets an address at run time. */
    public enum Dynamic {
        /** PPP negotiates it ({@code inet 0.0.0.0 ... pppoedev}). */
        PPP("PPP"),
        /** dhcpleased(8) ({@code inet autoconf} or {@code dhcp}): address and default route. */
        DHCP("DHCP"),
        /** slaacd(8) ({@code inet6 autoconf}): addresses and default route from router advertisements. */
        SLAAC("SLAAC"),
        /**
         * dhcp6leased(8): a part of a prefix delegated through another interface ({@link Dhcp6leasedConf}); no
         * default route comes with it.
         */
        PREFIX_DELEGATION("dhcp6leased's prefix delegation");

        private final String label;

        Dynamic(final String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One static address.
     *
     * @param prefix the address and its prefix length
     * @param peer the point-to-point destination ({@code dest}), or null
     * @param source the line that configures it
     */
    public record Address(IpPrefix prefix, @Nullable IpAddress peer, SourceLine source) {
        public Address {
            requireNonNull(prefix, "prefix");
            requireNonNull(source, "source");
        }
    }

    /**
     * A tunnel's outer addresses.
     *
     * @param source the local outer address
     * @param destination the remote outer address
     */
    public record Tunnel(IpAddress source, IpAddress destination) {
    }

    /** Whether it is a loopback ({@code loN}). */
    public boolean loopback() {
        return name.startsWith("lo") && name.length() > 2 && Character.isDigit(name.charAt(2));
    }

    /** The driver part of the name ({@code em} for {@code em0}): pf's interface group of that name. */
    public String driver() {
        int end = name.length();
        while (end > 0 && Character.isDigit(name.charAt(end - 1))) {
            end--;
        }
        return name.substring(0, end);
    }

    /** Whether it has a dynamic address of this family. */
    public boolean dynamic(final boolean v6) {
        return (v6 ? dynamic6 : dynamic4) != null;
    }

    /** The static addresses of one family, in order. */
    public List<Address> addresses(final boolean v6) {
        return addresses.stream().filter(address -> address.prefix().v6() == v6).toList();
    }
}
