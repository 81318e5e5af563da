/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.intent.Dhcp;
import org.opendaylight.openbsdpbr.api.intent.DnsResolver;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.Family;
import org.opendaylight.openbsdpbr.api.intent.HostGroup;
import org.opendaylight.openbsdpbr.api.intent.InboundService;
import org.opendaylight.openbsdpbr.api.intent.IntentException;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.Interface.Kind;
import org.opendaylight.openbsdpbr.api.intent.NatRule;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.Protocol;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.Secret;
import org.opendaylight.openbsdpbr.api.intent.Sshd;
import org.opendaylight.openbsdpbr.api.intent.StaticRoute;
import org.opendaylight.openbsdpbr.api.intent.StaticUplink;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.Via;

/**
 * One hand-written construct per case, as hostname.if(5), pf.conf(5), sshd_config(5), unwind.conf(5) and
 * rc.conf.local(8) allow admins to write it, with the intent it maps to and the lines it leaves unmapped (file, line,
 * why). Expected values come from the manuals' meaning of each line, not from what the importer prints.
 */
class ImportFixturesTest {
    private static ImportResult imp(final String... pathsAndContents) {
        final Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return RouterImporter.importFiles("r1", files);
    }

    private static Interface iface(final ImportResult result, final String name) {
        return result.intent().interfaces().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void addressWithNetmaskAliasDescriptionMtuAndDown() {
        final ImportResult result = imp("/etc/hostname.em1", """
            description "LAN, rack 2"
            mtu 9000
            inet 192.168.1.1 255.255.255.0 192.168.1.255
            inet alias 10.0.0.1 0xffffff00
            inet6 2001:db8:1::1 64
            inet6 alias fd00::1 prefixlen 48
            down
            """);
        assertThat(iface(result, "em1")).isEqualTo(new Interface("em1", Kind.PHYSICAL, "LAN, rack 2", 0,
            List.of("192.168.1.1/24", "10.0.0.1/24"), List.of("2001:db8:1::1/64", "fd00::1/48"), 9000, null, false));
        assertThat(result.unmapped()).isEmpty();
    }

    @Test
    void vebMembersAndRdomain() {
        final ImportResult result = imp("/etc/hostname.veb0", "add em1\nadd vport0\nup\n",
            "/etc/hostname.vport0", "rdomain 3\ninet 10.3.0.1/24\nup\n");
        assertThat(iface(result, "veb0").members()).containsExactly("em1", "vport0");
        assertThat(iface(result, "veb0").kind()).isEqualTo(Kind.VEB);
        assertThat(iface(result, "vport0").rdomain()).isEqualTo(3);
        assertThat(result.intent().rdomains()).extracting(Rdomain::id).containsExactly(0, 3);
    }

    @Test
    void vebAddressesAndForeignKeywordsAreListedNotDropped() {
        // the renderer writes a veb's members only: an address or MTU on it would vanish on the first commit
        final ImportResult result = imp("/etc/hostname.veb0", "add em1\ninet 10.0.0.1/24\nmtu 9000\nup\n",
            "/etc/hostname.em1", "dest 10.0.0.2\ninet6 eui64\nup\n");
        assertThat(iface(result, "veb0")).isEqualTo(new Interface("veb0", Kind.VEB, null, 0, null, null, null,
            List.of("em1"), true));
        assertThat(result.unmapped()).extracting(Unmapped::file, Unmapped::line).containsExactly(
            tuple("/etc/hostname.em1", 1), tuple("/etc/hostname.em1", 2), tuple("/etc/hostname.veb0", 2),
            tuple("/etc/hostname.veb0", 3));
    }

    @Test
    void aPppoeSessionTheIntentCannotSayIsListedWhole() {
        final ImportResult result = imp("/etc/hostname.pppoe0", PPPOE0.replace("dest 0.0.0.1", "dest 10.9.9.9"));
        assertThat(result.intent().uplinks()).isEmpty();
        assertThat(result.unmapped()).extracting(Unmapped::line).containsExactly(1, 2, 3);
        assertThat(result.unmapped()).allMatch(entry -> entry.why().startsWith("a PPPoE peer other than 0.0.0.1"));
    }

    @Test
    void pppoeWithContinuationLinesLoopbackAndDefaultRoute() {
        // the seed's hostname.pppoe0 (hostname.if(5): a trailing backslash continues the line)
        final ImportResult result = imp("/etc/hostname.pppoe0", """
            rdomain 1
            inet 0.0.0.0 255.255.255.255 NONE mtu 1492 \\
                    pppoedev em0 authproto pap \\
                    authname 'user@isp' authkey 's3cret' up
            dest 0.0.0.1
            inet6 eui64
            !/sbin/ifconfig lo1 inet 127.0.0.1/8
            !/sbin/route -T 1 add default -ifp pppoe0 0.0.0.1
            !/sbin/route -T 1 add -inet6 default -ifp pppoe0 fe80::%pppoe0
            """, "/etc/hostname.em0", "up\n");
        assertThat(result.intent().uplinks()).containsExactly(new Uplink("pppoe0", null, 1, null, new Pppoe("pppoe0",
            "em0", Pppoe.AuthProtocol.PAP, "user@isp", new Secret("s3cret"), 1492, true)));
        assertThat(result.intent().rdomains()).contains(new Rdomain(1, null, "127.0.0.1/8", "pppoe0", null));
        assertThat(result.unmapped()).isEmpty();
    }

    @Test
    void dhcpUplinkFromInetAutoconfOrNetstartsDhcp() {
        final ImportResult result = imp("/etc/hostname.em0", "inet autoconf\nup\n", "/etc/hostname.em3", "dhcp\n");
        assertThat(result.intent().uplinks()).extracting(Uplink::kind).containsExactly(new Dhcp("em0"),
            new Dhcp("em3"));
        assertThat(result.notes()).hasSize(2).allMatch(note -> note.contains("imported as a DHCP uplink"));
    }

    @Test
    void staticUplinkAndStaticRoutes() {
        final ImportResult result = imp("/etc/hostname.em3", """
            inet 203.0.113.2/30
            !/sbin/route add default 203.0.113.1
            !/sbin/route add -inet 198.18.0.0/15 203.0.113.1
            """, "/etc/hostname.em1", """
            inet 192.168.1.1/24
            inet6 2001:db8:1::1/64
            !route add -net 10.0.0.0/8 192.168.1.254
            !/sbin/route add -inet6 2001:db8:ff::/48 -iface 2001:db8:1::1
            """);
        assertThat(result.intent().uplinks()).containsExactly(new Uplink("em3", null, 0, null,
            new StaticUplink("em3", "203.0.113.2/30", "203.0.113.1")));
        assertThat(iface(result, "em3").ipv4Addresses()).as("the uplink's address is the uplink's").isEmpty();
        assertThat(result.intent().rdomains()).containsExactly(new Rdomain(0, null, null, "em3", List.of(
            new StaticRoute("10.0.0.0/8", new StaticRoute.ViaGateway("192.168.1.254")),
            new StaticRoute("198.18.0.0/15", new StaticRoute.ViaGateway("203.0.113.1")),
            new StaticRoute("2001:db8:ff::/48", new StaticRoute.ViaInterface("em1")))));
        assertThat(result.unmapped()).isEmpty();
    }

    @Test
    void otherCommandsAndUnknownKeywordsAreUnmappedWholeLines() {
        final ImportResult result = imp("/etc/hostname.em1", """
            inet 192.168.1.1/24
            lladdr 00:11:22:33:44:55 mtu 1400
            !/usr/local/sbin/wg-quick up wg0
            !/sbin/route delete default
            up
            """);
        // the lladdr line is refused as a whole: its mtu is not applied either
        assertThat(iface(result, "em1")).isEqualTo(new Interface("em1", Kind.PHYSICAL, null, 0,
            List.of("192.168.1.1/24"), null, null, null, true));
        assertThat(result.unmapped()).extracting(Unmapped::line, Unmapped::why).containsExactly(
            tuple(2, "ifconfig keyword 'lladdr' has no intent counterpart"),
            tuple(3, "a command other than a route addition or an rdomain loopback address: the intent has no"
                + " counterpart for it, and netstart would no longer run it"),
            tuple(4, "a route(8) command other than 'add'"));
    }

    @Test
    void pfMacrosTablesAndHostGroups() {
        final ImportResult result = imp("/etc/pf.conf", """
            ext_if = "em0"
            # office printers and the NAS
            office = "{ 192.168.1.20 192.168.1.21, 2001:db8::20 }"

            table <cdn> persist { 203.0.113.0/24, 198.51.100.7 }
            table <bad> persist file "/etc/pf.bad"
            table <counted> counters { 192.0.2.1 }
            pass in on $ext_if proto tcp to port 22
            """);
        final var shared = result.intent().shared();
        assertThat(shared.hostGroups()).containsExactly(new HostGroup("office", "office printers and the NAS",
            List.of("192.168.1.20", "192.168.1.21", "2001:db8::20")));
        assertThat(shared.tables()).containsExactly(
            new PfTable("cdn", null, false, true, List.of("203.0.113.0/24", "198.51.100.7")),
            new PfTable("counted", null, false, false, List.of("192.0.2.1")));
        assertThat(result.unmapped()).extracting(Unmapped::line, Unmapped::text, Unmapped::why).containsExactly(
            tuple(1, "ext_if = \"em0\"", "a macro that is not a list of addresses has no intent counterpart; the"
                + " rules that use it were read with its value"),
            tuple(6, "table <bad> persist file \"/etc/pf.bad\"", "a table with entries the intent cannot carry"
                + " (files, negations, interfaces)"),
            tuple(7, "table <counted> counters { 192.0.2.1 }", "'counters' has no intent counterpart; the table is"
                + " imported without it"),
            // the macro is expanded where it is used: the rule is read as 'pass in on em0 ...'
            tuple(8, "pass in on $ext_if proto tcp to port 22", "an inbound pass rule that is neither an inbound"
                + " service of an uplink (to its address, one port) nor a policy route"));
    }

    private static final String PPPOE0 = "inet 0.0.0.0 255.255.255.255 NONE pppoedev em0 authname u authkey k up\n"
        + "dest 0.0.0.1\n!/sbin/route add default -ifp pppoe0 0.0.0.1\n";

    @Test
    void natInboundServicesAndPolicyRoutes() {
        final ImportResult result = imp("/etc/hostname.pppoe0", PPPOE0, "/etc/hostname.em0", "up\n",
            "/etc/hostname.em1", "inet 192.168.1.1/24\n", "/etc/pf.conf", """
            table <martians> const { 0.0.0.0/8 10.0.0.0/8 }
            table <voip> const { 192.0.2.0/24 }
            voip_phones = "{ 192.168.1.50, 192.168.1.51 }"
            match out on pppoe0 inet from { em1:network, 10.9.0.0/16 } to !<martians> nat-to (pppoe0:0)
            # web
            pass in on pppoe0 inet proto tcp from { 198.51.100.1, 198.51.100.2 } to (pppoe0) port 443
            pass in on pppoe0 inet proto udp from any to (pppoe0) port 51820
            # 10 voip: phones leave through PPPoE
            pass in on em1 inet proto udp from $voip_phones to <voip> port { 5060, 5061 } rtable 0
            pass in on em1 inet proto tcp from ! 192.168.1.9 to !<martians> port 22 rtable 0
            pass in on em1 inet from em1:network to any route-to (pppoe0 0.0.0.1)
            anchor "relayd/*"
            pass in on em1 inet proto tcp to (em1) port 8080 rdr-to 127.0.0.1 port 8080
            """);
        final var shared = result.intent().shared();
        assertThat(shared.nat()).containsExactly(new NatRule("pppoe0", List.of("em1:network", "10.9.0.0/16")));
        assertThat(shared.inboundServices()).containsExactly(
            new InboundService("udp-51820-pppoe0", "pppoe0", Protocol.UDP, 51820, List.of()),
            new InboundService("web", "pppoe0", Protocol.TCP, 443, List.of("198.51.100.1", "198.51.100.2")));
        assertThat(shared.policyRoutes()).containsExactly(
            new PolicyRoute("voip", 10, "phones leave through PPPoE", "em1", Family.INET, Protocol.UDP,
                Endpoint.of(new Endpoint.HostGroupRef("voip_phones")),
                new Endpoint(new Endpoint.TableRef("voip"), false, List.of(5060, 5061)), new Via.ViaUplink("pppoe0")),
            new PolicyRoute("route-20", 20, null, "em1", Family.INET, Protocol.TCP,
                new Endpoint(new Endpoint.Networks(List.of("192.168.1.9")), true, List.of()),
                new Endpoint(Endpoint.Internet.INSTANCE, false, List.of(22)), new Via.ViaUplink("pppoe0")));
        assertThat(result.unmapped()).extracting(Unmapped::line, Unmapped::why).containsExactly(
            tuple(11, "route-to forwards to a next hop: the intent routes by rtable (via-uplink or via-rdomain)"),
            tuple(12, "an anchor openbsd-pbr did not write: its rules are not imported"),
            tuple(13, "rdr-to forwards ports to inside hosts: the intent has no counterpart"));
    }

    @Test
    void outboundStateOptionsAndUndefinedMacros() {
        final ImportResult result = imp("/etc/hostname.pppoe0", PPPOE0, "/etc/hostname.em0", "up\n",
            "/etc/pf.conf", """
            block in on pppoe0
            pass out on pppoe0 inet modulate state (pflow)
            pass in on pppoe0 inet proto tcp from any to (pppoe0) port $ssh_port
            block in on em5
            """);
        assertThat(result.unmapped()).extracting(Unmapped::line, Unmapped::why).containsExactly(
            tuple(2, "state options '(pflow)' have no intent counterpart; the rendering writes 'pass out on pppoe0"
                + " inet modulate state'"),
            tuple(3, "macro 'ssh_port' not defined (pfctl refuses the statement)"),
            tuple(4, "default-deny on an interface that faces no ISP in the imported intent"));
    }

    @Test
    void sshdConfigListenersBaseAndTheRest() {
        final ImportResult result = imp("/etc/ssh/sshd_config", """
            Port 2222
            ListenAddress 0.0.0.0
            ListenAddress 0.0.0.0 rdomain 1
            ListenAddress [::]:22
            PermitRootLogin yes
            PasswordAuthentication no
            X11Forwarding no
            Banner /etc/issue
            Match User backup
                ForceCommand internal-sftp
            """);
        assertThat(result.intent().shared().sshd()).isEqualTo(new Sshd(List.of(new Sshd.Listen("0.0.0.0", 0),
            new Sshd.Listen("0.0.0.0", 1)), 2222, false, null));
        assertThat(result.unmapped()).extracting(Unmapped::line).containsExactly(4, 5, 8, 9, 10);
        assertThat(result.notes()).isEmpty();
    }

    @Test
    void unwindFromRcConfLocalAndUnwindConf() {
        final ImportResult result = imp("/etc/rc.conf.local", """
            # BEGIN openbsd-pbr: lines managed by the controller, edits here are replaced
            unwind_flags=
            unwind_rtable=2
            # END openbsd-pbr
            ntpd_flags=-s
            """, "/etc/unwind.conf", "forwarder { 9.9.9.9 2620:fe::fe }\nforwarder { 1.1.1.1 port 853 }\n");
        assertThat(result.intent().shared().dnsResolver()).isEqualTo(new DnsResolver(2,
            List.of("9.9.9.9", "2620:fe::fe"), false));
        assertThat(result.unmapped()).extracting(Unmapped::file, Unmapped::line).containsExactly(
            tuple("/etc/unwind.conf", 2));
        // rc.conf.local is shared: the admin's ntpd line stays beside openbsd-pbr's block
        assertThat(result.notes()).containsExactly(
            "/etc/rc.conf.local: 1 lines outside openbsd-pbr's block of lines stay as they are");
    }

    @Test
    void filesNotManagedAndNoRouterName() {
        final ImportResult result = imp("/etc/ntpd.conf", "servers pool.ntp.org\n", "/etc/sysctl.conf",
            "net.inet.ip.forwarding=1\n" + "# BEGIN openbsd-pbr: lines managed by the controller, edits here are"
            + " replaced\nnet.inet6.ip6.forwarding=1\n# END openbsd-pbr\n");
        assertThat(result.unmapped()).extracting(Unmapped::file, Unmapped::why).containsExactly(
            tuple("/etc/ntpd.conf", "a file the import does not read"));
        // sysctl.conf is shared: the admin's lines stay, openbsd-pbr's IPv6 forwarding follows from the intent
        assertThat(result.notes()).containsExactly(
            "/etc/sysctl.conf: 1 lines outside openbsd-pbr's block of lines stay as they are");
        assertThatThrownBy(() -> RouterImporter.importFiles(null, Map.of("/etc/hostname.em0", "up\n")))
            .isInstanceOf(IntentException.class).hasMessageContaining("give its name");
    }
}
