/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.importer;

import java.util.List;
import java.util.Map;

/**
 * Why a pf.conf statement has no intent counterpart, in the operator's words: the first construct of the statement
 * that the intent cannot say, else what kind of statement it is.
 */
final class PfWhy {
    /** Constructs, in the order they are looked for, and what to say about each. */
    private static final List<Map.Entry<String, String>> CONSTRUCTS = List.of(
        Map.entry(" route-to ", "route-to forwards to a next hop: the intent routes by rtable (via-uplink or"
            + " via-rdomain)"),
        Map.entry(" reply-to ", "reply-to forces the return path: the intent has no counterpart"),
        Map.entry(" dup-to ", "dup-to copies packets: the intent has no counterpart"),
        Map.entry(" af-to ", "af-to translates between families: the intent has no counterpart"),
        Map.entry(" rdr-to ", "rdr-to forwards ports to inside hosts: the intent has no counterpart"),
        Map.entry(" binat-to ", "binat-to: the intent's NAT is outbound to the uplink's address only"),
        Map.entry(" divert-", "divert-to/divert-packet hand packets to a daemon: the intent has no counterpart"),
        Map.entry(" tag ", "tags: the intent has no counterpart"),
        Map.entry(" tagged ", "tags: the intent has no counterpart"),
        Map.entry(" queue ", "queueing: the intent has no counterpart"),
        Map.entry(" user ", "rules by local user: the intent has no counterpart"),
        Map.entry(" group ", "rules by local group: the intent has no counterpart"),
        Map.entry(" label ", "labels: the intent has no counterpart"),
        Map.entry(" quick", "a quick rule: the intent's rules are ordered, last match wins, without quick"),
        Map.entry(" log", "logging: the intent has no counterpart"),
        Map.entry(" synproxy ", "synproxy: the intent has no counterpart"),
        Map.entry(" set prio", "priorities: the intent has no counterpart"),
        Map.entry(" max-src-", "source tracking limits: the intent has no counterpart"));

    private PfWhy() {
        // utility
    }

    static String of(final String canonical) {
        final String text = " " + canonical + " ";
        if (text.startsWith(" anchor ") || text.startsWith(" load anchor ")) {
            return "an anchor openbsd-pbr did not write: its rules are not imported";
        }
        if (text.startsWith(" set ")) {
            return "a pf option with no intent counterpart (the rendering writes only 'set skip on lo')";
        }
        if (text.startsWith(" antispoof ")) {
            return "antispoof: the intent has no counterpart";
        }
        if (text.startsWith(" table ")) {
            return "a table with entries the intent cannot carry (files, negations, interfaces)";
        }
        for (Map.Entry<String, String> construct : CONSTRUCTS) {
            if (text.contains(construct.getKey())) {
                return construct.getValue();
            }
        }
        if (text.startsWith(" match ") && text.contains(" nat-to ")) {
            return "NAT other than an uplink's outbound NAT to its own address for every destination but the"
                + " martians";
        }
        if (text.startsWith(" match ") && text.contains(" scrub ")) {
            return "normalization other than an uplink's (no-df random-id max-mss N)";
        }
        if (text.startsWith(" pass in ") && text.contains(" rtable ")) {
            return "a policy route in a form the intent cannot say (ingress on an uplink, several interfaces,"
                + " address ranges, port operators)";
        }
        if (text.startsWith(" pass in ")) {
            return "an inbound pass rule that is neither an inbound service of an uplink (to its address, one port)"
                + " nor a policy route";
        }
        if (text.startsWith(" block ")) {
            return "a block rule other than the default-deny the rendering writes on interfaces facing an ISP";
        }
        return "a rule the intent has no counterpart for";
    }
}
