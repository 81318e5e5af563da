/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.importer;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One {@code /etc/hostname.<if>} file read as hostname.if(5) says netstart(8) reads it: a line is a set of ifconfig(8)
 * arguments, a {@code !command}, a comment or blank; a line ending with a backslash continues on the next one (the
 * seed writes hostname.pppoe0 so). The ifconfig keywords are read in any order and several per line ({@code inet
 * 0.0.0.0 255.255.255.255 NONE mtu 1454 pppoedev em0 ... up}); a line with a keyword this reader does not know is
 * unmapped as a whole, and none of its keywords is applied, so that a half-understood line never half-counts.
 *
 * <p>What is read: {@code description}, {@code rdomain}, {@code mtu}, {@code inet} (prefix, netmask or
 * {@code alias}; {@code autoconf}; netstart's old {@code dhcp}), {@code inet6} (prefix, {@code prefixlen},
 * {@code alias}, {@code autoconf}, {@code eui64}), {@code up}/{@code down}, veb(4) {@code add}, gif(4)
 * {@code tunnel}/{@code tunneldomain}, {@code dest}, pppoe(4) {@code pppoedev}/{@code authproto}/{@code
 * authname}/{@code authkey}, {@code !/sbin/route ... add ...} and {@code !/sbin/ifconfig loN inet ADDRESS} (the seed's
 * rdomain loopback).
 */
final class InterfaceFile {
    /** A route(8) addition from a {@code !} line. */
    record RouteCommand(Lines.Line line, int rdomain, boolean v6, String destination, @Nullable String gateway,
            boolean ifaceFlag, @Nullable String ifp) {
        boolean isDefault() {
            return "default".equals(destination);
        }
    }

    /** A loopback address set by {@code !/sbin/ifconfig loN inet A}. */
    record LoopbackCommand(Lines.Line line, int unit, String address) {
        // the seed's way of giving rdomain N's loopback its address
    }

    final String iface;
    final String path;
    String description = "";
    int rdomain;
    @Nullable Integer mtu;
    final List<String> inet = new ArrayList<>(2);
    final List<String> inet6 = new ArrayList<>(2);
    boolean inetAutoconf;
    boolean inet6Autoconf;
    boolean eui64;
    boolean up = true;
    final List<String> members = new ArrayList<>(3);
    @Nullable String tunnelSource;
    @Nullable String tunnelDestination;
    @Nullable Integer tunnelDomain;
    @Nullable String dest;
    @Nullable String pppoedev;
    @Nullable String authproto;
    @Nullable String authname;
    @Nullable String authkey;
    final List<RouteCommand> routes = new ArrayList<>(2);
    final List<LoopbackCommand> loopbacks = new ArrayList<>(1);
    /** The lines that set each fact, for the unmapped list when a fact finds no place in the intent. */
    final List<Lines.Line> lines = new ArrayList<>();
    /** The comment the renderer writes instead of a description longer than 63 bytes, or null. */
    @Nullable String longDescription;
    /** The router name from the renderer's header comment, or null. */
    @Nullable String renderedFor;

    private InterfaceFile(final String iface, final String path) {
        this.iface = iface;
        this.path = path;
    }

    /** A line this reader cannot use, with the reason. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(final String why) {
            super(why, null, false, false);
        }

        Refused(final String why, final Throwable cause) {
            super(why, cause, false, false);
        }
    }

    /**
     * Reads a hostname.if file.
     *
     * @param iface the interface, from the file name
     * @param path the file's path, for the unmapped list
     * @param text the content
     * @param unmapped where lines that cannot be read go
     */
    static InterfaceFile read(final String iface, final String path, final String text,
            final List<Unmapped> unmapped) {
        final InterfaceFile file = new InterfaceFile(iface, path);
        for (Lines.Line line : Lines.logical(path, text)) {
            final String content = line.text().strip();
            if (content.isEmpty()) {
                continue;
            }
            if (content.startsWith("#")) {
                final String name = Lines.renderedFor(content);
                if (name != null) {
                    file.renderedFor = name;
                } else if (line.number() == 2 && file.renderedFor != null) {
                    // the renderer writes a description longer than ifconfig keeps as a comment under its header
                    file.longDescription = content.substring(1).strip();
                }
                continue;
            }
            try {
                if (content.startsWith("!")) {
                    file.command(line, content.substring(1).strip());
                } else {
                    file.arguments(Lines.words(content));
                }
                file.lines.add(line);
            } catch (Refused e) {
                unmapped.add(new Unmapped(path, line.number(), content, e.getMessage()));
            }
        }
        if (file.description.isEmpty() && file.longDescription != null) {
            file.description = file.longDescription;
        }
        return file;
    }

