/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.host;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpPrefix;
import org.opendaylight.openbsdpbr.impl.analysis.source.ModelException;
import org.opendaylight.openbsdpbr.impl.analysis.source.ShellWords;
import org.opendaylight.openbsdpbr.impl.analysis.source.SourceLine;

/**
 * One {@code /etc/hostname.<if>} file read as netstart(8) runs it (hostname.if(5)): the interface's settings, the
 * routes its {@code !/sbin/route add} lines install, and addresses its {@code !/sbin/ifconfig} lines put on other
 * interfaces (the seed adds lo1's address from hostname.pppoe0 that way).
 *
 * <p>Strict: a line outside what openbsd-pbr writes and the common forms around it is a {@link ModelException} with
 * the file and line. Secrets ({@code authkey}, {@code wpakey}, ...) are masked in every quoted line and error.
 *
 * @param iface the interface
 * @param routes the static routes its lines add
 * @param foreign addresses its lines add to other interfaces
 */
public record HostnameFile(InterfaceConfig iface, List<StaticRoute> routes, List<ForeignAddress> foreign) {
    /** The path prefix of these files. */
    public static final String PREFIX = "/etc/hostname.";

    private static final Pattern SECRET = Pattern.compile(
        "\\b(authkey|wpakey|nwkey|wgkey|wgpsk|peerkey)(\\s+)('[^']*'|\"[^\"]*\"|\\S+)");
    /** ifconfig options that may follow an address and change nothing the analysis models. */
    private static final Set<String> VALUED_OPTIONS = Set.of("mtu", "pppoedev", "authproto", "authname", "authkey",
        "peerproto", "peername", "peerkey", "pppoeac", "pppoesvc", "lladdr", "media", "mediaopt", "txpower",
        "vnetid", "parent", "vlan", "vlandev", "priority", "llprio", "rxprio", "txprio", "metric");
    private static final Set<String> FLAG_OPTIONS = Set.of("-inet6", "autoconfprivacy", "-autoconfprivacy",
        "soii", "-soii", "debug", "-debug", "link0", "-link0", "link1", "-link1", "link2", "-link2", "-learn",
        "learn");

    public HostnameFile {
        requireNonNull(iface, "iface");
        routes = List.copyOf(routes);
        foreign = List.copyOf(foreign);
    }

    /**
     * A route a {@code !/sbin/route add} line installs.
     *
     * @param table the routing table ({@code -T N}, else 0)
     * @param destination the network
     * @param gateway the gateway, or null with {@code -iface} (then {@code ownAddress} is an address of the
     *     interface to send through)
     * @param ifp {@code -ifp IF} or the scope of a link-local gateway ({@code fe80::%pppoe0}), or null
     * @param direct {@code -iface}: the destination is on the link of the interface holding the gateway address
     * @param kind {@link Route.Kind#STATIC}, {@link Route.Kind#REJECT} or {@link Route.Kind#BLACKHOLE}
     * @param source the line
     */
    public record StaticRoute(int table, IpPrefix destination, @Nullable IpAddress gateway, @Nullable String ifp,
            boolean direct, Route.Kind kind, SourceLine source) {
        public StaticRoute {
            requireNonNull(destination, "destination");
            requireNonNull(kind, "kind");
            requireNonNull(source, "source");
        }
    }

    /**
     * An address a {@code !/sbin/ifconfig IF inet ADDR} line puts on another interface.
     *
     * @param iface the interface
     * @param address the address
     */
    public record ForeignAddress(String iface, InterfaceConfig.Address address) {
    }

    /** The interface name of a hostname.if path, or null when the path is not one. */
    public static @Nullable String interfaceOf(final String path) {
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        final String name = path.substring(PREFIX.length());
        return name.matches("[a-z]+[0-9]+") ? name : null;
    }

    /** A line with its secrets masked. */
    public static String mask(final String line) {
        return SECRET.matcher(line).replaceAll("$1$2'********'");
    }

    /**
     * Reads a hostname.if file.
     *
     * @param path its path on the router ({@code /etc/hostname.em0})
     * @param content its content
     * @throws ModelException at the first line outside the model
     */
    public static HostnameFile parse(final String path, final String content) {
        final String name = interfaceOf(path);
        if (name == null) {
            throw new ModelException(path, 0, "not a hostname.if file name");
        }
        return new Reader(path, name).read(content);
    }

    /** Reads one file. */
    private static final class Reader {
        final String path;
        final String name;
        int rdomain;
        SourceLine rdomainSource;
        boolean up;
        final List<InterfaceConfig.Address> addresses = new ArrayList<>();
        InterfaceConfig.Dynamic dynamic4;
        InterfaceConfig.Dynamic dynamic6;
        final List<String> members = new ArrayList<>();
        InterfaceConfig.Tunnel tunnel;
        int tunnelDomain;
        final List<StaticRoute> routes = new ArrayList<>();
        final List<ForeignAddress> foreign = new ArrayList<>();
        SourceLine line;

