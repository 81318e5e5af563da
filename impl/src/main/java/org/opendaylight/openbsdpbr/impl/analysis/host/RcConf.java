/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.host;

import java.util.HashMap;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.impl.analysis.source.SourceLine;

/**
 * The daemon settings of {@code /etc/rc.conf.local} (rc.conf(8), rc.subr(8)) that decide where the router's own
 * services listen: whether unwind and sshd run, and in which routing table ({@code unwind_rtable=1}). Values follow
 * OpenBSD's rc.conf defaults when a line is absent: unwind off, sshd on, both in rtable 0.
 *
 * @param values the assignments, by variable
 * @param lines where each is set
 */
public record RcConf(Map<String, String> values, Map<String, SourceLine> lines) {
    /** The path. */
    public static final String PATH = "/etc/rc.conf.local";
    /** No rc.conf.local: OpenBSD's defaults. */
    public static final RcConf DEFAULT = new RcConf(Map.of(), Map.of());

    public RcConf {
        values = Map.copyOf(values);
        lines = Map.copyOf(lines);
    }

    /** Reads {@code NAME=VALUE} lines; other lines (comments, shell) are ignored. */
    public static RcConf parse(final String path, final String content) {
        final Map<String, String> values = new HashMap<>();
        final Map<String, SourceLine> lines = new HashMap<>();
        final String[] raw = content.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            final String text = raw[i].trim();
            final int equals = text.indexOf('=');
            if (text.startsWith("#") || equals <= 0 || !text.substring(0, equals).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                continue;
            }
            String value = text.substring(equals + 1).trim();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            values.put(text.substring(0, equals), value);
            lines.put(text.substring(0, equals), new SourceLine(path, i + 1, text));
        }
        return new RcConf(values, lines);
    }

    /** Whether a daemon runs: its {@code _flags} is set and not NO; absent means OpenBSD's default. */
    public boolean enabled(final String daemon, final boolean byDefault) {
        final String flags = values.get(daemon + "_flags");
        return flags == null ? byDefault : !"NO".equals(flags);
    }

    /** A daemon's routing table ({@code daemon_rtable}), 0 by default. */
    public int rtable(final String daemon) {
        final String value = values.get(daemon + "_rtable");
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The line that sets a variable, or null. */
    public @Nullable SourceLine line(final String variable) {
        return lines.get(variable);
    }
}
