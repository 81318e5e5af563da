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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
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
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.concepts.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals again, under the current seal key, every secret a router holds in another form: values sealed by earlier
 * versions with AAA's encryption service ({@code $aaa$}), clear values they stored before sealing them, and values
 * sealed under an older key of the key file (after a rotation). Writes can no longer bring clear values
 * ({@link SecretCohort} refuses them), so this is the upgrade and rotation path; one member of a cluster does it (a
 * singleton of its own), starting with every router it finds when it takes over.
 *
 * <p>Each router is rewritten in a transaction of its own that first reads the leaf again: the new value is written
 * only while the leaf still holds the value that was seen, so a newer value written in between is never replaced by
 * an older one sealed again. A transaction that loses a race to a concurrent write is dropped for the same reason.
 */
final class SecretSealer implements ClusterSingletonService, DataTreeChangeListener<Router>, Registration {
    private static final Logger LOG = LoggerFactory.getLogger(SecretSealer.class);
    private static final ServiceGroupIdentifier IDENTIFIER = new ServiceGroupIdentifier("openbsd-pbr/secret-sealer");
    private static final DataObjectReference<Router> ROUTERS = DataObjectReference.builder(Routers.class)
        .child(Router.class).build();

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
     * Seals again, under the current key, the secrets of a router (as it was seen) that are held in another form;
     * nothing happens for a router whose secrets are all sealed under the current key, and a value that does not open
     * is left as it is (the router's status says why it cannot be used).
     *
     * @return the commit, or empty when there was nothing to seal again
     */
    Optional<ListenableFuture<? extends CommitInfo>> seal(final Router seen) {
        final List<RouterSecrets.Leaf<?>> old = RouterSecrets.of(seen).stream()
            .filter(leaf -> sealed.form(leaf.value()) != SealedSecret.Form.CURRENT).toList();
        if (old.isEmpty()) {
            return Optional.empty();
        }
        final String name = seen.getName().getValue();
        final ReadWriteTransaction tx = broker.newReadWriteTransaction();
        int written = 0;
        try {
            for (RouterSecrets.Leaf<?> leaf : old) {
                final String resealed;
                try {
                    resealed = sealed.reseal(leaf.value());
                } catch (IntentException e) {
                    LOG.debug("{}: {} cannot be sealed again: {}", name, leaf.where(), e.detail());
                    continue;
                }
                if (leaf.stillHolds(tx)) {
                    leaf.write(tx, resealed);
                    written++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tx.cancel();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("{}: secrets not sealed again: {}", name, e.getClass().getSimpleName());
            tx.cancel();
            return Optional.empty();
        }
        if (written == 0) {
            tx.cancel();
            return Optional.empty();
        }
        final var commit = tx.commit();
        final int count = written;
        commit.addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                LOG.info("{}: {} secret(s) sealed again under key {}", name, count, sealed.currentId());
            }

            @Override
            public void onFailure(final Throwable cause) {
                if (cause instanceof OptimisticLockFailedException) {
                    LOG.debug("{}: changed while its secrets were sealed again; its change event does it", name);
                } else {
                    LOG.warn("{}: secrets not sealed again: {}", name, cause.getClass().getSimpleName());
                }
            }
        }, MoreExecutors.directExecutor());
        return Optional.of(commit);
    }

    @Override
    public synchronized void close() {
        if (singleton != null) {
            singleton.close();
        }
        closeServiceInstance();
    }
}
