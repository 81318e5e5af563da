/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

import java.util.List;
import java.util.Set;

/**
 * The syntax of every value that ends up in an OpenBSD file, checked by hand (no regular expressions, no name
 * resolution). Each pattern is the one of {@code openbsd-pbr-types.yang}, sometimes stricter: whatever passes here
 * can be written into hostname.if(5), pf.conf(5), sshd_config(5), unwind.conf(5) and rc.conf.local without quoting
 * beyond what the renderer does, and cannot start a new line, rule or shell command.
 *
 * <p>The {@code is...} methods answer; the {@code check...} methods throw an {@link IntentException} naming the
 * element and return the value.
 */
public final class Syntax {
    /** The longest description (openbsd-pbr-types description-text), in characters (code points). */
    public static final int MAX_DESCRIPTION = 200;

    /**
     * The pf.conf keywords that fit the pf-name syntax, as pfctl's lexer knows them ({@code sbin/pfctl/parse.y},
     * {@code lookup()}, OpenBSD 7.8): the lexer turns each into its token before the grammar sees it, so a table or a
     * macro of that name is a syntax error ({@code table <tagged>}, {@code block = "..."}). Case-sensitive, as
     * {@code strcmp} is. The same list is the invert-match pattern of openbsd-pbr-types pf-name.
     */
    public static final Set<String> PF_KEYWORDS = Set.of(
        "all", "anchor", "antispoof", "any", "bandwidth", "bitmask", "block", "burst", "code", "debug", "default",
        "delay", "drop", "file", "fingerprints", "flags", "floating", "flows", "flush", "for", "fragment", "from",
        "global", "group", "hostid", "in", "include", "inet", "inet6", "keep", "label", "limit", "load", "log",
        "loginterface", "match", "matches", "max", "min", "modulate", "no", "on", "once", "optimization", "os",
        "out", "overload", "parent", "pass", "pflow", "port", "prio", "probability", "proto", "qlimit", "quantum",
        "queue", "quick", "random", "rdomain", "reassemble", "return", "route", "rtable", "rule", "scrub", "set",
        "skip", "sloppy", "state", "syncookies", "synproxy", "table", "tag", "tagged", "timeout", "to", "tos", "ttl",
        "user", "weight");

    private Syntax() {
        // utility
    }

    /** An OpenBSD interface name: 1..10 lower-case letters, then 1..4 digits ({@code em0}, {@code pppoe0}). */
    public static boolean isInterfaceName(final String value) {
        if (value == null) {
            return false;
        }
        final int letters = leading(value, 'a', 'z');
        final int digits = value.length() - letters;
        return letters >= 1 && letters <= 10 && digits >= 1 && digits <= 4
            && leadingFrom(value, letters, '0', '9') == value.length();
    }

    /**
     * A pf table or macro name: a letter or underscore, then letters, digits and underscores; 1..31; not one of
     * {@link #PF_KEYWORDS}.
     */
    public static boolean isPfName(final String value) {
        return pfNameProblem(value) == null;
    }

    /** Why {@code value} cannot be a pf table or macro name, or null when it can. */
    public static String pfNameProblem(final String value) {
        if (value == null || value.isEmpty() || value.length() > 31) {
            return "a pf name has 1 to 31 characters";
        }
        for (int i = 0; i < value.length(); i++) {
            final char ch = value.charAt(i);
            final boolean letter = ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch == '_';
            if (!letter && (i == 0 || ch < '0' || ch > '9')) {
                return "a pf name starts with a letter or '_' and holds letters, digits and '_' (1..31)";
            }
        }
        if (PF_KEYWORDS.contains(value)) {
            return "'" + value + "' is a pf.conf keyword: pfctl reads it as the keyword, not as a name";
        }
        return null;
    }

