/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.importer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.intent.Dhcp;
import org.opendaylight.openbsdpbr.api.intent.DnsResolver;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.Family;
import org.opendaylight.openbsdpbr.api.intent.HostGroup;
import org.opendaylight.openbsdpbr.api.intent.InboundService;
import org.opendaylight.openbsdpbr.api.intent.IntentException;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.NatRule;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.Protocol;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.Secret;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.Sshd;
import org.opendaylight.openbsdpbr.api.intent.StaticRoute;
import org.opendaylight.openbsdpbr.api.intent.StaticUplink;
import org.opendaylight.openbsdpbr.api.intent.Syntax;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.Via;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.importer.InterfaceFile.RouteCommand;
import org.opendaylight.openbsdpbr.impl.mape.CeLayout;
import org.opendaylight.openbsdpbr.impl.mape.MapECalculator;
import org.opendaylight.openbsdpbr.impl.mape.MapEException;
import org.opendaylight.openbsdpbr.impl.mape.MapEParameters;
import org.opendaylight.openbsdpbr.impl.mape.MapEResult;
import org.opendaylight.openbsdpbr.impl.mape.PortRange;
import org.opendaylight.openbsdpbr.impl.render.ApplyPlanner;
import org.opendaylight.openbsdpbr.impl.render.Renderer;

/**
 * A router's files to its intent, with every line that has no intent counterpart listed.
 *
 * <p>How the pieces are found (each rule is what openbsd-pbr's renderer writes, read back, and what an admin writes
 * for the same thing):
 * <ul>
 *   <li><b>Uplinks</b>: a {@code hostname.pppoeN} with {@code pppoedev} is a PPPoE uplink; a {@code hostname.gifN}
 *       with {@code tunnel} and MAP-E NAT rules in pf.conf is a MAP-E uplink; an interface with
 *       {@code match on IF inet all scrub (...)} in pf.conf (the renderer writes one per uplink), or with
 *       {@code inet autoconf}, or with {@code !route add default GATEWAY} in its own file, is a DHCP uplink when it
 *       says {@code inet autoconf} and a static uplink otherwise (its last IPv4 address and that gateway). An
 *       uplink's name is the one pf.conf's role comment gives ({@code # gif0: uplink ipoe}), else its interface's
 *       name.</li>
 *   <li><b>MAP-E</b>: the files carry the CE address (the tunnel's source), the BR, the IPv4 address and the port set
 *       (pf's {@code port A:B} blocks or {@code map-e-portset A/L/P}), not the ISP's rule. The import chooses the
 *       narrowest rule that gives the same CE address, IPv4 address and port set (EA bits = PSID length,
 *       rule-ipv4-prefix /32, the delegated prefix as long as the CE address allows), checks it with the MAP-E
 *       calculator, and says so in the notes: the rendering is byte-identical, the ISP's real rule can replace
 *       it.</li>
 *   <li><b>Routes</b>: {@code !route [-T N] add default -ifp IF PEER} makes IF's uplink rdomain N's default route;
 *       other additions are static routes ({@code -iface} ones via the file's interface).</li>
 *   <li><b>pf.conf</b>: host-group macros, tables, NAT, inbound services and policy routes ({@code pass in on IF ...
 *       rtable N}: via the uplink that holds rdomain N's default route, else via rdomain N) map to their lists;
 *       the renderer's fixed rules (the stock {@code block return} and {@code pass}, {@code set skip on lo},
 *       default-deny on ISP-facing interfaces with RFC 4890's ICMPv6, the MAP-E tunnel, {@code pass out ... modulate
 *       state}, the built-in {@code <martians>}) are implied by what was mapped and written again.</li>
 * </ul>
 * Descriptions come back from {@code description} lines and from the comment the renderer writes above a host group,
 * table or policy route ({@code # 10 name: description}); a comment after a blank line is a section heading, not a
 * description.
 */
public final class RouterImporter {
    private static final String PF = ApplyPlanner.PF_CONF;
    private static final Pattern SCRUB4 = Pattern.compile(
        "match on (\\S+) inet all scrub \\(no-df random-id max-mss ([0-9]+)\\)");
    private static final Pattern SCRUB6 = Pattern.compile("match on (\\S+) inet6 all scrub \\(max-mss ([0-9]+)\\)");
    private static final Pattern NAT = Pattern.compile("match out on (\\S+) inet from (.+) to !<martians> nat-to "
        + "\\((\\S+?)(:0)?\\)(?: port ([0-9]+):([0-9]+)(?: probability ([0-9.]+)%)?| map-e-portset ([0-9]+)/([0-9]+)"
        + "/([0-9]+))?");
    private static final Pattern BLOCK_IN = Pattern.compile("block in on (\\S+)");
    private static final Pattern ICMP6 = Pattern.compile("pass in on (\\S+) inet6 proto icmp6 (icmp6-type \\{ unreach,"
        + " toobig, timex, paramprob, echoreq \\}|icmp6-type \\{ neighbrsol, neighbradv \\}|from fe80::/10 icmp6-type"
        + " \\{ routeradv, groupqry \\})");
    private static final Pattern IPENCAP = Pattern.compile("pass in on (\\S+) inet6 proto ipencap from (\\S+) to "
        + "(\\S+)");
    private static final Pattern PASS_OUT = Pattern.compile("pass out on (\\S+) (inet6?) modulate state(.*)");
    private static final String ENDPOINT = "!?(?:\\{ [^}]* \\}|[^ {}]+)(?: port (?:[0-9]+|\\{ [^}]* \\}))?";
    private static final Pattern SERVICE = Pattern.compile("pass in on (\\S+) (inet6?) proto (tcp|udp) from ("
        + ENDPOINT + ") to \\((\\S+)\\) port ([0-9]+)");
    private static final Pattern POLICY = Pattern.compile("pass in on (\\S+) (inet6?)(?: proto (tcp|udp|icmp|icmp6))?"
        + " from (" + ENDPOINT + ") to (" + ENDPOINT + ") rtable ([0-9]+)");
    private static final Pattern TABLE = Pattern.compile("table <([^>]+)>((?: (?:persist|const|counters))*)"
        + "(?: \\{ ?([^}]*?) ?\\})?");
    private static final Pattern ROUTE_COMMENT = Pattern.compile("([0-9]+) (\\S+?)(?:: (.*))?");
    private static final Pattern ROLES = Pattern.compile("^# ([a-z]+[0-9]+): (.+)$", Pattern.MULTILINE);
    private static final Pattern ENDPOINT_PARTS = Pattern.compile("(!?)(\\{ [^}]* \\}|[^ {}]+)(?: port ([0-9]+|\\{ "
        + "[^}]* \\}))?");
    private static final String GIF = "gif";
    private static final String PPPOE = "pppoe";
    private static final String PEER = "0.0.0.1";
    private static final String SYSCTL_CONF = "/etc/sysctl.conf";
    private static final String IPV6_FORWARDING = "net.inet6.ip6.forwarding=1";

