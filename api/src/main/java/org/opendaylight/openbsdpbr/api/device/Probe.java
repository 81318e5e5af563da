/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.device;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An operator probe a router runs for a rollout's health gate (YANG {@code rollouts/rollout/probe}): the router pings
 * a literal address from one of its routing domains, as {@code ping -n -c COUNT -w 1 -V RDOMAIN ADDRESS}
 * ({@code ping6} for an IPv6 address), and passes when an echo request is answered (ping's own verdict).
 *
 * <p>Why a vocabulary and not a command line: whoever may write a rollout over RESTCONF would otherwise run any
 * command as root on every router of the fleet. A probe is three numbers and an address; nothing is resolved (no
 * name reaches DNS), nothing reaches a shell, and the router-side script checks the same pattern ({@link #LINE},
 * its {@code PROBE_RE}; a test compares them) before it runs anything. The count and the wait are bounded, so a probe
 * takes at most about ten seconds.
 *
 * @param name the operator's name for it (status and errors say it)
 * @param rdomain the routing domain (table) the echo requests leave from: {@code ping -V}, 0 to 255
 * @param count echo requests sent, 1 to 10
 * @param address the destination: a literal IPv4 or IPv6 address
 */
public record Probe(String name, int rdomain, int count, String address) {
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    private static final String IPV4 = "(" + OCTET + "\\.){3}" + OCTET;
    private static final String IPV6 = "[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}";

    /**
     * A probe's arguments as the script gets them, one line ({@code ping RDOMAIN COUNT ADDRESS}): the pattern the
     * router-side script checks too (its {@code PROBE_RE}, in POSIX extended syntax).
     */
    public static final String LINE = "ping " + OCTET + " ([1-9]|10) (" + IPV4 + "|" + IPV6 + ")";
    private static final Pattern LINE_PATTERN = Pattern.compile(LINE);

    public Probe {
        requireNonNull(name, "name");
        requireNonNull(address, "address");
        if (rdomain < 0 || rdomain > 255) {
            throw new IllegalArgumentException("probe[" + name + "]/ping/rdomain: 0 to 255, not " + rdomain);
        }
        if (count < 1 || count > 10) {
            throw new IllegalArgumentException("probe[" + name + "]/ping/count: 1 to 10, not " + count);
        }
        if (!LINE_PATTERN.matcher("ping " + rdomain + " " + count + " " + address).matches()) {
            throw new IllegalArgumentException("probe[" + name + "]/ping/destination: a literal IPv4 or IPv6 address, "
                + "not " + address);
        }
    }

    /** The subcommand's arguments: {@code ping RDOMAIN COUNT ADDRESS}. */
    public List<String> words() {
        return List.of("ping", Integer.toString(rdomain), Integer.toString(count), address);
    }

    /** Whether a line is a probe's arguments the script accepts. */
    public static boolean isProbeLine(final String line) {
        return LINE_PATTERN.matcher(line).matches();
    }

    @Override
    public String toString() {
        return name + " (ping -V " + rdomain + " -c " + count + " " + address + ")";
    }
}
