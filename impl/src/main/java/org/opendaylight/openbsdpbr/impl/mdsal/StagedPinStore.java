/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataObjectModification;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
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
 * <p>Why one write in flight and no transaction chain ({@link WriteQueue}): every member writes the keep (each the
 * pins of the routers it manages, and all of them the content a staged profile's edit pins their routers to, at the
 * same moment), so a write may lose an optimistic-lock conflict in the datastore ("Conflicting modification"), and a
 * merging chain whose transaction failed cancelled the ones readied behind it without a word (ClusterE2E, session 7:
 * one member's first write conflicted and its other pins never reached the keep). A failed write is written again
 * from a fresh transaction, which sees the other writer's data. A content is merged, not put (its revision is the
 * hash of its document, so members writing the same one write the same data): once it exists, another member's
 * write of it does not conflict; two members creating it at the same moment still do, and the rewrite covers that.
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

    private final DataBroker broker;
    private final Supplier<EffectiveModelContext> model;
    private final BindingNormalizedNodeSerializer codec;
    private final KeepStamps stamps;
    private final String member;
    private final Map<Profile, String> revisions = new ConcurrentHashMap<>();
    private final Map<String, Profile> contents = new ConcurrentHashMap<>();
    /** Every content known here, as stored: written again with each pin that names it. */
    private final Map<String, Content> documents = new ConcurrentHashMap<>();
    /** Completed once the keep was read back: nothing is written before (the stamps go beyond the stored ones). */
    private final CompletableFuture<Optional<RolloutKeep>> loaded = new CompletableFuture<>();
    /** The pins and contents not written yet, newest value per path, each write with this writer's stamp. */
    private final WriteQueue<DataObjectIdentifier<?>> writes;
    /** Contents the last collection found unnamed: removed if the next one finds them unnamed again. */
    private final Set<String> suspects = new HashSet<>();
    private volatile boolean closed;

    StagedPinStore(final DataBroker broker, final Supplier<EffectiveModelContext> model,
            final BindingNormalizedNodeSerializer codec, final KeepStamps stamps, final String member) {
        this.broker = requireNonNull(broker);
        this.model = requireNonNull(model);
        this.codec = requireNonNull(codec);
        this.stamps = requireNonNull(stamps);
        this.member = requireNonNull(member);
        writes = new WriteQueue<>(broker, "staged profile pins", tx -> {
            final Stamp stamp = stamps.next(member + "/pins");
            tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, ROOT.toBuilder().child(Stamp.class,
                stamp.key()).build(), stamp);
        }, loaded);
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
        final Content stored = new ContentBuilder().setRevision(revision).setProfile(content.name())
            .setDocument(document).build();
        // the document first, the revision last: whoever learns the revision finds its document. Published the other
        // way round, a rollout's first step (its engine thread) and its status (the writer thread) computing a new
        // content's revision at once could find the revision and no document: 'content ... is not kept', the step
        // failed at forward (ClusterE2E eee, session 9)
        documents.putIfAbsent(revision, stored);
        if (contents.putIfAbsent(revision, content) == null) {
            write(stored);
        }
        revisions.put(content, revision);
        return revision;
    }

    /** Queues a content's write. */
    private void write(final Content content) {
        writes.put(ROOT.toBuilder().child(Content.class, content.key()).build(), tx -> merge(tx, content));
    }

    /** Writes a content, merged: members writing the same content write the same data. */
    private static void merge(final org.opendaylight.mdsal.binding.api.WriteTransaction tx, final Content content) {
        tx.mergeParentStructureMerge(LogicalDatastoreType.CONFIGURATION, ROOT.toBuilder().child(Content.class,
            content.key()).build(), content);
    }

    private static DataObjectIdentifier<Pin> pinPath(final PinKey key) {
        return ROOT.toBuilder().child(Pin.class, key).build();
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
        final PinKey key = new PinKey(profile, router);
        final var pin = new PinBuilder().withKey(key);
        revision.ifPresent(pin::setRevision);
        final Pin value = pin.build();
        // the content it names in the same transaction: the collector's delete of a content no pin named a moment
        // ago conflicts with this write instead of leaving a pin that names a missing content
        final Optional<Content> named = revision.flatMap(this::document);
        writes.put(pinPath(key), tx -> {
            named.ifPresent(document -> merge(tx, document));
            tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, pinPath(key), value);
        });
    }

    @Override
    public void unpinned(final String router, final String profile) {
        final PinKey key = new PinKey(profile, router);
        writes.put(pinPath(key), tx -> tx.delete(LogicalDatastoreType.CONFIGURATION, pinPath(key)));
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
        Futures.addCallback(Reads.of(broker, fleet, Reads.BACKGROUND).read(LogicalDatastoreType.CONFIGURATION, ROOT),
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
        // a pin stored wins over one made here while it was read (from the configuration as it arrived, which knows
        // less about what the router runs): memory and datastore agree on it
        stored.ifPresent(keep -> writes.drop(keep.nonnullPin().keySet().stream().map(StagedPinStore::pinPath)
            .toList()));
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
        // the revision first: what learns it afterwards computes it again, with its document
        final Profile content = contents.get(revision);
        if (content != null) {
            revisions.remove(content, revision);
        }
        contents.remove(revision);
        documents.remove(revision);
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
        closed = true;
        writes.close();
        loaded.cancel(false);
    }
}