        Reader(final String path, final String name) {
            this.path = path;
            this.name = name;
            line = new SourceLine(path, 1, "");
        }

        ModelException error(final String problem) {
            return new ModelException(path, line.line(), problem);
        }

        HostnameFile read(final String content) {
            final String[] raw = content.split("\n", -1);
            for (int i = 0; i < raw.length; i++) {
                final int first = i + 1;
                final StringBuilder joined = new StringBuilder(raw[i]);
                // netstart reads lines with read(1) without -r: a trailing backslash continues the line
                while (joined.length() > 0 && joined.charAt(joined.length() - 1) == '\\' && i + 1 < raw.length) {
                    joined.setLength(joined.length() - 1);
                    joined.append(raw[++i]);
                }
                final String text = joined.toString().trim();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                line = new SourceLine(path, first, mask(text));
                if (text.startsWith("!")) {
                    command(text.substring(1).replace("$if", name));
                } else {
                    statement(words(text));
                }
            }
            return new HostnameFile(new InterfaceConfig(name, path, rdomain, rdomainSource, up, addresses, dynamic4,
                dynamic6, members, tunnel, tunnelDomain), routes, foreign);
        }

        /** Words as netstart's shell splits them ({@link ShellWords}); an unclosed quote is refused. */
        List<String> words(final String text) {
            final ShellWords split = ShellWords.of(text);
            if (split.quoteOpen()) {
                throw error("unterminated quote");
            }
            return split.words();
        }

        void statement(final List<String> words) {
            int pos = 0;
            while (pos < words.size()) {
                final String word = words.get(pos);
                switch (word) {
                    case "description" -> {
                        need(words, pos, 1);
                        pos += 2;
                    }
                    case "rdomain" -> {
                        // ifconfig(8): moving an interface to another rdomain removes the addresses set before
                        addresses.clear();
                        rdomain = number(words, pos + 1, 0, 255);
                        rdomainSource = line;
                        pos += 2;
                    }
                    case "tunneldomain" -> {
                        tunnelDomain = number(words, pos + 1, 0, 255);
                        pos += 2;
                    }
                    case "up" -> {
                        up = true;
                        pos++;
                    }
                    case "down" -> {
                        up = false;
                        pos++;
                    }
                    case "inet" -> {
                        inet(words.subList(pos + 1, words.size()));
                        return;
                    }
                    case "inet6" -> {
                        inet6(words.subList(pos + 1, words.size()));
                        return;
                    }
                    case "dhcp" -> {
                        dynamic4 = InterfaceConfig.Dynamic.DHCP;
                        pos++;
                    }
                    case "autoconf" -> {
                        dynamic6 = InterfaceConfig.Dynamic.SLAAC;
                        pos++;
                    }
                    case "dest" -> {
                        need(words, pos, 1);
                        dest(words.get(pos + 1));
                        pos += 2;
                    }
                    case "add", "del" -> {
                        need(words, pos, 1);
                        if ("add".equals(word)) {
                            members.add(words.get(pos + 1));
                        }
                        pos += 2;
                    }
                    case "tunnel" -> {
                        need(words, pos, 2);
                        tunnel = new InterfaceConfig.Tunnel(address(words.get(pos + 1)), address(words.get(pos + 2)));
                        pos += 3;
                    }
                    default -> pos = option(words, pos);
                }
            }
        }

        /** One ifconfig option at {@code at}; returns the index after it. */
        int option(final List<String> words, final int at) {
            final String word = words.get(at);
            if (VALUED_OPTIONS.contains(word)) {
                need(words, at, 1);
                return at + 2;
            }
            if (FLAG_OPTIONS.contains(word)) {
                return at + 1;
            }
            if ("up".equals(word)) {
                up = true;
                return at + 1;
            }
            if ("down".equals(word)) {
                up = false;
                return at + 1;
            }
            throw error("'" + word + "' is not modelled in hostname.if");
        }

        void need(final List<String> words, final int at, final int count) {
            if (at + count >= words.size()) {
                throw error("'" + words.get(at) + "' needs " + (count == 1 ? "a value" : count + " values"));
            }
        }

