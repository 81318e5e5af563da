/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.impl.analysis.host.Dhcp6leasedConf;
import org.opendaylight.openbsdpbr.impl.analysis.host.HostnameFile;
import org.opendaylight.openbsdpbr.impl.analysis.host.InterfaceConfig;
import org.opendaylight.openbsdpbr.impl.analysis.host.RcConf;
import org.opendaylight.openbsdpbr.impl.analysis.host.Route;
import org.opendaylight.openbsdpbr.impl.analysis.host.RoutingTable;
import org.opendaylight.openbsdpbr.impl.analysis.host.SshdConfig;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpPrefix;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfParser;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfRule;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfRuleset;
import org.opendaylight.openbsdpbr.impl.analysis.source.ModelException;
import org.opendaylight.openbsdpbr.impl.analysis.source.SourceLine;

/**
 * A router as its files make it, read once: pf.conf and the anchors it loads, every interface (with lo0 and the
 * loopback each rdomain gets), one routing table per rdomain, sshd's listeners, and the daemons of rc.conf.local.
 * Built from the rendered files, not from the intent, so that it also catches renderer mistakes. Immutable and
 * shareable between threads; {@link FlowEngine} answers questions on it.
 */
public final class RouterModel {
    /** pf.conf's path. */
    public static final String PF_CONF = "/etc/pf.conf";
    /** sysctl.conf's path: the kernel settings at boot (openbsd-pbr owns a block of lines in it). */
    public static final String SYSCTL_CONF = "/etc/sysctl.conf";
    private static final String IPV6_FORWARDING = "net.inet6.ip6.forwarding";

    private final @Nullable PfRuleset pf;
    private final Map<String, List<PfRule>> anchors;
    private final Map<String, InterfaceConfig> interfaces;
    private final Map<String, List<InterfaceConfig>> groups;
    private final Map<String, String> bridgeOf;
    private final Map<Integer, List<InterfaceConfig>> byRdomain;
    private final Map<String, java.util.Set<String>> memberNames = new HashMap<>();
    private final Map<Integer, RoutingTable> tables;
    private final @Nullable SshdConfig sshd;
    private final RcConf rc;
    private final List<String> notes;
    private final boolean forwardsIpv6;
    /** The files it was read from, by path: what a failure state's model is read from again. */
    private final Map<String, String> sources;

    private RouterModel(final @Nullable PfRuleset pf, final Map<String, List<PfRule>> anchors,
            final Map<String, InterfaceConfig> interfaces, final Map<Integer, RoutingTable> tables,
            final @Nullable SshdConfig sshd, final RcConf rc, final List<String> notes, final boolean forwardsIpv6,
            final Map<String, String> sources) {
        this.forwardsIpv6 = forwardsIpv6;
        this.sources = Map.copyOf(sources);
        this.pf = pf;
        this.anchors = Map.copyOf(anchors);
        this.interfaces = interfaces;
        this.tables = tables;
        this.sshd = sshd;
        this.rc = rc;
        this.notes = List.copyOf(notes);
        groups = new HashMap<>();
        bridgeOf = new HashMap<>();
        byRdomain = new HashMap<>();
        for (InterfaceConfig iface : interfaces.values()) {
            byRdomain.computeIfAbsent(iface.rdomain(), id -> new ArrayList<>()).add(iface);
            groups.computeIfAbsent(iface.name(), name -> new ArrayList<>()).add(iface);
            groups.computeIfAbsent(iface.driver(), name -> new ArrayList<>()).add(iface);
            groups.computeIfAbsent("all", name -> new ArrayList<>()).add(iface);
            for (String member : iface.members()) {
                bridgeOf.put(member, iface.name());
            }
        }
        // the egress group: interfaces holding a default route of rtable 0 (ifconfig(8) "egress")
        final RoutingTable main = tables.get(0);
        if (main != null) {
            for (Route route : main.routes()) {
                final InterfaceConfig iface = interfaces.get(route.iface());
                if (route.isDefault() && iface != null) {
                    final List<InterfaceConfig> egress = groups.computeIfAbsent("egress", name -> new ArrayList<>());
                    if (!egress.contains(iface)) {
                        egress.add(iface);
                    }
                }
            }
        }
        groups.forEach((name, members) -> memberNames.put(name, members.stream().map(InterfaceConfig::name)
            .collect(java.util.stream.Collectors.toUnmodifiableSet())));
    }

    /**
     * Reads a router's files.
     *
     * @param files the files the router will load (a rendered file set)
     * @throws ModelException when a file is outside what the analysis reads, naming file and line
     */
    public static RouterModel of(final FileSet files) {
        final Map<String, String> contents = new LinkedHashMap<>();
        for (ManagedFile file : files.files().values()) {
            contents.put(file.path(), file.content());
        }
        return of(contents);
    }