    private void command(final Lines.Line line, final String command) throws Refused {
        final List<String> words = Lines.words(command);
        if (words.isEmpty()) {
            throw new Refused("an empty command");
        }
        final String program = words.get(0);
        if ("/sbin/route".equals(program) || "route".equals(program)) {
            routes.add(route(line, words));
            return;
        }
        if (("/sbin/ifconfig".equals(program) || "ifconfig".equals(program)) && words.size() == 4
                && words.get(1).matches("lo[1-9][0-9]*") && "inet".equals(words.get(2))) {
            loopbacks.add(new LoopbackCommand(line, Integer.parseInt(words.get(1).substring(2)),
                prefix4(words.get(3), null)));
            return;
        }
        throw new Refused("a command other than a route addition or an rdomain loopback address: the intent has no"
            + " counterpart for it, and netstart would no longer run it");
    }

    private static RouteCommand route(final Lines.Line line, final List<String> words) throws Refused {
        int rdomain = 0;
        int index = 1;
        if (index + 1 < words.size() && "-T".equals(words.get(index))) {
            rdomain = number(words.get(index + 1), "route -T", 0, 255);
            index += 2;
        }
        if (index >= words.size() || !"add".equals(words.get(index))) {
            throw new Refused("a route(8) command other than 'add'");
        }
        index++;
        boolean v6 = false;
        boolean ifaceFlag = false;
        String ifp = null;
        final List<String> positional = new ArrayList<>(2);
        for (; index < words.size(); index++) {
            final String word = words.get(index);
            switch (word) {
                case "-inet", "-net", "-host" -> {
                    // the family is IPv4 by default; -net/-host only say what the prefix already says
                }
                case "-inet6" -> v6 = true;
                case "-iface" -> ifaceFlag = true;
                case "-ifp" -> {
                    if (++index >= words.size()) {
                        throw new Refused("-ifp without an interface");
                    }
                    ifp = words.get(index);
                }
                default -> {
                    if (word.startsWith("-")) {
                        throw new Refused("route option " + word + " has no intent counterpart");
                    }
                    positional.add(word);
                }
            }
        }
        if (positional.size() != 2) {
            throw new Refused("a route addition is 'add DESTINATION GATEWAY'");
        }
        String destination = positional.get(0);
        if (!"default".equals(destination) && destination.indexOf(':') >= 0) {
            v6 = true;
        }
        return new RouteCommand(line, rdomain, v6, destination, positional.get(1), ifaceFlag, ifp);
    }

    /** Applies one line of ifconfig arguments, all or nothing. */
    private void arguments(final List<String> words) throws Refused {
        final InterfaceFile staged = new InterfaceFile(iface, path);
        staged.copyFrom(this);
        for (int i = 0; i < words.size(); i++) {
            final String word = words.get(i);
            switch (word) {
                case "description" -> staged.description = arg(words, ++i, word);
                case "rdomain" -> staged.rdomain = number(arg(words, ++i, word), word, 0, 255);
                case "mtu" -> staged.mtu = number(arg(words, ++i, word), word, 0, 65535);
                case "inet" -> i = staged.inet(words, i + 1);
                case "inet6" -> i = staged.inet6(words, i + 1);
                case "dhcp" -> staged.inetAutoconf = true;
                case "autoconf" -> staged.inet6Autoconf = true;
                case "up" -> staged.up = true;
                case "down" -> staged.up = false;
                case "add" -> staged.members.add(arg(words, ++i, word));
                case "tunnel" -> {
                    staged.tunnelSource = arg(words, ++i, word);
                    staged.tunnelDestination = arg(words, ++i, word);
                }
                case "tunneldomain" -> staged.tunnelDomain = number(arg(words, ++i, word), word, 0, 255);
                case "dest" -> staged.dest = arg(words, ++i, word);
                case "pppoedev" -> staged.pppoedev = arg(words, ++i, word);
                case "authproto" -> staged.authproto = arg(words, ++i, word);
                case "authname" -> staged.authname = arg(words, ++i, word);
                case "authkey" -> staged.authkey = arg(words, ++i, word);
                default -> throw new Refused("ifconfig keyword '" + word + "' has no intent counterpart");
            }
        }
        copyFrom(staged);
    }

