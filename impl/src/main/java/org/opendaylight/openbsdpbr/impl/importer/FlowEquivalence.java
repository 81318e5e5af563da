/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.importer;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.impl.analysis.FlowAnswer;
import org.opendaylight.openbsdpbr.impl.analysis.FlowEngine;
import org.opendaylight.openbsdpbr.impl.analysis.FlowQuestion;
import org.opendaylight.openbsdpbr.impl.analysis.RouterModel;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.analysis.source.ModelException;

/**
 * The flow engine's side of the equivalence: the router's files and the rendering of their imported intent answer a
 * generated set of flows the same way (disposition, routing table, egress interface, NAT address), flow by flow.
 *
 * <p>The flows: every interface of either side as the ingress; as sources and destinations of the same family, the
 * IPv4 and IPv6 addresses the files name (each address, and the first host of each network; at most 24 and 12, in
 * text order) plus two IPv4 Internet hosts and one IPv6; TCP to the ports the files name and 80/443, UDP to 53, ICMP
 * (ICMPv6). Only flows whose answers depend on rules, tables and rdomains that both sides
 * read are compared; a side the engine cannot read is itself the difference.
 */
public final class FlowEquivalence {
    private static final Pattern V4 = Pattern.compile("(?<![0-9.])([0-9]{1,3}(?:\\.[0-9]{1,3}){3})(?:/([0-9]{1,2}))?"
        + "(?![0-9.])");
    private static final Pattern V6 = Pattern.compile("(?<![0-9A-Za-z:.%])([0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7})"
        + "(?:/([0-9]{1,3}))?(?![0-9A-Za-z:%])");
    private static final Pattern PORT = Pattern.compile("port ([0-9]{1,5})\\b");
    private static final int MAX_ADDRESSES = 24;
    private static final int MAX_V6_ADDRESSES = 12;

    /**
     * The result.
     *
     * @param flows how many flows were compared
     * @param differing how many of them were answered differently
     * @param differences examples of them, one line each (the first three per ingress interface), or why no
     *     comparison was made
     */
    public record Result(int flows, int differing, List<String> differences) {
        public Result {
            differences = List.copyOf(differences);
        }

        /** Whether every flow got the same answer. */
        public boolean equivalent() {
            return differences.isEmpty();
        }
    }

    private FlowEquivalence() {
        // utility
    }

    /** Compares the router's files with the rendered ones. */
    public static Result compare(final Map<String, String> router, final FileSet rendered) {
        requireNonNull(router);
        final FlowEngine theirs;
        final FlowEngine ours;
        try {
            theirs = new FlowEngine(RouterModel.of(router));
        } catch (ModelException e) {
            return new Result(0, 0, List.of("the flow engine cannot read the router's files: " + e.getMessage()));
        }
        try {
            ours = new FlowEngine(RouterModel.of(rendered));
        } catch (ModelException e) {
            return new Result(0, 0, List.of("the flow engine cannot read the rendered files: " + e.getMessage()));
        }
        final TreeSet<String> interfaces = new TreeSet<>(theirs.model().interfaces().keySet());
        interfaces.retainAll(ours.model().interfaces().keySet());
        final TreeSet<String> addresses = new TreeSet<>(List.of("8.8.8.8", "93.184.216.34"));
        final TreeSet<String> v6 = new TreeSet<>(List.of("2001:4860:4860::8888"));
        final TreeSet<Integer> ports = new TreeSet<>(List.of(80, 443));
        for (String text : router.values()) {
            collect(text, addresses, ports);
            collectV6(text, v6);
        }
        final List<String> hosts = new ArrayList<>(new ArrayList<>(addresses).subList(0, Math.min(addresses.size(),
            MAX_ADDRESSES)));
        hosts.addAll(new ArrayList<>(v6).subList(0, Math.min(v6.size(), MAX_V6_ADDRESSES)));
        final List<String> differences = new ArrayList<>();
        int flows = 0;
        int differing = 0;
        for (String in : interfaces) {
            if (in.startsWith("lo")) {
                continue;
            }
            int shown = 0;
            for (String source : hosts) {
                for (String destination : hosts) {
                    if (source.equals(destination) || source.indexOf(':') >= 0 != destination.indexOf(':') >= 0) {
                        continue;
                    }
                    final List<FlowQuestion> questions = new ArrayList<>();
                    questions.add(FlowQuestion.of(in, source, destination, FlowQuestion.Protocol.ICMP));
                    questions.add(new FlowQuestion(in, IpAddress.parse(source), IpAddress.parse(destination),
                        FlowQuestion.Protocol.UDP, 40000, 53, Map.of()));
                    for (int port : ports) {
                        questions.add(new FlowQuestion(in, IpAddress.parse(source), IpAddress.parse(destination),
                            FlowQuestion.Protocol.TCP, 40000, port, Map.of()));
                    }
                    for (FlowQuestion question : questions) {
                        flows++;
                        final String a = outcome(theirs, question);
                        final String b = outcome(ours, question);
                        if (!a.equals(b)) {
                            differing++;
                            if (shown++ < 3) {
                                differences.add(show(question) + ": router " + a + ", rendered " + b);
                            }
                        }
                    }
                }
            }
        }
        return new Result(flows, differing, differences);
    }

    private static void collect(final String text, final TreeSet<String> addresses, final TreeSet<Integer> ports) {
        final Matcher v4 = V4.matcher(text);
        while (v4.find()) {
            final IpAddress address = IpAddress.tryParse(v4.group(1));
            // not "this network" (0.0.0.0/8: the point-to-point peer 0.0.0.1, the PPPoE placeholder) nor a netmask
            if (address == null || address.lo() >>> 24 == 0 || address.lo() >>> 24 == 255) {
                continue;
            }
            final String length = v4.group(2);
            if (length == null || "32".equals(length)) {
                addresses.add(address.toString());
            } else {
                final int bits = Integer.parseInt(length);
                if (bits >= 8 && bits < 31) {
                    addresses.add(IpAddress.v4(address.masked(bits).lo() + 1).toString());
                }
            }
        }
        final Matcher port = PORT.matcher(text);
        while (port.find()) {
            final int value = Integer.parseInt(port.group(1));
            if (value > 0 && value < 65536) {
                ports.add(value);
            }
        }
    }

    private static void collectV6(final String text, final TreeSet<String> addresses) {
        final Matcher v6 = V6.matcher(text);
        while (v6.find()) {
            final IpAddress address = IpAddress.tryParse(v6.group(1));
            if (address == null || !address.v6() || address.hi() == 0 && address.lo() >>> 1 == 0) {
                // not an address, or :: and ::1
                continue;
            }
            final String length = v6.group(2);
            if (length == null || "128".equals(length)) {
                addresses.add(address.toString());
            } else {
                final int bits = Integer.parseInt(length);
                if (bits >= 16 && bits <= 124) {
                    final IpAddress network = address.masked(bits);
                    addresses.add(new IpAddress(true, network.hi(), network.lo() + 1).toString());
                }
            }
        }
    }

    private static String outcome(final FlowEngine engine, final FlowQuestion question) {
        final FlowAnswer answer = engine.answer(question);
        final FlowAnswer.Nat nat = answer.nat();
        return answer.disposition() + " rtable " + answer.rtable() + " out " + answer.egressInterface()
            + (nat == null ? "" : " nat " + nat.address());
    }

    private static String show(final FlowQuestion question) {
        return question.protocol().keyword() + " " + question.source() + " -> " + question.destination()
            + (question.destinationPort() >= 0 ? " port " + question.destinationPort() : "") + " in on "
            + question.inInterface();
    }
}
