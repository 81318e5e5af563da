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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opendaylight.openbsdpbr.api.plan.PlanStep;
import org.opendaylight.openbsdpbr.api.plan.PlanVocabulary;

/**
 * What a lab router's tools say about files, standing in for the OpenBSD tools the agent runs: {@code pfctl -nf}
 * (with the anchors pf.conf loads), {@code pfctl -a ANCHOR -nf}, {@code sshd -t -f}, {@code unwind -n -f},
 * {@code ifstated -n -f}, {@code rad -n -f}, {@code dhcp6leased -n -f} and {@code netstart -n}, and the
 * {@code pfctl -f} of a plan.
 *
 * <p>Two layers. The first is shared with the stand-ins for these tools that the real-sshd tests and benchmark put on
 * the sandbox's PATH ({@code tools/realssh/StubTools}): a line containing {@link #BAD} is a syntax error, reported in
 * the tool's own words ({@code /etc/pf.conf:12: syntax error}), a file that a {@code load anchor} line names must
 * exist, and a ruleset containing {@link #FAIL_LOAD} fails to load. The conformance suite runs these cases against
 * both. The second layer is the lab's own, for end-to-end realism: every interface pf.conf names has a hostname file
 * (in the candidate, or unmanaged on the router) or is a base interface; pf.conf lines start with a pf keyword or a
 * macro, quotes, braces and parentheses balance; hostname files have balanced quotes; sshd_config lines have a keyword
 * and a value; the braces of unwind.conf, ifstated.conf, rad.conf and dhcp6leased.conf balance.
 */
public final class LabValidator {
    /** The word that makes every simulated OpenBSD tool refuse the line that holds it. */
    public static final String BAD = "syntax-error";
    /** The word that makes a simulated {@code pfctl -f} fail to load the ruleset that holds it. */
    public static final String FAIL_LOAD = "fail-load";
    /** What a simulated {@code pfctl -f} prints when it fails. */
    public static final String LOAD_ERROR = "pfctl: DIOCADDRULE: Invalid argument";
    /** What a simulated tar prints when the disk is full. */
    public static final String DISK_FULL = "tar: write error: No space left on device";

    private static final Pattern INTERFACE = Pattern.compile("[a-z]{1,10}[0-9]{1,4}");
    private static final Pattern ON_INTERFACE = Pattern.compile("\\bon\\s+!?\\s*([a-z]{1,10}[0-9]{1,4})\\b");
    private static final Pattern DYNAMIC = Pattern.compile("\\(([a-z]{1,10}[0-9]{1,4})(:[a-z0-9]+)?\\)");
    private static final Pattern NETWORK = Pattern.compile("\\b([a-z]{1,10}[0-9]{1,4}):(network|broadcast|peer)\\b");
    private static final Pattern MACRO = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\s*=.*");
    private static final Pattern LOAD_ANCHOR = Pattern.compile(
        "\\s*load\\s+anchor\\s+(\\S+)\\s+from\\s+(\\S+).*");
    private static final Set<String> PF_KEYWORDS = Set.of("table", "set", "match", "pass", "block", "anchor",
        "antispoof", "include", "load", "queue", "}", "{");
    private static final Pattern SSHD_LINE = Pattern.compile("[A-Za-z][A-Za-z0-9]*\\s+\\S.*");
    private static final String ANCHORS = PlanVocabulary.ANCHOR_DIR;
    private static final List<String> DAEMON_FILES = List.of("/etc/unwind.conf", "/etc/ifstated.conf",
        "/etc/rad.conf", "/etc/dhcp6leased.conf");

    private LabValidator() {
        // utility
    }

