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

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.Via;

class RendererTest {
    private static final RouterIntent SEED = GoldenFixtures.seedRouter();

    private static RouterIntent withRoutes(final PolicyRoute... routes) {
        final SharedIntent shared = SEED.shared();
        return SEED.withShared(new SharedIntent(shared.tables(), shared.hostGroups(), List.of(routes), shared.nat(),
            shared.inboundServices(), shared.dnsResolver(), shared.sshd()));
    }

    @Test
    void anInvalidIntentIsRefusedWithEveryError() {
        final RouterIntent bad = withRoutes(
            new PolicyRoute("first", 10, null, "vport0", null, null, null, Endpoint.of(new Endpoint.TableRef("none")),
                new Via.ViaUplink("pppoe")),
            new PolicyRoute("second", 10, null, "vport0", null, null, null, null, new Via.ViaUplink("pppoe")));
        assertThatThrownBy(() -> Renderer.render(bad))
            .isInstanceOfSatisfying(InvalidIntentException.class, e -> assertThat(e.errors()).containsExactly(
                    new IntentError("intent/policy-route[name=first]/destination/table", "no table none"),
                    new IntentError("intent/policy-route[name=second]/sequence",
                        "sequence 10 is also the policy route first's")))
            .hasMessageContaining("intent/policy-route[name=first]/destination/table: no table none");
    }

    @Test
    void theSecretOnlyAppearsInTheSecretFile() {
        final FileSet files = Renderer.render(SEED).files();
        files.files().forEach((path, file) -> {
            assertThat(file.secret()).as(path).isEqualTo(path.equals("/etc/hostname.pppoe0"));
            if (!file.secret()) {
                assertThat(file.content()).as(path).doesNotContain("authkey");
            }
        });
        assertThat(files.get("/etc/hostname.pppoe0").orElseThrow().mode()).isEqualTo(0600);
        assertThat(SEED.toString()).doesNotContain("'secret'").doesNotContain("=secret");
    }

    @Test
    void aPfOnlyChangeOfTheIntentPlansOnlyAPfLoad() {
        final RouterIntent changed = withRoutes(SEED.shared().policyRoutes().get(0));
        final FileSet before = Renderer.render(SEED).files();
        final FileSet after = Renderer.render(changed).files();
        assertThat(after.revision()).isNotEqualTo(before.revision());
        assertThat(ApplyPlanner.plan(before, after).commands()).containsExactly("pfctl -f /etc/pf.conf");
    }

    @Test
    void aNewRouterGetsEveryInterfaceThenPfThenItsServices() {
        assertThat(ApplyPlanner.plan(FileSet.empty(), Renderer.render(SEED).files()).commands()).containsExactly(
            "sh /etc/netstart lo1",
            "sh /etc/netstart em0",
            "sh /etc/netstart em1",
            "sh /etc/netstart em2",
            "sh /etc/netstart vport0",
            "sh /etc/netstart pppoe0",
            "sh /etc/netstart gif0",
            "sh /etc/netstart veb0",
            "pfctl -f /etc/pf.conf",
            "rcctl start unwind",
            "rcctl reload sshd");
    }
}
