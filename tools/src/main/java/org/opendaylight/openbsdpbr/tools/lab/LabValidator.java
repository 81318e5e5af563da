/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.lab;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opendaylight.openbsdpbr.impl.ssh.CandidateArchive;

/**
 * What a lab router can check of a candidate, standing in for {@code pfctl -nf}, {@code sshd -t}, {@code unwind -n}
 * and {@code netstart -n}: every interface pf.conf names has a hostname file (in the candidate, or unmanaged on the
 * router) or is a base interface; pf.conf lines start with a pf keyword or a macro, quotes, braces and parentheses
 * balance; hostname files have balanced quotes; sshd_config lines have a keyword and a value; unwind.conf braces
 * balance. Messages look like the real tools' ({@code /etc/pf.conf:12: syntax error}).
 */
final class LabValidator {
    private static final Pattern INTERFACE = Pattern.compile("[a-z]{1,10}[0-9]{1,4}");
    private static final Pattern ON_INTERFACE = Pattern.compile("\\bon\\s+!?\\s*([a-z]{1,10}[0-9]{1,4})\\b");
    private static final Pattern DYNAMIC = Pattern.compile("\\(([a-z]{1,10}[0-9]{1,4})(:[a-z0-9]+)?\\)");
    private static final Pattern NETWORK = Pattern.compile("\\b([a-z]{1,10}[0-9]{1,4}):(network|broadcast|peer)\\b");
    private static final Pattern MACRO = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\s*=.*");
    private static final Set<String> PF_KEYWORDS = Set.of("table", "set", "match", "pass", "block", "anchor",
        "antispoof", "include", "load", "queue", "}", "{");
    private static final Pattern SSHD_LINE = Pattern.compile("[A-Za-z][A-Za-z0-9]*\\s+\\S.*");

    private LabValidator() {
        // utility
    }

    /** The messages of every failed check; empty when the candidate passes. */
    static List<String> check(final CandidateArchive.Contents candidate, final Set<String> unmanagedInterfaces) {
        final Map<String, byte[]> files = candidate.files();
        final var interfaces = new HashSet<>(unmanagedInterfaces);
        for (String path : files.keySet()) {
            if (path.startsWith("/etc/hostname.")) {
                interfaces.add(path.substring("/etc/hostname.".length()));
            }
        }
        final var messages = new ArrayList<String>();
        files.forEach((path, content) -> {
            final String text = new String(content, StandardCharsets.UTF_8);
            if ("/etc/pf.conf".equals(path)) {
                checkPf(text, interfaces, messages);
            } else if (path.startsWith("/etc/hostname.")) {
                checkHostname(path, text, messages);
            } else if ("/etc/ssh/sshd_config".equals(path)) {
                checkSshd(text, messages);
            } else if ("/etc/unwind.conf".equals(path)) {
                checkBraces(path, text, messages);
            }
        });
        return messages;
    }

    private static void checkPf(final String text, final Set<String> interfaces, final List<String> messages) {
        final String[] lines = text.split("\n", -1);
        boolean continued = false;
        int depth = 0;
        for (int i = 0; i < lines.length; i++) {
            final String line = stripComment(lines[i]);
            final String trimmed = line.trim();
            final int number = i + 1;
            if (!trimmed.isEmpty() && !continued && depth == 0 && !startsLikePf(trimmed)) {
                messages.add("/etc/pf.conf:" + number + ": syntax error");
            }
            if (count(line, '"') % 2 != 0) {
                messages.add("/etc/pf.conf:" + number + ": unterminated quoted string");
            }
            depth += count(line, '{') - count(line, '}');
            continued = trimmed.endsWith("\\");
            for (Pattern pattern : List.of(ON_INTERFACE, DYNAMIC, NETWORK)) {
                final Matcher matcher = pattern.matcher(line);
                while (matcher.find()) {
                    final String name = matcher.group(1);
                    if (INTERFACE.matcher(name).matches() && !interfaces.contains(name)) {
                        messages.add("/etc/pf.conf:" + number + ": interface " + name + " does not exist "
                            + "(no /etc/hostname." + name + ")");
                    }
                }
            }
        }
        if (depth != 0) {
            messages.add("/etc/pf.conf:" + lines.length + ": syntax error (unbalanced braces)");
        }
        if (count(text, '(') != count(text, ')')) {
            messages.add("/etc/pf.conf: syntax error (unbalanced parentheses)");
        }
    }

    private static boolean startsLikePf(final String line) {
        final String first = line.split("\\s+")[0];
        return PF_KEYWORDS.contains(first) || MACRO.matcher(line).matches() || line.startsWith("}");
    }

    private static void checkHostname(final String path, final String text, final List<String> messages) {
        final String name = path.substring("/etc/hostname.".length());
        if (!INTERFACE.matcher(name).matches()) {
            messages.add("netstart: " + path + ": not an interface name");
        }
        final String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (count(lines[i], '\'') % 2 != 0 || count(lines[i], '"') % 2 != 0) {
                messages.add("netstart: " + path + ": line " + (i + 1) + ": unterminated quoted string");
            }
        }
    }

    private static void checkSshd(final String text, final List<String> messages) {
        final String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            final String line = stripComment(lines[i]).trim();
            if (!line.isEmpty() && !SSHD_LINE.matcher(line).matches()) {
                messages.add("/etc/ssh/sshd_config line " + (i + 1) + ": missing argument.");
            }
        }
    }

    private static void checkBraces(final String path, final String text, final List<String> messages) {
        if (count(text, '{') != count(text, '}')) {
            messages.add(path + ":" + text.split("\n").length + ": syntax error");
        }
    }

    private static String stripComment(final String line) {
        final int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static int count(final String text, final char wanted) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == wanted) {
                count++;
            }
        }
        return count;
    }
}
