/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;
import org.opendaylight.openbsdpbr.tools.lab.Lab;
import org.opendaylight.openbsdpbr.tools.lab.LabConfig;

/**
 * The management-path proof before {@code push INTENT}: each lock-out case of issue 12 is refused, naming the intent
 * element to change, and the router gets nothing; the seed itself is proven and pushed. The lab router sits at
 * 127.0.0.1:PORT, a local forward, so the router's view is given: the controller at 192.168.1.50 on the LAN manages
 * the router at 192.168.1.1 port 22.
 */
class PushPathCheckTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String error) {
    }

    /** A changed intent, the refusal it must earn, and the router's view of this machine. */
    private record LockOut(Path intent, String expected, String[] view) {
    }

    private Run push(final Lab lab, final Path identity, final Path intentDir, final String... more) {
        final var outBytes = new ByteArrayOutputStream();
        final var errorBytes = new ByteArrayOutputStream();
        final List<String> args = new ArrayList<>(List.of("push", intentDir.toString(), "--router", "seed-router",
            "--target", "127.0.0.1:" + lab.port("r1"), "--identity", identity.toString(), "--known-hosts",
            dir.resolve("lab/known_hosts").toString(), "--confirm", "30"));
        args.addAll(List.of(more));
        final int code = Main.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
            new PrintStream(errorBytes, true, StandardCharsets.UTF_8));
        return new Run(code, outBytes.toString(StandardCharsets.UTF_8), errorBytes.toString(StandardCharsets.UTF_8));
    }

    /** The seed example with its intent changed. */
    private Path seedWith(final String name, final Consumer<JsonObject> change) throws IOException {
        final Path target = dir.resolve(name);
        Files.createDirectories(target);
        Files.copy(Seed.EXAMPLE.resolve("router.json"), target.resolve("router.json"));
        final JsonObject document = JsonParser.parseString(Files.readString(Seed.EXAMPLE.resolve("intent.json"),
            StandardCharsets.UTF_8)).getAsJsonObject();
        change.accept(document.getAsJsonObject("openbsd-pbr:intent"));
        Files.writeString(target.resolve("intent.json"), new GsonBuilder().setPrettyPrinting().create()
            .toJson(document), StandardCharsets.UTF_8);
        return target;
    }

    private static JsonObject object(final String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }

    private static JsonObject named(final JsonArray list, final String key, final String value) {
        for (var element : list) {
            if (element.getAsJsonObject().get(key).getAsString().equals(value)) {
                return element.getAsJsonObject();
            }
        }
        throw new IllegalArgumentException(value);
    }

    @Test
    void everyLockOutIsRefusedNamingTheElementAndTheSeedIsPushed() throws Exception {
        final var key = SshKeys.generateEd25519();
        final Path identity = dir.resolve("id_ed25519");
        SshKeys.writePrivateKey(key, identity, "path-check-test");
        final String[] view = { "--controller-address", "192.168.1.50", "--router-address", "192.168.1.1",
            "--router-port", "22" };
        final List<LockOut> cases = List.of(
            // a policy route that moves the LAN's traffic to the router itself into rtable 1 (destination any: the
            // default, internet, leaves the router's own addresses in rtable 0)
            new LockOut(seedWith("rtable", intent -> intent.getAsJsonArray("policy-route").add(object("""
                {"name": "all-via-pppoe", "sequence": 30, "ingress-interface": "vport0", "family": "inet",
                 "source": {"interface-network": "vport0:network"}, "destination": {"any": [null]},
                 "via-uplink": "pppoe"}"""))),
                "intent/policy-route[name=all-via-pppoe]: /etc/pf.conf:", view),
            // the management interface moved to rdomain 2, where sshd does not listen
            new LockOut(seedWith("rdomain", intent -> named(intent.getAsJsonArray("interface"), "name", "vport0")
                .addProperty("rdomain", 2)), "intent/interface[name=vport0]/rdomain: no sshd ListenAddress in"
                + " rdomain 2 takes 192.168.1.1", view),
            // the ListenAddress of rdomain 0 removed
            new LockOut(seedWith("listen", intent -> intent.getAsJsonObject("sshd").getAsJsonArray("listen")
                .remove(0)), "intent/sshd/listen: no sshd ListenAddress in rdomain 0 takes 192.168.1.1", view),
            // sshd moved to another port
            new LockOut(seedWith("port", intent -> intent.getAsJsonObject("sshd").addProperty("port", 2222)),
                "intent/sshd/port: sshd listens on port 2222", view),
            // no root logins, and the controller logs in as root
            new LockOut(seedWith("root", intent -> intent.getAsJsonObject("sshd").addProperty("permit-root-login",
                "no")), "intent/sshd/permit-root-login: PermitRootLogin no", view),
            // a static uplink on the management network: the ISP side is default-deny (block in on em3)
            new LockOut(seedWith("block", intent -> {
                intent.getAsJsonArray("interface").add(object("{\"name\": \"em3\", \"kind\": \"physical\"}"));
                intent.getAsJsonArray("uplink").add(object("""
                    {"name": "mgmt", "rdomain": 0, "static": {"interface": "em3", "address": "10.0.0.1/24",
                     "gateway": "10.0.0.254"}}"""));
            }), "intent/uplink[name=mgmt]: /etc/pf.conf:", new String[] { "--controller-address", "10.0.0.50",
                "--router-address", "10.0.0.1", "--router-port", "22" }));
        try (Lab lab = Lab.start(LabConfig.of(1).withStateDir(dir.resolve("lab")))) {
            final String stock = lab.router("r1").file("/etc/pf.conf").orElseThrow().text();
            for (LockOut lockOut : cases) {
                final Run run = push(lab, identity, lockOut.intent(), lockOut.view());
                assertThat(run.code()).as(lockOut.intent() + ": " + run.out() + run.error()).isEqualTo(1);
                assertThat(run.error()).as(lockOut.intent().toString()).startsWith("refused: the router would lock"
                    + " this machine out (nothing was pushed):").contains(lockOut.expected());
            }
            assertThat(lab.router("r1").file("/etc/pf.conf").orElseThrow().text()).isEqualTo(stock);

            final Run seed = push(lab, identity, Seed.EXAMPLE, view);
            assertThat(seed.code()).as(seed.out() + seed.error()).isZero();
            assertThat(seed.out()).contains("management path: proven (192.168.1.50 to 192.168.1.1 port 22,"
                + " 0.0.0.0:22)").contains("generation 1");
            // without the router's view the lab's local forward leaves the path unknown, which refuses nothing
            final Run local = push(lab, identity, Seed.EXAMPLE, "--force");
            assertThat(local.code()).as(local.out() + local.error()).isZero();
            assertThat(local.out()).contains("management path: not proven: the controller reaches the router at"
                + " 127.0.0.1, a local forward");
        }
    }
}