    /**
     * The messages of every failed check, in the order the agent runs them: pf.conf (and the anchors it loads),
     * each anchor file, sshd_config, unwind.conf, ifstated.conf, rad.conf, dhcp6leased.conf, the on-disk blocks of
     * lines the agent found damaged ({@code blockProblems}), the hostname files; empty when the candidate passes.
     */
    static List<String> check(final Map<String, byte[]> files, final List<String> blockProblems,
            final Set<String> unmanagedInterfaces) {
        final var texts = new TreeMap<String, String>();
        files.forEach((path, content) -> texts.put(path, new String(content, StandardCharsets.UTF_8)));
        final var interfaces = new HashSet<>(unmanagedInterfaces);
        for (String path : texts.keySet()) {
            if (path.startsWith("/etc/hostname.")) {
                interfaces.add(path.substring("/etc/hostname.".length()));
            }
        }
        final var messages = new ArrayList<String>();
        final String pf = texts.get("/etc/pf.conf");
        if (pf != null) {
            final List<String> main = marked("/etc/pf.conf", pf);
            checkPf(pf, interfaces, main);
            messages.addAll(main);
            if (main.isEmpty()) {
                // pfctl -n goes on to the files of "load anchor" lines (the candidate's, as the agent points them)
                for (String line : pf.split("\n")) {
                    final Matcher load = LOAD_ANCHOR.matcher(line);
                    if (load.matches()) {
                        final String path = unquote(load.group(2));
                        final String anchor = texts.get(path);
                        if (anchor == null) {
                            messages.add("pfctl: " + path + ": No such file or directory");
                        } else {
                            messages.addAll(marked(path, anchor));
                        }
                    }
                }
            }
        }
        texts.forEach((path, text) -> {
            if (path.startsWith(ANCHORS) && path.indexOf('/', ANCHORS.length()) < 0) {
                messages.addAll(marked(path, text));
            }
        });
        final String sshd = texts.get("/etc/ssh/sshd_config");
        if (sshd != null) {
            messages.addAll(sshdMessages(sshd));
        }
        for (String path : DAEMON_FILES) {
            final String text = texts.get(path);
            if (text != null) {
                final List<String> found = marked(path, text);
                if (count(text, '{') != count(text, '}')) {
                    found.add(path + ":" + text.split("\n").length + ": syntax error");
                }
                messages.addAll(found);
            }
        }
        messages.addAll(blockProblems);
        texts.forEach((path, text) -> {
            if (path.startsWith("/etc/hostname.")) {
                checkHostname(path, text, messages);
            }
        });
        return messages;
    }

    /**
     * What a plan step's command prints when it fails on files as they are after the switch (read through
     * {@code files}), as the stand-in tools do: a {@code pfctl -f} of a ruleset holding {@link #FAIL_LOAD}.
     */
    static Optional<String> runFailure(final PlanStep step, final Function<String, Optional<String>> files) {
        final String path = switch (step) {
            case PlanStep.LoadPf load -> "/etc/pf.conf";
            case PlanStep.LoadAnchor anchor -> anchor.path();
            default -> null;
        };
        if (path == null) {
            return Optional.empty();
        }
        return files.apply(path).filter(text -> text.contains(FAIL_LOAD)).map(text -> LOAD_ERROR);
    }

    /** Whether a tool's message says the disk is full (the agent then answers disk-full). */
    static boolean isDiskFull(final String message) {
        return message.contains("No space left") || message.contains("file system full")
            || message.contains("Disc quota");
    }

    /** {@code PATH:LINE: syntax error} for every line holding {@link #BAD}. */
    private static List<String> marked(final String path, final String text) {
        final var result = new ArrayList<String>();
        final String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(BAD)) {
                result.add(path + ":" + (i + 1) + ": syntax error");
            }
        }
        return result;
    }

    private static List<String> sshdMessages(final String text) {
        final String path = "/etc/ssh/sshd_config";
        final var result = new ArrayList<String>();
        final String[] lines = text.split("\n", -1);
        int bad = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(BAD)) {
                result.add(path + ": line " + (i + 1) + ": Bad configuration option: " + BAD);
                bad++;
            }
        }
        if (bad > 0) {
            result.add(path + ": terminating, " + bad + " bad configuration options");
            return result;
        }
        for (int i = 0; i < lines.length; i++) {
            final String line = stripComment(lines[i]).trim();
            if (!line.isEmpty() && !SSHD_LINE.matcher(line).matches()) {
                result.add(path + " line " + (i + 1) + ": missing argument.");
            }
        }
        return result;
    }

    private static void checkPf(final String text, final Set<String> interfaces, final List<String> messages) {
        final String[] lines = text.split("\n", -1);
        boolean continued = false;
        int depth = 0;
        for (int i = 0; i < lines.length; i++) {
            final String line = stripComment(lines[i]);
            final String trimmed = line.trim();
            final int number = i + 1;
            if (!trimmed.isEmpty() && !continued && depth == 0 && !startsLikePf(trimmed)
                    && !lines[i].contains(BAD)) {
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

    private static String unquote(final String word) {
        return word.replace("\"", "").replace("'", "");
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
