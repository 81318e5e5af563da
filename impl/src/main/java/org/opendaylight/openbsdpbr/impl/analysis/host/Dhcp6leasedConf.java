/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opendaylight.openbsdpbr.impl.analysis.source.ModelException;
import org.opendaylight.openbsdpbr.impl.analysis.source.SourceLine;

/**
 * What the flow analysis needs of {@code /etc/dhcp6leased.conf} (dhcp6leased.conf(5)): which interfaces get a part of
 * a delegated prefix, and through which upstream interface. Their IPv6 address is dynamic: dhcp6leased configures it
 * when the ISP delegates the prefix, so the flow engine reasons with it only when the question assumes it, as for
 * PPP, DHCP and SLAAC addresses.
 *
 * <p>Read: comments, {@code request rapid commit} and {@code request prefix delegation on IF for { NAME[/LEN] ... }}
 * on one line, as openbsd-pbr writes it ({@code reserve} keeps a part unassigned). Anything else is outside what the
 * analysis reads and is refused naming file and line.
 *
 * @param assigned the upstream interface each assigned interface's part comes through, by interface name
 * @param lines where each assignment is written, by interface name
 */
public record Dhcp6leasedConf(Map<String, String> assigned, Map<String, SourceLine> lines) {
    /** The path. */
    public static final String PATH = "/etc/dhcp6leased.conf";
    /** No dhcp6leased.conf: no prefix delegation. */
    public static final Dhcp6leasedConf NONE = new Dhcp6leasedConf(Map.of(), Map.of());

    private static final String REQUEST = "request prefix delegation on ";
    private static final String RESERVE = "reserve";

    public Dhcp6leasedConf {
        assigned = Map.copyOf(assigned);
        lines = Map.copyOf(lines);
    }

    /** Parses the file's text. */
    public static Dhcp6leasedConf parse(final String file, final String text) {
        final Map<String, String> assigned = new LinkedHashMap<>();
        final Map<String, SourceLine> lines = new LinkedHashMap<>();
        final String[] all = text.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            final int hash = all[i].indexOf('#');
            final String line = (hash < 0 ? all[i] : all[i].substring(0, hash)).strip();
            if (line.isEmpty() || "request rapid commit".equals(line)) {
                continue;
            }
            final int open = line.indexOf(" for {");
            if (!line.startsWith(REQUEST) || open < 0 || !line.endsWith("}")) {
                throw new ModelException(file, i + 1, "not a line the analysis reads: " + line);
            }
            final String upstream = line.substring(REQUEST.length(), open).strip();
            final List<String> targets = new ArrayList<>();
            for (String word : line.substring(open + " for {".length(), line.length() - 1).strip().split("\\s+")) {
                final int slash = word.indexOf('/');
                final String name = slash < 0 ? word : word.substring(0, slash);
                if (!name.isEmpty() && !RESERVE.equals(name)) {
                    targets.add(name);
                }
            }
            for (String target : targets) {
                assigned.put(target, upstream);
                lines.put(target, new SourceLine(file, i + 1, all[i].strip()));
            }
        }
        return new Dhcp6leasedConf(assigned, lines);
    }
}