    private final Map<String, String> files;
    private final List<Unmapped> unmapped = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, InterfaceFile> ifaces = new TreeMap<>();
    private @Nullable PfStatements pf;
    private String routerName;

    /** Uplinks by their interface. */
    private final Map<String, Uplink> uplinkByIface = new LinkedHashMap<>();
    /** pf's role comments: interface to uplink name. */
    private final Map<String, String> roleNames = new HashMap<>();
    private final Map<String, Integer> scrubMss = new HashMap<>();
    /** Statements whose meaning is settled; the rest are unmapped at the end. */
    private final Set<PfStatements.Statement> done = new HashSet<>();
    /** The interfaces whose file lines were used by an uplink (CE address, static address). */
    private final Map<String, List<String>> mapECe = new HashMap<>();
    /** The tunnels of the MAP-E uplinks: {@code WAN BR CE}. */
    private final Set<String> tunnels = new HashSet<>();
    private final Map<String, String> staticAddress = new HashMap<>();
    private final Map<Integer, String> defaultVia = new TreeMap<>();
    private final Map<Integer, String> loopbacks = new TreeMap<>();
    private final Map<Integer, List<StaticRoute>> staticRoutes = new TreeMap<>();
    private final Set<Integer> rdomainIds = new TreeSet<>(Set.of(0));

    private RouterImporter(final @Nullable String routerName, final Map<String, String> files) {
        this.files = files;
        this.routerName = routerName;
    }

    /**
     * Imports a router's files.
     *
     * @param routerName the router's name, or null to take it from the renderer's header in the files
     * @param files file contents by path on the router ({@code /etc/pf.conf}, {@code /etc/hostname.em0}, ...)
     * @return the intent, the unmapped lines and the notes
     * @throws IntentException when no router name is given and the files do not name one
     */
    public static ImportResult importFiles(final @Nullable String routerName, final Map<String, String> files) {
        return new RouterImporter(routerName, files).run();
    }

    private ImportResult run() {
        readFiles();
        if (routerName == null) {
            throw new IntentException("name", "the files do not say which router they are from: give its name");
        }
        roles();
        uplinks();
        routes();
        final List<Interface> interfaces = interfaces();
        final List<Uplink> uplinks = List.copyOf(uplinkByIface.values());
        final SharedIntent shared = shared();
        final List<Rdomain> rdomains = new ArrayList<>();
        for (int id : rdomainIds) {
            rdomains.add(new Rdomain(id, null, loopbacks.get(id), defaultVia.get(id), staticRoutes.get(id)));
        }
        impliedPfRules(interfaces, uplinks, shared);
        unmapped.sort(Comparator.comparing(Unmapped::file).thenComparingInt(Unmapped::line));
        return new ImportResult(new RouterIntent(routerName, null, rdomains, interfaces, uplinks, shared), unmapped,
            notes);
    }

    // ---- files -----------------------------------------------------------------------------------------------------

    private void readFiles() {
        for (Map.Entry<String, String> entry : new TreeMap<>(files).entrySet()) {
            final String path = entry.getKey();
            final String text = entry.getValue();
            nameFrom(text);
            if (path.startsWith(ApplyPlanner.HOSTNAME_PREFIX)) {
                final String iface = path.substring(ApplyPlanner.HOSTNAME_PREFIX.length());
                if (!Syntax.isInterfaceName(iface)) {
                    unmapped.add(new Unmapped(path, 0, "", "not an interface name"));
                    continue;
                }
                ifaces.put(iface, InterfaceFile.read(iface, path, text, unmapped));
            } else if (PF.equals(path)) {
                pf = PfStatements.read(path, text, unmapped);
            } else if (SYSCTL_CONF.equals(path)) {
                sysctl(path, text);
            } else if (!ApplyPlanner.RC_CONF_LOCAL.equals(path) && !ApplyPlanner.SSHD_CONFIG.equals(path)
                    && !ApplyPlanner.UNWIND_CONF.equals(path)) {
                unmapped.add(new Unmapped(path, 0, "", "a file the import does not read"));
            }
        }
    }

    /**
     * sysctl.conf is shared: openbsd-pbr owns one block of lines (IPv6 forwarding, which the rendering writes whenever
     * the intent routes IPv6), the rest stays as the admin wrote it. Its forwarding line is implied; the others are
     * neither mapped nor lost.
     */
    private void sysctl(final String path, final String text) {
        int kept = 0;
        for (Lines.Line line : Lines.logical(path, text)) {
            final String content = line.text().strip();
            if (!content.isEmpty() && !content.startsWith("#") && !IPV6_FORWARDING.equals(content)) {
                kept++;
            }
        }
        if (kept > 0) {
            notes.add(path + ": " + kept + " lines outside openbsd-pbr's block of lines stay as they are");
        }
    }

