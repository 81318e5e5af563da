/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.importer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.files.LineBlock;
import org.opendaylight.openbsdpbr.api.intent.DnsResolver;
import org.opendaylight.openbsdpbr.api.intent.IntentException;
import org.opendaylight.openbsdpbr.api.intent.Sshd;
import org.opendaylight.openbsdpbr.api.intent.Syntax;
import org.opendaylight.openbsdpbr.impl.render.Renderer;

/**
 * The daemons' files: sshd_config(5) to {@code sshd}, rc.conf.local(8) and unwind.conf(5) to {@code dns-resolver}.
 *
 * <p>sshd_config: {@code Port}, {@code ListenAddress ADDRESS [rdomain N]}, {@code PermitRootLogin} ({@code no},
 * {@code prohibit-password} and its old name {@code without-password}) and {@code PasswordAuthentication} map to
 * leaves; a line equal to one of the renderer's hardened base lines is that base; everything else (and every line of
 * a {@code Match} block) is unmapped. Where the file is silent the import takes sshd's own default, not the
 * intent's: {@code PasswordAuthentication} is {@code yes} in sshd, so a router whose sshd_config does not say
 * {@code no} imports with password authentication on (said in the notes), which is what it does today.
 *
 * <p>rc.conf.local: {@code unwind_flags=} (unwind enabled with its default flags) and {@code unwind_rtable=N}; the
 * file is shared (openbsd-pbr owns one block of lines), so the admin's other lines stay and are only counted in the
 * notes. unwind.conf: {@code forwarder { A B }}
 * with plain addresses. unwind counts as the intent's dns-resolver when rc.conf.local enables it or gives it an
 * rtable, or unwind.conf names forwarders.
 */
final class ServiceFiles {
    private ServiceFiles() {
        // utility
    }

    /** Reads sshd_config into {@code sshd}. */
    static Sshd sshd(final String path, final String text, final List<Unmapped> unmapped, final List<String> notes) {
        final Set<String> base = new HashSet<>(Renderer.SSHD_BASE_LINES);
        final List<Sshd.Listen> listeners = new ArrayList<>();
        int port = Sshd.DEFAULT_PORT;
        Boolean password = null;
        Sshd.PermitRootLogin root = null;
        boolean inMatch = false;
        for (Lines.Line line : Lines.logical(path, text)) {
            final String content = line.text().strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            final List<String> words = Lines.words(content);
            final String keyword = words.get(0).toLowerCase(Locale.ROOT);
            if ("match".equals(keyword)) {
                inMatch = true;
            }
            if (inMatch) {
                unmapped.add(new Unmapped(path, line.number(), content, "a Match block: the intent has no"
                    + " conditional sshd settings"));
                continue;
            }
            String why = null;
            switch (keyword) {
                case "port" -> {
                    if (words.size() == 2 && words.get(1).matches("[0-9]{1,5}")
                            && Integer.parseInt(words.get(1)) >= 1 && Integer.parseInt(words.get(1)) <= 65535) {
                        port = Integer.parseInt(words.get(1));
                    } else {
                        why = "sshd listens on one port in the intent";
                    }
                }
                case "listenaddress" -> why = listen(words, listeners);
                case "permitrootlogin" -> {
                    final String value = words.size() == 2 ? words.get(1) : "";
                    switch (value) {
                        case "no" -> root = Sshd.PermitRootLogin.NO;
                        case "prohibit-password", "without-password" -> root = Sshd.PermitRootLogin.PROHIBIT_PASSWORD;
                        default -> why = "PermitRootLogin is 'no' or 'prohibit-password' in the intent";
                    }
                }
                case "passwordauthentication" -> {
                    final String value = words.size() == 2 ? words.get(1) : "";
                    if ("yes".equals(value) || "no".equals(value)) {
                        password = "yes".equals(value);
                    } else {
                        why = "PasswordAuthentication is yes or no";
                    }
                }
                default -> {
                    if (!base.contains(String.join(" ", words))) {
                        why = "an sshd option with no intent leaf; the rendering writes its hardened base instead";
                    }
                }
            }
            if (why != null) {
                unmapped.add(new Unmapped(path, line.number(), content, why));
            }
        }
        if (password == null) {
            notes.add(path + " does not set PasswordAuthentication: sshd's default (yes) was imported");
        }
        try {
            return new Sshd(listeners, port, password == null || password, root);
        } catch (IntentException e) {
            unmapped.add(new Unmapped(path, 0, "ListenAddress", e.getMessage()));
            return new Sshd(List.of(), port, password == null || password, root);
        }
    }