    private void copyFrom(final InterfaceFile other) {
        description = other.description;
        rdomain = other.rdomain;
        mtu = other.mtu;
        replace(inet, other.inet);
        replace(inet6, other.inet6);
        inetAutoconf = other.inetAutoconf;
        inet6Autoconf = other.inet6Autoconf;
        eui64 = other.eui64;
        up = other.up;
        replace(members, other.members);
        tunnelSource = other.tunnelSource;
        tunnelDestination = other.tunnelDestination;
        tunnelDomain = other.tunnelDomain;
        dest = other.dest;
        pppoedev = other.pppoedev;
        authproto = other.authproto;
        authname = other.authname;
        authkey = other.authkey;
    }

    private static <T> void replace(final List<T> target, final List<T> source) {
        if (target != source) {
            final List<T> copy = List.copyOf(source);
            target.clear();
            target.addAll(copy);
        }
    }

    /** {@code inet ...} from index {@code at}; returns the index of its last word. */
    private int inet(final List<String> words, final int at) throws Refused {
        String address = arg(words, at, "inet");
        int last = at;
        if ("autoconf".equals(address)) {
            inetAutoconf = true;
            return last;
        }
        if ("alias".equals(address)) {
            address = arg(words, ++last, "inet alias");
        }
        String netmask = null;
        if (address.indexOf('/') < 0 && last + 1 < words.size() && isNetmask(words.get(last + 1))) {
            netmask = words.get(++last);
            if (last + 1 < words.size() && ("NONE".equals(words.get(last + 1))
                    || words.get(last + 1).matches("[0-9.]+"))) {
                // the broadcast address: NONE, or the one ifconfig computes
                last++;
            }
        }
        inet.add(prefix4(address, netmask));
        return last;
    }

    private int inet6(final List<String> words, final int at) throws Refused {
        String address = arg(words, at, "inet6");
        int last = at;
        switch (address) {
            case "autoconf" -> {
                inet6Autoconf = true;
                return last;
            }
            case "eui64" -> {
                eui64 = true;
                return last;
            }
            case "alias" -> address = arg(words, ++last, "inet6 alias");
            default -> {
                // an address
            }
        }
        if (address.indexOf(':') < 0) {
            throw new Refused("'" + address + "' is not an IPv6 address");
        }
        if (address.indexOf('/') < 0) {
            if (last + 2 < words.size() + 1 && last + 1 < words.size() && "prefixlen".equals(words.get(last + 1))) {
                address = address + "/" + number(arg(words, last + 2, "prefixlen"), "prefixlen", 0, 128);
                last += 2;
            } else if (last + 1 < words.size() && words.get(last + 1).matches("[0-9]{1,3}")) {
                address = address + "/" + words.get(++last);
            } else {
                address = address + "/64";
            }
        }
        inet6.add(address);
        return last;
    }

    private static boolean isNetmask(final String word) {
        return word.matches("(0x[0-9a-fA-F]{8})|([0-9]{1,3}(\\.[0-9]{1,3}){3})");
    }

    /** {@code A/L} from {@code A/L}, or {@code A} and a netmask (dotted or hex), or {@code A} alone (a host). */
    static String prefix4(final String address, final @Nullable String netmask) throws Refused {
        if (address.indexOf('/') >= 0) {
            return address;
        }
        if (!address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            throw new Refused("'" + address + "' is not an IPv4 address");
        }
        if (netmask == null) {
            return address + "/32";
        }
        final long mask;
        if (netmask.startsWith("0x")) {
            mask = Long.parseLong(netmask.substring(2), 16);
        } else {
            long value = 0;
            for (String part : netmask.split("\\.")) {
                value = value << 8 | Integer.parseInt(part);
            }
            mask = value;
        }
        final int length = Long.bitCount(mask);
        if (mask != (0xFFFF_FFFFL << (32 - length) & 0xFFFF_FFFFL)) {
            throw new Refused("netmask " + netmask + " is not contiguous");
        }
        return address + "/" + length;
    }

    private static String arg(final List<String> words, final int index, final String keyword) throws Refused {
        if (index >= words.size()) {
            throw new Refused("'" + keyword + "' without its value");
        }
        return words.get(index);
    }

    static int number(final String word, final String what, final int min, final int max) throws Refused {
        try {
            final int value = Integer.parseInt(word);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new Refused(what + " '" + word + "' is not a number from " + min + " to " + max);
    }
}