    private void nameFrom(final String text) {
        if (routerName == null) {
            final int end = text.indexOf('\n');
            final String name = Lines.renderedFor(end < 0 ? text : text.substring(0, end));
            if (name != null && Syntax.isObjectName(name)) {
                routerName = name;
            }
        }
    }

    /** pf.conf's {@code # IF: uplink NAME, MAP-E WAN of NAME} comments give uplink names. */
    private void roles() {
        final String text = files.get(PF);
        if (text == null) {
            return;
        }
        final Matcher matcher = ROLES.matcher(text);
        while (matcher.find()) {
            for (String role : matcher.group(2).split(", ")) {
                if (role.startsWith("uplink ") && Syntax.isObjectName(role.substring(7))) {
                    roleNames.put(matcher.group(1), role.substring(7));
                }
            }
        }
    }

    private String uplinkName(final String iface) {
        return roleNames.getOrDefault(iface, iface);
    }

    private List<PfStatements.Statement> statements() {
        return pf == null ? List.of() : pf.statements;
    }

    // ---- uplinks ---------------------------------------------------------------------------------------------------

    private void uplinks() {
        final Set<String> scrubbed = new HashSet<>();
        for (PfStatements.Statement statement : statements()) {
            final Matcher scrub = SCRUB4.matcher(statement.canonical());
            if (scrub.matches()) {
                scrubbed.add(scrub.group(1));
                scrubMss.put(scrub.group(1), Integer.parseInt(scrub.group(2)));
                done.add(statement);
            }
        }
        for (InterfaceFile file : ifaces.values()) {
            try {
                if (file.iface.startsWith(PPPOE) && file.pppoedev != null) {
                    pppoe(file);
                } else if (file.iface.startsWith(GIF) && file.tunnelSource != null) {
                    mapE(file);
                } else if (!file.iface.startsWith(PPPOE) && !file.iface.startsWith(GIF)) {
                    final boolean defaultRoute = file.routes.stream().anyMatch(route -> route.isDefault()
                        && route.ifp() == null && !route.v6());
                    if (file.inetAutoconf) {
                        add(file, new Dhcp(file.iface));
                        if (!scrubbed.contains(file.iface)) {
                            notes.add(file.path + " says inet autoconf: imported as a DHCP uplink");
                        }
                    } else if ((scrubbed.contains(file.iface) || defaultRoute) && !file.inet.isEmpty()) {
                        staticUplink(file);
                    }
                }
            } catch (IntentException | InterfaceFile.Refused e) {
                for (Lines.Line line : file.lines) {
                    unmapped.add(new Unmapped(file.path, line.number(), line.text().strip(), e.getMessage()));
                }
                file.lines.clear();
                file.routes.clear();
                file.loopbacks.clear();
            }
        }
        for (PfStatements.Statement statement : statements()) {
            final Matcher scrub = SCRUB4.matcher(statement.canonical());
            if (scrub.matches() && !uplinkByIface.containsKey(scrub.group(1))) {
                done.remove(statement);
            }
        }
    }

    private @Nullable Integer mss(final String iface, final int mtu) {
        final Integer mss = scrubMss.get(iface);
        return mss == null || mss == mtu - 40 ? null : mss;
    }

    /** A DHCP or static uplink on the file's own interface (its description is the interface's). */
    private void add(final InterfaceFile file, final org.opendaylight.openbsdpbr.api.intent.UplinkKind kind) {
        final int mtu = file.mtu != null ? file.mtu : 1500;
        final Uplink uplink = new Uplink(uplinkName(file.iface), null, file.rdomain, mss(file.iface, mtu), kind);
        uplinkByIface.put(file.iface, uplink);
        rdomainIds.add(uplink.rdomain());
    }

    private void pppoe(final InterfaceFile file) throws InterfaceFile.Refused {
        if (file.authname == null || file.authkey == null) {
            throw new InterfaceFile.Refused("a PPPoE session without authname and authkey");
        }
        final Pppoe.AuthProtocol auth = file.authproto == null || "chap".equals(file.authproto)
            ? Pppoe.AuthProtocol.CHAP : "pap".equals(file.authproto) ? Pppoe.AuthProtocol.PAP : null;
        if (auth == null) {
            throw new InterfaceFile.Refused("authproto " + file.authproto + ": the intent has pap or chap");
        }
        for (String address : file.inet) {
            if (!"0.0.0.0/32".equals(address)) {
                throw new InterfaceFile.Refused("a PPPoE interface with a fixed address " + address);
            }
        }
        if (!file.inet6.isEmpty() || file.inetAutoconf || file.inet6Autoconf || !file.up) {
            throw new InterfaceFile.Refused("a PPPoE interface with addresses or settings the intent does not carry");
        }
        if (file.dest != null && !PEER.equals(file.dest) || file.mtu != null && file.mtu > 1500) {
            throw new InterfaceFile.Refused("a PPPoE peer other than " + PEER + " or an MTU above 1500");
        }
        final Pppoe pppoe = new Pppoe(file.iface, file.pppoedev, auth, file.authname, new Secret(file.authkey),
            file.mtu == null ? Pppoe.DEFAULT_MTU : file.mtu, file.eui64);
        final Uplink uplink = new Uplink(uplinkName(file.iface), file.description, file.rdomain,
            mss(file.iface, pppoe.mtu()), pppoe);
        uplinkByIface.put(file.iface, uplink);
        rdomainIds.add(uplink.rdomain());
    }

    private void staticUplink(final InterfaceFile file) {
        final String address = file.inet.get(file.inet.size() - 1);
        String gateway = null;
        for (RouteCommand route : file.routes) {
            if (route.isDefault() && route.ifp() == null && !route.v6() && route.rdomain() == file.rdomain) {
                gateway = route.gateway();
            }
        }
        if (gateway == null) {
            gateway = firstOtherHost(address);
            notes.add(file.path + ": the static uplink's gateway is in no file (it does not hold its rdomain's"
                + " default route): " + gateway + " was assumed");
        }
        staticAddress.put(file.iface, address);
        add(file, new StaticUplink(file.iface, address, gateway));
    }

