/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendaylight.openbsdpbr.tools.cli.Seed.replaceOnce;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendaylight.openbsdpbr.tools.cli.Seed.Run;

class DiffCommandTest {
    @TempDir
    Path tmp;

    private static long lines(final String text, final String prefix) {
        return Arrays.stream(text.split("\n")).filter(line -> line.startsWith(prefix)).count();
    }

    @Test
    void onePolicyRouteChangedIsOnePfConfHunkAndAPfReload() throws IOException {
        final Path changed = Seed.copy(tmp.resolve("new"), text -> replaceOnce(text,
            "\"table\": \"martians\",\n          \"negate\": true", "\"table\": \"martians\""));
        final Run run = Seed.run("diff", Seed.EXAMPLE.toString(), changed.toString());
        assertThat(run.status()).as(run.error()).isZero();
        assertThat(run.out()).startsWith("--- a/etc/pf.conf\n+++ b/etc/pf.conf\n@@ -")
            .endsWith("plan:\n  pfctl -f /etc/pf.conf\n");
        assertThat(lines(run.out(), "--- ")).isEqualTo(1);
        assertThat(lines(run.out(), "@@ ")).isEqualTo(1);
        assertThat(lines(run.out(), "-")).isEqualTo(2);
        assertThat(lines(run.out(), "+")).isEqualTo(2);
        assertThat(run.out()).containsPattern("\n-pass in .*to !<martians> .*\n\\+pass in .*to <martians> ");
    }

    @Test
    void secretsAreNeverPrinted() throws IOException {
        final Path changed = Seed.copy(tmp.resolve("new"), text -> replaceOnce(text, "\"secret\": \"secret\"",
            "\"secret\": \"n3w-s3cret\""));
        final Run run = Seed.run("diff", Seed.EXAMPLE.toString(), changed.toString());
        assertThat(run.status()).as(run.error()).isZero();
        assertThat(run.out()).startsWith("--- a/etc/hostname.pppoe0\n+++ b/etc/hostname.pppoe0\n"
            + "# a secret changed (values are not shown)\n")
            .doesNotContain("n3w-s3cret").doesNotContain("authkey 'secret'").contains("plan:\n");

        final Path both = Seed.copy(tmp.resolve("both"), text -> replaceOnce(replaceOnce(text,
            "\"secret\": \"secret\"", "\"secret\": \"n3w-s3cret\""), "\"username\": \"username\"",
            "\"username\": \"user2\""));
        final Run diff = Seed.run("diff", Seed.EXAMPLE.toString(), both.toString());
        assertThat(diff.out()).contains("'user2'").contains("authkey '********'").doesNotContain("n3w-s3cret")
            .doesNotContain("authkey 'secret'");
    }

    @Test
    void equalIntentsHaveNoChangesAndNothingToRun() throws IOException {
        final Run run = Seed.run("diff", Seed.EXAMPLE.toString(), Seed.copy(tmp.resolve("same"), text -> text)
            .toString(), "--router", "seed-router");
        assertThat(run.status()).as(run.error()).isZero();
        assertThat(run.out()).isEqualTo("no changes\nplan: nothing to run\n");
    }

    @Test
    void anInvalidSideIsNamed() throws IOException {
        final Path bad = Seed.copy(tmp.resolve("bad"), text -> replaceOnce(text, "\"via-uplink\": \"pppoe\"",
            "\"via-uplink\": \"nowhere\""));
        final Run run = Seed.run("diff", Seed.EXAMPLE.toString(), bad.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.error()).startsWith("error: new: routers/router[name=seed-router]/intent/policy-route"
            + "[name=to-via-pppoe]/via-uplink: ");
        assertThat(Seed.run("diff", Seed.EXAMPLE.toString()).status()).isEqualTo(2);
        assertThat(Seed.run("diff", Seed.EXAMPLE.toString(), bad.toString(), "--router", "nope").error())
            .contains("no router named nope");
    }

    @Test
    void aRouterOnlyInTheNewIntentIsAllAdded() throws IOException {
        final Path lone = tmp.resolve("lone");
        java.nio.file.Files.createDirectories(lone);
        java.nio.file.Files.copy(Seed.EXAMPLE.resolve("intent.json"), lone.resolve("edge.json"));
        final Run run = Seed.run("diff", Seed.EXAMPLE.toString(), lone.toString());
        assertThat(run.status()).as(run.error()).isZero();
        assertThat(run.out()).startsWith("router router\n--- /dev/null\n+++ b/etc/hostname.em0\n@@ -0,0 +1,")
            .contains("\nrouter seed-router\n--- a/etc/hostname.em0\n+++ /dev/null\n@@ -1,")
            .contains("  pfctl -f /etc/pf.conf\n");
    }
}
