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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.eclipse.jdt.annotation.NonNull;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCandidate;
import org.opendaylight.mdsal.dom.api.DOMDataTreeIdentifier;
import org.opendaylight.netconf.api.NetconfDocumentedException;
import org.opendaylight.netconf.shaded.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.opendaylight.openbsdpbr.impl.compile.Compilations;
import org.opendaylight.openbsdpbr.impl.compile.IntentCompiler;
import org.opendaylight.openbsdpbr.impl.mapping.SeedBindings;
import org.opendaylight.openbsdpbr.impl.secret.SealedSecret;
import org.opendaylight.openbsdpbr.impl.secret.SecretKeys;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Host;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddress;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4AddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.PortNumber;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Profiles;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ProfilesBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Routers;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RoutersBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.Profile;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.ProfileBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.ProfileKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.UplinkBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.PppoeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.RouterKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.Intent;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.Management;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.ManagementBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.management.RouterViewBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.management.credentials.PrivateKeyBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.SshdBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.Table;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.TableKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.HostKeyFingerprint;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.ObjectName;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.PfName;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.PppoeSecret;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.data.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.tree.api.DataTree;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidate;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidateNode;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeConfiguration;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeModification;
import org.opendaylight.yangtools.yang.data.tree.impl.di.InMemoryDataTreeFactory;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;

/**
 * The commit cohort on a real data tree of the project's model: each write is prepared as the shard prepares it and
 * handed to the cohort at the root, as ODL does; a write the cohort accepts is committed. Checks the answers (400,
 * 409 in-use, 409 data-exists, each naming its element) and that every accepted change compiles each router once.
 */
class IntentCohortTest {
    private static final String KEY = privateKey();

    private static EffectiveModelContext context;
    private static BindingNormalizedNodeSerializer codec;

    private DataTree tree;
    private Compilations compilations;
    private Snapshots snapshots;
    private IntentCohort cohort;

    /** The broker test's model and codec. */
    private static final class Model extends AbstractDataBrokerTest {
        EffectiveModelContext context() throws Exception {
            return modelContext();
        }

        BindingNormalizedNodeSerializer codec() {
            return getDataBrokerTestCustomizer().getAdapterContext().currentSerializer();
        }
    }

    /** The cohort's answer to one write. */
    private record Answer(ErrorTag tag, String message) {
        static final Answer ACCEPTED = new Answer(null, "");

        boolean accepted() {
            return tag == null;
        }
    }

    @BeforeAll
    static void model() throws Exception {
        final Model model = new Model();
        model.setup();
        context = model.context();
        codec = model.codec();
    }

    @BeforeEach
    void setUp() {
        tree = new InMemoryDataTreeFactory().create(DataTreeConfiguration.DEFAULT_CONFIGURATION, context);
        compilations = new Compilations(IntentCompiler.standard());
        final SealedSecret secrets = new SealedSecret(SecretKeys.generate(), null);
        snapshots = new Snapshots(codec, router -> RouterSpecs.of(router, Duration.ofSeconds(60), (name, key) -> { },
            secrets));
        cohort = new IntentCohort(snapshots, compilations);
        assertThat(write(tx -> {
            put(tx, DataObjectIdentifier.builder(Routers.class).build(), new RoutersBuilder().build());
            put(tx, DataObjectIdentifier.builder(Profiles.class).build(), new ProfilesBuilder().build());
        })).isEqualTo(Answer.ACCEPTED);
    }

    @Test
    void aValidRouterIsAcceptedAndCompiledOnceForEveryoneAfterTheCohort() throws Exception {
        assertThat(write(tx -> putRouter(tx, seed("r1", 2201)))).isEqualTo(Answer.ACCEPTED);
        assertThat(compilations.compiles()).isEqualTo(1);

        // what the listener and the reconciler do after the commit: the same entry, the same snapshot, no compile
        final var stored = routerEntry("r1");
        compilations.compile(snapshots.router(stored).inputs(name -> null));
        assertThat(compilations.compiles()).isEqualTo(1);
        assertThat(compilations.reuses()).isEqualTo(1);
    }