    private static String firstOtherHost(final String prefix) {
        final IpAddress address = IpAddress.parse(Syntax.addressPart(prefix));
        final int length = Integer.parseInt(prefix.substring(prefix.indexOf('/') + 1));
        final IpAddress network = address.masked(length);
        final long first = network.lo() + (length >= 31 ? 0 : 1);
        final long candidate = first == address.lo() ? first + 1 : first;
        return IpAddress.v4(candidate).toString();
    }

    // ---- MAP-E -----------------------------------------------------------------------------------------------------

    /** The NAT rules of one interface, in file order. */
    private List<Matcher> natRules(final String iface) {
        final List<Matcher> result = new ArrayList<>();
        for (PfStatements.Statement statement : statements()) {
            final Matcher nat = NAT.matcher(statement.canonical());
            if (nat.matches() && nat.group(1).equals(iface)) {
                result.add(nat);
            }
        }
        return result;
    }

    private void mapE(final InterfaceFile gif) throws InterfaceFile.Refused {
        final List<Matcher> nat = natRules(gif.iface);
        if (nat.isEmpty()) {
            throw new InterfaceFile.Refused("a gif tunnel without MAP-E NAT rules in pf.conf: the intent's only"
                + " tunnel is MAP-E");
        }
        if (gif.inet.size() != 1 || !gif.inet.get(0).endsWith("/32") || !gif.inet6.isEmpty()) {
            throw new InterfaceFile.Refused("a MAP-E tunnel has one IPv4 host address");
        }
        final IpAddress ce = IpAddress.tryParse(gif.tunnelSource);
        final IpAddress ipv4 = IpAddress.tryParse(Syntax.addressPart(gif.inet.get(0)));
        final String br = gif.tunnelDestination;
        if (ce == null || !ce.v6() || ipv4 == null || ipv4.v6() || br == null || !Syntax.isIpv6Address(br)) {
            throw new InterfaceFile.Refused("a MAP-E tunnel runs from the CE's IPv6 address to the BR's");
        }
        // the port set: map-e-portset A/L/P, or one port block per rule
        final Matcher firstRule = nat.get(0);
        final boolean portset = firstRule.group(8) != null;
        final List<PortRange> ranges = new ArrayList<>();
        for (Matcher rule : nat) {
            if (rule.group(5) != null) {
                ranges.add(new PortRange(Integer.parseInt(rule.group(5)), Integer.parseInt(rule.group(6))));
            }
        }
        final long iid = ce.lo();
        final long v4 = ipv4.lo();
        final CeLayout layout;
        final int psid;
        if (iid >>> 16 == v4) {
            layout = CeLayout.RFC7597;
            psid = (int) (iid & 0xFFFF);
        } else if (iid >>> 24 == v4 && (iid & 0xFF) == 0) {
            layout = CeLayout.DRAFT03;
            psid = (int) (iid >>> 8 & 0xFFFF);
        } else {
            throw new InterfaceFile.Refused("the CE address's interface id does not hold the IPv4 address as RFC 7597"
                + " or draft-ietf-softwire-map-03 lays it out");
        }
        int offset = -1;
        int length = -1;
        if (portset) {
            offset = Integer.parseInt(firstRule.group(8));
            length = Integer.parseInt(firstRule.group(9));
            if (Integer.parseInt(firstRule.group(10)) != psid) {
                throw new InterfaceFile.Refused("map-e-portset's PSID differs from the CE address's");
            }
        } else {
            search:
            for (int a = 0; a <= 15; a++) {
                for (int q = 0; a + q <= 16; q++) {
                    if (psid < 1 << q && MapECalculator.portRanges(a, q, psid).equals(ranges)) {
                        offset = a;
                        length = q;
                        break search;
                    }
                }
            }
            if (offset < 0) {
                throw new InterfaceFile.Refused("pf's port blocks are not the port set of the CE address's PSID");
            }
        }
        // the delegated prefix: as long as the CE address's zero bits allow, with the PSID in its last EA bits
        final long high = ce.hi();
        int delegated = -1;
        for (int l = 64; l >= Math.max(length, 1); l--) {
            final boolean zeros = l == 64 || (high & (-1L >>> l)) == 0;
            final long ea = length == 0 ? 0 : high >>> (64 - l) & ((1L << length) - 1);
            if (zeros && ea == psid) {
                delegated = l;
                break;
            }
        }
        if (delegated < 0) {
            throw new InterfaceFile.Refused("no MAP-E rule gives this CE address and PSID");
        }
        final int rule6 = delegated - length;
        final String delegatedPrefix = new IpAddress(true, high, 0).toString() + "/" + delegated;
        final String rule6Prefix = new IpAddress(true, rule6 == 0 ? 0 : high & (-1L << (64 - rule6)), 0) + "/" + rule6;
        final String rule4Prefix = ipv4 + "/32";
        final MapEResult check;
        try {
            check = MapECalculator.compute(new MapEParameters(delegatedPrefix, rule6Prefix, rule4Prefix, length,
                offset, layout));
        } catch (MapEException e) {
            throw new InterfaceFile.Refused("no MAP-E rule gives these files: " + e.getMessage(), e);
        }
        if (!check.ceAddressString().equals(ce.toString()) || !check.ipv4String().equals(ipv4.toString())) {
            throw new InterfaceFile.Refused("no MAP-E rule gives this CE address and IPv4 address");
        }
        String wan = null;
        for (InterfaceFile file : ifaces.values()) {
            if (file.inet6.contains(ce + "/128") || file.inet6.contains(gif.tunnelSource + "/128")) {
                wan = file.iface;
            }
        }
        if (wan == null) {
            throw new InterfaceFile.Refused("no interface holds the tunnel's source " + gif.tunnelSource + "/128");
        }
        final int wanRdomain = ifaces.get(wan).rdomain;
        if (gif.dest != null && !PEER.equals(gif.dest)
                || (gif.tunnelDomain == null ? 0 : gif.tunnelDomain) != wanRdomain) {
            throw new InterfaceFile.Refused("a MAP-E tunnel's peer is " + PEER + " and its tunneldomain the WAN's"
                + " rdomain (" + wanRdomain + ")");
        }
        final MapE mapE = new MapE(gif.iface, wan, delegatedPrefix, br, rule6Prefix, rule4Prefix, length, offset,
            layout == CeLayout.DRAFT03 ? MapE.CeLayout.DRAFT03 : MapE.CeLayout.RFC7597,
            portset ? MapE.NatMode.MAP_E_PORTSET : MapE.NatMode.PORT_BLOCKS,
            gif.mtu == null ? MapE.DEFAULT_MTU : gif.mtu);
        mapECe.computeIfAbsent(wan, key -> new ArrayList<>()).add(ce + "/128");
        tunnels.add(wan + " " + br + " " + ce);
        final Uplink uplink = new Uplink(uplinkName(gif.iface), gif.description, gif.rdomain,
            mss(gif.iface, mapE.mtu()), mapE);
        uplinkByIface.put(gif.iface, uplink);
        rdomainIds.add(uplink.rdomain());
        notes.add(gif.path + ": the files do not carry the ISP's MAP-E rule; imported the narrowest rule that gives"
            + " the same CE address, IPv4 address and port set (rule-ipv4-prefix " + rule4Prefix + ", ea-bits-length "
            + length + ", delegated-prefix " + delegatedPrefix + "): replace it with the ISP's rule if known");
    }

