/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.jdt.annotation.NonNull;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataObjectDeleted;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.common.api.OptimisticLockFailedException;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonService;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonServiceProvider;
import org.opendaylight.mdsal.singleton.api.ServiceGroupIdentifier;
import org.opendaylight.openbsdpbr.api.intent.IntentException;
import org.opendaylight.openbsdpbr.impl.secret.SealedSecret;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Routers;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.Uplink;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.Type;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.pppoe.Pppoe;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.pppoe.PppoeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.Intent;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.Management;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.ManagementBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.management.credentials.Password;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.management.credentials.PasswordBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.management.credentials.PrivateKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.management.credentials.PrivateKeyBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.PppoeSecret;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.Secret;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.concepts.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites the clear secrets written to routers (PPPoE secrets, management passwords and private keys) to their sealed
 * form ({@link SealedSecret}, AAA's encryption service), so that GETs of the configuration, its persistence and its
 * snapshots hold only sealed values from then on. One member of a cluster does it (a singleton of its own).
 *
 * <p>Each router is rewritten in a transaction of its own that first reads the leaf again: the sealed value is
 * written only while the leaf still holds the clear value that was seen, so a newer value written in between is never
 * replaced by the seal of an older one (it is sealed on its own change event). A transaction that loses a race to a
 * concurrent write is dropped for the same reason.
 */
final class SecretSealer implements ClusterSingletonService, DataTreeChangeListener<Router>, Registration {
    private static final Logger LOG = LoggerFactory.getLogger(SecretSealer.class);
    private static final ServiceGroupIdentifier IDENTIFIER = new ServiceGroupIdentifier("openbsd-pbr/secret-sealer");
    private static final DataObjectReference<Router> ROUTERS = DataObjectReference.builder(Routers.class)
        .child(Router.class).build();
    private static final long READ_TIMEOUT_SECONDS = 30;

    private final DataBroker broker;
    private final SealedSecret sealed;
    private final Registration singleton;
    private Registration listener;

    private SecretSealer(final DataBroker broker, final SealedSecret sealed,
            final ClusterSingletonServiceProvider singletons) {
        this.broker = broker;
        this.sealed = sealed;
        singleton = singletons == null ? null : singletons.registerClusterSingletonService(this);
    }

    /** A sealer that works while this member holds its singleton. */
    static SecretSealer start(final DataBroker broker, final SealedSecret sealed,
            final ClusterSingletonServiceProvider singletons) {
        return new SecretSealer(broker, sealed, singletons);
    }

    /** A sealer without listener or singleton, for calling {@link #seal(Router)} directly (tests). */
    static SecretSealer detached(final DataBroker broker, final SealedSecret sealed) {
        return new SecretSealer(broker, sealed, null);
    }

    @Override
    public ServiceGroupIdentifier getIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public synchronized void instantiateServiceInstance() {
        // the initial data event seals whatever was written while no member held the singleton
        listener = broker.registerTreeChangeListener(LogicalDatastoreType.CONFIGURATION, ROUTERS, this);
    }

    @Override
    public synchronized ListenableFuture<?> closeServiceInstance() {
        if (listener != null) {
            listener.close();
            listener = null;
        }
        return Futures.immediateFuture(null);
    }

    @Override
    public void onDataTreeChanged(final List<DataTreeModification<Router>> changes) {
        for (var change : changes) {
            if (!(change.getRootNode() instanceof DataObjectDeleted)) {
                final Router after = change.getRootNode().dataAfter();
                if (after != null) {
                    seal(after);
                }
            }
        }
    }

    /**
     * Seals the clear secrets of a router as it was seen; nothing happens for a router whose secrets are all sealed.
     *
     * @return the commit, or empty when there was nothing to seal
     */
    Optional<ListenableFuture<? extends CommitInfo>> seal(final Router seen) {
        final List<ClearSecret<?>> clear = clearSecrets(seen);
        if (clear.isEmpty()) {
            return Optional.empty();
        }
        final String name = seen.getName().getValue();
        final ReadWriteTransaction tx = broker.newReadWriteTransaction();
        int written = 0;
        try {
            for (ClearSecret<?> secret : clear) {
                if (secret.stillHolds(tx)) {
                    secret.writeSealed(tx, sealed.seal(secret.value()));
                    written++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tx.cancel();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException | IntentException e) {
            LOG.warn("{}: secrets not sealed: {}", name, e.getClass().getSimpleName());
            tx.cancel();
            return Optional.empty();
        }
        if (written == 0) {
            tx.cancel();
            return Optional.empty();
        }
        final var commit = tx.commit();
        commit.addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                LOG.debug("{}: secrets sealed", name);
            }

            @Override
            public void onFailure(final Throwable cause) {
                if (cause instanceof OptimisticLockFailedException) {
                    LOG.debug("{}: changed while its secrets were sealed; its change event seals it", name);
                } else {
                    LOG.warn("{}: secrets not sealed: {}", name, cause.getClass().getSimpleName());
                }
            }
        }, MoreExecutors.directExecutor());
        return Optional.of(commit);
    }

    /** The clear (not yet sealed) secret leaves of a router. */
    static List<ClearSecret<?>> clearSecrets(final Router router) {
        final List<ClearSecret<?>> result = new ArrayList<>();
        final var routerPath = StatusWriter.routerPath(router.getName().getValue());
        final Management management = router.getManagement();
        if (management != null) {
            final var path = routerPath.toBuilder().child(Management.class).build();
            switch (management.getCredentials()) {
                case Password password when password.getPassword() != null
                    && !SealedSecret.isSealed(password.getPassword().getValue()) ->
                    result.add(ClearSecret.password(path, password.getPassword().getValue()));
                case PrivateKey key when key.getPrivateKey() != null && !SealedSecret.isSealed(key.getPrivateKey()) ->
                    result.add(ClearSecret.privateKey(path, key.getPrivateKey()));
                case null, default -> {
                    // no credentials, or sealed ones
                }
            }
        }
        final Intent intent = router.getIntent();
        if (intent != null) {
            for (Uplink uplink : intent.nonnullUplink().values()) {
                final Pppoe pppoe = pppoe(uplink.getType());
                if (pppoe != null) {
                    final PppoeSecret secret = pppoe.getSecret();
                    if (secret != null && !SealedSecret.isSealed(secret.getValue())) {
                        result.add(ClearSecret.pppoeSecret(routerPath.toBuilder().child(Intent.class)
                            .child(Uplink.class, uplink.key())
                            .child(Pppoe.class)
                            .build(), secret.getValue()));
                    }
                }
            }
        }
        return result;
    }

    private static @Nullable Pppoe pppoe(final @Nullable Type type) {
        return switch (type) {
            case org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type
                    .Pppoe pppoeCase -> pppoeCase.getPppoe();
            case null, default -> null;
        };
    }

    /**
     * A secret leaf holding a clear value: the container it sits in, how the leaf is read from that container, and
     * the container that, merged, replaces the leaf with its sealed value. {@link #toString()} never shows the value.
     */
    record ClearSecret<T extends DataObject>(@NonNull DataObjectIdentifier<T> path, @NonNull String value,
            @NonNull Function<T, String> leaf, @NonNull Function<String, T> sealedContainer) {
        static ClearSecret<Management> password(final DataObjectIdentifier<Management> path, final String value) {
            return new ClearSecret<>(path, value, management -> management.getCredentials() instanceof Password
                password && password.getPassword() != null ? password.getPassword().getValue() : null,
                sealed -> new ManagementBuilder()
                    .setCredentials(new PasswordBuilder().setPassword(new Secret(sealed)).build()).build());
        }

        static ClearSecret<Management> privateKey(final DataObjectIdentifier<Management> path, final String value) {
            return new ClearSecret<>(path, value, management -> management.getCredentials() instanceof PrivateKey
                key ? key.getPrivateKey() : null,
                sealed -> new ManagementBuilder()
                    .setCredentials(new PrivateKeyBuilder().setPrivateKey(sealed).build()).build());
        }

        static ClearSecret<Pppoe> pppoeSecret(final DataObjectIdentifier<Pppoe> path, final String value) {
            return new ClearSecret<>(path, value, pppoe -> pppoe.getSecret() == null ? null
                : pppoe.getSecret().getValue(),
                sealed -> new PppoeBuilder().setSecret(new PppoeSecret(sealed)).build());
        }

        /** Whether the leaf, read in this transaction, still holds {@link #value()}. */
        boolean stillHolds(final ReadWriteTransaction tx)
                throws InterruptedException, ExecutionException, TimeoutException {
            return tx.read(LogicalDatastoreType.CONFIGURATION, path).get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .map(leaf).filter(value::equals).isPresent();
        }

        /** Merges the sealed value into the leaf. */
        void writeSealed(final ReadWriteTransaction tx, final String sealedValue) {
            tx.merge(LogicalDatastoreType.CONFIGURATION, path, sealedContainer.apply(sealedValue));
        }

        @Override
        public String toString() {
            return "ClearSecret[" + path + "]";
        }
    }

    @Override
    public synchronized void close() {
        if (singleton != null) {
            singleton.close();
        }
        closeServiceInstance();
    }
}
