/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.intent.DnsResolver;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.Sshd;
import org.opendaylight.openbsdpbr.api.intent.Via;

class IntentMergerTest {
    private static PfTable table(final String name, final String... entries) {
        return new PfTable(name, null, true, false, List.of(entries));
    }

    private static SharedIntent tables(final PfTable... tables) {
        return new SharedIntent(List.of(tables), null, null, null, null, null, null);
    }

    private static RouterIntent router(final SharedIntent shared) {
        return GoldenFixtures.seedRouter().withShared(shared);
    }

    @Test
    void laterLayersReplaceEntriesWithTheSameKey() {
        final Profile base = new Profile("base", null, tables(table("a", "10.0.0.1"), table("b", "10.0.0.2")));
        final Profile site = new Profile("site", null, tables(table("b", "10.0.0.3"), table("c", "10.0.0.4")));
        final RouterIntent own = router(tables(table("c", "10.0.0.5"), table("d", "10.0.0.6")));

        final RouterIntent merged = IntentMerger.merge(List.of(base, site), own);

        assertThat(merged.shared().tables()).containsExactly(
            table("a", "10.0.0.1"), table("b", "10.0.0.3"), table("c", "10.0.0.5"), table("d", "10.0.0.6"));
        // the router-only parts are the router's own
        assertThat(merged.uplinks()).isEqualTo(own.uplinks());
        assertThat(merged.interfaces()).isEqualTo(own.interfaces());
        assertThat(merged.rdomains()).isEqualTo(own.rdomains());
    }

    @Test
    void profileOrderDecidesBetweenProfiles() {
        final Profile first = new Profile("first", null, tables(table("t", "10.0.0.1")));
        final Profile second = new Profile("second", null, tables(table("t", "10.0.0.2")));
        final RouterIntent own = router(SharedIntent.EMPTY);

        assertThat(IntentMerger.merge(List.of(first, second), own).shared().tables())
            .containsExactly(table("t", "10.0.0.2"));
        assertThat(IntentMerger.merge(List.of(second, first), own).shared().tables())
            .containsExactly(table("t", "10.0.0.1"));
    }

    @Test
    void containersReplaceAsAWholeAndStayWhenALaterLayerHasNone() {
        final Sshd profileSshd = new Sshd(List.of(new Sshd.Listen("0.0.0.0", 0), new Sshd.Listen("::", 0)), 22,
            true, null);
        final DnsResolver profileResolver = new DnsResolver(0, List.of("9.9.9.9"), false);
        final Profile profile = new Profile("p", null,
            new SharedIntent(null, null, null, null, null, profileResolver, profileSshd));
        final Sshd ownSshd = new Sshd(List.of(new Sshd.Listen("0.0.0.0", 1)), 2222, false, null);
        final RouterIntent own = router(new SharedIntent(null, null, null, null, null, null, ownSshd));

        final RouterIntent merged = IntentMerger.merge(List.of(profile), own);

        // the router's sshd replaces the profile's whole: no listener of the profile is left
        assertThat(merged.shared().sshd()).isEqualTo(ownSshd);
        // the router has no dns-resolver: the profile's stays
        assertThat(merged.shared().dnsResolver()).isEqualTo(profileResolver);
    }

    @Test
    void policyRoutesFromAllLayersAreOrderedBySequence() {
        final PolicyRoute late = new PolicyRoute("late", 30, null, "vport0", null, null, null,
            Endpoint.ANY, new Via.ViaUplink("pppoe"));
        final PolicyRoute early = new PolicyRoute("early", 5, null, "vport0", null, null, null,
            Endpoint.ANY, new Via.ViaUplink("ipoe"));
        final Profile profile = new Profile("p", null,
            new SharedIntent(null, null, List.of(late, early), null, null, null, null));
        final RouterIntent seed = GoldenFixtures.seedRouter();

        final RouterIntent merged = IntentMerger.merge(List.of(profile), seed);

        assertThat(merged.shared().policyRoutes()).extracting(PolicyRoute::name)
            .containsExactly("early", "to-via-pppoe", "from-pppoe-hosts", "late");
    }

    @Test
    void noProfilesIsTheRoutersOwnIntent() {
        final RouterIntent seed = GoldenFixtures.seedRouter();
        assertThat(IntentMerger.merge(List.of(), seed)).isEqualTo(seed);
    }

    @Test
    void errorsNameTheProfileThatContributedTheElement() {
        final PolicyRoute dangling = new PolicyRoute("via-lte", 40, null, "vport0", null, null, null,
            Endpoint.ANY, new Via.ViaUplink("lte"));
        final Profile profile = new Profile("branch", null,
            new SharedIntent(null, null, List.of(dangling), null, null, null, null));

        final IntentMerger.Merged merged = IntentMerger.mergeWithOrigins(List.of(profile), GoldenFixtures.seedRouter());

        assertThat(merged.origin("policy-route[name=via-lte]/via-uplink"))
            .isEqualTo("profiles/profile[name=branch]");
        assertThat(merged.origin("policy-route[name=to-via-pppoe]")).isEqualTo("intent");
        assertThat(IntentValidator.validate(merged)).containsExactly(new IntentError(
            "profiles/profile[name=branch]/policy-route[name=via-lte]/via-uplink", "no uplink lte"));
        assertThat(IntentValidator.validate(merged.effective())).containsExactly(new IntentError(
            "intent/policy-route[name=via-lte]/via-uplink", "no uplink lte"));
    }
}
