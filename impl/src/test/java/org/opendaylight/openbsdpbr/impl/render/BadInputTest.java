/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.intent.DnsResolver;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.HostGroup;
import org.opendaylight.openbsdpbr.api.intent.InboundService;
import org.opendaylight.openbsdpbr.api.intent.IntentException;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.Interface.Kind;
import org.opendaylight.openbsdpbr.api.intent.MapE;
import org.opendaylight.openbsdpbr.api.intent.NatRule;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.Secret;
import org.opendaylight.openbsdpbr.api.intent.Sshd;
import org.opendaylight.openbsdpbr.api.intent.StaticRoute;
import org.opendaylight.openbsdpbr.api.intent.StaticUplink;
import org.opendaylight.openbsdpbr.api.intent.Syntax;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.Via;

/**
 * Values that cannot be carried into an OpenBSD file are refused where the intent records are built, each error
 * naming its element in YANG terms; nothing can inject a line, a rule or a shell command; no message shows a secret.
 */
class BadInputTest {
    /** MATHEMATICAL DOUBLE-STRUCK CAPITAL A, U+1D538: one character, two UTF-16 units. */
    private static final String ASTRAL = Character.toString(0x1D538);
    /** The first half of a surrogate pair, alone. */
    private static final String LONE_SURROGATE = String.valueOf((char) 0xD835);
    private static final RouterIntent SEED = GoldenFixtures.seedRouter();

    private static void refused(final ThrowingCallable build, final String path) {
        assertThatThrownBy(build).isInstanceOfSatisfying(IntentException.class,
            e -> assertThat(e.path()).isEqualTo(path));
    }

    private static Pppoe pppoe(final String username, final String secret) {
        return new Pppoe("pppoe0", "em0", null, username, secret == null ? null : new Secret(secret), 1454, false);
    }