    /** A model object name: lower-case letters and digits, then also {@code -} and {@code _}; 1..63. */
    public static boolean isObjectName(final String value) {
        if (value == null || value.isEmpty() || value.length() > 63) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            final char ch = value.charAt(i);
            final boolean alnum = ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9';
            if (!alnum && (i == 0 || ch != '-' && ch != '_')) {
                return false;
            }
        }
        return true;
    }

    /** A dotted-quad IPv4 address; no leading zeros (they would read as octal elsewhere). */
    public static boolean isIpv4Address(final String value) {
        return value != null && parseIpv4(value, 0, value.length()) >= 0;
    }

    /** An IPv4 address with a prefix length, {@code 192.168.1.1/24}; host bits are allowed (interface addresses). */
    public static boolean isIpv4Prefix(final String value) {
        if (value == null) {
            return false;
        }
        final int slash = value.indexOf('/');
        return slash > 0 && parseIpv4(value, 0, slash) >= 0 && parseLength(value, slash + 1, 32) >= 0;
    }

    /** An IPv6 address in RFC 4291 text form, without a zone. */
    public static boolean isIpv6Address(final String value) {
        return value != null && isIpv6(value, 0, value.length());
    }

    /** An IPv6 address with a prefix length, {@code 2001:db8::/32}. */
    public static boolean isIpv6Prefix(final String value) {
        if (value == null) {
            return false;
        }
        final int slash = value.indexOf('/');
        return slash > 0 && isIpv6(value, 0, slash) && parseLength(value, slash + 1, 128) >= 0;
    }

    /** An IPv4 or IPv6 address without a zone. */
    public static boolean isIpAddress(final String value) {
        return isIpv4Address(value) || isIpv6Address(value);
    }

    /** An IPv4 or IPv6 prefix. */
    public static boolean isIpPrefix(final String value) {
        return isIpv4Prefix(value) || isIpv6Prefix(value);
    }

    /** What pf accepts as a host in a table or a rule: an address or a prefix of either family. */
    public static boolean isNetworkOrAddress(final String value) {
        return isIpAddress(value) || isIpPrefix(value);
    }

    /** pf's {@code <interface>:network}, e.g. {@code vport0:network}. */
    public static boolean isInterfaceNetwork(final String value) {
        return value != null && value.endsWith(":network")
            && isInterfaceName(value.substring(0, value.length() - ":network".length()));
    }

    /** Whether an address or prefix that passed one of the checks above is IPv6. */
    public static boolean isV6(final String networkOrAddress) {
        return networkOrAddress.indexOf(':') >= 0;
    }

    /**
     * Why a description cannot be carried, or null when it can: at most 200 characters (code points, as YANG counts
     * them: a character outside the Basic Multilingual Plane is one, not two UTF-16 units) on one line, without
     * {@code " ' \ $ `} and without text that can hide its meaning: control characters (Unicode Cc: C0, DEL, the C1
     * controls), format characters (Unicode Cf: bidirectional embeddings, overrides, isolates and marks, zero-width
     * characters, the byte-order mark), line and paragraph separators, and lone surrogates. Such text is safe inside
     * double quotes in hostname.if(5) (netstart evaluates the line), in a comment of any rendered file and in the
     * router's status, and shows a reviewer what the router runs. The YANG pattern of openbsd-pbr-types
     * description-text says the same.
     */
    public static String descriptionProblem(final String value) {
        int count = 0;
        int index = 0;
        while (index < value.length()) {
            final int ch = value.codePointAt(index);
            index += Character.charCount(ch);
            count++;
            if (ch == '"' || ch == '\'' || ch == '\\' || ch == '$' || ch == '`') {
                return "a description cannot hold quotes, backslashes, '$' or '`'";
            }
            if (ch >= 0x20 && ch < 0x7f) {
                continue;
            }
            final String hidden = hiddenProblem(ch);
            if (hidden != null) {
                return hidden;
            }
        }
        return count > MAX_DESCRIPTION ? "a description has at most 200 characters, this one " + count : null;
    }

    /** Why a character outside printable ASCII cannot be in a description, or null when it is visible text. */
    private static String hiddenProblem(final int ch) {
        return switch (Character.getType(ch)) {
            case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
                "a description is one line without control characters (" + codePoint(ch) + ")";
            case Character.FORMAT -> "a description cannot hold invisible format characters such as bidirectional"
                + " overrides or zero-width characters (" + codePoint(ch) + ")";
            case Character.SURROGATE -> "a description cannot hold a lone surrogate (" + codePoint(ch) + ")";
            default -> null;
        };
    }

    /** {@code U+202E} for 0x202E. */
    private static String codePoint(final int ch) {
        final String hex = Integer.toHexString(ch).toUpperCase(java.util.Locale.ROOT);
        return "U+" + "0000".substring(Math.min(4, hex.length())) + hex;
    }

    /**
     * Whether a PPPoE user name or secret can be written single-quoted on a hostname.if(5) line: printable ASCII
     * without space, single quote or backslash.
     */
    public static boolean isPppoeWord(final String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            final char ch = value.charAt(i);
            if (ch <= ' ' || ch > '~' || ch == '\'' || ch == '\\') {
                return false;
            }
        }
        return true;
    }

    /** An OpenBSD release as the model writes it, e.g. {@code 7.8}. */
    public static boolean isRelease(final String value) {
        return value != null && value.length() == 3 && value.charAt(1) == '.'
            && isDigit(value.charAt(0)) && isDigit(value.charAt(2));
    }

    /**
     * An IPv4 address as an unsigned 32-bit value in a long, or -1 when {@code value} is not one.
     *
     * @param value a dotted quad, e.g. {@code 192.0.2.1}
     * @return the address, or -1
     */
    public static long ipv4Value(final String value) {
        return parseIpv4(value, 0, value.length());
    }

    /** The prefix length of an {@code address/length} value, or -1 when there is none. */
    public static int prefixLength(final String value) {
        final int slash = value.indexOf('/');
        return slash < 0 ? -1 : parseLength(value, slash + 1, 128);
    }

    /** The address part of an {@code address/length} value (the value itself when it has no length). */
    public static String addressPart(final String value) {
        final int slash = value.indexOf('/');
        return slash < 0 ? value : value.substring(0, slash);
    }

    // ---- checks that name the element ------------------------------------------------------------------------

    /** {@code value} when it is an interface name; else an error at {@code path}. */
    public static String checkInterfaceName(final String path, final String value) {
        if (!isInterfaceName(value)) {
            throw bad(path, value, "an interface name is a driver name and a unit number, e.g. em0, pppoe0, vport0");
        }
        return value;
    }

    /** {@code value} when it is a pf name; else an error at {@code path}. */
    public static String checkPfName(final String path, final String value) {
        final String problem = pfNameProblem(value);
        if (problem != null) {
            throw bad(path, value, problem);
        }
        return value;
    }

    /** {@code value} when it is an object name; else an error at {@code path}. */
    public static String checkObjectName(final String path, final String value) {
        if (!isObjectName(value)) {
            throw bad(path, value, "a name is lower-case letters, digits, '-' and '_', starting with a letter or digit"
                + " (1..63)");
        }
        return value;
    }

    /** {@code value}, or "" for null, when it is a description that can be carried; else an error. */
    public static String checkDescription(final String path, final String value) {
        if (value == null) {
            return "";
        }
        final String problem = descriptionProblem(value);
        if (problem != null) {
            throw new IntentException(path, problem);
        }
        return value;
    }

    /** {@code value} when it is an IPv4 address; else an error. */
    public static String checkIpv4Address(final String path, final String value) {
        if (!isIpv4Address(value)) {
            throw bad(path, value, "not an IPv4 address");
        }
        return value;
    }

    /** {@code value} when it is an IPv4 prefix; else an error. */
    public static String checkIpv4Prefix(final String path, final String value) {
        if (!isIpv4Prefix(value)) {
            throw bad(path, value, "not an IPv4 address with prefix length (a.b.c.d/n)");
        }
        return value;
    }

    /** {@code value} when it is an IPv6 address; else an error. */
    public static String checkIpv6Address(final String path, final String value) {
        if (!isIpv6Address(value)) {
            throw bad(path, value, "not an IPv6 address");
        }
        return value;
    }

    /** {@code value} when it is an IPv6 prefix; else an error. */
    public static String checkIpv6Prefix(final String path, final String value) {
        if (!isIpv6Prefix(value)) {
            throw bad(path, value, "not an IPv6 address with prefix length");
        }
        return value;
    }

    /** {@code value} when it is an IPv4 or IPv6 address; else an error. */
    public static String checkIpAddress(final String path, final String value) {
        if (!isIpAddress(value)) {
            throw bad(path, value, "not an IPv4 or IPv6 address");
        }
        return value;
    }

    /** {@code value} when it is an IPv4 or IPv6 prefix; else an error. */
    public static String checkIpPrefix(final String path, final String value) {
        if (!isIpPrefix(value)) {
            throw bad(path, value, "not an IPv4 or IPv6 prefix");
        }
        return value;
    }

    /** {@code value} when it is an address or network; else an error. */
    public static String checkNetworkOrAddress(final String path, final String value) {
        if (!isNetworkOrAddress(value)) {
            throw bad(path, value, "not an IPv4 or IPv6 address or network");
        }
        return value;
    }

    /** {@code value} when it lies in {@code min..max}; else an error. */
    public static int checkRange(final String path, final long value, final int min, final int max) {
        if (value < min || value > max) {
            throw new IntentException(path, value + " is out of range " + min + ".." + max);
        }
        return (int) value;
    }

    /** A routing domain id, 0..255. */
    public static int checkRdomain(final String path, final int value) {
        return checkRange(path, value, 0, 255);
    }

    /**
     * A transport port a rule or a daemon names, 1..65535 (openbsd-pbr-types port-number): sshd_config(5) refuses
     * {@code Port 0}, and a pf rule on port 0 matches nothing a client sends.
     */
    public static int checkPort(final String path, final int value) {
        if (value < 1 || value > 65535) {
            throw new IntentException(path, value + " is not a port (1..65535; port 0 is not one a connection can"
                + " use, and sshd refuses it)");
        }
        return value;
    }

    /** {@code values} as an immutable list, each checked by {@code check}; null is an empty list. */
    public static List<String> checkAll(final String path, final List<String> values, final Check check) {
        if (values == null) {
            return List.of();
        }
        for (String value : values) {
            check.check(path, value);
        }
        return List.copyOf(values);
    }

    /** One of the {@code check...} methods. */
    @FunctionalInterface
    public interface Check {
        /** Throws an {@link IntentException} at {@code path} when {@code value} does not fit. */
        String check(String path, String value);
    }

    /** A non-null value, else an error saying it is missing. */
    public static <T> T required(final String path, final T value) {
        if (value == null) {
            throw new IntentException(path, "missing");
        }
        return value;
    }

    /**
     * A value for an error message: quoted, at most 64 characters, and with every character that is not visible text
     * escaped (control characters as {@code \x0a}, format characters, separators and lone surrogates as
     * {@code \u202e}), so that an error never moves the text around it on a terminal or a web page. Never use it for a
     * secret.
     */
    public static String show(final String value) {
        if (value == null) {
            return "nothing";
        }
        final StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
        int shown = 0;
        int index = 0;
        while (index < value.length() && shown < 64) {
            final int ch = value.codePointAt(index);
            index += Character.charCount(ch);
            shown++;
            if (ch < 0x20 || ch == 0x7f) {
                sb.append("\\x").append(Character.forDigit(ch >> 4, 16)).append(Character.forDigit(ch & 0xf, 16));
            } else if (ch >= 0x80 && hiddenProblem(ch) != null) {
                sb.append("\\u").append(codePoint(ch).substring(2).toLowerCase(java.util.Locale.ROOT));
            } else {
                sb.appendCodePoint(ch);
            }
        }
        if (index < value.length()) {
            sb.append("...");
        }
        return sb.append('\'').toString();
    }

    private static IntentException bad(final String path, final String value, final String why) {
        return new IntentException(path, show(value) + ": " + why);
    }

    // ---- parsing ---------------------------------------------------------------------------------------------

    private static boolean isDigit(final char ch) {
        return ch >= '0' && ch <= '9';
    }

    private static int leading(final String value, final char low, final char high) {
        return leadingFrom(value, 0, low, high);
    }

    private static int leadingFrom(final String value, final int from, final char low, final char high) {
        int index = from;
        while (index < value.length() && value.charAt(index) >= low && value.charAt(index) <= high) {
            index++;
        }
        return index;
    }

    /** A prefix length 0..max in value[from..], or -1. */
    private static int parseLength(final String value, final int from, final int max) {
        final int len = value.length() - from;
        if (len < 1 || len > 3 || len > 1 && value.charAt(from) == '0') {
            return -1;
        }
        int result = 0;
        for (int i = from; i < value.length(); i++) {
            final char ch = value.charAt(i);
            if (!isDigit(ch)) {
                return -1;
            }
            result = result * 10 + ch - '0';
        }
        return result <= max ? result : -1;
    }

    /** The IPv4 address in value[from..to) as an unsigned value, or -1. */
    private static long parseIpv4(final String value, final int from, final int to) {
        long result = 0;
        int octets = 0;
        int index = from;
        while (octets < 4) {
            final int start = index;
            int octet = 0;
            while (index < to && isDigit(value.charAt(index)) && index - start < 3) {
                octet = octet * 10 + value.charAt(index) - '0';
                index++;
            }
            final int digits = index - start;
            if (digits == 0 || octet > 255 || digits > 1 && value.charAt(start) == '0') {
                return -1;
            }
            result = result << 8 | octet;
            octets++;
            if (octets < 4) {
                if (index >= to || value.charAt(index) != '.') {
                    return -1;
                }
                index++;
            }
        }
        return index == to ? result : -1;
    }

    /** Whether value[from..to) is an IPv6 address: hex groups, at most one "::", an optional IPv4 tail. */
    private static boolean isIpv6(final String value, final int from, final int to) {
        if (to - from < 2 || to - from > 45) {
            return false;
        }
        int groups = 0;
        boolean compressed = false;
        int index = from;
        if (value.startsWith("::", from)) {
            compressed = true;
            index += 2;
            if (index == to) {
                return true;
            }
        } else if (value.charAt(from) == ':') {
            return false;
        }
        while (index < to) {
            final int start = index;
            while (index < to && index - start < 5 && isHex(value.charAt(index))) {
                index++;
            }
            final int digits = index - start;
            if (index < to && value.charAt(index) == '.') {
                // an IPv4 tail takes the last two groups
                return groups <= (compressed ? 5 : 6) && (compressed || groups == 6)
                    && parseIpv4(value, start, to) >= 0;
            }
            if (digits == 0 || digits > 4) {
                return false;
            }
            groups++;
            if (index == to) {
                break;
            }
            if (value.charAt(index) != ':') {
                return false;
            }
            index++;
            if (index < to && value.charAt(index) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                index++;
                if (index == to) {
                    break;
                }
            } else if (index == to) {
                // a trailing single ':'
                return false;
            }
        }
        return compressed ? groups <= 7 : groups == 8;
    }

    private static boolean isHex(final char ch) {
        return ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f' || ch >= 'A' && ch <= 'F';
    }
}
