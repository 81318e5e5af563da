/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.intent.Dhcp;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.Family;
import org.opendaylight.openbsdpbr.api.intent.InboundService;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.StaticUplink;
import org.opendaylight.openbsdpbr.api.intent.Syntax;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.Via;

/**
 * Thousands of randomized intents ({@link RandomIntents}) over the whole model: a case that carries no mistake must
 * validate and render, and its files must keep the invariants of issue 9; a case that carries one must be refused
 * with an error at its element. The invariants are read back from the rendered text, independently of the
 * renderer's own data structures:
 * <ul>
 *   <li>every table and macro name pf.conf defines or names is a legal pf name, not a keyword, and defined;</li>
 *   <li>every rule that says a family names only literal addresses of it, and only macros with an address of
 *       it;</li>
 *   <li>every interface that faces an ISP (an uplink's interface, a PPPoE parent, a MAP-E WAN, as the intent says)
 *       is {@code block in on IF} after the stock {@code pass}, and nothing passes inbound there afterwards but the
 *       ICMPv6 of RFC 4890, the MAP-E tunnel from its BR and the intent's inbound services;</li>
 *   <li>every policy route with {@code via-uplink X} carries {@code rtable} of X's rdomain, and that table's only
 *       default route of the route's family goes through X (read from the hostname.if files);</li>
 *   <li>no file holds a control or format character, and every hostname.if command is a route(8) call.</li>
 * </ul>
 * A failure names the case's seed: {@code RandomIntents.generate(seed)} builds it again.
 */
