/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.InboundService;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.NatRule;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Protocol;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.Via;
import org.opendaylight.openbsdpbr.impl.render.GoldenFixtures;
import org.opendaylight.openbsdpbr.impl.render.Renderer;

/**
 * The seed's hand-written files ({@code examples/seed-handwritten/etc}: the write-up's hostname.pppoe0, unwind.conf,
 * ListenAddress lines, rcctl settings and pf.conf excerpt, in OpenBSD's stock files; see that directory's README)
 * import to the PPPoE half of the seed intent ({@code examples/seed-router/intent.json}, built in Java by
 * {@link GoldenFixtures#seedRouter()}), element for element, with every unmapped line explained; and the golden files
 * openbsd-pbr renders for each golden case import and render byte-identical.
 */
class ImportSeedTest {
    private static final Path HANDWRITTEN = Path.of("..", "examples", "seed-handwritten");
    private static final Path GOLDEN = Path.of("src", "test", "resources", "render");
    /**
     * The golden cases whose every element the import maps: all but the IPv6 LAN cases (prefix delegation, router
     * advertisements, IPv6 forwarding), whose rad.conf, dhcp6leased.conf and sysctl.conf the import does not read
     * yet and lists as unmapped.
     */
    static final List<String> GOLDEN_CASES = List.of("branch-dhcp", "map-e-portset", "minimal", "pppoe-ipv6-rfc4638",
        "seed-router");