    // ---- routes and loopbacks --------------------------------------------------------------------------------------

    private void routes() {
        for (InterfaceFile file : ifaces.values()) {
            for (InterfaceFile.LoopbackCommand loopback : file.loopbacks) {
                if (loopback.unit() > 255 || loopbacks.containsKey(loopback.unit())) {
                    unmapped.add(new Unmapped(file.path, loopback.line().number(), loopback.line().text().strip(),
                        "a second loopback address, or one outside rdomains 1..255"));
                    continue;
                }
                loopbacks.put(loopback.unit(), loopback.address());
                rdomainIds.add(loopback.unit());
                notes.add(file.path + " sets lo" + loopback.unit() + "'s address: the rendering gives it its own"
                    + " hostname.lo" + loopback.unit());
            }
            for (RouteCommand route : file.routes) {
                final String why = route(file, route);
                if (why != null) {
                    unmapped.add(new Unmapped(file.path, route.line().number(), route.line().text().strip(), why));
                }
            }
        }
    }

    private @Nullable String route(final InterfaceFile file, final RouteCommand route) {
        rdomainIds.add(route.rdomain());
        if (route.isDefault()) {
            if (route.ifp() != null) {
                final Uplink uplink = uplinkByIface.get(route.ifp());
                if (uplink == null || uplink.rdomain() != route.rdomain()) {
                    return "a default route through " + route.ifp() + ", which is no uplink of rdomain "
                        + route.rdomain();
                }
                if (route.v6()) {
                    return uplink.kind() instanceof Pppoe pppoe && pppoe.ipv6()
                        && ("fe80::%" + pppoe.iface()).equals(route.gateway()) ? null
                        : "an IPv6 default route other than a PPPoE uplink's with IPv6";
                }
                if (!PEER.equals(route.gateway())) {
                    return "a default route through " + route.ifp() + " with a peer other than " + PEER;
                }
                return setDefault(route.rdomain(), uplink.name());
            }
            final Uplink own = uplinkByIface.get(file.iface);
            if (!route.v6() && own != null && own.kind() instanceof StaticUplink statik
                    && statik.gateway().equals(route.gateway()) && own.rdomain() == route.rdomain()) {
                return setDefault(route.rdomain(), own.name());
            }
            return addStatic(route, route.v6() ? "::/0" : "0.0.0.0/0", file);
        }
        return addStatic(route, route.destination(), file);
    }

    private @Nullable String setDefault(final int rdomain, final String uplink) {
        final String before = defaultVia.putIfAbsent(rdomain, uplink);
        return before == null || before.equals(uplink) ? null : "a second default route in rdomain " + rdomain;
    }

    private @Nullable String addStatic(final RouteCommand route, final String destination, final InterfaceFile file) {
        try {
            final StaticRoute.NextHop next = route.ifaceFlag() ? new StaticRoute.ViaInterface(file.iface)
                : new StaticRoute.ViaGateway(route.gateway());
            final List<StaticRoute> list = staticRoutes.computeIfAbsent(route.rdomain(), id -> new ArrayList<>());
            for (StaticRoute other : list) {
                if (other.destination().equals(destination)) {
                    return "a second route to " + destination + " in rdomain " + route.rdomain();
                }
            }
            list.add(new StaticRoute(destination, next));
            return null;
        } catch (IntentException e) {
            return e.getMessage();
        }
    }

    // ---- interfaces ------------------------------------------------------------------------------------------------

