/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonService;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonServiceProvider;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.impl.mapping.SeedBindings;
import org.opendaylight.openbsdpbr.impl.secret.LegacyAaa;
import org.opendaylight.openbsdpbr.impl.secret.SealedSecret;
import org.opendaylight.openbsdpbr.impl.secret.SecretKeys;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Host;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.pppoe.Pppoe;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.Management;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.ManagementBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.management.credentials.Password;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.management.credentials.PasswordBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.HostKeyFingerprint;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.Secret;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * The sealer against an in-memory data broker (no cohort: the values earlier versions stored, which today's writes
 * could not bring), and the controller's view of what it wrote.
 */
class SecretSealerTest {
    private static final String PASSWORD = "lab-password-1";
    /** What SeedBindings writes as the PPPoE secret. */
    private static final String PPPOE_SECRET = "secret";
    private static final String FINGERPRINT = "SHA256:" + "A".repeat(43);

    private final Broker test = new Broker();
    private final SecretKeys keys = SecretKeys.generate();
    private final LegacyAaa aaa = new LegacyAaa();
    private final SealedSecret sealed = new SealedSecret(keys, aaa);
    private DataBroker broker;
    private Registration started;

    private static final class Broker extends AbstractConcurrentDataBrokerTest {
        DataBroker broker() {
            return getDataBroker();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        test.setup();
        broker = test.broker();
    }

    @AfterEach
    void tearDown() {
        if (started != null) {
            started.close();
        }
    }

    @Test
    void sealsAgainWhatEarlierVersionsStoredAndTheControllerStillSeesTheClearValues() throws Exception {
        // an earlier version's store: the password sealed by AAA, the PPPoE secret still clear
        write(router(aaa.seal(PASSWORD)));
        final var commit = SecretSealer.detached(broker, sealed).seal(read());
        assertThat(commit).isPresent();
        commit.orElseThrow().get(10, TimeUnit.SECONDS);

        final Router stored = read();
        final String password = ((Password) stored.getManagement().getCredentials()).getPassword().getValue();
        final String pppoe = pppoe(stored).getSecret().getValue();
        assertThat(password).startsWith("$pbr1$" + keys.currentId() + "$");
        assertThat(pppoe).startsWith("$pbr1$" + keys.currentId() + "$");
        assertThat(stored.toString()).doesNotContain(PASSWORD);
        // the rest of the leaves are untouched by the merges
        assertThat(stored.getManagement().getAddress().stringValue()).isEqualTo("192.0.2.1");
        assertThat(pppoe(stored).getUsername().getValue()).isEqualTo("username");

        // what the reconciler builds from the stored router: the clear values again
        final var spec = RouterSpecs.of(stored, Duration.ofSeconds(60), (name, key) -> { }, sealed);
        assertThat(spec.targetError()).isNull();
        assertThat(spec.intentError()).isNull();
        assertThat(spec.target().orElseThrow().credentials()).isEqualTo(new Credentials.Password(PASSWORD));
        assertThat(spec.intent().orElseThrow().uplinks()).anySatisfy(link -> assertThat(link.kind())
            .isInstanceOfSatisfying(org.opendaylight.openbsdpbr.api.intent.Pppoe.class,
                kind -> assertThat(kind.secret().value()).isEqualTo(PPPOE_SECRET)));

        // nothing is left to seal
        assertThat(SecretSealer.detached(broker, sealed).seal(stored)).isEmpty();
    }

