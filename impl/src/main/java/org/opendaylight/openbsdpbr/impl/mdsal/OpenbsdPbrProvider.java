/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.opendaylight.aaa.encrypt.AAAEncryptionService;
import org.opendaylight.controller.cluster.datastore.DistributedDataStoreInterface;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMDataTreeIdentifier;
import org.opendaylight.mdsal.eos.dom.api.DOMEntityOwnershipService;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonServiceProvider;
import org.opendaylight.openbsdpbr.api.device.HostKeyRecorder;
import org.opendaylight.openbsdpbr.impl.compile.Compilations;
import org.opendaylight.openbsdpbr.impl.compile.IntentCompiler;
import org.opendaylight.openbsdpbr.impl.controller.ControllerSettings;
import org.opendaylight.openbsdpbr.impl.controller.Fleet;
import org.opendaylight.openbsdpbr.impl.controller.RolloutEngine;
import org.opendaylight.openbsdpbr.impl.controller.RouterSpec;
import org.opendaylight.openbsdpbr.impl.device.DevicePush;
import org.opendaylight.openbsdpbr.impl.device.TimerThread;
import org.opendaylight.openbsdpbr.impl.render.ApplyPlanner;
import org.opendaylight.openbsdpbr.impl.secret.PrivateDirectories;
import org.opendaylight.openbsdpbr.impl.secret.SealedSecret;
import org.opendaylight.openbsdpbr.impl.secret.SecretKeys;
import org.opendaylight.openbsdpbr.impl.ssh.SshDeviceConnector;
import org.opendaylight.openbsdpbr.impl.ssh.SshSettings;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Routers;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.Management;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.ManagementBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.HostKeyFingerprint;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.binding.data.codec.spi.BindingDOMCodecServices;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires openbsd-pbr into ODL: one SSH client for the process, the fleet of router reconcilers, the listeners on
 * routers and profiles, the commit cohorts that refuse unrenderable intent, the cluster singleton groups routers are
 * hashed into, the secret cohort, the sealer that seals old forms of secrets again (AAA's, after an upgrade), the
 * status writer and the RPCs.
 * Everything real lives in the classes it wires; this holds the registrations.
 */
@Component(service = { }, configurationPid = "org.opendaylight.openbsdpbr")
@Designate(ocd = OpenbsdPbrProvider.Configuration.class)
public final class OpenbsdPbrProvider implements AutoCloseable {
    /** Settings, in etc/org.opendaylight.openbsdpbr.cfg. */
    @ObjectClassDefinition(name = "openbsd-pbr")
    public @interface Configuration {
        @AttributeDefinition(description = "Seconds a commit waits for its confirmation when the router sets none")
        int confirm$_$timeout$_$seconds() default ProviderSettings.CONFIRM_TIMEOUT_SECONDS;

        @AttributeDefinition(description = "Routers worked on at once")
        int concurrency() default ProviderSettings.CONCURRENCY;

        @AttributeDefinition(description = "Seconds between drift checks of every router; 0 disables them")
        int check$_$sync$_$interval$_$seconds() default ProviderSettings.CHECK_SYNC_INTERVAL_SECONDS;

        @AttributeDefinition(description = "Seconds allowed for an SSH connection, authentication and each step")
        int ssh$_$timeout$_$seconds() default ProviderSettings.SSH_TIMEOUT_SECONDS;

        @AttributeDefinition(description = "Seconds before a router whose own checks refused the files, or that "
            + "refused the controller's login, is tried again by itself (an intent change or the sync RPC tries at "
            + "once)")
        int retry$_$refused$_$seconds() default ProviderSettings.RETRY_REFUSED_SECONDS;

        @AttributeDefinition(description = "Seconds a router's last SSH session stays open for its next transaction "
            + "or read, so that a push makes one key exchange instead of two (the confirmation's own connection still "
            + "proves the new files admit the controller); 0 closes every session when its transaction ends")
        int idle$_$session$_$seconds() default ProviderSettings.IDLE_SESSION_SECONDS;

        @AttributeDefinition(description = "Routers whose last sessions stay idle at most, the one idle longest "
            + "closed first to make room: each costs about 15 KiB of heap (512: about 7.5 MiB); 0 keeps none")
        int idle$_$sessions() default ProviderSettings.IDLE_SESSIONS;

        @AttributeDefinition(description = "Cluster singleton groups routers are hashed into and placed over the "
            + "members; 0 gives every router its own singleton (ODL's entity ownership does not keep up with thousands "
            + "of those). Balance within 10% needs about ten groups per member: 64 covers five members")
        int ownership$_$groups() default ProviderSettings.OWNERSHIP_GROUPS;

        @AttributeDefinition(description = "The file of the keys that seal secrets (created at first start, mode 0600; "
            + "the same file on every cluster member); empty means etc/openbsd-pbr.keys", required = false)
        String secret$_$key$_$file() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(OpenbsdPbrProvider.class);

    private final List<Registration> registrations = new ArrayList<>();
    private final SshDeviceConnector connector;
    private final StatusWriter status;
    private final StatisticsWriter statistics;
    private final ClusterOwnership ownership;
    private final SingletonEntities entities;
    private final PekkoCandidates candidates;
    private final ScheduledExecutorService forwarding;
    /**
     * Where import-router continues once the router's files are read, and so the thread that answers its RPC: a
     * thread of ours, never ForkJoinPool.commonPool(), whose threads Karaf forbids to set a context class loader
     * (Jersey writes the RESTCONF answer on the thread that completes the RPC and dies there: session 7's render
     * breakage; NoCommonPoolTest keeps it so).
     */
    private final ExecutorService imports;
    /**
     * The one timer of the plugin: the reconcilers' wake-ups and DevicePush's back-offs, lock waits and revert waits
     * (whose continuations can end in a status write or an RPC's answer), never the JDK's shared delayed executor on
     * the common pool; closed last, after everything that schedules on it.
     */
    private final TimerThread timer;
    private final Fleet fleet;
    private final StagedPinStore pins;
    private final RolloutStatusWriter rolloutStatus;
    private final RolloutEngine rollouts;
    private final RolloutSingleton rolloutOwner;

    @Activate
    public OpenbsdPbrProvider(@Reference final DataBroker broker,
            @Reference final ClusterSingletonServiceProvider singletons, @Reference final RpcProviderService rpcs,
            @Reference final DOMDataBroker domBroker, @Reference final BindingDOMCodecServices codec,
            @Reference final AAAEncryptionService encryption,
            @Reference final DistributedDataStoreInterface datastore,
            @Reference final DOMEntityOwnershipService entityOwnership, @Reference final RpcService rpcService,
            final Map<String, Object> properties) {
        // read from the raw properties, not through Configuration: a bad value names its setting and falls back to
        // its default instead of failing the provider's start (see ProviderSettings)
        final var configuration = ProviderSettings.read(properties,
            error -> LOG.error("openbsd-pbr setting: {}", error));
        final var settings = new ControllerSettings(Duration.ofSeconds(configuration.confirmTimeoutSeconds()),
            configuration.concurrency(), Duration.ofSeconds(configuration.checkSyncIntervalSeconds()),
            ControllerSettings.defaults().coalesce(), ControllerSettings.defaults().retryFirst(),
            ControllerSettings.defaults().retryMax(), Duration.ofSeconds(configuration.retryRefusedSeconds()));
        connector = new SshDeviceConnector(SshSettings.defaults()
            .withTimeouts(Duration.ofSeconds(configuration.sshTimeoutSeconds())));
        timer = new TimerThread("openbsd-pbr-timer");
        final var push = new DevicePush(connector, ApplyPlanner::plan, timer,
            Duration.ofSeconds(configuration.idleSessionSeconds()), configuration.idleSessions());
        final SecretKeys keys = secretKeys(configuration.secretKeyFile());
        privateDatastoreFiles();
        // the member name (member-1) as the cluster configuration gives it: the status says who manages a router
        final String member = datastore.getActorUtils().getCurrentMemberName().getName();
        status = new StatusWriter(broker, member, keys.digest());
        final var compilations = new Compilations(IntentCompiler.standard());
        candidates = new PekkoCandidates(datastore.getActorUtils().getActorSystem());
        entities = new SingletonEntities(entityOwnership, candidates);
        ownership = new ClusterOwnership(singletons, configuration.ownershipGroups(), member,
            new PekkoMembership(datastore.getActorUtils().getActorSystem()), entities);
        forwarding = Executors.newSingleThreadScheduledExecutor(
            new ThreadFactoryBuilder().setNameFormat("openbsd-pbr-owner-calls").setDaemon(true).build());
        imports = Executors.newSingleThreadExecutor(
            new ThreadFactoryBuilder().setNameFormat("openbsd-pbr-import").setDaemon(true).build());
        final var calls = new OwnerCalls(rpcs, rpcService, codec, keys.digest(), member, forwarding);
        fleet = new Fleet(push, status, calls.serving(ownership), settings, compilations, timer);

        // AAA's service only opens values sealed by earlier versions, so that they are sealed again under our keys
        final var secrets = new SealedSecret(keys, encryption::decrypt);
        final HostKeyRecorder recorder = (router, fingerprint) -> recordHostKey(broker, router, fingerprint);
        final Function<Router, RouterSpec> specs = router -> RouterSpecs.of(router, settings.confirmTimeout(),
            recorder, secrets);
        final var snapshots = new Snapshots(codec, specs);
        final var cohorts = domBroker.extension(DOMDataBroker.CommitCohortExtension.class);
        if (cohorts != null) {
            // at the root: the cohort judges a write on the routers and profiles as the write leaves them
            registrations.add(cohorts.registerCommitCohort(DOMDataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION,
                YangInstanceIdentifier.of()), new IntentCohort(snapshots, compilations)));
            registrations.add(cohorts.registerCommitCohort(DOMDataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION,
                codec.toYangInstanceIdentifier(DataObjectReference.builder(Routers.class).build())),
                new SecretCohort(secrets, codec)));
        } else {
            LOG.warn("the data broker takes no commit cohorts: intent is validated only when it is rendered");
        }
        // the pins of staged profiles, kept in the configuration datastore (persisted) and read back without waiting:
        // until they are in, the fleet holds the routers of staged profiles on what they run (a restart must not roll
        // a staged profile's new content out to every router at once, nor a leaderless shard stall this activation)
        final var stamps = new KeepStamps(keys.digest());
        if (cohorts != null) {
            registrations.add(cohorts.registerCommitCohort(DOMDataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION,
                codec.toYangInstanceIdentifier(StagedPinStore.ROOT)), stamps.cohort()));
        }
        pins = new StagedPinStore(broker, () -> codec.getRuntimeContext().modelContext(), codec, stamps, member);
        fleet.keepPinsIn(pins);
        pins.load(fleet);
        registrations.add(pins.follow(fleet));
        final var listeners = domBroker.extension(DOMDataBroker.DataTreeChangeExtension.class);
        // profiles first, so that routers see them when their initial data arrives
        registrations.add(listeners.registerTreeChangeListener(DOMDataTreeIdentifier.of(
            LogicalDatastoreType.CONFIGURATION, YangInstanceIdentifier.of(ConfigNodes.PROFILES)),
            new ConfigListener(ConfigListener.Kind.PROFILES, fleet, snapshots)));
        registrations.add(listeners.registerTreeChangeListener(DOMDataTreeIdentifier.of(
            LogicalDatastoreType.CONFIGURATION, YangInstanceIdentifier.of(ConfigNodes.ROUTERS)),
            new ConfigListener(ConfigListener.Kind.ROUTERS, fleet, snapshots)));
        registrations.add(SecretSealer.start(broker, secrets, singletons));
        statistics = new StatisticsWriter(broker, member, compilations, fleet::managed, ownership::view);
        registrations.add(rpcs.registerRpcImplementations(
            new PbrRpcs(fleet, keys.digest(), member, calls).implementations()));
        registrations.add(rpcs.registerRpcImplementation(new SealSecretRpc(secrets)));
        registrations.add(rpcs.registerRpcImplementation(new ImportRouterRpc(fleet, secrets::seal,
            new IntentJsonStore(domBroker, () -> codec.getRuntimeContext().modelContext()), imports)));
        rolloutStatus = new RolloutStatusWriter(broker, member, pins, stamps);
        // each step of a rollout runs on the member that manages its router, through the same forwarding
        rollouts = new RolloutEngine(fleet, new ClusterSteps(fleet, calls, pins, member), fleet.time(), rolloutStatus);
        rolloutOwner = new RolloutSingleton(broker, singletons, fleet, rollouts, rolloutStatus, pins, member,
            () -> ownership.view().live().size() > 1);
        registrations.add(rpcs.registerRpcImplementations(new RolloutRpcs(Reads.of(broker, fleet), rollouts,
            router -> specs.apply(router).intent()).implementations()));
        registrations.add(rpcs.registerRpcImplementation(new FlowPathRpc(name -> fleet.router(name)
            .map(router -> new FlowPathRpc.Router(router.spec().hasIntent(), router::compiled)).orElse(null))));
        LOG.info("openbsd-pbr started: confirm timeout {}, concurrency {}, drift check every {}",
            settings.confirmTimeout(), settings.concurrency(), settings.checkSyncInterval());
    }

    /**
     * The deployment's secret keys, from the key file; the first start creates it. A file that cannot be read, is not
     * a key file or may be read by others stops the plugin here: no secret could be sealed or opened safely.
     */
    private static SecretKeys secretKeys(final String configured) {
        final Path file = configured.isBlank()
            ? Path.of(System.getProperty("karaf.etc", "etc"), SecretKeys.FILE_NAME) : Path.of(configured);
        final SecretKeys.Loaded loaded;
        try {
            loaded = SecretKeys.loadOrCreate(file);
        } catch (IOException e) {
            throw new IllegalStateException("openbsd-pbr cannot start: " + e.getMessage(), e);
        }
        if (loaded.created()) {
            LOG.warn("created {} (seal key {}): copy it to every other member of the cluster before they first start, "
                + "and back it up: without it no sealed secret can be opened", file, loaded.keys().currentId());
        } else {
            LOG.info("secret keys from {}: sealing under key {} (keys {})", file, loaded.keys().currentId(),
                loaded.keys().ids());
        }
        return loaded.keys();
    }

    /**
     * Makes the directories of the datastore's journal and snapshots private (they keep every value committed, sealed
     * secrets included); a failure is logged, not fatal: the files stay as the launcher's umask made them.
     */
    private static void privateDatastoreFiles() {
        final String home = System.getProperty("karaf.home");
        if (home == null) {
            return;
        }
        try {
            final var changed = PrivateDirectories.restrict(Path.of(home), PrivateDirectories.DATASTORE);
            if (!changed.isEmpty()) {
                LOG.info("made private to this user (mode 0700): {}", changed);
            }
        } catch (IOException e) {
            LOG.warn("could not make the datastore's directories private: {}", e.getMessage());
        }
    }

    /** Trust on first use: the first key seen is pinned in the router's configuration. */
    private static void recordHostKey(final DataBroker broker, final String router, final String fingerprint) {
        final var tx = broker.newWriteOnlyTransaction();
        tx.merge(LogicalDatastoreType.CONFIGURATION,
            StatusWriter.routerPath(router).toBuilder().child(Management.class).build(),
            new ManagementBuilder().setHostKeyFingerprint(new HostKeyFingerprint(fingerprint)).build());
        tx.commit().addCallback(new com.google.common.util.concurrent.FutureCallback<Object>() {
            @Override
            public void onSuccess(final Object result) {
                LOG.info("{}: host key {} recorded (trust on first use)", router, fingerprint);
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("{}: could not record host key {}", router, fingerprint, cause);
            }
        }, MoreExecutors.directExecutor());
    }

    @Deactivate
    @Override
    public void close() {
        registrations.forEach(Registration::close);
        registrations.clear();
        statistics.close();
        rolloutOwner.close();
        rollouts.close();
        rolloutStatus.close();
        fleet.close();
        ownership.close();
        entities.close();
        candidates.close();
        pins.close();
        forwarding.shutdownNow();
        imports.shutdownNow();
        status.close();
        connector.close();
        timer.close();
        LOG.info("openbsd-pbr stopped");
    }
}