    private List<Interface> interfaces() {
        final List<Interface> result = new ArrayList<>();
        for (InterfaceFile file : ifaces.values()) {
            if (file.lines.isEmpty() || uplinkByIface.containsKey(file.iface) && (file.iface.startsWith(PPPOE)
                    || file.iface.startsWith(GIF))) {
                continue;
            }
            final String driver = Interface.driverOf(file.iface);
            if ("lo".equals(driver)) {
                loopbackFile(file);
                continue;
            }
            for (String word : List.of("tunnel", "tunneldomain", "dest", "pppoedev", "authproto", "authname",
                    "authkey", "eui64")) {
                unmappedLine(file, word, "'" + word + "' on " + file.iface + ", which is no PPPoE or MAP-E uplink");
            }
            final List<String> ipv4 = new ArrayList<>(file.inet);
            final String statik = staticAddress.get(file.iface);
            if (statik != null) {
                ipv4.remove(ipv4.size() - 1);
            }
            final List<String> ipv6 = new ArrayList<>(file.inet6);
            final List<String> ce = mapECe.get(file.iface);
            if (ce != null) {
                ipv6.removeAll(ce);
            } else if (file.inet6Autoconf) {
                unmappedLine(file, "autoconf", "IPv6 autoconfiguration is in the intent only on a MAP-E WAN");
            }
            final Interface.Kind kind = switch (driver) {
                case "veb" -> Interface.Kind.VEB;
                case "vport" -> Interface.Kind.VPORT;
                default -> Interface.Kind.PHYSICAL;
            };
            if (kind == Interface.Kind.VEB && (!ipv4.isEmpty() || !ipv6.isEmpty() || file.mtu != null
                    || file.inetAutoconf)) {
                for (String word : List.of("inet", "inet6", "mtu", "dhcp")) {
                    unmappedLine(file, word, "a veb carries no address or MTU in the intent (its vport does)");
                }
                ipv4.clear();
                ipv6.clear();
            }
            try {
                result.add(new Interface(file.iface, kind, file.description, file.rdomain, ipv4, ipv6,
                    kind == Interface.Kind.VEB ? null : file.mtu,
                    file.members, file.up));
                rdomainIds.add(file.rdomain);
            } catch (IntentException e) {
                for (Lines.Line line : file.lines) {
                    unmapped.add(new Unmapped(file.path, line.number(), line.text().strip(), e.getMessage()));
                }
            }
        }
        return result;
    }

    private void loopbackFile(final InterfaceFile file) {
        final int unit = Interface.unitOf(file.iface);
        if (unit == 0 || unit > 255 || file.rdomain != unit || file.inet.size() != 1 || !file.inet6.isEmpty()
                || loopbacks.containsKey(unit)) {
            for (Lines.Line line : file.lines) {
                unmapped.add(new Unmapped(file.path, line.number(), line.text().strip(), "a loopback other than"
                    + " rdomain N's loN with one IPv4 address"));
            }
            return;
        }
        loopbacks.put(unit, file.inet.get(0));
        rdomainIds.add(unit);
    }

    /** Lists every line of the file that holds the keyword (once per line, whatever the keyword). */
    private void unmappedLine(final InterfaceFile file, final String word, final String why) {
        for (Lines.Line line : file.lines) {
            if (Lines.words(line.text()).contains(word) && unmapped.stream().noneMatch(entry
                    -> entry.file().equals(file.path) && entry.line() == line.number())) {
                unmapped.add(new Unmapped(file.path, line.number(), line.text().strip(), why));
            }
        }
    }

    // ---- pf.conf ---------------------------------------------------------------------------------------------------

    private SharedIntent shared() {
        final List<HostGroup> groups = hostGroups();
        final List<PfTable> tables = tables();
        final List<NatRule> nat = new ArrayList<>();
        final List<InboundService> services = new ArrayList<>();
        final List<PolicyRoute> routes = new ArrayList<>();
        readRules(nat, services, routes);
        final Sshd sshd = files.containsKey(ApplyPlanner.SSHD_CONFIG) ? ServiceFiles.sshd(ApplyPlanner.SSHD_CONFIG,
            files.get(ApplyPlanner.SSHD_CONFIG), unmapped, notes) : null;
        if (sshd != null) {
            sshd.listeners().forEach(listen -> rdomainIds.add(listen.rdomain()));
        }
        final String rc = files.get(ApplyPlanner.RC_CONF_LOCAL);
        final String unwind = files.get(ApplyPlanner.UNWIND_CONF);
        final DnsResolver resolver = ServiceFiles.resolver(
            rc == null ? null : ServiceFiles.rcConfLocal(ApplyPlanner.RC_CONF_LOCAL, rc, unmapped, notes),
            unwind == null ? null : ServiceFiles.unwindForwarders(ApplyPlanner.UNWIND_CONF, unwind, unmapped), notes);
        if (resolver != null) {
            rdomainIds.add(resolver.rtable());
        }
        return new SharedIntent(tables, groups, routes, nat, services, resolver, sshd);
    }

    private List<HostGroup> hostGroups() {
        final List<HostGroup> groups = new ArrayList<>();
        if (pf == null) {
            return groups;
        }
        for (PfStatements.Macro macro : pf.macros) {
            final PfStatements.Statement statement = macro.statement();
            if (!macro.hostGroup()) {
                unmapped.add(new Unmapped(PF, statement.first(), statement.written(), "a macro that is not a list of"
                    + " addresses has no intent counterpart; the rules that use it were read with its value"));
                continue;
            }
            try {
                groups.add(new HostGroup(macro.name(), description(statement), PfStatements.addresses(macro.value())));
            } catch (IntentException e) {
                unmapped.add(new Unmapped(PF, statement.first(), statement.written(), e.getMessage()));
            }
        }
        return groups;
    }

    private static @Nullable String description(final PfStatements.Statement statement) {
        final String comment = statement.commentAbove();
        return comment != null && statement.describes() && Syntax.descriptionProblem(comment) == null ? comment
            : null;
    }

