/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataObjectModification;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.impl.controller.Fleet;
import org.opendaylight.openbsdpbr.impl.controller.PinStore;
import org.opendaylight.openbsdpbr.impl.importer.IntentJsonWriter;
import org.opendaylight.openbsdpbr.impl.mapping.IntentMapping;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Profiles;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RolloutKeep;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.keep.Content;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.keep.ContentBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.keep.ContentKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.keep.Pin;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.keep.PinBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.keep.PinKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.keep.Stamp;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.binding.data.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapNode;
import org.opendaylight.yangtools.yang.data.codec.gson.JSONCodecFactorySupplier;
import org.opendaylight.yangtools.yang.data.codec.gson.JsonParserStream;
import org.opendaylight.yangtools.yang.data.impl.schema.ImmutableNormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.spi.node.ImmutableNodes;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;
import org.opendaylight.yangtools.yang.model.util.SchemaInferenceStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pins of staged profiles, kept in {@code rollout-keep} in the configuration datastore (persisted by ODL, unlike
 * the operational one, so a lone controller's restart keeps them too): each content a router runs, or a rollout
 * carries or restores, once, as the RESTCONF JSON of the profile named by a hash of it ({@code content}), and per
 * router and profile the revision it is pinned to ({@code pin}). A starting controller reads them back without
 * waiting for them ({@link #load}): until they are read, the fleet holds every router of a staged profile on what it
 * runs ({@link Fleet#awaitPins}), so that neither a restart rolls a staged profile's new content out at once nor a
 * leaderless shard stalls the controller's activation. Every member follows the pins of routers other members manage,
 * so that the member that takes a router over after a failover keeps it where it was. Writes are coalesced per router
 * and profile on one writer thread, one write in flight at a time (a staged profile's edit pins each of a thousand
 * routers), newest value last, each with this writer's stamp ({@link KeepStamps}) and the contents its pins name (so
 * that a content the {@linkplain #collect collector} removed at the same moment is back with the pin naming it).
 *
 * <p>Why one write in flight and no transaction chain: every member writes the keep (each the pins of the routers it
 * manages, and all of them the content a staged profile's edit pins their routers to, at the same moment), so a write
 * may lose an optimistic-lock conflict in the datastore ("Conflicting modification"). A merging chain whose
 * transaction failed cancels the transactions readied behind it without completing their commits: their pins were
 * lost without a word (ClusterE2E, session 7: one member's first write conflicted and its other pins never reached the
 * keep). So each write is a transaction of its own, the next one starts when the last one completed, and a write that
 * failed goes back into the queue (newer values queued meanwhile win) and is written again from a fresh transaction,
 * which sees the other writer's data. A content is merged, not put (its revision is the hash of its document, so
 * members writing the same one write the same data): once it exists, another member's write of it does not conflict;
 * two members creating it at the same moment still do, and the rewrite covers that. A write that keeps failing is
 * written again less and less often (up to every {@value #REWRITE_MAX_MILLIS} ms), said once at WARN.
 *
 * <p>Why JSON text and not the profile's YANG tree under the entry: it is the one form the project already writes and
 * reads back with yangtools' own codec (the importer's writer, tested by reading its output back), and it needs no
 * second mapping from the controller's records to bindings. A profile holds no secret, so the keep holds none.
 */
final class StagedPinStore implements PinStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StagedPinStore.class);
    static final DataObjectIdentifier<RolloutKeep> ROOT = DataObjectIdentifier.builder(RolloutKeep.class).build();
    /** How long a failed read of the keep at start waits before it is tried again. */
    private static final java.time.Duration RETRY = java.time.Duration.ofSeconds(5);
    /**
     * How long a failed write waits before it is written again: a conflict is over once the other write committed,
     * a datastore without a shard leader answers the next one late anyway.
     */
    private static final long REWRITE_MILLIS = 200;
    /** The longest wait before a write that keeps failing is written again. */
    private static final long REWRITE_MAX_MILLIS = 10_000;

    private final DataBroker broker;
    private final Supplier<EffectiveModelContext> model;
    private final BindingNormalizedNodeSerializer codec;
    private final KeepStamps stamps;
    private final String member;
    private final Map<Profile, String> revisions = new ConcurrentHashMap<>();
    private final Map<String, Profile> contents = new ConcurrentHashMap<>();
    /** Every content known here, as stored: written again with each pin that names it. */
    private final Map<String, Content> documents = new ConcurrentHashMap<>();
    /** Pins not written yet, newest value per router and profile; an empty value deletes the pin. */
    private final Map<PinKey, Optional<Optional<String>>> pending = new LinkedHashMap<>();
    private final Map<String, Content> newContents = new LinkedHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
        new ThreadFactoryBuilder().setNameFormat("openbsd-pbr-staged-pins").setDaemon(true).build());
    /** Completed once the keep was read back: nothing is written before (the stamps go beyond the stored ones). */
    private final CompletableFuture<Optional<RolloutKeep>> loaded = new CompletableFuture<>();
    /** Contents the last collection found unnamed: removed if the next one finds them unnamed again. */
    private final Set<String> suspects = new HashSet<>();
    private boolean flushQueued;
    /** Whether a write is being committed: the next one starts when it completed (one write in flight, in order). */
    private boolean writing;
    /** Failed writes in a row (the writer thread's and the commits' callbacks, under this). */
    private int failures;
    private volatile boolean closed;
    private volatile Future<?> lastCommit = CompletableFuture.completedFuture(null);

    StagedPinStore(final DataBroker broker, final Supplier<EffectiveModelContext> model,
            final BindingNormalizedNodeSerializer codec, final KeepStamps stamps, final String member) {
        this.broker = requireNonNull(broker);
        this.model = requireNonNull(model);
        this.codec = requireNonNull(codec);
        this.stamps = requireNonNull(stamps);
        this.member = requireNonNull(member);
    }

    /**
     * The revision of a content: the first 16 hex digits of the SHA-256 of its JSON. A content seen for the first time
     * is written to {@code rollout-keep/content} (with the first pin that names it, or before a rollout's status names
     * it).
     */
    String revision(final Profile content) {
        final String known = revisions.get(content);
        if (known != null) {
            return known;
        }
        final String document = IntentJsonWriter.profile(content);
        final String revision = hash(document);
        revisions.put(content, revision);
        if (contents.putIfAbsent(revision, content) == null) {
            final Content stored = new ContentBuilder().setRevision(revision).setProfile(content.name())
                .setDocument(document).build();
            documents.put(revision, stored);
            synchronized (this) {
                newContents.put(revision, stored);
                queueFlush();
            }
        }
        return revision;
    }

    /** A content by its revision, if this store wrote or read it. */
    Optional<Profile> content(final String revision) {
        return Optional.ofNullable(contents.get(revision));
    }

    /** A content as stored, by its revision, if this store wrote or read it. */
    Optional<Content> document(final String revision) {
        return Optional.ofNullable(documents.get(revision));
    }

    /** Completed once the keep was read back at start (empty: there was none). */
    CompletionStage<Optional<RolloutKeep>> loaded() {
        return loaded;
    }

    @Override
    public void pinned(final String router, final String profile, final Optional<Profile> content) {
        final Optional<String> revision = content.map(this::revision);
        synchronized (this) {
            pending.put(new PinKey(profile, router), Optional.of(revision));
            queueFlush();
        }
    }

    @Override
    public void unpinned(final String router, final String profile) {
        synchronized (this) {
            pending.put(new PinKey(profile, router), Optional.empty());
            queueFlush();
        }
    }

    private void queueFlush() {
        // caller holds this
        if (!flushQueued && !writing) {
            flushQueued = true;
            if (loaded.isDone()) {
                writer.execute(this::flush);
            } else {
                loaded.thenRun(() -> writer.execute(this::flush));
            }
        }
    }

    private void flush() {
        final Map<PinKey, Optional<Optional<String>>> pins;
        final Map<String, Content> added;
        synchronized (this) {
            flushQueued = false;
            if (pending.isEmpty() && newContents.isEmpty()) {
                return;
            }
            pins = new LinkedHashMap<>(pending);
            pending.clear();
            added = new LinkedHashMap<>(newContents);
            newContents.clear();
            writing = true;
        }
        pins.values().forEach(value -> value.flatMap(revision -> revision).flatMap(this::document)
            .ifPresent(content -> added.putIfAbsent(content.getRevision(), content)));
        final FluentFuture<? extends CommitInfo> commit;
        try {
            commit = write(pins, added);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the broker refused the transaction itself (a datastore shutting down): as a failed write
            written(false, pins, added, e);
            return;
        }
        lastCommit = commit;
        commit.addCallback(new FutureCallback<Object>() {
            @Override
            public void onSuccess(final Object result) {
                written(true, pins, added, null);
            }

            @Override
            public void onFailure(final Throwable cause) {
                written(false, pins, added, cause);
            }
        }, MoreExecutors.directExecutor());
    }

    /** One write of the keep: this writer's stamp, the contents, the pins. */
    private FluentFuture<? extends CommitInfo> write(final Map<PinKey, Optional<Optional<String>>> pins,
            final Map<String, Content> added) {
        final var tx = broker.newWriteOnlyTransaction();
        final Stamp stamp = stamps.next(member + "/pins");
        tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, ROOT.toBuilder().child(Stamp.class,
            stamp.key()).build(), stamp);
        added.values().forEach(content -> tx.mergeParentStructureMerge(LogicalDatastoreType.CONFIGURATION,
            ROOT.toBuilder().child(Content.class, content.key()).build(), content));
        pins.forEach((key, value) -> {
            final var path = ROOT.toBuilder().child(Pin.class, key).build();
            if (value.isEmpty()) {
                tx.delete(LogicalDatastoreType.CONFIGURATION, path);
            } else {
                final var pin = new PinBuilder().withKey(key);
                value.orElseThrow().ifPresent(pin::setRevision);
                tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, path, pin.build());
            }
        });
        return tx.commit();
    }

    /**
     * A write completed: the next one may start. One that failed (a conflict with another member's write or the
     * collector, or the datastore) goes back into the queue, unless newer values of its pins are queued meanwhile,
     * and is written again a moment later from a fresh transaction, which sees what the other writer wrote.
     */
    private synchronized void written(final boolean written, final Map<PinKey, Optional<Optional<String>>> pins,
            final Map<String, Content> added, final Throwable cause) {
        writing = false;
        if (written) {
            failures = 0;
        } else {
            failures++;
            if (failures == 1) {
                LOG.info("staged profile pins ({}) not written, written again: {}", pins.size(), cause.getMessage());
            } else if (failures == 5) {
                LOG.warn("staged profile pins ({}) not written {} times in a row, still written again", pins.size(),
                    failures, cause);
            } else {
                LOG.debug("staged profile pins ({}) not written", pins.size(), cause);
            }
            pins.forEach(pending::putIfAbsent);
            added.forEach(newContents::putIfAbsent);
        }
        if (!flushQueued && !closed && !(pending.isEmpty() && newContents.isEmpty())) {
            flushQueued = true;
            try {
                (written ? writer : CompletableFuture.delayedExecutor(Math.min(REWRITE_MAX_MILLIS,
                    REWRITE_MILLIS << Math.min(failures - 1, 10)), java.util.concurrent.TimeUnit.MILLISECONDS,
                    writer)).execute(this::flush);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("closed: {} staged profile pins not written", pending.size(), e);
            }
        }
        notifyAll();
    }

    /**
     * Reads every kept pin into the fleet without waiting for it: the fleet holds the routers of staged profiles
     * until the pins are in ({@link Fleet#awaitPins}); a read that fails (no shard leader yet) is tried again every
     * few seconds. A pin whose content cannot be read back holds its router on what it runs (safe: nothing is pushed
     * to it until a rollout or an operator does).
     *
     * @param fleet the fleet to pin
     * @return completed with how many pins were read
     */
    CompletionStage<Integer> load(final Fleet fleet) {
        fleet.awaitPins();
        final CompletableFuture<Integer> count = new CompletableFuture<>();
        read(fleet, count);
        return count;
    }

    private void read(final Fleet fleet, final CompletableFuture<Integer> count) {
        if (closed) {
            return;
        }
        // bounded and closed once answered (Reads)
        Futures.addCallback(Reads.of(broker, fleet).read(LogicalDatastoreType.CONFIGURATION, ROOT),
            new FutureCallback<>() {
                @Override
                public void onSuccess(final Optional<RolloutKeep> stored) {
                    count.complete(restore(fleet, stored));
                }

                @Override
                public void onFailure(final Throwable cause) {
                    LOG.warn("rollout-keep could not be read: routers of staged profiles stay on what they run; "
                        + "trying again in {}", RETRY, cause);
                    fleet.time().schedule(RETRY, () -> read(fleet, count));
                }
            }, MoreExecutors.directExecutor());
    }

    private int restore(final Fleet fleet, final Optional<RolloutKeep> stored) {
        final Map<String, Map<String, Optional<Profile>>> pins = new java.util.HashMap<>();
        stored.ifPresent(keep -> {
            stamps.seen(keep);
            keep.nonnullContent().values().forEach(this::remember);
            keep.nonnullPin().values().forEach(pin -> pins.computeIfAbsent(pin.getRouter(), router ->
                new java.util.HashMap<>()).put(pin.getProfile(), pinContent(pin)));
        });
        synchronized (this) {
            // a pin stored wins over one made here while it was read (from the configuration as it arrived, which
            // knows less about what the router runs): memory and datastore agree on it
            stored.ifPresent(keep -> pending.keySet().removeAll(keep.nonnullPin().keySet()));
        }
        fleet.restorePins(pins);
        loaded.complete(stored);
        final int count = pins.values().stream().mapToInt(Map::size).sum();
        if (count > 0) {
            LOG.info("{} pins of staged profiles read back", count);
        }
        return count;
    }

    /**
     * Removes the contents that no pin and no rollout's progress names, once two collections in a row found them
     * unnamed (a content is written a moment before what names it, on another chain for a rollout's progress); a pin
     * written meanwhile brings its content back ({@link #flush}). Run by the member that runs the rollouts, now and
     * then.
     *
     * @return completed with the revisions removed
     */
    CompletionStage<Set<String>> collect() {
        final CompletableFuture<Set<String>> removed = new CompletableFuture<>();
        final var tx = broker.newReadWriteTransaction();
        tx.read(LogicalDatastoreType.CONFIGURATION, ROOT).addCallback(new FutureCallback<>() {
            @Override
            public void onSuccess(final Optional<RolloutKeep> stored) {
                final Set<String> doomed = doomed(stored);
                if (doomed.isEmpty()) {
                    tx.cancel();
                    removed.complete(doomed);
                    return;
                }
                final Stamp stamp = stamps.next(member + "/collector");
                tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, ROOT.toBuilder().child(Stamp.class,
                    stamp.key()).build(), stamp);
                doomed.forEach(revision -> tx.delete(LogicalDatastoreType.CONFIGURATION, ROOT.toBuilder()
                    .child(Content.class, new ContentKey(revision)).build()));
                tx.commit().addCallback(new FutureCallback<Object>() {
                    @Override
                    public void onSuccess(final Object result) {
                        LOG.info("rollout-keep: {} contents nothing names any more removed", doomed.size());
                        removed.complete(doomed);
                    }

                    @Override
                    public void onFailure(final Throwable cause) {
                        // a writer named one meanwhile, or the datastore failed: the next collection sees
                        LOG.debug("rollout-keep: unnamed contents not removed", cause);
                        removed.complete(Set.of());
                    }
                }, MoreExecutors.directExecutor());
            }

            @Override
            public void onFailure(final Throwable cause) {
                tx.cancel();
                removed.completeExceptionally(cause);
            }
        }, MoreExecutors.directExecutor());
        return removed;
    }

    /** The contents unnamed now and at the last collection; the unnamed ones are suspects for the next. */
    private synchronized Set<String> doomed(final Optional<RolloutKeep> stored) {
        final Set<String> unnamed = new HashSet<>();
        stored.ifPresent(keep -> {
            keep.nonnullContent().keySet().forEach(key -> unnamed.add(key.getRevision()));
            keep.nonnullPin().values().forEach(pin -> unnamed.remove(pin.getRevision()));
            keep.nonnullRollout().values().forEach(rollout -> {
                unnamed.remove(rollout.getCarriedRevision());
                rollout.nonnullRouter().values().forEach(router -> unnamed.remove(router.getBeforeRevision()));
            });
        });
        final Set<String> doomed = new HashSet<>(unnamed);
        doomed.retainAll(suspects);
        suspects.clear();
        suspects.addAll(unnamed);
        suspects.removeAll(doomed);
        return doomed;
    }

    /**
     * Follows the pins other members write: a router another member manages is pinned here as there, so that this
     * member keeps it where it was if it takes the router over. A content removed by the collector is forgotten here.
     */
    Registration follow(final Fleet fleet) {
        return broker.registerTreeChangeListener(LogicalDatastoreType.CONFIGURATION,
            DataObjectReference.builder(RolloutKeep.class).build(), new DataTreeChangeListener<RolloutKeep>() {
                @Override
                public void onDataTreeChanged(final List<DataTreeModification<RolloutKeep>> changes) {
                    for (DataTreeModification<RolloutKeep> change : changes) {
                        final DataObjectModification<RolloutKeep> root = change.getRootNode();
                        root.getModifiedChildren(Content.class).forEach(modified -> {
                            final Content after = modified.dataAfter();
                            if (after != null) {
                                remember(after);
                            } else if (modified.dataBefore() != null) {
                                forget(modified.dataBefore().getRevision());
                            }
                        });
                        root.getModifiedChildren(Pin.class).forEach(modified -> {
                            final Pin after = modified.dataAfter();
                            final Pin before = modified.dataBefore();
                            if (after != null) {
                                fleet.restorePin(after.getRouter(), after.getProfile(), Optional.of(pinContent(
                                    after)));
                            } else if (before != null) {
                                fleet.restorePin(before.getRouter(), before.getProfile(), Optional.empty());
                            }
                        });
                    }
                }

                @Override
                public void onInitialData() {
                    // read at start by load
                }
            });
    }

    private void forget(final String revision) {
        final Profile content = contents.remove(revision);
        documents.remove(revision);
        if (content != null) {
            revisions.remove(content, revision);
        }
    }

    private Optional<Profile> pinContent(final Pin pin) {
        if (pin.getRevision() == null) {
            return Optional.empty();
        }
        final Optional<Profile> content = content(pin.getRevision());
        if (content.isEmpty()) {
            LOG.warn("router {}: pinned to revision {} of profile {}, whose content is not kept: held on what it runs",
                pin.getRouter(), pin.getRevision(), pin.getProfile());
        }
        return content;
    }

    /** Reads a stored content back; one that cannot be read is logged and left out. */
    private void remember(final Content content) {
        if (content.getRevision() == null || content.getDocument() == null
                || contents.containsKey(content.getRevision())) {
            return;
        }
        try {
            final Profile profile = parse(content.getDocument());
            contents.put(content.getRevision(), profile);
            documents.put(content.getRevision(), content);
            revisions.putIfAbsent(profile, content.getRevision());
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            LOG.warn("staged-pins/content[revision={}]: cannot be read back: {}", content.getRevision(),
                e.getMessage());
        }
    }

    /** A profile from its JSON ({@link IntentJsonWriter#profile}), through yangtools' codec as RESTCONF reads it. */
    Profile parse(final String document) throws IOException {
        return IntentMapping.profile(binding(model.get(), codec, document));
    }

    /** A profile's configuration entry from its JSON, through yangtools' codec as RESTCONF reads it. */
    static org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.Profile binding(
            final EffectiveModelContext context, final BindingNormalizedNodeSerializer codec, final String document)
            throws IOException {
        final var profiles = ImmutableNodes.newContainerBuilder().withNodeIdentifier(new NodeIdentifier(
            Profiles.QNAME));
        try (var reader = new JsonReader(new StringReader(document));
             var parser = JsonParserStream.create(ImmutableNormalizedNodeStreamWriter.from(profiles),
                 JSONCodecFactorySupplier.RFC7951.getShared(context),
                 SchemaInferenceStack.ofDataTreePath(context, Profiles.QNAME).toInference())) {
            parser.parse(reader);
        }
        final ContainerNode parsed = profiles.build();
        if (!(parsed.childByArg(ConfigNodes.PROFILE) instanceof MapNode list) || list.size() != 1) {
            throw new IllegalArgumentException("the document holds not exactly one openbsd-pbr:profile");
        }
        final MapEntryNode entry = list.body().iterator().next();
        final YangInstanceIdentifier path = YangInstanceIdentifier.of(ConfigNodes.PROFILES, ConfigNodes.PROFILE,
            entry.name());
        final var binding = codec.fromNormalizedNode(path, entry);
        if (binding == null || !(binding.getValue()
                instanceof org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.Profile
                profile)) {
            throw new IllegalStateException("no binding for " + path);
        }
        return profile;
    }

    static String hash(final String document) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document.getBytes(
                StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Lets the queued writes be written first (at most a few seconds: a datastore that does not answer does not hold
     * a controller's shutdown), then stops the writer.
     */
    @Override
    public void close() {
        final long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(Writes.CLOSE_SECONDS);
        synchronized (this) {
            try {
                while ((writing || flushQueued) && loaded.isDone() && System.nanoTime() < deadline) {
                    wait(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closed = true;
        }
        loaded.cancel(false);
        Writes.closeAfterWrites(writer, () -> lastCommit);
    }
}
