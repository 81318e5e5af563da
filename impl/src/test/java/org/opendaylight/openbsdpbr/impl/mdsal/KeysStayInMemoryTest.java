/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendaylight.netconf.shaded.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.impl.controller.RouterSpec;
import org.opendaylight.openbsdpbr.impl.secret.SecretOpener;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Host;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.Management;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.ManagementBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.management.credentials.PrivateKeyBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.HostKeyFingerprint;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.ObjectName;

/**
 * Routers registered with private keys: the keys are parsed in memory, and nothing is written under the temporary
 * directory, not even a file deleted at once. A second JVM does the registering with its java.io.tmpdir pointed at a
 * directory of this test, and watches it (inotify sees a file that lives for a microsecond); this JVM then checks that
 * directory and every file under the test's directory for key material.
 */
class KeysStayInMemoryTest {
    private static final int ROUTERS = 12;
    private static final String FINGERPRINT = "SHA256:" + "A".repeat(43);

    @TempDir
    Path dir;

    @Test
    void registeringRoutersWithPrivateKeysWritesNothingUnderTheTemporaryDirectory() throws Exception {
        final Path tmp = Files.createDirectories(dir.resolve("tmp"));
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        final Process probe = new ProcessBuilder(java.toString(), "-XX:-UsePerfData", "-Djava.io.tmpdir=" + tmp,
            "-cp", System.getProperty("java.class.path"), Probe.class.getName()).redirectErrorStream(true).start();
        final String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(output).isZero();

        assertThat(output).as(output).contains("parsed " + ROUTERS + " keys, refused 1")
            .doesNotContain("written in the temporary directory");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
        final List<String> keyLike = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                final String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                if (text.contains("PRIVATE KEY") || text.contains("openssh-key-v1")) {
                    keyLike.add(file.toString());
                }
            }
        }
        assertThat(keyLike).isEmpty();
        assertThat(output).doesNotContain("PRIVATE KEY");
    }

    /** Registers routers with keys in its own JVM, watching its java.io.tmpdir. */
    public static final class Probe {
        private Probe() {
            // main only
        }

        public static void main(final String[] args) throws Exception {
            final var out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
            final Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
                tmp.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
                int parsed = 0;
                int refused = 0;
                for (int i = 0; i < ROUTERS; i++) {
                    final String key = i % 2 == 0 ? openssh(SshKeys.generateEd25519()) : pkcs8(rsa());
                    final RouterSpec spec = RouterSpecs.of(router("r" + i, key), Duration.ofSeconds(60),
                        (router, fingerprint) -> { }, SecretOpener.CLEAR_ONLY);
                    if (spec.target().orElseThrow().credentials() instanceof Credentials.Key) {
                        parsed++;
                    }
                }
                final String garbage = "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n"
                    + "-----END OPENSSH PRIVATE KEY-----";
                final RouterSpec bad = RouterSpecs.of(router("bad", garbage), Duration.ofSeconds(60),
                    (router, fingerprint) -> { }, SecretOpener.CLEAR_ONLY);
                if (bad.target().isEmpty()) {
                    refused++;
                    out.println("refused: " + bad.targetError());
                }
                out.println("parsed " + parsed + " keys, refused " + refused);
                final WatchKey key = watcher.poll(1, TimeUnit.SECONDS);
                if (key != null) {
                    for (WatchEvent<?> event : key.pollEvents()) {
                        out.println("written in the temporary directory: " + event.context());
                    }
                }
            }
        }

        private static Router router(final String name, final String privateKey) {
            return new RouterBuilder().setName(new ObjectName(name))
                .setManagement(new ManagementBuilder().setAddress(new Host(new IpAddress(new Ipv4Address("192.0.2.1"))))
                    .setCredentials(new PrivateKeyBuilder().setPrivateKey(privateKey).build())
                    .setHostKeyFingerprint(new HostKeyFingerprint(FINGERPRINT))
                    .setHostKeyPolicy(Management.HostKeyPolicy.RejectUnknown).build())
                .build();
        }

        private static String openssh(final KeyPair key) throws Exception {
            final var out = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "probe", null, out);
            return out.toString(StandardCharsets.UTF_8);
        }

        private static KeyPair rsa() throws Exception {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }

        private static String pkcs8(final KeyPair key) {
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' })
                .encodeToString(key.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        }
    }
}