    private List<PfTable> tables() {
        final List<PfTable> tables = new ArrayList<>();
        final String builtIn = Renderer.MARTIANS_TABLE.lines().toList().get(1);
        final String builtInComment = Renderer.MARTIANS_TABLE.lines().toList().get(0).substring(2);
        for (PfStatements.Statement statement : statements()) {
            final Matcher table = TABLE.matcher(statement.canonical());
            if (!table.matches()) {
                continue;
            }
            done.add(statement);
            if (builtIn.equals(statement.canonical()) && builtInComment.equals(statement.commentAbove())) {
                // the renderer's own <martians>: written again whenever a rule names it
                continue;
            }
            final String flags = table.group(2);
            final String body = table.group(3);
            try {
                tables.add(new PfTable(table.group(1), description(statement), flags.contains("const"),
                    flags.contains("persist"), body == null || body.isBlank() ? List.of()
                        : List.of(body.split(", ?"))));
                if (flags.contains("counters")) {
                    unmapped.add(new Unmapped(PF, statement.first(), statement.written(), "'counters' has no intent"
                        + " counterpart; the table is imported without it"));
                }
            } catch (IntentException e) {
                unmapped.add(new Unmapped(PF, statement.first(), statement.written(), e.getMessage()));
            }
        }
        return tables;
    }

    private void readRules(final List<NatRule> nat, final List<InboundService> services,
            final List<PolicyRoute> routes) {
        final Map<String, List<String>> serviceSources = new LinkedHashMap<>();
        final Map<String, String[]> serviceShape = new HashMap<>();
        String lastService = null;
        int lastServiceLine = -1;
        long sequence = 0;
        final Set<String> routeNames = new HashSet<>();
        final Map<String, NatRule> natByUplink = new LinkedHashMap<>();
        for (PfStatements.Statement statement : statements()) {
            if (done.contains(statement)) {
                continue;
            }
            final String text = statement.canonical();
            final Matcher natRule = NAT.matcher(text);
            if (natRule.matches()) {
                if (nat(statement, natRule, natByUplink)) {
                    done.add(statement);
                }
                continue;
            }
            final Matcher service = SERVICE.matcher(text);
            if (service.matches()) {
                final Uplink uplink = uplinkByIface.get(service.group(1));
                if (uplink == null || !service.group(1).equals(service.group(5))) {
                    continue;
                }
                final String[] shape = { service.group(1), service.group(3), service.group(6) };
                String name;
                final String comment = statement.commentAbove();
                if (comment == null && lastService != null && lastServiceLine == statement.first() - 1
                        && java.util.Arrays.equals(serviceShape.get(lastService), shape)) {
                    name = lastService;
                } else if (comment != null && Syntax.isObjectName(comment) && !serviceSources.containsKey(comment)) {
                    name = comment;
                } else {
                    name = service.group(3) + "-" + service.group(6) + "-" + uplink.name();
                    for (int i = 2; serviceSources.containsKey(name); i++) {
                        name = service.group(3) + "-" + service.group(6) + "-" + uplink.name() + "-" + i;
                    }
                }
                final List<String> sources = serviceSources.computeIfAbsent(name, key -> new ArrayList<>());
                serviceShape.put(name, shape);
                final String from = service.group(4);
                if (!"any".equals(from)) {
                    final Endpoint endpoint = endpoint(from);
                    if (!(endpoint.match() instanceof Endpoint.Networks networks) || endpoint.negate()
                            || !endpoint.ports().isEmpty()) {
                        continue;
                    }
                    sources.addAll(networks.networks());
                }
                lastService = name;
                lastServiceLine = statement.last();
                done.add(statement);
                continue;
            }
            final Matcher policy = POLICY.matcher(text);
            if (policy.matches()) {
                final PolicyRoute route = policyRoute(statement, policy, sequence, routeNames);
                if (route != null) {
                    routes.add(route);
                    routeNames.add(route.name());
                    sequence = route.sequence();
                    done.add(statement);
                }
            }
        }
        nat.addAll(natByUplink.values());
        for (Map.Entry<String, List<String>> entry : serviceSources.entrySet()) {
            final String[] shape = serviceShape.get(entry.getKey());
            services.add(new InboundService(entry.getKey(), uplinkByIface.get(shape[0]).name(),
                "udp".equals(shape[1]) ? Protocol.UDP : Protocol.TCP, Integer.parseInt(shape[2]),
                List.copyOf(new java.util.LinkedHashSet<>(entry.getValue()))));
        }
    }

    private boolean nat(final PfStatements.Statement statement, final Matcher rule,
            final Map<String, NatRule> natByUplink) {
        final String iface = rule.group(1);
        final Uplink uplink = uplinkByIface.get(iface);
        if (uplink == null || !iface.equals(rule.group(3))) {
            return false;
        }
        final boolean mapE = uplink.kind() instanceof MapE;
        if (mapE == (rule.group(4) != null)) {
            return false;
        }
        String from = rule.group(2);
        final List<String> sources = new ArrayList<>();
        if (mapE) {
            final String own = "(" + iface + ")";
            if (own.equals(from)) {
                from = null;
            } else if (from.startsWith("{ ") && from.endsWith(", " + own + " }")) {
                from = "{ " + from.substring(2, from.length() - own.length() - 4) + " }";
            } else {
                return false;
            }
        } else if (rule.group(5) != null || rule.group(8) != null) {
            return false;
        }
        if (from != null) {
            for (String source : from.startsWith("{ ") ? from.substring(2, from.length() - 2).split(", ")
                    : new String[] { from }) {
                if (!Syntax.isIpv4Prefix(source) && !Syntax.isInterfaceNetwork(source)) {
                    return false;
                }
                sources.add(source);
            }
        }
        if (sources.isEmpty()) {
            return true;
        }
        final NatRule before = natByUplink.get(uplink.name());
        if (before != null) {
            return before.sources().equals(sources);
        }
        try {
            natByUplink.put(uplink.name(), new NatRule(uplink.name(), sources));
            return true;
        } catch (IntentException e) {
            return false;
        }
    }

