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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.analysis.source.ModelException;
import org.opendaylight.openbsdpbr.impl.analysis.source.SourceLine;

/**
 * What sshd_config(5) says about who can reach sshd and log in: its listeners (every {@code Port} on every
 * {@code ListenAddress ADDRESS[:PORT] [rdomain N]}; without ListenAddress, every address of rdomain 0) and the login
 * settings. "For each keyword, the first obtained value will be used" (sshd_config(5)), except the repeatable Port,
 * ListenAddress, AllowUsers and DenyUsers. A {@code Match} block makes what follows conditional: the login settings
 * are then unknown. Other keywords do not change who gets in and are not read.
 *
 * @param file the path on the router
 * @param listeners where sshd listens
 * @param permitRootLogin {@code PermitRootLogin} (default {@code prohibit-password}) and where it is set
 * @param passwordAuthentication {@code PasswordAuthentication} (default yes) and where it is set
 * @param pubkeyAuthentication {@code PubkeyAuthentication} (default yes) and where it is set
 * @param allowUsers {@code AllowUsers} patterns, empty when unrestricted
 * @param denyUsers {@code DenyUsers} patterns
 * @param unmodelled settings read but not modelled ({@code Match}, {@code AllowGroups}, {@code AuthenticationMethods}):
 *     with any of them, a login check is unknown
 */