        int number(final List<String> words, final int at, final int min, final int max) {
            if (at >= words.size()) {
                throw error("'" + words.get(at - 1) + "' needs a number");
            }
            try {
                final int value = Integer.parseInt(words.get(at));
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw error("'" + words.get(at) + "' is not a number in " + min + ".." + max);
        }

        IpAddress address(final String text) {
            final IpAddress address = IpAddress.tryParse(text);
            if (address == null) {
                throw error("'" + text + "' is not an address");
            }
            return address;
        }

        void inet(final List<String> words) {
            if (words.isEmpty()) {
                throw error("inet needs an address");
            }
            if ("autoconf".equals(words.get(0))) {
                dynamic4 = InterfaceConfig.Dynamic.DHCP;
                rest(words, 1);
                return;
            }
            final int start = "alias".equals(words.get(0)) ? 1 : 0;
            if (start >= words.size()) {
                throw error("inet alias needs an address");
            }
            final String text = words.get(start);
            int next = start + 1;
            IpPrefix prefix = IpPrefix.tryParse(text);
            if (prefix == null || prefix.v6()) {
                throw error("'" + text + "' is not an IPv4 address");
            }
            if (text.indexOf('/') < 0) {
                if (next >= words.size()) {
                    throw error("inet " + text + " needs a netmask or a prefix length");
                }
                final String mask = words.get(next);
                final IpAddress netmask = mask.startsWith("0x") ? hexMask(mask) : IpAddress.tryParse(mask);
                final int length = netmask == null ? -1 : IpPrefix.netmaskLength(netmask);
                if (length < 0) {
                    throw error("'" + mask + "' is not a netmask");
                }
                prefix = new IpPrefix(prefix.address(), length);
                next++;
                if (next < words.size() && ("NONE".equals(words.get(next))
                        || IpAddress.tryParse(words.get(next)) != null)) {
                    // the broadcast address, or NONE for none
                    next++;
                }
            }
            final boolean ppp = name.startsWith("pppoe") || words.contains("pppoedev");
            if (prefix.address().lo() == 0 && ppp) {
                // pppoe(4): 0.0.0.0 means "negotiated by PPP"
                dynamic4 = InterfaceConfig.Dynamic.PPP;
            } else {
                addresses.add(new InterfaceConfig.Address(prefix, null, line));
            }
            rest(words, next);
        }

        IpAddress hexMask(final String text) {
            try {
                return IpAddress.v4(Long.parseLong(text.substring(2), 16));
            } catch (IllegalArgumentException e) {
                throw new ModelException(path, line.line(), "'" + text + "' is not a netmask", e);
            }
        }

        void inet6(final List<String> words) {
            if (words.isEmpty()) {
                throw error("inet6 needs an address");
            }
            switch (words.get(0)) {
                case "autoconf" -> {
                    dynamic6 = InterfaceConfig.Dynamic.SLAAC;
                    rest(words, 1);
                    return;
                }
                case "eui64" -> {
                    // a link-local address only
                    rest(words, 1);
                    return;
                }
                default -> {
                    // an address
                }
            }
            final int start = "alias".equals(words.get(0)) ? 1 : 0;
            if (start >= words.size()) {
                throw error("inet6 alias needs an address");
            }
            final String text = words.get(start);
            int next = start + 1;
            IpPrefix prefix = IpPrefix.tryParse(text);
            if (prefix == null || !prefix.v6()) {
                throw error("'" + text + "' is not an IPv6 address");
            }
            if (text.indexOf('/') < 0) {
                if (next + 1 < words.size() && "prefixlen".equals(words.get(next))) {
                    prefix = new IpPrefix(prefix.address(), number(words, next + 1, 0, 128));
                    next += 2;
                } else {
                    throw error("inet6 " + text + " needs a prefix length");
                }
            }
            addresses.add(new InterfaceConfig.Address(prefix, null, line));
            rest(words, next);
        }

        void rest(final List<String> words, final int from) {
            int pos = from;
            while (pos < words.size()) {
                pos = option(words, pos);
            }
        }

        void dest(final String text) {
            final IpAddress peer = address(text);
            for (int i = addresses.size() - 1; i >= 0; i--) {
                final InterfaceConfig.Address last = addresses.get(i);
                if (last.prefix().v6() == peer.v6()) {
                    addresses.set(i, new InterfaceConfig.Address(last.prefix(), peer, last.source()));
                    return;
                }
            }
            if (!peer.v6() && dynamic4 == InterfaceConfig.Dynamic.PPP) {
                // the PPP peer: a placeholder until PPP negotiates the real one; routes name it with -ifp
                return;
            }
            throw error("dest " + text + " without an address before it");
        }

        void command(final String text) {
            final List<String> words = words(text);
            if (words.isEmpty()) {
                throw error("an empty command");
            }
            switch (words.get(0)) {
                case "/sbin/route", "route" -> route(words);
                case "/sbin/ifconfig", "ifconfig" -> ifconfig(words);
                default -> throw error("the command '" + words.get(0) + "' is not modelled");
            }
        }

        void route(final List<String> words) {
            int table = 0;
            int pos = 1;
            while (pos < words.size() && words.get(pos).startsWith("-")) {
                switch (words.get(pos)) {
                    case "-T" -> {
                        table = number(words, pos + 1, 0, 255);
                        pos += 2;
                    }
                    case "-n", "-q", "-nq", "-qn" -> pos++;
                    default -> throw error("route option '" + words.get(pos) + "' is not modelled");
                }
            }
            if (pos >= words.size() || !"add".equals(words.get(pos))) {
                throw error("only 'route add' is modelled");
            }
            pos++;
            Boolean v6 = null;
            boolean host = false;
            String ifp = null;
            boolean direct = false;
            Route.Kind kind = Route.Kind.STATIC;
            Integer maskLength = null;
            final List<String> positional = new ArrayList<>();
            while (pos < words.size()) {
                final String word = words.get(pos);
                switch (word) {
                    case "-inet" -> v6 = false;
                    case "-inet6" -> v6 = true;
                    case "-net" -> host = false;
                    case "-host" -> host = true;
                    case "-iface", "-interface" -> direct = true;
                    case "-reject" -> kind = Route.Kind.REJECT;
                    case "-blackhole" -> kind = Route.Kind.BLACKHOLE;
                    case "-mpath", "-static", "-cloning" -> {
                        // no effect on which way a packet goes here
                    }
                    case "-ifp" -> {
                        need(words, pos, 1);
                        ifp = words.get(++pos);
                    }
                    case "-priority", "-label", "-mtu", "-expire", "-hopcount" -> {
                        need(words, pos, 1);
                        pos++;
                    }
                    case "-netmask" -> {
                        need(words, pos, 1);
                        final IpAddress mask = address(words.get(++pos));
                        maskLength = IpPrefix.netmaskLength(mask);
                        if (maskLength < 0) {
                            throw error("'" + words.get(pos) + "' is not a netmask");
                        }
                    }
                    case "-prefixlen" -> {
                        maskLength = number(words, pos + 1, 0, 128);
                        pos++;
                    }
                    default -> {
                        if (word.startsWith("-")) {
                            throw error("route option '" + word + "' is not modelled");
                        }
                        positional.add(word);
                    }
                }
                pos++;
            }
            if (positional.size() != 2 && !(positional.size() == 1 && kind != Route.Kind.STATIC)) {
                throw error("route add needs a destination and a gateway");
            }
            String gatewayText = positional.size() > 1 ? positional.get(1) : null;
            if (gatewayText != null) {
                final int percent = gatewayText.indexOf('%');
                if (percent > 0) {
                    if (ifp == null) {
                        ifp = gatewayText.substring(percent + 1);
                    }
                    gatewayText = gatewayText.substring(0, percent);
                }
            }
            final IpAddress gateway = gatewayText == null ? null : address(gatewayText);
            final String destText = positional.get(0);
            final IpPrefix destination;
            if ("default".equals(destText)) {
                final boolean family = v6 != null ? v6 : gateway != null && gateway.v6();
                destination = new IpPrefix(family ? IpAddress.parse("::") : IpAddress.v4(0), 0);
            } else {
                IpPrefix parsed = IpPrefix.tryParse(destText);
                if (parsed == null) {
                    throw error("'" + destText + "' is not a destination");
                }
                if (maskLength != null) {
                    parsed = new IpPrefix(parsed.address(), maskLength);
                } else if (host && destText.indexOf('/') >= 0) {
                    throw error("-host with a prefix length");
                }
                destination = parsed.network();
            }
            if (v6 != null && destination.v6() != v6 || gateway != null && gateway.v6() != destination.v6()) {
                throw error("the destination and the gateway are of different address families");
            }
            routes.add(new StaticRoute(table, destination, gateway, ifp, direct, kind, line));
        }

        void ifconfig(final List<String> words) {
            if (words.size() < 4) {
                throw error("ifconfig IF inet ADDRESS is the form modelled");
            }
            final String target = words.get(1);
            final String family = words.get(2);
            final IpPrefix prefix = IpPrefix.tryParse(words.get(3));
            if (!"inet".equals(family) && !"inet6".equals(family) || prefix == null
                    || words.get(3).indexOf('/') < 0 || prefix.v6() != "inet6".equals(family)) {
                throw error("ifconfig IF inet|inet6 ADDRESS/LENGTH is the form modelled");
            }
            for (int i = 4; i < words.size(); i++) {
                if (!"alias".equals(words.get(i)) && !"up".equals(words.get(i))) {
                    throw error("ifconfig option '" + words.get(i) + "' is not modelled here");
                }
            }
            foreign.add(new ForeignAddress(target.toLowerCase(Locale.ROOT),
                new InterfaceConfig.Address(prefix, null, line)));
        }
    }
}