    static Stream<Arguments> injections() {
        return Stream.of(
            Arguments.of("newline in a description", (ThrowingCallable) () -> new Interface("em1", Kind.PHYSICAL,
                "LAN\n!/sbin/reboot", 0, null, null, null, null, true), "interface[name=em1]/description"),
            Arguments.of("carriage return in a description", (ThrowingCallable) () -> new PfTable("t", "a\rb", true,
                false, null), "table[name=t]/description"),
            Arguments.of("double quote in a description", (ThrowingCallable) () -> new Uplink("wan", "x\" up; reboot",
                0, null, new StaticUplink("em3", "203.0.113.2/30", "203.0.113.1")), "uplink[name=wan]/description"),
            Arguments.of("$(...) in a description", (ThrowingCallable) () -> new Rdomain(1, "$(reboot)", null, null,
                null), "rdomain[id=1]/description"),
            Arguments.of("backquote in a description", (ThrowingCallable) () -> new HostGroup("g", "`reboot`",
                List.of("10.0.0.1")), "host-group[name=g]/description"),
            Arguments.of("backslash in a description (pf line continuation)", (ThrowingCallable) () -> new PolicyRoute(
                "r", 1, "continued \\", "vport0", null, null, null, null, new Via.ViaRdomain(1)),
                "policy-route[name=r]/description"),
            Arguments.of("NUL in a description", (ThrowingCallable) () -> new Profile("p", "a\0b", null),
                "profiles/profile[name=p]/description"),
            Arguments.of("Unicode line separator in a description", (ThrowingCallable) () -> new Interface("em1",
                Kind.PHYSICAL, "a\u2028b", 0, null, null, null, null, true), "interface[name=em1]/description"),
            Arguments.of("single quote in a PPPoE user name", (ThrowingCallable) () -> pppoe("us'er", "secret"),
                "pppoe/username"),
            Arguments.of("space in a PPPoE user name", (ThrowingCallable) () -> pppoe("user up", "secret"),
                "pppoe/username"),
            Arguments.of("backslash in a PPPoE user name", (ThrowingCallable) () -> pppoe("user\\", "secret"),
                "pppoe/username"),
            Arguments.of("single quote in a PPPoE secret", (ThrowingCallable) () -> pppoe("user", "se'cret"),
                "pppoe/secret"),
            Arguments.of("newline in a secret", (ThrowingCallable) () -> pppoe("user", "se\ncret"), "secret"),
            Arguments.of("';' in an interface name", (ThrowingCallable) () -> Interface.physical("em0;reboot"),
                "interface/name"),
            Arguments.of("';' in a pf table name", (ThrowingCallable) () -> new PfTable("t;x", null, true, false,
                null), "table/name"),
            Arguments.of("'>' in a table reference", (ThrowingCallable) () -> new Endpoint.TableRef("t> pass all <x"),
                "table"),
            Arguments.of("space in a host group reference", (ThrowingCallable) () -> new Endpoint.HostGroupRef(
                "g pass"), "host-group"),
            Arguments.of("rule text after an interface network", (ThrowingCallable) ()
                -> new Endpoint.InterfaceNetwork("vport0:network to any rtable 1"), "interface-network"),
            Arguments.of("a list closer in a network", (ThrowingCallable) () -> new Endpoint.Networks(List.of(
                "10.0.0.0/8 } pass all {")), "network"),
            Arguments.of("a newline after a table entry", (ThrowingCallable) () -> new PfTable("t", null, true,
                false, List.of("10.0.0.1\npass all")), "table[name=t]/entry"),
            Arguments.of("a NAT source with a rule", (ThrowingCallable) () -> new NatRule("wan",
                List.of("vport0:network nat-to 1.2.3.4")), "nat[uplink=wan]/source"),
            Arguments.of("';' in an uplink name", (ThrowingCallable) () -> new Uplink("wan;x", null, 0, null,
                new StaticUplink("em3", "203.0.113.2/30", "203.0.113.1")), "uplink/name"),
            Arguments.of("an sshd listener with an option", (ThrowingCallable) () -> new Sshd.Listen(
                "0.0.0.0 rdomain 1", 0), "sshd/listen/address"),
            Arguments.of("a forwarder that closes the block", (ThrowingCallable) () -> new DnsResolver(0, List.of(
                "8.8.8.8 }"), false), "dns-resolver/forwarder"),
            Arguments.of("a zone in an IPv6 address", (ThrowingCallable) () -> new StaticRoute.ViaGateway(
                "fe80::1%em0"), "gateway"),
            Arguments.of("a static route destination without length", (ThrowingCallable) () -> new StaticRoute(
                "10.0.0.0", new StaticRoute.ViaGateway("192.0.2.1")), "static-route/destination"),
            Arguments.of("an octal-looking address", (ThrowingCallable) () -> new StaticUplink("em3",
                "010.0.0.2/30", "10.0.0.1"), "static/address"),
            Arguments.of("a PPPoE uplink on em0", (ThrowingCallable) () -> new Pppoe("em0", "em1", null, "u", null,
                1454, false), "pppoe/interface"),
            Arguments.of("a MAP-E uplink on pppoe0", (ThrowingCallable) () -> new MapE("pppoe0", "em0",
                "2001:db8::/56", "2001:db8::1", "2001:db8::/40", "192.0.2.0/24", 16, 6, null, null, 1460),
                "map-e/interface"),
            Arguments.of("a veb called em5", (ThrowingCallable) () -> new Interface("em5", Kind.VEB, null, 0, null,
                null, null, null, true), "interface[name=em5]/kind"),
            Arguments.of("members on a physical interface", (ThrowingCallable) () -> new Interface("em5",
                Kind.PHYSICAL, null, 0, null, null, null, List.of("em1"), true), "interface[name=em5]/member"),
            Arguments.of("rdomain 256", (ThrowingCallable) () -> new Uplink("wan", null, 256, null,
                new StaticUplink("em3", "203.0.113.2/30", "203.0.113.1")), "uplink[name=wan]/rdomain"),
            Arguments.of("port 65536", (ThrowingCallable) () -> new InboundService("ssh", "wan", null, 65536, null),
                "inbound-service[name=ssh]/port"),
            Arguments.of("an MTU below 576", (ThrowingCallable) () -> new Interface("em1", Kind.PHYSICAL, null, 0,
                null, null, 500, null, true), "interface[name=em1]/mtu"),
            Arguments.of("sequence 0", (ThrowingCallable) () -> new PolicyRoute("r", 0, null, "vport0", null, null,
                null, null, new Via.ViaRdomain(1)), "policy-route[name=r]/sequence"),
            Arguments.of("a shell command as release", (ThrowingCallable) () -> new RouterIntent("r", "7.8; reboot",
                null, null, null, null), "openbsd-release"),
            // issue 9 class 3: pfctl's lexer reads these names as keywords
            Arguments.of("a table named like a pf keyword", (ThrowingCallable) () -> new PfTable("tagged", null, true,
                false, null), "table/name"),
            Arguments.of("a host group named like a pf keyword", (ThrowingCallable) () -> new HostGroup("block", null,
                List.of("10.0.0.1")), "host-group/name"),
            Arguments.of("a table reference to a pf keyword", (ThrowingCallable) () -> new Endpoint.TableRef("table"),
                "table"),
            Arguments.of("a host group reference to a pf keyword", (ThrowingCallable) ()
                -> new Endpoint.HostGroupRef("on"), "host-group"),
            // issue 10: text that can hide meaning
            Arguments.of("a right-to-left override in a description", (ThrowingCallable) () -> new Interface("em1",
                Kind.PHYSICAL, "LAN \u202Etrop", 0, null, null, null, null, true), "interface[name=em1]/description"),
            Arguments.of("a first-strong isolate in a description", (ThrowingCallable) () -> new PfTable("t",
                "a\u2068b", true, false, null), "table[name=t]/description"),
            Arguments.of("a zero-width space in a description", (ThrowingCallable) () -> new Rdomain(1, "PP\u200BPoE",
                null, null, null), "rdomain[id=1]/description"),
            Arguments.of("a byte-order mark in a description", (ThrowingCallable) () -> new HostGroup("g", "\uFEFFx",
                List.of("10.0.0.1")), "host-group[name=g]/description"),
            Arguments.of("a C1 control in a description", (ThrowingCallable) () -> new Profile("p", "a\u009bb", null),
                "profiles/profile[name=p]/description"),
            Arguments.of("a lone surrogate in a description", (ThrowingCallable) () -> new Uplink("wan",
                "a" + LONE_SURROGATE + "b", 0, null, new StaticUplink("em3", "203.0.113.2/30", "203.0.113.1")),
                "uplink[name=wan]/description"),
            Arguments.of("201 characters outside the BMP", (ThrowingCallable) () -> new Interface("em1", Kind.PHYSICAL,
                ASTRAL.repeat(201), 0, null, null, null, null, true), "interface[name=em1]/description"),
            // issue 9 class 6: sshd refuses Port 0
            Arguments.of("sshd on port 0", (ThrowingCallable) () -> new Sshd(null, 0, false, null), "sshd/port"),
            Arguments.of("an inbound service on port 0", (ThrowingCallable) () -> new InboundService("ssh", "wan",
                null, 0, null), "inbound-service[name=ssh]/port"),
            Arguments.of("a rule on port 0", (ThrowingCallable) () -> new Endpoint(null, false, List.of(0)), "port"));
    }

