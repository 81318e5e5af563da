/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jdt.annotation.NonNull;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.DataValidationFailedException;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCandidate;
import org.opendaylight.mdsal.dom.api.DOMDataTreeIdentifier;
import org.opendaylight.netconf.api.NetconfDocumentedException;
import org.opendaylight.openbsdpbr.impl.mapping.SeedBindings;
import org.opendaylight.openbsdpbr.impl.secret.LegacyAaa;
import org.opendaylight.openbsdpbr.impl.secret.SealedSecret;
import org.opendaylight.openbsdpbr.impl.secret.SecretKeys;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Host;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Routers;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.Uplink;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.UplinkBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.Pppoe;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.PppoeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.IntentBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.ManagementBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.management.credentials.PasswordBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.management.credentials.PrivateKeyBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.PppoeSecret;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.Secret;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.tree.api.DataTree;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidateNode;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidateTip;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeConfiguration;
import org.opendaylight.yangtools.yang.data.tree.impl.di.InMemoryDataTreeFactory;

/**
 * The secret cohort over real DOM candidates: a yangtools data tree with the project's schema holds what was
 * committed, each write is prepared on it and handed to the cohort as the shard would, and only what the cohort
 * accepts is committed.
 */
class SecretCohortTest {
    private static final String PPPOE_LEAF = "intent/uplink[name=pppoe]/pppoe/secret";

    private final Broker test = new Broker();
    private final SecretKeys keys = SecretKeys.generate();
    private final LegacyAaa aaa = new LegacyAaa();
    private final SealedSecret sealed = new SealedSecret(keys, aaa);
    private SecretCohort cohort;
    private DataTree tree;

    @TempDir
    Path dir;

    private static final class Broker extends AbstractConcurrentDataBrokerTest {
        // the schema and the binding codec of the project's models
    }

    @BeforeEach
    void setUp() throws Exception {
        test.setup();
        final var customizer = test.getDataBrokerTestCustomizer();
        cohort = new SecretCohort(sealed, customizer.getAdapterContext().currentSerializer());
        tree = new InMemoryDataTreeFactory().create(DataTreeConfiguration.DEFAULT_CONFIGURATION,
            customizer.getSchemaService().getGlobalContext());
    }

