/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.tools.cli.Seed.Run;

class MainTest {
    @Test
    void withoutACommandItPrintsUsage() {
        final Run run = Seed.run();
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.error()).isEqualTo(Main.USAGE);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        final Run run = Seed.run("apply", "x");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.error()).startsWith("openbsd-pbr: unknown command 'apply'\n").endsWith(Main.USAGE);
    }

    @Test
    void helpListsEveryCommand() {
        final Run run = Seed.run("--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("  render ", "  diff ", "  map-e ", "  lab ", "  push ", "  confirm ",
            "  rollback ", "  check-sync ");
    }

    @Test
    void theFirstWordChoosesTheCommand() {
        final Run mapE = Seed.run("map-e", "--prefix", "2001:db8:12:3400::/56", "--rule-ipv6", "2001:db8::/40",
            "--rule-ipv4", "192.0.2.0/24", "--ea-bits", "16", "--psid-offset", "6");
        assertThat(mapE.status()).as(mapE.error()).isZero();
        assertThat(mapE.out()).contains("192.0.2.18").contains("PSID:            52");
        assertThat(Seed.run("map-e").status()).isEqualTo(2);
        for (String command : new String[] {"render", "diff", "lab", "push", "confirm", "rollback", "check-sync"}) {
            final Run help = Seed.run(command, "--help");
            assertThat(help.status()).as(command).isZero();
            assertThat(help.out()).as(command).startsWith("usage: openbsd-pbr " + command + " ");
        }
    }
}
