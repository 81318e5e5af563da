/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.impl.secret.SealedSecret;
import org.opendaylight.openbsdpbr.impl.secret.SecretKeys;

/**
 * Secrets through the real distribution (issue 10): the seal-secret RPC; clear secrets, values sealed under another
 * key, altered values and unusable private keys refused at write time naming the leaf; nothing readable over RESTCONF
 * (the whole datastore, the status, the render RPC) that holds a secret, opens one (no AAA-sealed value, no key) or
 * lets a guessed one be tested (no unkeyed hash of a file that holds it); and, last, no clear secret in any file under
 * the distribution after the run, the datastore's journal and snapshots included. Runs after {@link ControllerE2E}
 * (alphabetical order), so its secrets are looked for too.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class SecretsE2E {
    private static final Restconf RESTCONF = Restconf.admin();
    private static final String ROUTERS = "/data/openbsd-pbr:routers/router=";
    private static final String PPPOE_SECRET = "Ppp0eS3cretSecretsE2e";
    private static final String PASSWORD = "Adm1nPassw0rdSecretsE2e";
    /** What tools/test/e2e.sh gives the lab routers as their password. */
    private static final String LAB_PASSWORD = "lab-password";
    /** The seed's PPPoE secret leaf, as errors name it. */
    private static final String PPPOE_LEAF = "intent/uplink[name=pppoe]/pppoe/secret";
    private static final String SEALED = "\\$pbr1\\$[0-9a-f]{8}\\$[A-Za-z0-9+/]+=*";
    /** Every clear secret written in this run, by name (ControllerE2E's too). */
    private static final Map<String, String> CLEAR = new LinkedHashMap<>();

    static {
        CLEAR.put("this test's PPPoE secret", PPPOE_SECRET);
        CLEAR.put("this test's password", PASSWORD);
        CLEAR.put("ControllerE2E's PPPoE secret", ControllerE2E.PPPOE_SECRET);
        CLEAR.put("ControllerE2E's lockout password", "root-Passw0rd");
        CLEAR.put("the lab's password", LAB_PASSWORD);
    }

    private static String router(final String name, final int port) {
        return Restconf.seedRouter(name, port);
    }

    private static String intent(final String pppoeSecret) {
        return Restconf.example("seed-router/intent.json").replace("\"secret\": \"secret\"",
            "\"secret\": \"" + pppoeSecret + "\"");
    }

    private static String withPassword(final String routerJson, final String password) {
        final JsonObject document = JsonParser.parseString(routerJson).getAsJsonObject();
        document.getAsJsonArray("openbsd-pbr:router").get(0).getAsJsonObject().getAsJsonObject("management")
            .addProperty("password", password);
        return document.toString();
    }

    private static Path karafHome() {
        final String home = System.getProperty("e2e.karaf.home", "");
        assumeFalse(home.isEmpty(), "the controller's home is given by tools/test/e2e.sh");
        return Path.of(home);
    }

    @Test
    void a_sealSecretSealsEachCallAfreshAndChecksTheKindItIsTold() {
        final String first = Sealing.seal(RESTCONF, PPPOE_SECRET, "pppoe-secret");
        final String second = Sealing.seal(RESTCONF, PPPOE_SECRET, null);
        assertThat(first).matches(SEALED).isNotEqualTo(second).doesNotContain(PPPOE_SECRET);
        assertThat(second).matches(SEALED);

        final var spaced = RESTCONF.post("/operations/openbsd-pbr:seal-secret",
            "{\"input\":{\"value\":\"with Sp4ce\",\"kind\":\"pppoe-secret\"}}");
        assertThat(spaced.status()).as(spaced.toString()).isEqualTo(400);
        assertThat(spaced.body()).contains("input/value").contains("PPPoE secret").doesNotContain("with Sp4ce");
        final var key = RESTCONF.post("/operations/openbsd-pbr:seal-secret",
            "{\"input\":{\"value\":\"-----BEGIN OPENSSH PRIVATE KEY-----\\nN0tAKey\\n\",\"kind\":\"private-key\"}}");
        assertThat(key.status()).as(key.toString()).isEqualTo(400);
        assertThat(key.body()).contains("not a private key").doesNotContain("N0tAKey");
    }

    @Test
    void b_clearSecretsAreRefusedNamingTheLeafAndNothingIsStored() {
        final var key = RESTCONF.put(ROUTERS + "secrets-clear", ControllerE2E.withLabKey(router("secrets-clear", 7)));
        assertThat(key.status()).as(key.toString()).isEqualTo(400);
        assertThat(key.body()).contains("router secrets-clear: management/private-key: a clear secret is never stored")
            .contains("seal-secret").doesNotContain(ControllerE2E.keyMaterial());
        final var password = RESTCONF.put(ROUTERS + "secrets-clear", withPassword(router("secrets-clear", 7),
            PASSWORD));
        assertThat(password.status()).as(password.toString()).isEqualTo(400);
        assertThat(password.body()).contains("management/password: a clear secret").doesNotContain(PASSWORD);
        assertThat(RESTCONF.get(ROUTERS + "secrets-clear?content=config").status()).as("nothing stored")
            .isIn(404, 409);

        // managed with a key: the seed's sshd_config refuses root passwords (the intent would be refused for that)
        assertThat(RESTCONF.put(ROUTERS + "secrets-clear", Sealing.sealAll(RESTCONF,
            ControllerE2E.withLabKey(router("secrets-clear", 7)))).status()).isIn(200, 201, 204);
        final var pppoe = RESTCONF.put(ROUTERS + "secrets-clear/intent", intent(PPPOE_SECRET));
        assertThat(pppoe.status()).as(pppoe.toString()).isEqualTo(400);
        assertThat(pppoe.body()).contains(PPPOE_LEAF + ": a clear secret").doesNotContain(PPPOE_SECRET);
        assertThat(RESTCONF.get(ROUTERS + "secrets-clear/intent?content=config").status()).as("nothing stored")
            .isIn(404, 409);
    }

    @Test
    void c_sealedValuesThatDoNotOpenHereAreRefusedNamingTheLeaf() {
        final SecretKeys other = SecretKeys.generate();
        final String foreign = new SealedSecret(other, null).seal(PASSWORD);
        // port 8: another machine than secrets-clear (two routers on one management endpoint are refused with 409)
        final var reply = RESTCONF.put(ROUTERS + "secrets-foreign", withPassword(router("secrets-foreign", 8),
            foreign));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.body()).contains("router secrets-foreign: management/password: the value is sealed under "
            + "key " + other.currentId()).contains("seal-secret").doesNotContain(PASSWORD);

        final String sealed = Sealing.seal(RESTCONF, PPPOE_SECRET, "pppoe-secret");
        final int body = sealed.lastIndexOf('$') + 1;
        final byte[] bytes = Base64.getDecoder().decode(sealed.substring(body));
        bytes[20] ^= 1;
        final String altered = sealed.substring(0, body) + Base64.getEncoder().encodeToString(bytes);
        final var tampered = RESTCONF.put(ROUTERS + "secrets-clear/intent", intent(altered));
        assertThat(tampered.status()).as(tampered.toString()).isEqualTo(400);
        assertThat(tampered.body()).contains(PPPOE_LEAF + ": the sealed value does not open")
            .contains("altered");

        // malformed sealed values: a 400 naming the leaf (AAA's service threw on these, and a 500 held up the shard)
        for (String malformed : List.of("$aaa$AAAA", "$aaa$not-base64!", "$pbr1$zz$AAAA", "$pbr1$0123abcd$AAAA")) {
            final var reply2 = RESTCONF.put(ROUTERS + "secrets-clear/intent", intent(malformed));
            assertThat(reply2.status()).as(malformed + ": " + reply2).isEqualTo(400);
            assertThat(reply2.body()).as(malformed).contains(PPPOE_LEAF + ": ");
        }
    }

    @Test
    void d_aPppoeSecretReachesTheRouterOnlySealedAndAGarbageKeyNeverReplacesAWorkingOne() throws Exception {
        assertThat(RESTCONF.put(ROUTERS + "secrets-r2", Sealing.sealAll(RESTCONF,
            ControllerE2E.withLabKey(router("secrets-r2", 2202)))).status()).isIn(200, 201, 204);
        assertThat(RESTCONF.put(ROUTERS + "secrets-r2/intent", Sealing.sealAll(RESTCONF, intent(PPPOE_SECRET)))
            .status()).isIn(200, 201, 204);
        ControllerE2E.awaitSync("secrets-r2", "in-sync");
        assertThat(ControllerE2E.lab("cat r2 /etc/hostname.pppoe0")).contains("authkey '" + PPPOE_SECRET + "'");

        final String management = ROUTERS + "secrets-r2/management";
        final String before = RESTCONF.get(management + "?content=config").body();
        final JsonObject changed = JsonParser.parseString(before).getAsJsonObject();
        changed.getAsJsonObject("openbsd-pbr:management").addProperty("private-key", Sealing.seal(RESTCONF,
            "-----BEGIN OPENSSH PRIVATE KEY-----\ngarbage\n-----END OPENSSH PRIVATE KEY-----\n", null));
        final var reply = RESTCONF.put(management, changed.toString());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.body()).contains("router secrets-r2: management/private-key: not a private key");
        assertThat(RESTCONF.get(management + "?content=config").body()).as("the working key is kept")
            .isEqualTo(before);
        assertThat(ControllerE2E.field(ControllerE2E.awaitSync("secrets-r2", "in-sync"), "connection"))
            .isEqualTo("connected");
    }

    @Test
    void e_nothingReadableOverRestconfHoldsOpensOrTestsASecret() throws Exception {
        final String everything = RESTCONF.get("/data").body();
        final JsonObject render = ControllerE2E.render("secrets-r2");
        final String status = RESTCONF.get(ROUTERS + "secrets-r2/status?content=nonconfig").body();
        final Path keyFile = karafHome().resolve("etc").resolve(SecretKeys.FILE_NAME);
        final List<String> keyMaterial = Files.readAllLines(keyFile).stream()
            .filter(line -> !line.startsWith("#") && !line.isBlank()).map(line -> line.split("\\s+")[1]).toList();
        final String pppoeFile = ControllerE2E.lab("cat r2 /etc/hostname.pppoe0");

        for (String readable : List.of(everything, render.toString(), status)) {
            for (var clear : CLEAR.entrySet()) {
                assertThat(readable).as(clear.getKey()).doesNotContain(clear.getValue());
            }
            assertThat(readable).as("the lab key").doesNotContain(ControllerE2E.keyMaterial())
                .as("a value sealed by AAA, whose key is readable").doesNotContain(SealedSecret.LEGACY_PREFIX)
                .as("SHA-256 of hostname.pppoe0").doesNotContain(ControllerE2E.sha256(pppoeFile));
            for (String key : keyMaterial) {
                assertThat(readable).as("a key of " + keyFile).doesNotContain(key)
                    .doesNotContain(HexFormat.of().formatHex(Base64.getDecoder().decode(key)));
            }
        }
        // every secret leaf of the whole datastore holds a value sealed under this controller's current key
        final SecretKeys keys = SecretKeys.load(keyFile);
        final List<String> secrets = new ArrayList<>();
        collectSecrets(JsonParser.parseString(RESTCONF.get("/data/openbsd-pbr:routers?content=config").body()), null,
            secrets);
        assertThat(secrets).as("secret leaves of the routers").hasSizeGreaterThanOrEqualTo(3)
            .allSatisfy(value -> assertThat(value).matches(SEALED).startsWith("$pbr1$" + keys.currentId() + "$"));

        // the revision is keyed: HMAC under the digest key of the file set's SHA-256, not that SHA-256
        final String shown = render.get("revision").getAsString();
        assertThat(ControllerE2E.field(JsonParser.parseString(status).getAsJsonObject()
            .getAsJsonObject("openbsd-pbr:status"), "applied-revision")).isEqualTo(shown);
        final Set<String> unkeyed = unkeyedRevisions(render, pppoeFile);
        assertThat(unkeyed).doesNotContain(shown);
        assertThat(unkeyed.stream().map(revision -> keys.digest().revision(revision)))
            .as("one way of owning the files gives the revision shown").contains(shown);
        for (String revision : unkeyed) {
            assertThat(everything).doesNotContain(revision);
        }
    }

    @Test
    void f_aValueAnEarlierVersionSealedWithAaaIsUsedThenSealedAgainUnderTheKeyFile() throws Exception {
        // an earlier version's store: the lab's password sealed by AAA, with the key and salt anyone may GET
        final var config = RESTCONF.get("/data/aaa-encrypt-service-config:aaa-encrypt-service-config?content=config");
        assertThat(config.status()).as(config.toString()).isEqualTo(200);
        final String legacy = new AaaSealing(config.json().getAsJsonObject()
            .getAsJsonObject("aaa-encrypt-service-config:aaa-encrypt-service-config")).seal(LAB_PASSWORD);
        assertThat(RESTCONF.put(ROUTERS + "secrets-upgrade", withPassword(router("secrets-upgrade", 2203), legacy))
            .status()).isIn(200, 201, 204);

        // the controller logs in with it (an observed router: nothing is committed) and seals it again
        ControllerE2E.awaitStatus("secrets-upgrade", "connected", status -> "connected"
            .equals(ControllerE2E.field(status, "connection")));
        final String management = ROUTERS + "secrets-upgrade/management?content=config";
        final long deadline = System.nanoTime() + 60_000_000_000L;
        String stored = RESTCONF.get(management).body();
        while (stored.contains(SealedSecret.LEGACY_PREFIX) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            stored = RESTCONF.get(management).body();
        }
        final String password = JsonParser.parseString(stored).getAsJsonObject()
            .getAsJsonObject("openbsd-pbr:management").get("password").getAsString();
        assertThat(password).matches(SEALED);
        assertThat(RESTCONF.get("/data").body()).doesNotContain(SealedSecret.LEGACY_PREFIX).doesNotContain(legacy);
        assertThat(ControllerE2E.field(ControllerE2E.awaitStatus("secrets-upgrade", "connected", status -> "connected"
            .equals(ControllerE2E.field(status, "connection"))), "sync-status")).isEqualTo("no-intent");
    }

    @Test
    void z_noClearSecretInAnyFileOfTheDistribution() throws Exception {
        final Path home = karafHome();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("etc")
            .resolve(SecretKeys.FILE_NAME)))).isEqualTo("rw-------");
        final Map<String, String> needles = new LinkedHashMap<>(CLEAR);
        final List<String> keyLines = ControllerE2E.labKey().lines()
            .filter(line -> !line.startsWith("-----") && line.length() >= 20).toList();
        for (int i = 0; i < keyLines.size(); i++) {
            needles.put("line " + (i + 1) + " of the lab key's body", keyLines.get(i));
        }
        // what must be found: sealed values, as the datastore stores them (every one starts with this)
        final String sealed = "$pbr1$" + SecretKeys.load(home.resolve("etc").resolve(SecretKeys.FILE_NAME))
            .currentId() + "$";

        final List<String> found = new ArrayList<>();
        final Set<String> sealedIn = new TreeSet<>();
        long files = 0;
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(home)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                final String text;
                try {
                    // ISO-8859-1 maps every byte to one char: indexOf finds UTF-8 (here ASCII) byte sequences
                    text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    continue;
                }
                files++;
                bytes += text.length();
                for (var needle : needles.entrySet()) {
                    if (text.contains(needle.getValue())) {
                        found.add(home.relativize(file) + ": " + needle.getKey());
                    }
                }
                if (text.contains(sealed)) {
                    sealedIn.add(home.relativize(file).toString());
                }
            }
        }
        assertThat(found).as("clear secrets in " + files + " files (" + bytes / (1 << 20) + " MiB) under " + home)
            .isEmpty();
        // the scan reads the datastore's files as they are: sealed values are found in a shard's journal and in its
        // snapshot (controller 12 keeps both under state/odl.cluster.server/shards/SHARD/)
        assertThat(sealedIn).as("where sealed values were found")
            .anyMatch(path -> path.startsWith("state/") && path.contains("/journal-"))
            .anyMatch(path -> path.startsWith("state/") && path.contains("/snapshot-"));
        for (String directory : List.of("state", "data")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(directory))))
                .as(directory).isEqualTo("rwx------");
        }
    }

    /** Every value of a secret leaf (password, private-key, a PPPoE uplink's secret) in a RESTCONF document. */
    private static void collectSecrets(final JsonElement element, final String parent, final List<String> into) {
        if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(child -> collectSecrets(child, parent, into));
        } else if (element.isJsonObject()) {
            for (var entry : element.getAsJsonObject().entrySet()) {
                final String name = entry.getKey().substring(entry.getKey().indexOf(':') + 1);
                if (("password".equals(name) || "private-key".equals(name)
                        || "secret".equals(name) && "pppoe".equals(parent)) && entry.getValue().isJsonPrimitive()) {
                    into.add(entry.getValue().getAsString());
                } else {
                    collectSecrets(entry.getValue(), name, into);
                }
            }
        }
    }

    /**
     * The unkeyed revisions (FileSet.revision(), SHA-256) the rendered files could have: the render RPC gives every
     * file's path, owner, group, mode and content but masks the secret, which the lab router's copy gives. Files may be
     * owned whole or by their block of lines (rc.conf.local, sysctl.conf): both ways are computed.
     */
    private static Set<String> unkeyedRevisions(final JsonObject render, final String pppoeFile) {
        final Set<String> revisions = new TreeSet<>();
        for (boolean lines : new boolean[] { false, true }) {
            final List<ManagedFile> files = new ArrayList<>();
            for (var element : render.getAsJsonArray("file")) {
                final JsonObject file = element.getAsJsonObject();
                final String path = file.get("path").getAsString();
                final boolean secret = path.startsWith("/etc/hostname.pppoe");
                final ManagedFile.Ownership ownership = lines && (path.equals("/etc/rc.conf.local")
                    || path.equals("/etc/sysctl.conf")) ? ManagedFile.Ownership.LINES : ManagedFile.Ownership.WHOLE;
                files.add(new ManagedFile(path, file.get("owner").getAsString(), file.get("group").getAsString(),
                    Integer.parseInt(file.get("mode").getAsString(), 8), secret ? pppoeFile
                        : file.get("content").getAsString(), secret, ownership));
            }
            revisions.add(FileSet.of(files).revision());
        }
        return revisions;
    }

    @AfterAll
    static void cleanUp() {
        for (String name : new String[] { "secrets-clear", "secrets-foreign", "secrets-r2", "secrets-upgrade" }) {
            RESTCONF.delete(ROUTERS + name);
        }
    }
}
