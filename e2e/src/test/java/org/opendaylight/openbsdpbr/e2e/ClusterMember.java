/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One member of the test cluster: a copy of the built distribution configured before its first boot with this
 * member's ports, the three members as seeds and replicas of every shard, and the settings every member shares: the
 * admin password and the secret key file, in place before the first start.
 *
 * <p>Ports of member i: RESTCONF 8190+i (Netty 8195+i), Karaf console 8110+i, JMX registry 1110+i and server 44450+i,
 * Pekko 127.0.0.1:2560+i. Listeners stay on loopback as the distribution ships them (only ports change).
 */
final class ClusterMember {
    /** What ODL writes to configuration/initial at first boot (it leaves files already there alone). */
    private static final List<String> INITIAL = List.of("pekko.conf", "module-shards.conf", "modules.conf");
    private static final Pattern DEFAULT_PORT = Pattern.compile("\\b(8181|8182|8101|1099|44444|2550)\\b");

    private ClusterMember() {
        // utility
    }

    static int httpPort(final int member) {
        return 8190 + member;
    }

    static int nettyPort(final int member) {
        return 8195 + member;
    }

    static int pekkoPort(final int member) {
        return 2560 + member;
    }

    /** Every port member {@code member} listens on. */
    static List<Integer> ports(final int member) {
        return List.of(httpPort(member), nettyPort(member), 8110 + member, 1110 + member, 44450 + member,
            pekkoPort(member));
    }