    @Test
    void lengthIsCountedInCharactersNotUtf16Units() {
        // 200 characters outside the Basic Multilingual Plane are 400 UTF-16 units: YANG counts 200
        final String astral = ASTRAL.repeat(200);
        assertThat(astral).hasSize(400);
        assertThat(Syntax.descriptionProblem(astral)).isNull();
        assertThat(new Interface("em1", Kind.PHYSICAL, astral, 0, null, null, null, null, true).description())
            .isEqualTo(astral);
        assertThat(Syntax.descriptionProblem(astral + "x")).isEqualTo(
            "a description has at most 200 characters, this one 201");
    }

    @Test
    void visibleTextOfEveryScriptIsADescription() {
        for (String text : List.of("東京支店の回線", "Zürich – Filiale", "שלום", "مرحبا", "emoji 🚀 ok", "a\u00a0b")) {
            assertThat(Syntax.descriptionProblem(text)).as(text).isNull();
        }
        assertThat(Syntax.descriptionProblem("LAN \u202Etrop")).isEqualTo("a description cannot hold invisible"
            + " format characters such as bidirectional overrides or zero-width characters (U+202E)");
        // an error shows such a value with the hidden characters escaped, so it cannot reorder the text around it
        assertThat(Syntax.show("LAN \u202Etrop\u200B\n")).isEqualTo("'LAN \\u202etrop\\u200b\\x0a'");
        assertThat(Syntax.show(ASTRAL.repeat(70))).isEqualTo("'" + ASTRAL.repeat(64) + "...'");
    }