    @Test
    void anInvalidRouterIsRefusedNamingTheElement() {
        final Router bad = new RouterBuilder(seed("r1", 2201)).setIntent(new org.opendaylight.yang.gen.v1.urn
            .opendaylight.openbsd.pbr.rev261124.routers.router.IntentBuilder(SeedBindings.seedRouter().getIntent())
            .setTable(null).build()).build();

        final Answer answer = write(tx -> putRouter(tx, bad));

        assertThat(answer.tag()).isEqualTo(ErrorTag.INVALID_VALUE);
        assertThat(answer.message()).startsWith("router r1: ")
            .contains("intent/policy-route[name=to-via-pppoe]/destination/table");
        assertThat(routerExists("r1")).isFalse();
    }

    /**
     * Failover that cannot work is refused with a 400 naming the element, and nothing is stored: probes without
     * targets, a fallback to an uplink whose rdomain's default route is another's, tiers that loop.
     */
    @Test
    void failoverThatCannotWorkIsRefusedNamingTheElement() {
        final var intent = SeedBindings.seedRouter().getIntent();
        final var noTargets = new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router
            .IntentBuilder(intent).setUplink(BindingMap.of(new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd
                .pbr.rev261124.router.intent.UplinkBuilder(SeedBindings.pppoeUplink()).setHealth(
                    new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink
                        .HealthBuilder().build()).build(), SeedBindings.mapEUplink())).build();
        final Answer targets = write(tx -> putRouter(tx, new RouterBuilder(seed("r1", 2201)).setIntent(noTargets)
            .build()));
        assertThat(targets.tag()).isEqualTo(ErrorTag.INVALID_VALUE);
        assertThat(targets.message()).contains("intent/uplink[name=pppoe]/health/target: a health monitor needs two"
            + " or more probe targets, it has none");
        assertThat(routerExists("r1")).isFalse();

        // pppoe's rdomain 1 without its default route, and a second tier naming the first one's uplink again
        final var routes = intent.nonnullPolicyRoute().values().stream().map(route -> new org.opendaylight.yang.gen
            .v1.urn.opendaylight.openbsd.pbr.rev261124.shared.intent.PolicyRouteBuilder(route).setFallback(
                BindingMap.of(fallback(1, "ipoe"), fallback(2, "ipoe"))).build()).toList();
        final var rdomains = intent.nonnullRdomain().values().stream().map(rdomain -> rdomain.getId().getValue()
            .intValue() == 0 ? new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent
                .RdomainBuilder(rdomain).setFallback(BindingMap.of(fallback(1, "pppoe"))).build()
            : new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent
                .RdomainBuilder(rdomain).setDefaultRouteVia(null).build()).toList();
        final var fallbacks = new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router
            .IntentBuilder(intent).setPolicyRoute(BindingMap.of(routes)).setRdomain(BindingMap.of(rdomains)).build();
        final Answer tiers = write(tx -> putRouter(tx, new RouterBuilder(seed("r1", 2201)).setIntent(fallbacks)
            .build()));
        assertThat(tiers.tag()).isEqualTo(ErrorTag.INVALID_VALUE);
        assertThat(tiers.message())
            .contains("intent/rdomain[id=0]/fallback[tier=1]/uplink: pppoe does not hold rdomain 1's default route")
            .contains("intent/policy-route[name=to-via-pppoe]/fallback[tier=2]/uplink: the tiers loop: ipoe is in an"
                + " earlier tier already");
        assertThat(routerExists("r1")).isFalse();
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.fallback.tiers.Fallback
            fallback(final int tier, final String uplink) {
        return new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.fallback.tiers
            .FallbackBuilder().setTier(org.opendaylight.yangtools.yang.common.Uint8.valueOf(tier))
            .setUplink(List.of(SeedBindings.name(uplink))).build();
    }

    @Test
    void aWriteThatWouldLockTheControllerOutIsRefusedFromTheRoutersView() {
        // the lab's local forward (127.0.0.1) as the router sees it: the controller on the LAN, sshd at 192.168.1.1:22
        final Router viewed = new RouterBuilder(seed("r1", 2201)).setManagement(new ManagementBuilder(
            seed("r1", 2201).getManagement()).setRouterView(new RouterViewBuilder()
                .setControllerAddress(new IpAddressNoZone(new Ipv4AddressNoZone("192.168.1.50")))
                .setAddress(new IpAddressNoZone(new Ipv4AddressNoZone("192.168.1.1")))
                .setPort(new PortNumber(Uint16.valueOf(22))).build()).build()).build();
        assertThat(write(tx -> putRouter(tx, viewed))).isEqualTo(Answer.ACCEPTED);
        final var intent = SeedBindings.seedRouter().getIntent();
        final Router moved = new RouterBuilder(viewed).setIntent(new org.opendaylight.yang.gen.v1.urn.opendaylight
            .openbsd.pbr.rev261124.routers.router.IntentBuilder(intent).setSshd(new org.opendaylight.yang.gen.v1.urn
                .opendaylight.openbsd.pbr.rev261124.shared.intent.SshdBuilder(intent.getSshd())
                .setPort(new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.PortNumber(
                    Uint16.valueOf(2222))).build()).build()).build();

        final Answer answer = write(tx -> putRouter(tx, moved));

        assertThat(answer.tag()).isEqualTo(ErrorTag.INVALID_VALUE);
        assertThat(answer.message()).startsWith("router r1: intent/sshd/port: locks the controller out: sshd listens"
            + " on port 2222");
        assertThat(snapshots.router(routerEntry("r1")).intent().orElseThrow().shared().sshd().port())
            .as("the stored intent is unchanged").isEqualTo(22);
        // without the router's view the lab's forward leaves the path unknown, which refuses nothing
        assertThat(write(tx -> putRouter(tx, new RouterBuilder(moved).setManagement(seed("r1", 2201)
            .getManagement()).build()))).isEqualTo(Answer.ACCEPTED);
    }

    @Test
    void deletingATableStillReferredToIsInUseNamingTheReferrer() {
        write(tx -> putRouter(tx, seed("r1", 2201)));

        final Answer answer = write(tx -> tx.delete(yang(routerPath("r1").toBuilder().child(Intent.class)
            .child(Table.class, new TableKey(new PfName("via_pppoe"))).build())));

        assertThat(answer.tag()).isEqualTo(ErrorTag.IN_USE);
        assertThat(answer.message()).contains("router r1: the change removes what is still referred to")
            .contains("intent/policy-route[name=to-via-pppoe]/destination/table");
    }

    @Test
    void deletingAProfileARouterListsIsInUseNamingTheRouter() {
        write(tx -> {
            putProfile(tx, SeedBindings.seedProfile("base"));
            putRouter(tx, withProfiles("r1", 2201));
        });

        final Answer answer = write(tx -> tx.delete(yang(profilePath("base"))));

        assertThat(answer.tag()).isEqualTo(ErrorTag.IN_USE);
        assertThat(answer.message()).contains("profiles/profile[name=base] is in use by router r1")
            .contains("routers/router[name=r1]/profile");
    }

    @Test
    void aRouterAndItsProfileInOneWriteAreJudgedTogether() {
        // the profile is not stored yet: the cohort uses the write's own data
        assertThat(write(tx -> {
            putProfile(tx, SeedBindings.seedProfile("base"));
            putRouter(tx, withProfiles("r1", 2201));
        })).isEqualTo(Answer.ACCEPTED);
        // and without the profile the same router is refused
        final Answer answer = write(tx -> putRouter(tx, new RouterBuilder(withProfiles("r2", 2202))
            .setProfile(List.of(new ObjectName("missing"))).build()));
        assertThat(answer.tag()).isEqualTo(ErrorTag.INVALID_VALUE);
        assertThat(answer.message()).contains("router r2: profile: no profile named missing");
    }

    @Test
    void aProfileChangeCompilesEveryRouterUsingItOnce() {
        final int routers = 40;
        write(tx -> {
            putProfile(tx, SeedBindings.seedProfile("base"));
            for (int i = 1; i <= routers; i++) {
                putRouter(tx, withProfiles("r" + i, 2200 + i));
            }
        });
        assertThat(compilations.compiles()).isEqualTo(routers);

        final Profile changed = new ProfileBuilder(SeedBindings.seedProfile("base"))
            .setDescription(new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124
                .DescriptionText("changed")).build();
        assertThat(write(tx -> putProfile(tx, changed))).isEqualTo(Answer.ACCEPTED);
        // a description changes no router's files, but every router's inputs: one compile each
        assertThat(compilations.compiles()).isEqualTo(2 * routers);
    }

    @Test
    void aProfileChangeThatBreaksItsRoutersIsRefusedNamingThem() {
        write(tx -> {
            putProfile(tx, SeedBindings.seedProfile("base"));
            putRouter(tx, withProfiles("r1", 2201));
            putRouter(tx, withProfiles("r2", 2202));
        });
        // root logins refused: the controller logs in as root with a key, so every commit would be reverted
        final Profile locking = new ProfileBuilder(SeedBindings.seedProfile("base"))
            .setSshd(new SshdBuilder(SeedBindings.seedProfile("base").getSshd())
                .setPermitRootLogin(org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.shared
                    .intent.Sshd.PermitRootLogin.No).build()).build();

        final Answer answer = write(tx -> putProfile(tx, locking));

        assertThat(answer.tag()).isEqualTo(ErrorTag.INVALID_VALUE);
        assertThat(answer.message()).contains("router r1: profiles/profile[name=base]/sshd/permit-root-login")
            .contains("router r2: profiles/profile[name=base]/sshd/permit-root-login");
    }

    @Test
    void twoRoutersOnOneEndpointOrWithOneHostKeyAreRefusedNamingTheOther() {
        write(tx -> putRouter(tx, seed("r1", 2201)));

        final Answer sameEndpoint = write(tx -> putRouter(tx, seed("r2", 2201)));
        assertThat(sameEndpoint.tag()).isEqualTo(ErrorTag.DATA_EXISTS);
        assertThat(sameEndpoint.message()).contains("router r2: management 127.0.0.1:2201 is already router r1's");

        final String fingerprint = "SHA256:" + "B".repeat(43);
        write(tx -> putRouter(tx, pinned(seed("r1", 2201), fingerprint)));
        final Answer sameKey = write(tx -> putRouter(tx, pinned(seed("r2", 2202), fingerprint)));
        assertThat(sameKey.tag()).isEqualTo(ErrorTag.DATA_EXISTS);
        assertThat(sameKey.message()).contains("router r2: management/host-key-fingerprint " + fingerprint
            + " is already pinned for router r1");
    }

    @Test
    void aMalformedSealedSecretIsRefusedNamingTheLeaf() {
        final Router router = seed("r1", 2201);
        final var uplinks = router.getIntent().nonnullUplink().values().stream().map(uplink -> uplink.getType()
            instanceof org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type
                .Pppoe pppoe ? new UplinkBuilder(uplink).setType(new PppoeBuilder().setPppoe(new org.opendaylight.yang
                    .gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.pppoe.PppoeBuilder(
                        pppoe.getPppoe()).setSecret(new PppoeSecret(SealedSecret.PREFIX + "bm90LXNlYWxlZA=="))
                    .build()).build()).build() : uplink).toList();
        final Router sealedGarbage = new RouterBuilder(router).setIntent(new org.opendaylight.yang.gen.v1.urn
            .opendaylight.openbsd.pbr.rev261124.routers.router.IntentBuilder(router.getIntent())
            .setUplink(BindingMap.of(uplinks)).build()).build();

        final Answer answer = write(tx -> putRouter(tx, sealedGarbage));

        assertThat(answer.tag()).isEqualTo(ErrorTag.INVALID_VALUE);
        assertThat(answer.message()).startsWith("router r1: intent/uplink[name=pppoe]/pppoe/secret");
    }

    @Test
    void aFailureWhileValidatingIsRefusedNotThrown() {
        cohort = new IntentCohort(new Snapshots(codec, router -> {
            throw new IllegalArgumentException("Invalid encrypted data length");
        }), compilations);

        final Answer answer = write(tx -> putRouter(tx, seed("r1", 2201)));

        assertThat(answer.tag()).isEqualTo(ErrorTag.OPERATION_FAILED);
        assertThat(answer.message()).contains("router r1 cannot be read");
    }

    @Test
    void writesOutsideRoutersAndProfilesAreNotLookedAt() {
        final long before = compilations.compiles();
        assertThat(write(tx -> { })).isEqualTo(Answer.ACCEPTED);
        assertThat(compilations.compiles()).isEqualTo(before);
    }

    // --- the data tree --------------------------------------------------------------------------------------------

    private Answer write(final Consumer<DataTreeModification> change) {
        final DataTreeModification modification = tree.takeSnapshot().newModification();
        change.accept(modification);
        modification.ready();
        final DataTreeCandidate candidate;
        try {
            tree.validate(modification);
            candidate = tree.prepare(modification);
        } catch (org.opendaylight.yangtools.yang.data.tree.api.DataValidationFailedException e) {
            throw new AssertionError(e);
        }
        final DOMDataTreeCandidate root = new DOMDataTreeCandidate() {
            @Override
            public @NonNull DOMDataTreeIdentifier getRootPath() {
                return DOMDataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION, candidate.getRootPath());
            }

            @Override
            public @NonNull DataTreeCandidateNode getRootNode() {
                return candidate.getRootNode();
            }
        };
        try {
            cohort.canCommit("tx", context, List.of(root)).get();
        } catch (ExecutionException e) {
            final var documented = (NetconfDocumentedException) e.getCause().getCause();
            return new Answer(documented.getErrorTag(), documented.getMessage());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        tree.commit(candidate);
        return Answer.ACCEPTED;
    }

    private <T extends DataObject> void put(final DataTreeModification tx, final DataObjectIdentifier<T> path,
            final T data) {
        tx.write(yang(path), codec.toNormalizedDataObject(path, data).node());
    }

    private void putRouter(final DataTreeModification tx, final Router router) {
        put(tx, routerPath(router.getName().getValue()), router);
    }

    private void putProfile(final DataTreeModification tx, final Profile profile) {
        put(tx, profilePath(profile.getName().getValue()), profile);
    }

    private YangInstanceIdentifier yang(final DataObjectIdentifier<?> path) {
        return codec.toYangInstanceIdentifier(path);
    }

    private boolean routerExists(final String name) {
        return tree.takeSnapshot().readNode(yang(routerPath(name))).isPresent();
    }

    private org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode routerEntry(final String name) {
        return (org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode) tree.takeSnapshot()
            .readNode(yang(routerPath(name))).orElseThrow();
    }

    private static DataObjectIdentifier<Router> routerPath(final String name) {
        return StatusWriter.routerPath(name);
    }

    private static DataObjectIdentifier<Profile> profilePath(final String name) {
        return DataObjectIdentifier.builder(Profiles.class).child(Profile.class, new ProfileKey(new ObjectName(name)))
            .build();
    }

    // --- routers --------------------------------------------------------------------------------------------------

    /** The seed router under another name, reached with a key on 127.0.0.1:{@code port}. */
    private static Router seed(final String name, final int port) {
        return managed(new RouterBuilder(SeedBindings.seedRouter()).withKey(new RouterKey(new ObjectName(name)))
            .setName(new ObjectName(name)).build(), port);
    }

    /** The seed's router-only parts under another name, with the seed's shared parts from profile base. */
    private static Router withProfiles(final String name, final int port) {
        return managed(new RouterBuilder(SeedBindings.seedRouterWithProfiles("base"))
            .withKey(new RouterKey(new ObjectName(name))).setName(new ObjectName(name)).build(), port);
    }

    private static Router managed(final Router router, final int port) {
        return new RouterBuilder(router).setManagement(new ManagementBuilder()
            .setAddress(new Host(new IpAddress(new Ipv4Address("127.0.0.1"))))
            .setPort(new PortNumber(Uint16.valueOf(port)))
            .setCredentials(new PrivateKeyBuilder().setPrivateKey(KEY).build())
            .setHostKeyPolicy(Management.HostKeyPolicy.TrustOnFirstUse).build()).build();
    }

    private static Router pinned(final Router router, final String fingerprint) {
        return new RouterBuilder(router).setManagement(new ManagementBuilder(router.getManagement())
            .setHostKeyFingerprint(new HostKeyFingerprint(fingerprint)).build()).build();
    }

    /** An OpenSSH private key, made in memory. */
    private static String privateKey() {
        try {
            final var out = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(SshKeys.generateEd25519(), "cohort-test", null,
                out);
            return out.toString(StandardCharsets.US_ASCII);
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