class RenderPropertyTest {
    private static final int CASES = 3000;
    private static final Pattern MACRO = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*) = \"\\{ (.*) \\}\"$");
    private static final Pattern TABLE = Pattern.compile("^table <([^>]*)>");
    private static final Pattern TABLE_REF = Pattern.compile("<([^>]*)>");
    private static final Pattern MACRO_REF = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern FAMILY = Pattern.compile(" (inet6?) ");
    private static final Pattern TOKENS = Pattern.compile("[\\s{},!()]+");
    private static final Pattern COMMA = Pattern.compile(", ");
    private static final Pattern ICMP6 = Pattern.compile(
        "pass in on (\\S+) inet6 proto icmp6 (from fe80::/10 )?icmp6-type \\{ ([a-z0-9, ]+) \\}");
    private static final Set<String> ICMP6_ANYWHERE = Set.of("unreach", "toobig", "timex", "paramprob", "echoreq",
        "neighbrsol", "neighbradv");
    private static final Set<String> ICMP6_LINK_LOCAL = Set.of("routeradv", "groupqry");
    private static final Pattern TUNNEL = Pattern.compile(
        "pass in on (\\S+) inet6 proto ipencap from (\\S+) to (\\S+)");
    private static final Pattern SERVICE = Pattern.compile(
        "pass in on (\\S+) (inet6?) proto (tcp|udp) from (.+) to \\((\\S+)\\) port ([0-9]+)");
    private static final Pattern DEFAULT_ROUTE = Pattern.compile(
        "^!/sbin/route (-T ([0-9]+) )?add (-inet6 )?default (.*)$");

    @Test
    // any failure of a case is reported with the seed that builds it again
    @SuppressWarnings("checkstyle:IllegalCatch")
    void randomIntentsRenderFilesThatKeepTheInvariants() {
        final long base = RandomIntents.baseSeed();
        final Map<RandomIntents.Mistake, Integer> refused = new EnumMap<>(RandomIntents.Mistake.class);
        final Map<String, Integer> covered = new TreeMap<>();
        int rendered = 0;
        for (int i = 0; i < CASES; i++) {
            final RandomIntents.Case test = RandomIntents.generate(base + i);
            try {
                if (check(test, covered)) {
                    rendered++;
                } else {
                    refused.merge(test.mistake(), 1, Integer::sum);
                }
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(test + " (RandomIntents.generate(" + test.seed() + "L), base seed " + base
                    + "): " + e.getMessage(), e);
            }
        }
        // the run covers the model, or it proves little
        assertThat(rendered).as("cases rendered").isGreaterThan(CASES / 2);
        for (RandomIntents.Mistake mistake : RandomIntents.Mistake.values()) {
            assertThat(refused.getOrDefault(mistake, 0)).as("cases refused for " + mistake).isGreaterThan(10);
        }
        for (String kind : List.of("uplink pppoe", "uplink pppoe ipv6", "uplink pppoe jumbo", "uplink map-e",
                "uplink map-e portset", "uplink dhcp", "uplink static", "route inet", "route inet6", "match any",
                "match internet", "match networks", "match table", "match host-group", "match interface-network",
                "negated", "ports", "via-uplink", "via-rdomain", "profiles", "inbound inet6", "sshd", "unwind",
                "rdomain above 0", "tunneldomain")) {
            assertThat(covered.getOrDefault(kind, 0)).as("rendered cases with " + kind + " (" + covered + ")")
                .isGreaterThan(20);
        }
    }

    /** Checks one case; true when it rendered, false when it was refused as it had to be. */
    private static boolean check(final RandomIntents.Case test, final Map<String, Integer> covered) {
        final List<IntentError> errors = IntentValidator.validate(IntentMerger.mergeWithOrigins(test.profiles(),
            test.own()));
        for (IntentError error : errors) {
            assertThat(error.path()).as("every error names its element").matches(
                "(intent|profiles/profile\\[name=[a-z0-9-]+\\])/.+");
        }
        if (test.mistake() != null) {
            assertThat(errors).as("a case with the mistake " + test.mistake() + " is refused at its element")
                .anyMatch(error -> error.path().contains(test.mistake().pathPart()));
            try {
                Renderer.render(test.effective());
                fail("rendered although the validator refused it");
            } catch (InvalidIntentException expected) {
                return false;
            }
        }
        assertThat(errors).as("a case without mistakes is valid").isEmpty();
        final RenderResult result = Renderer.render(test.effective());
        final FileSet files = result.files();
        final String pf = files.get(ApplyPlanner.PF_CONF).orElseThrow().content();
        names(pf);
        families(pf);
        defaultDeny(test.effective(), pf);
        policyRoutes(test.effective(), pf, files);
        text(files);
        if (test.seed() % 10 == 0) {
            assertThat(Renderer.render(test.effective()).files().revision()).isEqualTo(files.revision());
        }
        coverage(test, covered);
        return true;
    }

    // ---- invariant 1: names ----------------------------------------------------------------------------------------

    private static void names(final String pf) {
        final Set<String> tables = new LinkedHashSet<>();
        final Set<String> macros = new LinkedHashSet<>();
        for (String line : pf.lines().toList()) {
            final Matcher macro = MACRO.matcher(line);
            final Matcher table = TABLE.matcher(line);
            if (macro.matches()) {
                macros.add(macro.group(1));
            } else if (table.find()) {
                tables.add(table.group(1));
            }
        }
        for (String name : union(tables, macros)) {
            assertThat(Syntax.isPfName(name)).as("pf name '%s' is legal and not a keyword", name).isTrue();
        }
        for (String line : rules(pf)) {
            final Matcher table = TABLE_REF.matcher(line);
            while (table.find()) {
                assertThat(tables).as("table <%s> of '%s' is defined", table.group(1), line).contains(table.group(1));
            }
            final Matcher macro = MACRO_REF.matcher(line);
            while (macro.find()) {
                assertThat(macros).as("macro $%s of '%s' is defined", macro.group(1), line).contains(macro.group(1));
            }
        }
    }

    private static Set<String> union(final Set<String> one, final Set<String> other) {
        final Set<String> all = new LinkedHashSet<>(one);
        all.addAll(other);
        return all;
    }

    /** pf.conf's rule lines: match, pass and block. */
    private static List<String> rules(final String pf) {
        return pf.lines().filter(line -> line.startsWith("match ") || line.startsWith("pass")
            || line.startsWith("block")).toList();
    }

    // ---- invariant 2: families -------------------------------------------------------------------------------------

    private static void families(final String pf) {
        final Map<String, List<String>> macros = new HashMap<>();
        for (String line : pf.lines().toList()) {
            final Matcher macro = MACRO.matcher(line);
            if (macro.matches()) {
                macros.put(macro.group(1), List.of(COMMA.split(macro.group(2))));
            }
        }
        for (String rule : rules(pf)) {
            final Matcher family = FAMILY.matcher(rule);
            if (!family.find()) {
                continue;
            }
            final boolean v6 = "inet6".equals(family.group(1));
            for (String token : TOKENS.split(rule)) {
                if (Syntax.isNetworkOrAddress(token)) {
                    assertThat(Syntax.isV6(token)).as("%s in the %s rule '%s'", token, family.group(1), rule)
                        .isEqualTo(v6);
                }
            }
            final Matcher macro = MACRO_REF.matcher(rule);
            while (macro.find()) {
                assertThat(macros.get(macro.group(1))).as("macro $%s of the %s rule '%s' has an address of it",
                    macro.group(1), family.group(1), rule).anyMatch(address -> Syntax.isV6(address) == v6);
            }
        }
    }

    // ---- invariant 3: default-deny on every interface that faces an ISP -------------------------------------------

    private static void defaultDeny(final RouterIntent intent, final String pf) {
        final Set<String> facing = new LinkedHashSet<>();
        for (Uplink uplink : intent.uplinks()) {
            facing.add(uplink.interfaceName());
            switch (uplink.kind()) {
                case Pppoe pppoe -> facing.add(pppoe.parent());
                case MapE mapE -> facing.add(mapE.wanInterface());
                default -> {
                    // the uplink's own interface
                }
            }
        }
        final List<String> lines = pf.lines().toList();
        final int stockPass = lines.indexOf("pass");
        assertThat(stockPass).as("the stock pass").isPositive();
        assertThat(pf).as("no quick rule overrides the filter").doesNotContain(" quick");
        for (String iface : facing) {
            final int block = lines.indexOf("block in on " + iface);
            assertThat(block).as("block in on %s after the stock pass", iface).isGreaterThan(stockPass);
            for (String line : lines.subList(block + 1, lines.size())) {
                if (passesInboundOn(line, iface)) {
                    assertThat(allowedPast(intent, iface, line)).as("'%s' may pass inbound on %s, which faces the"
                        + " ISP", line, iface).isTrue();
                }
            }
        }
    }

    private static boolean passesInboundOn(final String line, final String iface) {
        if (!line.startsWith("pass") || line.startsWith("pass out ")) {
            return false;
        }
        return line.startsWith("pass in on " + iface + " ") || line.startsWith("pass on " + iface + " ")
            || !line.contains(" on ");
    }

    private static boolean allowedPast(final RouterIntent intent, final String iface, final String line) {
        final Matcher icmp6 = ICMP6.matcher(line);
        if (icmp6.matches()) {
            for (String type : COMMA.split(icmp6.group(3))) {
                if (!ICMP6_ANYWHERE.contains(type) && !(icmp6.group(2) != null && ICMP6_LINK_LOCAL.contains(type))) {
                    return false;
                }
            }
            return icmp6.group(1).equals(iface);
        }
        final Matcher tunnel = TUNNEL.matcher(line);
        if (tunnel.matches()) {
            return intent.uplinks().stream().anyMatch(uplink -> uplink.kind() instanceof MapE mapE
                && mapE.wanInterface().equals(iface) && Addresses.same(mapE.brAddress(), tunnel.group(2))
                && Addresses.holds(mapE.delegatedPrefix(), tunnel.group(3)));
        }
        final Matcher service = SERVICE.matcher(line);
        if (service.matches() && service.group(1).equals(iface) && service.group(5).equals(iface)) {
            final boolean v6 = "inet6".equals(service.group(2));
            for (InboundService declared : intent.shared().inboundServices()) {
                final Uplink uplink = intent.uplinks().stream().filter(one -> one.name().equals(declared.uplink()))
                    .findFirst().orElseThrow();
                if (uplink.interfaceName().equals(iface) && declared.protocol().keyword().equals(service.group(3))
                        && declared.port() == Integer.parseInt(service.group(6))
                        && sourcesOf(declared, v6).equals(service.group(4))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How the declared sources of a service read in its rule of one family. */
    private static String sourcesOf(final InboundService service, final boolean v6) {
        final List<String> own = service.sources().stream().filter(source -> Syntax.isV6(source) == v6).toList();
        if (own.isEmpty()) {
            return "any";
        }
        return own.size() == 1 ? own.get(0) : "{ " + String.join(", ", own) + " }";
    }

    // ---- invariant 4: a policy route leaves through the uplink it names ---------------------------------------------

    private static void policyRoutes(final RouterIntent intent, final String pf, final FileSet files) {
        final List<String> lines = pf.lines().toList();
        // rdomain -> family -> the default route lines of every hostname.if file
        final Map<String, List<String>> defaults = new HashMap<>();
        for (ManagedFile file : files.files().values()) {
            if (!file.path().startsWith(ApplyPlanner.HOSTNAME_PREFIX)) {
                continue;
            }
            for (String line : file.content().lines().toList()) {
                final Matcher route = DEFAULT_ROUTE.matcher(line);
                if (route.matches()) {
                    final String key = (route.group(2) == null ? "0" : route.group(2))
                        + (route.group(3) == null ? " inet" : " inet6");
                    defaults.computeIfAbsent(key, unused -> new ArrayList<>()).add(file.path() + ": "
                        + route.group(4));
                }
            }
        }
        for (PolicyRoute route : intent.shared().policyRoutes()) {
            final int at = lines.indexOf("# " + route.sequence() + " " + route.name()
                + (route.description().isEmpty() ? "" : ": " + route.description()));
            assertThat(at).as("the rule of policy route %s", route.name()).isPositive();
            final String rule = lines.get(at + 1);
            if (!(route.via() instanceof Via.ViaUplink via)) {
                assertThat(rule).endsWith(" rtable " + ((Via.ViaRdomain) route.via()).rdomain());
                continue;
            }
            final Uplink uplink = intent.uplinks().stream().filter(one -> one.name().equals(via.uplink()))
                .findFirst().orElseThrow();
            assertThat(rule).as("policy route %s", route.name()).endsWith(" rtable " + uplink.rdomain());
            final boolean v6 = route.family() == Family.INET6;
            final List<String> found = defaults.getOrDefault(uplink.rdomain() + (v6 ? " inet6" : " inet"),
                List.of());
            final String file = ApplyPlanner.HOSTNAME_PREFIX + uplink.interfaceName();
            switch (uplink.kind()) {
                case Dhcp dhcp -> {
                    assertThat(found).as("dhcpleased alone adds rdomain %d's default", uplink.rdomain()).isEmpty();
                    assertThat(files.get(file).orElseThrow().content()).contains("inet autoconf\n");
                }
                case StaticUplink statik -> assertThat(found).as("rdomain %d's defaults", uplink.rdomain())
                    .containsExactly(file + ": " + statik.gateway());
                default -> assertThat(found).as("rdomain %d's defaults", uplink.rdomain()).containsExactly(file
                    + ": -ifp " + uplink.interfaceName() + (v6 ? " fe80::%" + uplink.interfaceName() : " 0.0.0.1"));
            }
        }
    }

    // ---- invariant 5: text -----------------------------------------------------------------------------------------

    private static void text(final FileSet files) {
        for (ManagedFile file : files.files().values()) {
            file.content().codePoints().forEach(ch -> {
                final int type = Character.getType(ch);
                assertThat(ch == '\n' || type != Character.CONTROL && type != Character.FORMAT
                    && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR)
                    .as("%s holds U+%04X", file.path(), ch).isTrue();
            });
            if (file.path().startsWith(ApplyPlanner.HOSTNAME_PREFIX)) {
                file.content().lines().filter(line -> line.startsWith("!")).forEach(line -> assertThat(line)
                    .as(file.path()).startsWith("!/sbin/route "));
            }
        }
    }

    // ---- what the run covered --------------------------------------------------------------------------------------

    private static void coverage(final RandomIntents.Case test, final Map<String, Integer> covered) {
        final RouterIntent intent = test.effective();
        final Set<String> kinds = new LinkedHashSet<>();
        for (Uplink uplink : intent.uplinks()) {
            kinds.add("uplink " + uplink.kind().caseName());
            if (uplink.kind() instanceof Pppoe pppoe && pppoe.ipv6()) {
                kinds.add("uplink pppoe ipv6");
            }
            if (uplink.kind() instanceof Pppoe pppoe && pppoe.mtu() > 1492) {
                kinds.add("uplink pppoe jumbo");
            }
            if (uplink.kind() instanceof MapE mapE && mapE.natMode() == MapE.NatMode.MAP_E_PORTSET) {
                kinds.add("uplink map-e portset");
            }
            if (uplink.kind() instanceof MapE mapE && intent.interfaces().stream().anyMatch(iface -> iface.name()
                    .equals(mapE.wanInterface()) && iface.rdomain() != uplink.rdomain())) {
                kinds.add("tunneldomain");
            }
            if (uplink.rdomain() != 0) {
                kinds.add("rdomain above 0");
            }
        }
        for (PolicyRoute route : intent.shared().policyRoutes()) {
            kinds.add("route " + route.family().keyword());
            kinds.add(route.via() instanceof Via.ViaUplink ? "via-uplink" : "via-rdomain");
            for (Endpoint endpoint : List.of(route.source(), route.destination())) {
                kinds.add("match " + switch (endpoint.match()) {
                    case Endpoint.Any any -> "any";
                    case Endpoint.Internet internet -> "internet";
                    case Endpoint.Networks networks -> "networks";
                    case Endpoint.TableRef table -> "table";
                    case Endpoint.HostGroupRef group -> "host-group";
                    case Endpoint.InterfaceNetwork network -> "interface-network";
                });
                if (endpoint.negate()) {
                    kinds.add("negated");
                }
                if (!endpoint.ports().isEmpty()) {
                    kinds.add("ports");
                }
            }
        }
        if (!test.profiles().isEmpty()) {
            kinds.add("profiles");
        }
        if (intent.shared().inboundServices().stream().anyMatch(service -> service.sources().stream()
                .anyMatch(Syntax::isV6))) {
            kinds.add("inbound inet6");
        }
        if (intent.shared().sshd() != null) {
            kinds.add("sshd");
        }
        if (intent.shared().dnsResolver() != null) {
            kinds.add("unwind");
        }
        kinds.forEach(kind -> covered.merge(kind, 1, Integer::sum));
    }
}