    @Test
    void afterAKeyRotationValuesAreSealedAgainUnderTheNewKeyAndForeignOnesAreLeftAlone() throws Exception {
        final String foreign = new SealedSecret(SecretKeys.generate(), null).seal(PASSWORD);
        final Router old = new RouterBuilder(router(foreign)).build();
        write(old);
        // the PPPoE secret under the old key, sealed by the sealer of before the rotation
        SecretSealer.detached(broker, sealed).seal(read()).orElseThrow().get(10, TimeUnit.SECONDS);
        final String underOldKey = pppoe(read()).getSecret().getValue();
        assertThat(sealed.form(underOldKey)).isEqualTo(SealedSecret.Form.CURRENT);

        final SealedSecret rotated = new SealedSecret(keys.withNewSealKey(), aaa);
        SecretSealer.detached(broker, rotated).seal(read()).orElseThrow().get(10, TimeUnit.SECONDS);
        final Router stored = read();
        final String pppoe = pppoe(stored).getSecret().getValue();
        assertThat(rotated.form(pppoe)).isEqualTo(SealedSecret.Form.CURRENT);
        assertThat(rotated.open(pppoe)).isEqualTo(PPPOE_SECRET);
        // sealed under a key this controller lacks: kept as it is (its status says why it cannot be used)
        assertThat(((Password) stored.getManagement().getCredentials()).getPassword().getValue()).isEqualTo(foreign);
        assertThat(SecretSealer.detached(broker, rotated).seal(stored)).isEmpty();
    }

    @Test
    void aValueChangedAfterItWasSeenIsNotReplacedByTheOldOneSealedAgain() throws Exception {
        write(router(aaa.seal(PASSWORD)));
        final Router seen = read();
        final String newer = sealed.seal("a-newer-password");
        write(router(newer));

        SecretSealer.detached(broker, sealed).seal(seen).orElseThrow().get(10, TimeUnit.SECONDS);

        final Router stored = read();
        assertThat(((Password) stored.getManagement().getCredentials()).getPassword().getValue()).isEqualTo(newer);
        // the PPPoE secret was the same in both versions: it is sealed
        assertThat(pppoe(stored).getSecret().getValue()).startsWith(SealedSecret.PREFIX);
    }

    @Test
    void theOwnerOfTheSingletonSealsAgainWhatItFinds() throws Exception {
        write(router(aaa.seal(PASSWORD)));
        started = SecretSealer.start(broker, sealed, new ImmediateOwner());

        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Router stored = read();
        while (sealed.form(((Password) stored.getManagement().getCredentials()).getPassword().getValue())
                != SealedSecret.Form.CURRENT && System.nanoTime() < deadline) {
            Thread.sleep(20);
            stored = read();
        }
        assertThat(sealed.open(((Password) stored.getManagement().getCredentials()).getPassword().getValue()))
            .isEqualTo(PASSWORD);
        assertThat(sealed.form(pppoe(stored).getSecret().getValue())).isEqualTo(SealedSecret.Form.CURRENT);
        assertThat(sealed.open(pppoe(stored).getSecret().getValue())).isEqualTo(PPPOE_SECRET);
    }

    private static Router router(final String password) {
        return new RouterBuilder(SeedBindings.seedRouter())
            .setManagement(new ManagementBuilder().setAddress(new Host(new IpAddress(new Ipv4Address("192.0.2.1"))))
                .setCredentials(new PasswordBuilder().setPassword(new Secret(password)).build())
                .setHostKeyFingerprint(new HostKeyFingerprint(FINGERPRINT))
                .setHostKeyPolicy(Management.HostKeyPolicy.RejectUnknown).build())
            .build();
    }

    private static Pppoe pppoe(final Router router) {
        return router.getIntent().nonnullUplink().values().stream()
            .map(uplink -> uplink.getType())
            .filter(org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type
                .Pppoe.class::isInstance)
            .map(org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type
                .Pppoe.class::cast)
            .map(type -> type.getPppoe()).findFirst().orElseThrow();
    }

    private void write(final Router router) throws Exception {
        final var tx = broker.newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, StatusWriter.routerPath(router.getName().getValue()), router);
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    private Router read() throws Exception {
        try (var tx = broker.newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, StatusWriter.routerPath("seed-router"))
                .get(10, TimeUnit.SECONDS).orElseThrow();
        }
    }

    /** A single-member cluster: every singleton is owned as soon as it is registered. */
    private static final class ImmediateOwner implements ClusterSingletonServiceProvider {
        @Override
        public Registration registerClusterSingletonService(final ClusterSingletonService service) {
            service.instantiateServiceInstance();
            return () -> service.closeServiceInstance();
        }
    }
}