    private @Nullable PolicyRoute policyRoute(final PfStatements.Statement statement, final Matcher policy,
            final long previous, final Set<String> names) {
        final String ingress = policy.group(1);
        if (uplinkByIface.containsKey(ingress)) {
            return null;
        }
        final Family family = "inet6".equals(policy.group(2)) ? Family.INET6 : Family.INET;
        final Protocol protocol = policy.group(3) == null ? null : Protocol.valueOf(policy.group(3).toUpperCase(
            java.util.Locale.ROOT));
        final int rtable = Integer.parseInt(policy.group(6));
        long sequence = previous + 10;
        String name = null;
        String description = null;
        final String comment = statement.commentAbove();
        if (comment != null) {
            final Matcher named = ROUTE_COMMENT.matcher(comment);
            if (named.matches() && Syntax.isObjectName(named.group(2)) && !names.contains(named.group(2))) {
                final long given = Long.parseLong(named.group(1));
                if (given > previous && given <= PolicyRoute.MAX_SEQUENCE) {
                    sequence = given;
                    name = named.group(2);
                    description = named.group(3);
                }
            } else if (Syntax.descriptionProblem(comment) == null) {
                description = comment;
            }
        }
        if (name == null) {
            name = "route-" + sequence;
        }
        try {
            final Endpoint source = endpoint(policy.group(4));
            final Endpoint destination = endpoint(policy.group(5));
            final String holder = defaultVia.get(rtable);
            final Uplink uplink = holder == null ? null : uplinkNamed(holder);
            final Via via = uplink != null && (family == Family.INET || uplink.kind() instanceof Pppoe pppoe
                && pppoe.ipv6()) ? new Via.ViaUplink(uplink.name()) : new Via.ViaRdomain(rtable);
            rdomainIds.add(rtable);
            return new PolicyRoute(name, sequence, description, ingress, family, protocol, source, destination, via);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private @Nullable Uplink uplinkNamed(final String name) {
        for (Uplink uplink : uplinkByIface.values()) {
            if (uplink.name().equals(name)) {
                return uplink;
            }
        }
        return null;
    }

    /** One endpoint of a rule as the renderer writes it: [!]HOST [port P | port { P, Q }]. */
    private static Endpoint endpoint(final String text) {
        final Matcher parts = ENDPOINT_PARTS.matcher(text);
        if (!parts.matches()) {
            throw new IllegalArgumentException(text);
        }
        boolean negate = !parts.group(1).isEmpty();
        final String host = parts.group(2);
        final Endpoint.Match match;
        if ("any".equals(host)) {
            match = Endpoint.Any.INSTANCE;
        } else if ("<martians>".equals(host) && negate) {
            match = Endpoint.Internet.INSTANCE;
            negate = false;
        } else if (host.startsWith("<") && host.endsWith(">")) {
            match = new Endpoint.TableRef(host.substring(1, host.length() - 1));
        } else if (host.startsWith("$")) {
            match = new Endpoint.HostGroupRef(host.substring(1));
        } else if (Syntax.isInterfaceNetwork(host)) {
            match = new Endpoint.InterfaceNetwork(host);
        } else if (host.startsWith("{ ")) {
            match = new Endpoint.Networks(List.of(host.substring(2, host.length() - 2).split(", ")));
        } else {
            match = new Endpoint.Networks(List.of(host));
        }
        final List<Integer> ports = new ArrayList<>();
        final String port = parts.group(3);
        if (port != null) {
            for (String value : port.startsWith("{ ") ? port.substring(2, port.length() - 2).split(", ")
                    : new String[] { port }) {
                ports.add(Integer.parseInt(value));
            }
        }
        return new Endpoint(match, negate, ports);
    }

    /** The renderer's fixed rules, implied by what was mapped; then every statement left is unmapped. */
    private void impliedPfRules(final List<Interface> interfaces, final List<Uplink> uplinks,
            final SharedIntent shared) {
        final Set<String> ispFacing = new HashSet<>();
        for (Uplink uplink : uplinks) {
            ispFacing.add(uplink.interfaceName());
            if (uplink.kind() instanceof Pppoe pppoe) {
                ispFacing.add(pppoe.parent());
            } else if (uplink.kind() instanceof MapE mapE) {
                ispFacing.add(mapE.wanInterface());
            }
        }
        for (PfStatements.Statement statement : statements()) {
            if (done.contains(statement)) {
                continue;
            }
            final String text = statement.canonical();
            String why = null;
            Matcher matcher;
            if ("block return".equals(text) || "pass".equals(text) || "set skip on lo".equals(text)) {
                continue;
            } else if ((matcher = BLOCK_IN.matcher(text)).matches() || (matcher = ICMP6.matcher(text)).matches()) {
                if (ispFacing.contains(matcher.group(1))) {
                    continue;
                }
                why = "default-deny on an interface that faces no ISP in the imported intent";
            } else if ((matcher = IPENCAP.matcher(text)).matches()) {
                if (tunnels.contains(matcher.group(1) + " " + matcher.group(2) + " " + matcher.group(3))) {
                    continue;
                }
                why = "a tunnel that is no imported MAP-E uplink's";
            } else if ((matcher = PASS_OUT.matcher(text)).matches()) {
                final Uplink uplink = uplinkByIface.get(matcher.group(1));
                final boolean family = "inet".equals(matcher.group(2))
                    || uplink != null && uplink.kind() instanceof Pppoe pppoe && pppoe.ipv6();
                if (uplink != null && family && matcher.group(3).isEmpty()) {
                    continue;
                }
                why = uplink != null && family ? "state options '" + matcher.group(3).strip() + "' have no intent"
                    + " counterpart; the rendering writes 'pass out on " + matcher.group(1) + " " + matcher.group(2)
                    + " modulate state'" : "outbound state on an interface that is no uplink of that family";
            } else if ((matcher = SCRUB6.matcher(text)).matches()) {
                final Uplink uplink = uplinkByIface.get(matcher.group(1));
                if (uplink != null && uplink.kind() instanceof Pppoe pppoe && pppoe.ipv6()) {
                    continue;
                }
                why = "IPv6 MSS clamping on an interface that is no PPPoE uplink with IPv6";
            }
            unmapped.add(new Unmapped(PF, statement.first(), statement.written(), why != null ? why
                : PfWhy.of(statement.canonical())));
        }
    }
}