    @Test
    void everyPfKeywordThatLooksLikeANameIsRefusedCaseSensitively() {
        for (String keyword : Syntax.PF_KEYWORDS) {
            assertThat(Syntax.isPfName(keyword)).as(keyword).isFalse();
            assertThat(Syntax.isPfName(keyword.toUpperCase(java.util.Locale.ROOT))).as(keyword).isTrue();
        }
        assertThat(Syntax.isPfName("tagged_hosts")).isTrue();
        assertThat(Syntax.isPfName("martians")).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injections")
    void refusedWithTheElementPath(final String what, final ThrowingCallable build, final String path) {
        refused(build, path);
    }

    @Test
    void nestedBuildersGrowThePathToTheFullOne() {
        refused(() -> IntentException.at("intent", () -> new Uplink("pppoe", null, 1, null,
            IntentException.at("uplink[name=pppoe]", () -> pppoe("us'er", "secret")))),
            "intent/uplink[name=pppoe]/pppoe/username");
        refused(() -> IntentException.at("intent", () -> new PolicyRoute("r", 1, null, "vport0", null, null,
            IntentException.at("policy-route[name=r]/source", () -> new Endpoint(new Endpoint.Networks(List.of(
                "10.0.0.0/8\n")), false, null)), null, new Via.ViaRdomain(1))),
            "intent/policy-route[name=r]/source/network");
        refused(() -> IntentException.at(Profile.path("branch"), () -> new PfTable("t", null, true, false,
            List.of("256.0.0.1"))), "profiles/profile[name=branch]/table[name=t]/entry");
    }

    @Test
    void duplicateKeysAreRefusedWithTheEntryPath() {
        final List<Uplink> twice = new ArrayList<>(SEED.uplinks());
        twice.add(SEED.uplinks().get(0));
        refused(() -> new RouterIntent("r", null, null, null, twice, null), "intent/uplink[name=ipoe]");
        refused(() -> new Sshd(List.of(new Sshd.Listen("::", 0), new Sshd.Listen("::", 0)), 22, false, null),
            "sshd/listen[address=::][rdomain=0]");
    }

    @ParameterizedTest
    @ValueSource(strings = { "s3cr'et", "s3cr\\et", "s3cr et", "s3cr\tet" })
    void noMessageShowsASecretOrUserName(final String value) {
        assertThatThrownBy(() -> pppoe("user", value)).hasMessageNotContaining("s3cr");
        assertThatThrownBy(() -> pppoe(value, "secret")).hasMessageNotContaining("s3cr");
    }

    @Test
    void secretsAreMaskedInEveryToString() {
        final Pppoe pppoe = pppoe("user", "hunter2");
        assertThat(new Secret("hunter2").toString()).isEqualTo("********");
        assertThat(pppoe.toString()).doesNotContain("hunter2").contains("********");
        final RouterIntent intent = SEED;
        assertThat(intent.toString()).contains("secret=********");
    }

    @Test
    void addressSyntaxFollowsTheRfcs() {
        for (String good : List.of("::", "::1", "2001:db8::", "2001:db8:0:1::2", "fe80::1:2:3:4:5:6",
                "1:2:3:4:5:6:7:8", "::ffff:192.0.2.1", "64:ff9b::192.0.2.33", "2404:9200:225:100::64", "ABCD::ef")) {
            assertThat(Syntax.isIpv6Address(good)).as(good).isTrue();
        }
        for (String bad : List.of(":", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "g::",
                "1:2:3:4:5:6:7:8::", ":1::", "1::2:", "::1.2.3", "fe80::1%em0", "")) {
            assertThat(Syntax.isIpv6Address(bad)).as(bad).isFalse();
        }
        for (String good : List.of("0.0.0.0", "255.255.255.255", "192.0.2.1")) {
            assertThat(Syntax.isIpv4Address(good)).as(good).isTrue();
        }
        for (String bad : List.of("256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.4 ", "a.b.c.d", "1..2.3")) {
            assertThat(Syntax.isIpv4Address(bad)).as(bad).isFalse();
        }
        assertThat(Syntax.isIpv4Prefix("10.0.0.0/33")).isFalse();
        assertThat(Syntax.isIpv4Prefix("10.0.0.0/08")).isFalse();
        assertThat(Syntax.isIpv6Prefix("2001:db8::/129")).isFalse();
        assertThat(Syntax.isIpv6Prefix("2001:db8::/128")).isTrue();
    }

    @Test
    void whatPassesCannotBreakOutOfItsLine() {
        // values the syntax allows that a shell or pf would otherwise act on: ; # { } $ ! in quoted words
        final RouterIntent intent = new RouterIntent("tricky", null,
            List.of(new Rdomain(0, null, null, "isp", null)),
            List.of(new Interface("em0", Kind.PHYSICAL, "ONU; reboot # {x} & | < > *", 0, null, null, null, null,
                true), new Interface("em1", Kind.PHYSICAL, null, 0, List.of("192.168.1.1/24"), null, null, null,
                true)),
            List.of(new Uplink("isp", "a #comment; !/sbin/reboot", 0, null, new Pppoe("pppoe0", "em0", null,
                "u$(id)@x;#", new Secret("$(reboot)`x`;#!{}"), 1454, false))),
            null);
        final RenderResult result = Renderer.render(intent);
        final ManagedFile em0 = result.files().get("/etc/hostname.em0").orElseThrow();
        assertThat(em0.content().lines()).containsExactly(
            "# Rendered by openbsd-pbr for router tricky; local changes are overwritten.",
            "description \"ONU; reboot # {x} & | < > *\"",
            "up");
        final ManagedFile pppoe0 = result.files().get("/etc/hostname.pppoe0").orElseThrow();
        assertThat(pppoe0.content().lines()).containsExactly(
            "# Rendered by openbsd-pbr for router tricky; local changes are overwritten.",
            "description \"a #comment; !/sbin/reboot\"",
            "inet 0.0.0.0 255.255.255.255 NONE mtu 1454 pppoedev em0 authproto chap authname 'u$(id)@x;#'"
                + " authkey '$(reboot)`x`;#!{}' up",
            "dest 0.0.0.1",
            "!/sbin/route add default -ifp pppoe0 0.0.0.1");
        // every command line of every file is one the renderer wrote itself
        result.files().files().values().forEach(file -> file.content().lines()
            .filter(line -> line.startsWith("!"))
            .forEach(line -> assertThat(line).as(file.path()).startsWith("!/sbin/route ")));
    }
}