    /** The files under {@code dir/etc}, by their path on the router. */
    static Map<String, String> files(final Path dir) {
        final Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir.resolve("etc"))) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                files.put("/" + dir.relativize(path).toString().replace('\\', '/'),
                    Files.readString(path, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    @Test
    void seedHandWrittenFilesImportToTheSeedIntentsPppoeHalf() {
        final ImportResult result = RouterImporter.importFiles("seed-router", files(HANDWRITTEN));
        final RouterIntent seed = GoldenFixtures.seedRouter();
        final RouterIntent intent = result.intent();
        final SharedIntent shared = intent.shared();

        // the PPPoE uplink, as the seed intent has it (named after its interface: the files give no other name)
        final Uplink seedPppoe = seed.uplinks().stream().filter(u -> "pppoe".equals(u.name())).findFirst()
            .orElseThrow();
        assertThat(intent.uplinks()).singleElement().satisfies(uplink -> {
            assertThat(uplink.name()).isEqualTo("pppoe0");
            assertThat(uplink.rdomain()).isEqualTo(seedPppoe.rdomain());
            assertThat(uplink.mss()).isNull();
            assertThat(uplink.kind()).isEqualTo(seedPppoe.kind());
        });
        // rdomain 1: lo1's address and the default route through pppoe0
        assertThat(intent.rdomains()).containsExactly(new Rdomain(0, null, null, null, null),
            new Rdomain(1, null, seed.rdomains().get(1).loopbackAddress(), "pppoe0", null));
        // the LAN: the bridge and its port with the seed's address
        assertThat(intent.interfaces()).extracting(Interface::name).containsExactly("em0", "em1", "em2", "veb0",
            "vport0");
        for (String name : List.of("veb0", "vport0")) {
            final Interface mine = intent.interfaces().stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow();
            final Interface theirs = seed.interfaces().stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow();
            assertThat(mine.members()).isEqualTo(theirs.members());
            assertThat(mine.ipv4Addresses()).isEqualTo(theirs.ipv4Addresses());
            assertThat(mine.kind()).isEqualTo(theirs.kind());
        }
        // pf: the tables, the host group, NAT, the inbound ssh and both policy routes
        assertThat(shared.tables()).extracting(t -> tuple(t.name(), t.constant(), t.entries()))
            .containsExactlyElementsOf(seed.shared().tables().stream().map(t -> tuple(t.name(), t.constant(),
                t.entries())).toList());
        assertThat(shared.tables().get(0).description()).isEqualTo(seed.shared().tables().get(0).description());
        assertThat(shared.hostGroups()).singleElement().satisfies(group -> assertThat(group.addresses())
            .isEqualTo(seed.shared().hostGroups().get(0).addresses()));
        assertThat(shared.nat()).containsExactly(new NatRule("pppoe0", List.of("vport0:network")));
        assertThat(shared.inboundServices()).containsExactly(new InboundService("tcp-22-pppoe0", "pppoe0",
            Protocol.TCP, 22, List.of()));
        assertThat(shared.policyRoutes()).extracting(PolicyRoute::sequence, PolicyRoute::description,
            PolicyRoute::ingressInterface, PolicyRoute::family, PolicyRoute::source, PolicyRoute::destination,
            PolicyRoute::via)
            .containsExactly(
                tuple(10L, "packet to specific hosts route via rtable 1", "vport0", seed.shared().policyRoutes()
                    .get(0).family(), seed.shared().policyRoutes().get(0).source(),
                    seed.shared().policyRoutes().get(0).destination(), new Via.ViaUplink("pppoe0")),
                tuple(20L, "packet from specific hosts route via rtable 1", "vport0", seed.shared().policyRoutes()
                    .get(1).family(), seed.shared().policyRoutes().get(1).source(), Endpoint.INTERNET,
                    new Via.ViaUplink("pppoe0")));
        // the daemons
        assertThat(shared.dnsResolver()).isEqualTo(seed.shared().dnsResolver());
        assertThat(shared.sshd().listeners()).isEqualTo(seed.shared().sshd().listeners());
        assertThat(shared.sshd().passwordAuthentication()).as("sshd's default, as the router runs today").isTrue();

        // every line that is not mapped, with why
        assertThat(result.unmapped()).extracting(Unmapped::file, Unmapped::line, Unmapped::text)
            .containsExactly(
                tuple("/etc/pf.conf", 11, "block return in on ! lo0 proto tcp to port 6000:6010"),
                tuple("/etc/pf.conf", 14, "block return out log proto {tcp udp} user _pbuild"),
                tuple("/etc/pf.conf", 17, "ssh_port = \"22\""),
                tuple("/etc/pf.conf", 30, "pass out on pppoe0 inet modulate state (pflow)"));
        assertThat(result.unmapped()).extracting(Unmapped::why).containsExactly(
            "a block rule other than the default-deny the rendering writes on interfaces facing an ISP",
            "rules by local user: the intent has no counterpart",
            "a macro that is not a list of addresses has no intent counterpart; the rules that use it were read"
                + " with its value",
            "state options '(pflow)' have no intent counterpart; the rendering writes 'pass out on pppoe0 inet"
                + " modulate state'");
        assertThat(result.notes()).containsExactly(
            "/etc/hostname.pppoe0 sets lo1's address: the rendering gives it its own hostname.lo1",
            "/etc/ssh/sshd_config does not set PasswordAuthentication: sshd's default (yes) was imported",
            "unwind is configured but not enabled at boot (no unwind_flags= in /etc/rc.conf.local): the imported"
                + " dns-resolver enables it");
        // and it is intent the renderer accepts
        assertThat(Renderer.render(intent).files().get("/etc/hostname.pppoe0")).isPresent();
    }

    @Test
    void goldenFilesImportAndRenderByteIdentical() {
        for (String name : GOLDEN_CASES) {
            final Path dir = GOLDEN.resolve(name);
            final Map<String, String> files = files(dir);
            final ImportResult result = RouterImporter.importFiles(null, files);
            assertThat(result.unmapped()).as(dir.toString()).isEmpty();
            final FileSet again = Renderer.render(result.intent()).files();
            final Map<String, String> rendered = new TreeMap<>();
            again.files().forEach((path, file) -> rendered.put(path, file.content()));
            assertThat(rendered).as(dir.toString()).isEqualTo(files);
        }
    }
}