    /**
     * Reads a router's files given as path and content.
     *
     * @param files content by path on the router
     * @throws ModelException when a file is outside what the analysis reads, naming file and line
     */
    public static RouterModel of(final Map<String, String> files) {
        final Map<String, InterfaceConfig> interfaces = new TreeMap<>();
        final List<HostnameFile.StaticRoute> routes = new ArrayList<>();
        final List<HostnameFile.ForeignAddress> foreign = new ArrayList<>();
        for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
            if (HostnameFile.interfaceOf(file.getKey()) != null) {
                final HostnameFile parsed = HostnameFile.parse(file.getKey(), file.getValue());
                interfaces.put(parsed.iface().name(), parsed.iface());
                routes.addAll(parsed.routes());
                foreign.addAll(parsed.foreign());
            }
        }
        final String pdText = files.get(Dhcp6leasedConf.PATH);
        if (pdText != null) {
            delegatedAddresses(interfaces, Dhcp6leasedConf.parse(Dhcp6leasedConf.PATH, pdText));
        }
        addImplicitLoopbacks(interfaces, foreign);
        final List<String> notes = new ArrayList<>();
        final Map<Integer, RoutingTable> tables = RoutingTable.build(interfaces.values(), routes, notes);

        final String pfText = files.get(PF_CONF);
        final PfRuleset pf = pfText == null ? null : PfParser.parse(PF_CONF, pfText);
        final Map<String, List<PfRule>> anchors = new HashMap<>();
        if (pf != null) {
            for (Map.Entry<String, String> load : pf.anchorFiles().entrySet()) {
                final String text = files.get(load.getValue());
                if (text != null) {
                    anchors.put(load.getKey(), PfParser.parseAnchor(load.getValue(), text));
                }
            }
        }
        final String sshdText = files.get(SshdConfig.PATH);
        final SshdConfig sshd = sshdText == null ? null : SshdConfig.parse(SshdConfig.PATH, sshdText);
        final String rcText = files.get(RcConf.PATH);
        final RcConf rc = rcText == null ? RcConf.DEFAULT : RcConf.parse(RcConf.PATH, rcText);
        return new RouterModel(pf, anchors, interfaces, tables, sshd, rc, notes, forwardsIpv6(files.get(SYSCTL_CONF)),
            files);
    }

    /** The files it was read from, by path. */
    public Map<String, String> sources() {
        return sources;
    }

    /**
     * Whether sysctl.conf (the whole file, or openbsd-pbr's block of it) turns IPv6 forwarding on: its last
     * {@code net.inet6.ip6.forwarding=} setting is 1 (sysctl.conf(5): {@code #} starts a comment). IPv4 forwarding is
     * not read: openbsd-pbr's block always sets {@code net.inet.ip.forwarding=1}, and the analysis takes the router to
     * forward IPv4, as every router it manages does (file sets without sysctl.conf, e.g. an imported router's, too).
     */
    private static boolean forwardsIpv6(final @Nullable String sysctl) {
        boolean on = false;
        if (sysctl != null) {
            for (String line : sysctl.split("\n", -1)) {
                final int hash = line.indexOf('#');
                final String setting = (hash < 0 ? line : line.substring(0, hash)).strip();
                final int equals = setting.indexOf('=');
                if (equals > 0 && IPV6_FORWARDING.equals(setting.substring(0, equals).strip())) {
                    on = "1".equals(setting.substring(equals + 1).strip());
                }
            }
        }
        return on;
    }

    /** Whether the router forwards IPv6 ({@code net.inet6.ip6.forwarding=1} in /etc/sysctl.conf). */
    public boolean forwardsIpv6() {
        return forwardsIpv6;
    }

    /**
     * An interface dhcp6leased assigns a part of a delegated prefix to gets its IPv6 address at run time (unless
     * slaacd configures it already); one that no hostname file configures is refused: dhcp6leased would configure a
     * part on an interface the router does not bring up.
     */
    private static void delegatedAddresses(final Map<String, InterfaceConfig> interfaces,
            final Dhcp6leasedConf conf) {
        for (Map.Entry<String, String> entry : conf.assigned().entrySet()) {
            final InterfaceConfig target = interfaces.get(entry.getKey());
            if (target == null) {
                final SourceLine line = conf.lines().get(entry.getKey());
                throw new ModelException(line.file(), line.line(), entry.getKey() + ": no such interface");
            }
            if (target.dynamic6() == null) {
                interfaces.put(target.name(), new InterfaceConfig(target.name(), target.file(), target.rdomain(),
                    target.rdomainSource(), target.up(), target.addresses(), target.dynamic4(),
                    InterfaceConfig.Dynamic.PREFIX_DELEGATION, target.members(), target.tunnel(),
                    target.tunnelDomain()));
            }
        }
    }

    /**
     * lo0 (rdomain 0, 127.0.0.1/8 and ::1) always exists; the kernel creates loN with rdomain N; addresses that
     * {@code !/sbin/ifconfig} lines put on other interfaces go there.
     */
    private static void addImplicitLoopbacks(final Map<String, InterfaceConfig> interfaces,
            final List<HostnameFile.ForeignAddress> foreign) {
        if (!interfaces.containsKey("lo0")) {
            final SourceLine kernel = new SourceLine("(kernel)", 1, "lo0: 127.0.0.1/8, ::1");
            interfaces.put("lo0", new InterfaceConfig("lo0", null, 0, null, true, List.of(
                new InterfaceConfig.Address(IpPrefix.parse("127.0.0.1/8"), null, kernel),
                new InterfaceConfig.Address(IpPrefix.parse("::1/128"), null, kernel)), null, null, List.of(), null,
                0));
        }
        final List<Integer> rdomains = interfaces.values().stream().map(InterfaceConfig::rdomain).distinct()
            .toList();
        for (int rdomain : rdomains) {
            interfaces.putIfAbsent("lo" + rdomain, new InterfaceConfig("lo" + rdomain, null, rdomain, null, true,
                List.of(), null, null, List.of(), null, 0));
        }
        for (HostnameFile.ForeignAddress extra : foreign) {
            final InterfaceConfig target = interfaces.get(extra.iface());
            if (target == null) {
                throw new ModelException(extra.address().source().file(), extra.address().source().line(),
                    "ifconfig " + extra.iface() + ": no such interface");
            }
            final List<InterfaceConfig.Address> addresses = new ArrayList<>(target.addresses());
            addresses.add(extra.address());
            interfaces.put(target.name(), new InterfaceConfig(target.name(), target.file(), target.rdomain(),
                target.rdomainSource(), target.up(), addresses, target.dynamic4(), target.dynamic6(),
                target.members(), target.tunnel(), target.tunnelDomain()));
        }
    }

    /** pf.conf, or null when the files hold none. */
    public @Nullable PfRuleset pf() {
        return pf;
    }

    /** The rules of an anchor loaded from a file, or null when its file is not among the router's files. */
    public @Nullable List<PfRule> anchor(final String name) {
        return anchors.get(name);
    }

    /** Every interface, by name. */
    public Map<String, InterfaceConfig> interfaces() {
        return interfaces;
    }

    /** An interface, or null. */
    public @Nullable InterfaceConfig iface(final String name) {
        return interfaces.get(name);
    }

    /**
     * Whether an interface is the one of that name or a member of the group of that name ({@code em} for em0,
     * {@code lo}, {@code egress}, {@code all}): how pf reads {@code on NAME} and {@code set skip on NAME}.
     */
    public boolean inGroup(final String name, final InterfaceConfig iface) {
        if (name.equals(iface.name())) {
            return true;
        }
        final java.util.Set<String> members = memberNames.get(name);
        return members != null && members.contains(iface.name());
    }

    /** The interfaces an {@code on}/address name means: the interface, or the members of the group of that name. */
    public List<InterfaceConfig> group(final String name) {
        return groups.getOrDefault(name, List.of());
    }

    /** The bridge (veb) an interface is a member of, or null. */
    public @Nullable String bridgeOf(final String iface) {
        return bridgeOf.get(iface);
    }

    /** The routing tables, by id. */
    public Map<Integer, RoutingTable> tables() {
        return tables;
    }

    /** sshd_config, or null when the files hold none. */
    public @Nullable SshdConfig sshd() {
        return sshd;
    }

    /** rc.conf.local, or OpenBSD's defaults. */
    public RcConf rc() {
        return rc;
    }

    /** Problems found while building the tables: routes the kernel would refuse. */
    public List<String> notes() {
        return notes;
    }

    /** The interface holding a static address, or null. */
    public @Nullable InterfaceConfig holder(final IpAddress address) {
        for (InterfaceConfig iface : interfaces.values()) {
            for (InterfaceConfig.Address own : iface.addresses()) {
                if (own.prefix().address().equals(address)) {
                    return iface;
                }
            }
        }
        return null;
    }

    /** Interfaces in an rdomain. */
    public List<InterfaceConfig> inRdomain(final int rdomain) {
        return byRdomain.getOrDefault(rdomain, List.of());
    }
}