    /** Copies the distribution to {@code home} and configures it as member {@code member} of {@code members}. */
    static void configure(final Path assembly, final Path home, final int member, final List<Integer> members,
            final int ownershipGroups, final int checkSyncSeconds, final String adminPassword, final Path secretKeys)
            throws Exception {
        copy(assembly, home);
        final Path initial = Files.createDirectories(home.resolve("configuration/initial"));
        final String seeds = members.stream().map(m -> "\"pekko://opendaylight-cluster-data@127.0.0.1:" + pekkoPort(m)
            + "\"").collect(Collectors.joining(", "));
        Files.writeString(initial.resolve("pekko.conf"), """
            odl-cluster-data {
              pekko {
                remote {
                  artery {
                    enabled = on
                    transport = tcp
                    canonical.hostname = "127.0.0.1"
                    canonical.port = %d
                  }
                }
                cluster {
                  seed-nodes = [%s]
                  roles = ["member-%d"]
                }
                persistence {
                }
                disable-default-actor-system-quarantined-event-handling = "false"
              }
            }
            """.formatted(pekkoPort(member), seeds, member));
        final String replicas = "replicas = [" + members.stream().map(m -> "\"member-" + m + "\"")
            .collect(Collectors.joining(", ")) + "]";
        Files.writeString(initial.resolve("module-shards.conf"), """
            module-shards = [
                { name = "default",   shards = [ { name = "default",   %1$s } ] },
                { name = "topology",  shards = [ { name = "topology",  %1$s } ] },
                { name = "inventory", shards = [ { name = "inventory", %1$s } ] }
            ]
            """.formatted(replicas));
        Files.writeString(initial.resolve("modules.conf"), """
            modules = [
                { name = "inventory", namespace = "urn:opendaylight:inventory", shard-strategy = "module" },
                { name = "topology", namespace = "urn:TBD:params:xml:ns:yang:network-topology", \
            shard-strategy = "module" },
                { name = "toaster", namespace = "http://netconfcentral.org/ns/toaster", shard-strategy = "module" }
            ]
            """);
        final Map<String, String> digests = new TreeMap<>();
        for (String file : INITIAL) {
            digests.put(file, sha256(initial.resolve(file)));
        }
        Files.writeString(home.resolve("configuration/initial.sha256"), digests.entrySet().stream()
            .map(entry -> entry.getValue() + "  " + entry.getKey() + "\n").collect(Collectors.joining()));

        final Path etc = home.resolve("etc");
        edit(etc.resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port = 8181",
            "org.osgi.service.http.port = " + httpPort(member));
        edit(etc.resolve("jetty.xml"), "name=\"jetty.port\" default=\"8181\"",
            "name=\"jetty.port\" default=\"" + httpPort(member) + "\"");
        edit(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort = 8101", "sshPort = " + (8110 + member));
        edit(etc.resolve("org.apache.karaf.management.cfg"), "rmiRegistryPort = 1099",
            "rmiRegistryPort = " + (1110 + member));
        edit(etc.resolve("org.apache.karaf.management.cfg"), "rmiServerPort = 44444",
            "rmiServerPort = " + (44450 + member));
        // the Netty endpoint: the feature keeps the file the distribution ships (bind-address=127.0.0.1 stays)
        edit(etc.resolve("org.opendaylight.restconf.nb.rfc8040.cfg"), "#bind-port=8182",
            "bind-port=" + nettyPort(member));
        Files.writeString(etc.resolve("org.opendaylight.openbsdpbr.cfg"), """
            ownership-groups = %d
            check-sync-interval-seconds = %d
            confirm-timeout-seconds = 120
            """.formatted(ownershipGroups, checkSyncSeconds));
        // the same admin password on every member, in place before the first boot (distribution/first-boot uses it)
        final Path password = etc.resolve("admin-password");
        Files.writeString(password, adminPassword + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        // the same secret key file on every member (the controller refuses one that others may read)
        Files.copy(secretKeys, etc.resolve("openbsd-pbr.keys"));
        Files.setPosixFilePermissions(etc.resolve("openbsd-pbr.keys"), PosixFilePermissions.fromString("rw-------"));

        try (Stream<Path> files = Stream.concat(Files.walk(etc), Files.walk(initial))) {
            final List<String> stillDefault = files.filter(Files::isRegularFile).flatMap(file -> {
                try {
                    return Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream()
                        .filter(line -> !line.strip().startsWith("#") && !line.strip().startsWith("<!--"))
                        .filter(line -> DEFAULT_PORT.matcher(line).find()).map(line -> file + ": " + line.strip());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(stillDefault).as("member-" + member + ": a single node's port still configured").isEmpty();
        }
    }

    /** ODL's feature install left the configuration/initial files as they were written before the first boot. */
    static void assertInitialConfigurationKept(final Path home) throws Exception {
        final Map<String, String> now = new TreeMap<>();
        for (String file : INITIAL) {
            now.put(file, sha256(home.resolve("configuration/initial").resolve(file)));
        }
        assertThat(Files.readString(home.resolve("configuration/initial.sha256")))
            .as(home + ": configuration/initial rewritten by the feature install")
            .isEqualTo(now.entrySet().stream().map(entry -> entry.getValue() + "  " + entry.getKey() + "\n")
                .collect(Collectors.joining()));
    }

    private static void edit(final Path file, final String from, final String to) throws IOException {
        final String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertThat(text).as(file + " (the distribution changed?)").contains(from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.ISO_8859_1);
    }

    private static void copy(final Path from, final Path to) throws IOException, InterruptedException {
        // cp -a keeps modes (bin/ scripts) and is much faster than a Java walk over 160 MB
        final Process cp = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
        assertThat(cp.waitFor()).as("cp -a " + from + " " + to).isZero();
    }

    static String sha256(final Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** A random password for the members' admin account, as the distribution generates one (base64url). */
    static String generatedPassword() {
        final byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Makes the one secret key file the members share ({@code openbsd-pbr secret-keys}) in {@code dir}. */
    static Path secretKeys(final Path dir) throws IOException, InterruptedException {
        final Path keys = dir.resolve("openbsd-pbr.keys");
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process process = new ProcessBuilder(java, "-cp", Karaf.lib("tools_classpath").strip(),
            "org.opendaylight.openbsdpbr.tools.cli.Main", "secret-keys", keys.toString()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("openbsd-pbr secret-keys " + keys + " failed");
        }
        return keys;
    }

    /** A process's resident set (VmRSS), in MiB. */
    static long rssMiB(final long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
            .filter(line -> line.startsWith("VmRSS:")).map(line -> line.replaceAll("\\D", ""))
            .mapToLong(Long::parseLong).findFirst().orElse(0) / 1024;
    }
}