    @Test
    void aClearSecretIsRefusedNamingItsLeafAndPointingAtTheRpc() throws Exception {
        final List<String> refused = write(router(password(sealed.seal("pw")), "Cl3arPppoe"));
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0)).startsWith("router seed-router: " + PPPOE_LEAF + ": a clear secret is never stored")
            .contains("seal-secret").doesNotContain("Cl3arPppoe");

        assertThat(write(router(password("Cl3arPassword"), sealed.seal("Cl3arPppoe"))).get(0))
            .startsWith("router seed-router: management/password: a clear secret").doesNotContain("Cl3arPassword");
        assertThat(write(router(password(sealed.seal("pw")), sealed.seal("Cl3arPppoe")))).isEmpty();
    }

    @Test
    void aValueSealedUnderAnotherKeyOrAlteredIsRefusedNamingTheLeaf() throws Exception {
        final SecretKeys other = SecretKeys.generate();
        final String foreign = new SealedSecret(other, null).seal("elsewhere");
        assertThat(write(router(password(foreign), sealed.seal("ok")))).singleElement().asString()
            .startsWith("router seed-router: management/password: the value is sealed under key " + other.currentId())
            .contains("seal-secret");

        final String good = sealed.seal("tampered");
        final int body = good.lastIndexOf('$') + 1;
        final byte[] bytes = Base64.getDecoder().decode(good.substring(body));
        bytes[bytes.length - 1] ^= 1;
        final String altered = good.substring(0, body) + Base64.getEncoder().encodeToString(bytes);
        assertThat(write(router(password(sealed.seal("pw")), altered))).singleElement().asString()
            .startsWith("router seed-router: " + PPPOE_LEAF + ": the sealed value does not open");
    }

    @Test
    void aSealedValueIsCheckedAsItsLeafUsesIt() throws Exception {
        assertThat(write(router(password(sealed.seal("pw")), sealed.seal("has space")))).singleElement().asString()
            .isEqualTo("router seed-router: " + PPPOE_LEAF
                + ": a PPPoE secret is printable ASCII without spaces, single quotes or backslashes");
    }

    @Test
    void aGarbagePrivateKeyIsRefusedAndTheWorkingOneStays() throws Exception {
        final String working = sealed.seal(privateKey());
        assertThat(write(router(key(working), sealed.seal("pppoe")))).isEmpty();

        final List<String> refused = write(router(key(sealed.seal("-----BEGIN OPENSSH PRIVATE KEY-----\ngarbage\n"
            + "-----END OPENSSH PRIVATE KEY-----\n")), sealed.seal("pppoe")));
        assertThat(refused).singleElement().asString()
            .isEqualTo("router seed-router: management/private-key: " + SecretKind.NOT_A_KEY);
        assertThat(stored().getManagement().getCredentials()).isEqualTo(new PrivateKeyBuilder()
            .setPrivateKey(working).build());
    }

    @Test
    void whatEarlierVersionsStoredIsNotJudgedUntilItIsWrittenAgain() throws Exception {
        // stored before the cohort existed: a clear password
        commit(router(password("old-clear"), sealed.seal("pppoe")));
        // another leaf of the router changes: accepted (the sealer seals the password again)
        final Router moved = new RouterBuilder(router(password("old-clear"), sealed.seal("pppoe")))
            .setManagement(new ManagementBuilder(management(password("old-clear")))
                .setAddress(new Host(new IpAddress(new Ipv4Address("192.0.2.9")))).build()).build();
        assertThat(write(moved)).isEmpty();
        // the password itself changes to another clear value: refused
        assertThat(write(router(password("new-clear"), sealed.seal("pppoe")))).singleElement().asString()
            .startsWith("router seed-router: management/password: a clear secret");
        // a value AAA sealed in an earlier version opens, and is accepted as it is
        assertThat(write(router(password(aaa.seal("restored")), sealed.seal("pppoe")))).isEmpty();
    }

    @Test
    void aRefusalIsAnInvalidValueErrorRestconfAnswersWith400() throws Exception {
        final var failure = canCommit(router(password("clear"), sealed.seal("pppoe")));
        assertThat(failure).isInstanceOf(DataValidationFailedException.class)
            .hasCauseInstanceOf(NetconfDocumentedException.class);
        assertThat(((NetconfDocumentedException) failure.getCause()).getErrorTag()).isEqualTo(ErrorTag.INVALID_VALUE);
    }

    /** The cohort's answer to writing this router; empty when accepted (and then committed). */
    private List<String> write(final Router router) throws Exception {
        final Throwable failure = canCommit(router);
        if (failure == null) {
            commit(router);
            return List.of();
        }
        return new ArrayList<>(List.of(failure.getMessage().split("; ")));
    }

    private Throwable canCommit(final Router router) throws Exception {
        final var candidate = prepare(router);
        final YangInstanceIdentifier routers = test.getDataBrokerTestCustomizer().getAdapterContext()
            .currentSerializer().toYangInstanceIdentifier(DataObjectIdentifier.builder(Routers.class).build());
        final DataTreeCandidateNode node = candidate.getRootNode().getModifiedChild(routers.getLastPathArgument());
        final DOMDataTreeCandidate dom = new DOMDataTreeCandidate() {
            @Override
            public DOMDataTreeIdentifier getRootPath() {
                return DOMDataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION, routers);
            }

            @Override
            public DataTreeCandidateNode getRootNode() {
                return node;
            }
        };
        try {
            cohort.canCommit(1, null, List.of(dom)).get(5, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private void commit(final Router router) throws Exception {
        tree.commit(prepare(router));
    }

    /** The candidate of writing this router over what the tree holds. */
    private DataTreeCandidateTip prepare(final Router router) throws Exception {
        final var modification = tree.takeSnapshot().newModification();
        final var normalized = test.getDataBrokerTestCustomizer().getAdapterContext().currentSerializer()
            .toNormalizedDataObject(path(router), router);
        modification.write(normalized.path(), normalized.node());
        modification.ready();
        tree.validate(modification);
        return tree.prepare(modification);
    }

    private Router stored() {
        final var serializer = test.getDataBrokerTestCustomizer().getAdapterContext().currentSerializer();
        final YangInstanceIdentifier path = serializer.toYangInstanceIdentifier(path(SeedBindings.seedRouter()));
        return (Router) serializer.fromNormalizedNode(path, tree.takeSnapshot().readNode(path).orElseThrow())
            .getValue();
    }

    private static @NonNull DataObjectIdentifier<Router> path(final Router router) {
        return StatusWriter.routerPath(router.getName().getValue());
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.management
            .Credentials password(final String value) {
        return new PasswordBuilder().setPassword(new Secret(value)).build();
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.management
            .Credentials key(final String value) {
        return new PrivateKeyBuilder().setPrivateKey(value).build();
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.Management
            management(final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router
                .management.Credentials credentials) {
        return new ManagementBuilder().setAddress(new Host(new IpAddress(new Ipv4Address("192.0.2.1"))))
            .setCredentials(credentials).build();
    }

    /** The seed router with these credentials and PPPoE secret. */
    private static Router router(final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers
            .router.management.Credentials credentials, final String pppoeSecret) {
        final Router seed = SeedBindings.seedRouter();
        final var uplinks = BindingMap.<org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router
            .intent.UplinkKey, Uplink>orderedBuilder();
        for (Uplink uplink : seed.getIntent().nonnullUplink().values()) {
            if (uplink.getType() instanceof Pppoe pppoe) {
                uplinks.add(new UplinkBuilder(uplink).setType(new PppoeBuilder().setPppoe(
                    new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type
                        .pppoe.PppoeBuilder(pppoe.getPppoe()).setSecret(new PppoeSecret(pppoeSecret)).build())
                    .build()).build());
            } else {
                uplinks.add(uplink);
            }
        }
        return new RouterBuilder(seed).setManagement(management(credentials))
            .setIntent(new IntentBuilder(seed.getIntent()).setUplink(uplinks.build()).build()).build();
    }

    private String privateKey() throws Exception {
        final Path file = dir.resolve("id_ed25519");
        SshKeys.writePrivateKey(SshKeys.generateEd25519(), file, "test");
        return Files.readString(file);
    }
}