public record SshdConfig(String file, List<Listener> listeners, Setting permitRootLogin,
        Setting passwordAuthentication, Setting pubkeyAuthentication, List<String> allowUsers, List<String> denyUsers,
        List<SourceLine> unmodelled) {
    /** The path of sshd's configuration. */
    public static final String PATH = "/etc/ssh/sshd_config";

    public SshdConfig {
        requireNonNull(file, "file");
        listeners = List.copyOf(listeners);
        requireNonNull(permitRootLogin, "permitRootLogin");
        requireNonNull(passwordAuthentication, "passwordAuthentication");
        requireNonNull(pubkeyAuthentication, "pubkeyAuthentication");
        allowUsers = List.copyOf(allowUsers);
        denyUsers = List.copyOf(denyUsers);
        unmodelled = List.copyOf(unmodelled);
    }

    /**
     * One socket sshd binds.
     *
     * @param address the address, {@code 0.0.0.0} or {@code ::} for every address of the family
     * @param port the port
     * @param rdomain the routing domain
     * @param source the ListenAddress (or Port) line, or null for sshd's default
     */
    public record Listener(IpAddress address, int port, int rdomain, @Nullable SourceLine source) {
        /** Whether it takes every address of its family. */
        public boolean wildcard() {
            return address.hi() == 0 && address.lo() == 0;
        }

        /** Whether it takes a packet to this address and port in this rdomain. */
        public boolean accepts(final IpAddress destination, final int destinationPort, final int inRdomain) {
            return port == destinationPort && rdomain == inRdomain && destination.v6() == address.v6()
                && (wildcard() || address.equals(destination));
        }

        @Override
        public String toString() {
            final String host = address.v6() ? "[" + address + "]" : address.toString();
            return host + ":" + port + (rdomain == 0 ? "" : " rdomain " + rdomain);
        }
    }

    /**
     * A setting's value and where it comes from.
     *
     * @param value the value, lower case
     * @param source the line, or null for sshd's default
     */
    public record Setting(String value, @Nullable SourceLine source) {
        public Setting {
            requireNonNull(value, "value");
        }
    }

    /**
     * Reads an sshd_config.
     *
     * @param path its path on the router
     * @param content its content
     * @throws ModelException on a ListenAddress or Port it cannot read
     */
    public static SshdConfig parse(final String path, final String content) {
        final List<Integer> ports = new ArrayList<>();
        final List<SourceLine> portLines = new ArrayList<>();
        final List<Object[]> listen = new ArrayList<>();
        final Map<String, Setting> first = new HashMap<>();
        final List<String> allow = new ArrayList<>();
        final List<String> deny = new ArrayList<>();
        final List<SourceLine> unmodelled = new ArrayList<>();
        boolean inMatch = false;
        final String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            final String text = lines[i].trim();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            final SourceLine line = new SourceLine(path, i + 1, text);
            final String[] words = text.split("[\\s=]+");
            final String keyword = words[0].toLowerCase(Locale.ROOT);
            if ("match".equals(keyword)) {
                inMatch = true;
                unmodelled.add(line);
                continue;
            }
            if (inMatch) {
                continue;
            }
            switch (keyword) {
                case "port" -> {
                    ports.add(port(line, words));
                    portLines.add(line);
                }
                case "listenaddress" -> listen.add(new Object[] { line, words });
                case "permitrootlogin", "passwordauthentication", "pubkeyauthentication" -> {
                    if (words.length < 2) {
                        throw new ModelException(path, i + 1, words[0] + " needs a value");
                    }
                    first.putIfAbsent(keyword, new Setting(words[1].toLowerCase(Locale.ROOT), line));
                }
                case "allowusers" -> allow.addAll(List.of(words).subList(1, words.length));
                case "denyusers" -> deny.addAll(List.of(words).subList(1, words.length));
                case "allowgroups", "denygroups", "authenticationmethods" -> {
                    if (!"authenticationmethods".equals(keyword) || words.length < 2 || !"any".equals(words[1])) {
                        unmodelled.add(line);
                    }
                }
                default -> {
                    // changes nothing about who reaches sshd or logs in
                }
            }
        }
        if (ports.isEmpty()) {
            ports.add(22);
            portLines.add(null);
        }
        final List<Listener> listeners = new ArrayList<>();
        if (listen.isEmpty()) {
            for (int p = 0; p < ports.size(); p++) {
                listeners.add(new Listener(IpAddress.v4(0), ports.get(p), 0, portLines.get(p)));
                listeners.add(new Listener(IpAddress.parse("::"), ports.get(p), 0, portLines.get(p)));
            }
        }
        for (Object[] entry : listen) {
            listenAddress((SourceLine) entry[0], (String[]) entry[1], ports, listeners);
        }
        final Setting rootLogin = first.getOrDefault("permitrootlogin", new Setting("prohibit-password", null));
        final Setting password = first.getOrDefault("passwordauthentication", new Setting("yes", null));
        final Setting pubkey = first.getOrDefault("pubkeyauthentication", new Setting("yes", null));
        return new SshdConfig(path, listeners, rootLogin, password, pubkey, allow, deny, unmodelled);
    }

    private static int port(final SourceLine line, final String[] words) {
        try {
            final int port = Integer.parseInt(words.length > 1 ? words[1] : "");
            if (port > 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ModelException(line.file(), line.line(), "Port needs a number 1..65535");
    }

    private static void listenAddress(final SourceLine line, final String[] words, final List<Integer> ports,
            final List<Listener> listeners) {
        if (words.length < 2) {
            throw new ModelException(line.file(), line.line(), "ListenAddress needs an address");
        }
        String host = words[1];
        Integer port = null;
        if (host.startsWith("[")) {
            final int close = host.indexOf(']');
            if (close < 0) {
                throw new ModelException(line.file(), line.line(), "unbalanced [ in ListenAddress");
            }
            if (close + 1 < host.length()) {
                port = Integer.valueOf(host.substring(close + 2));
            }
            host = host.substring(1, close);
        } else if (host.indexOf(':') == host.lastIndexOf(':') && host.indexOf(':') > 0) {
            port = Integer.valueOf(host.substring(host.indexOf(':') + 1));
            host = host.substring(0, host.indexOf(':'));
        }
        final IpAddress address = IpAddress.tryParse(host);
        if (address == null) {
            throw new ModelException(line.file(), line.line(), "ListenAddress '" + host
                + "' is not an address (host names are not resolved here)");
        }
        int rdomain = 0;
        if (words.length >= 4 && "rdomain".equalsIgnoreCase(words[2])) {
            try {
                rdomain = Integer.parseInt(words[3]);
            } catch (NumberFormatException e) {
                throw new ModelException(line.file(), line.line(), "rdomain needs a number", e);
            }
        } else if (words.length > 2) {
            throw new ModelException(line.file(), line.line(), "ListenAddress ADDRESS[:PORT] [rdomain N] is the form"
                + " modelled");
        }
        for (int p : port != null ? List.of(port) : ports) {
            listeners.add(new Listener(address, p, rdomain, line));
        }
    }

    /** Whether {@code AllowUsers}/{@code DenyUsers} let this user in ({@code *} and {@code ?} patterns). */
    public boolean admitsUser(final String user) {
        for (String pattern : denyUsers) {
            if (glob(pattern, user)) {
                return false;
            }
        }
        if (allowUsers.isEmpty()) {
            return true;
        }
        for (String pattern : allowUsers) {
            if (glob(pattern, user)) {
                return true;
            }
        }
        return false;
    }

    /** A pattern that names a host too ({@code user@host}) cannot be decided here. */
    public boolean userPatternsModelled() {
        return allowUsers.stream().noneMatch(pattern -> pattern.indexOf('@') >= 0)
            && denyUsers.stream().noneMatch(pattern -> pattern.indexOf('@') >= 0);
    }

    private static boolean glob(final String pattern, final String text) {
        return text.matches(pattern.replace(".", "\\.").replace("?", ".").replace("*", ".*"));
    }
}