    private static @Nullable String listen(final List<String> words, final List<Sshd.Listen> listeners) {
        final int rdomain;
        if (words.size() == 2) {
            rdomain = 0;
        } else if (words.size() == 4 && "rdomain".equals(words.get(2)) && words.get(3).matches("[0-9]{1,3}")
                && Integer.parseInt(words.get(3)) <= 255) {
            rdomain = Integer.parseInt(words.get(3));
        } else {
            return "a listener is an address and an optional rdomain in the intent";
        }
        final String address = words.get(1);
        if (!Syntax.isIpAddress(address)) {
            return "a listener with a port or a host name: the intent has an address and the one sshd port";
        }
        final Sshd.Listen listen = new Sshd.Listen(address, rdomain);
        if (listeners.contains(listen)) {
            return "the same listener twice";
        }
        listeners.add(listen);
        return null;
    }

    /** What rc.conf.local says about unwind. */
    record Unwind(boolean enabled, boolean mentioned, int rtable) {
        // unwind_flags and unwind_rtable
    }

    static Unwind rcConfLocal(final String path, final String text, final List<Unmapped> unmapped,
            final List<String> notes) {
        int kept = 0;
        boolean enabled = false;
        boolean mentioned = false;
        int rtable = 0;
        for (Lines.Line line : Lines.logical(path, text)) {
            final String content = line.text().strip();
            if (content.isEmpty() || content.startsWith("#") || LineBlock.MANAGED.isMarker(content)) {
                continue;
            }
            if ("unwind_flags=".equals(content) || "unwind_flags=\"\"".equals(content)) {
                enabled = true;
                mentioned = true;
            } else if ("unwind_flags=NO".equals(content)) {
                enabled = false;
                mentioned = true;
            } else if (content.matches("unwind_rtable=[0-9]{1,3}") && Integer.parseInt(content.substring(14)) <= 255) {
                rtable = Integer.parseInt(content.substring(14));
                mentioned = true;
            } else if (content.startsWith("unwind_")) {
                unmapped.add(new Unmapped(path, line.number(), content, "unwind with flags or settings the intent"
                    + " does not carry"));
            } else {
                kept++;
            }
        }
        if (kept > 0) {
            notes.add(path + ": " + kept + " lines outside openbsd-pbr's block of lines stay as they are");
        }
        return new Unwind(enabled, mentioned, rtable);
    }

    /** The forwarders of unwind.conf. */
    static List<String> unwindForwarders(final String path, final String text, final List<Unmapped> unmapped) {
        final List<String> forwarders = new ArrayList<>();
        for (Lines.Line line : Lines.logical(path, text)) {
            final String content = line.text().strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            final List<String> words = List.of(content.replace("{", " { ").replace("}", " } ").strip()
                .split("\\s+"));
            boolean ok = words.size() >= 3 && "forwarder".equals(words.get(0)) && "{".equals(words.get(1))
                && "}".equals(words.get(words.size() - 1));
            if (ok) {
                for (String word : words.subList(2, words.size() - 1)) {
                    ok &= Syntax.isIpAddress(word);
                }
            }
            if (ok) {
                forwarders.addAll(words.subList(2, words.size() - 1));
            } else {
                unmapped.add(new Unmapped(path, line.number(), content, "only plain forwarder addresses map to the"
                    + " intent (no ports, DoT, preferences, blocklists or forced zones)"));
            }
        }
        return forwarders;
    }

    /** The dns-resolver, or null when unwind is neither enabled, given an rtable, nor configured. */
    static @Nullable DnsResolver resolver(final @Nullable Unwind unwind, final @Nullable List<String> forwarders,
            final List<String> notes) {
        final boolean mentioned = unwind != null && unwind.mentioned();
        if (!mentioned && (forwarders == null || forwarders.isEmpty())) {
            return null;
        }
        if (unwind == null || !unwind.enabled()) {
            notes.add("unwind is configured but not enabled at boot (no unwind_flags= in /etc/rc.conf.local): the"
                + " imported dns-resolver enables it");
        }
        return new DnsResolver(unwind == null ? 0 : unwind.rtable(), forwarders, false);
    }
}
