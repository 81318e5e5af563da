/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataObjectModification;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.binding.api.TransactionChain;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.impl.controller.Fleet;
import org.opendaylight.openbsdpbr.impl.controller.PinStore;
import org.opendaylight.openbsdpbr.impl.importer.IntentJsonWriter;
import org.opendaylight.openbsdpbr.impl.mapping.IntentMapping;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Profiles;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.StagedPins;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.staged.pins.Content;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.staged.pins.ContentBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.staged.pins.Pin;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.staged.pins.PinBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.staged.pins.PinKey;
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
 * The pins of staged profiles in the operational datastore ({@code staged-pins}): each content a router runs, or a
 * rollout carries or restores, once, as the RESTCONF JSON of the profile named by a hash of it ({@code content}), and
 * per router and profile the revision it is pinned to ({@code pin}). A controller reads them back when it starts,
 * before the configuration arrives, so that a restart does not push a staged profile's new content to every router at
 * once; every member follows the pins of routers other members manage, so that the member that takes a router over
 * after a failover keeps it where it was. Writes are coalesced per router and profile on one writer thread over one
 * transaction chain (a staged profile's edit pins each of a thousand routers), newest value last.
 *
 * <p>Why JSON text and not the profile's YANG tree under the entry: it is the one form the project already writes and
 * reads back with yangtools' own codec (the importer's writer, tested by reading its output back), and it needs no
 * second mapping from the controller's records to bindings.
 */
final class StagedPinStore implements PinStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StagedPinStore.class);
    private static final DataObjectIdentifier<StagedPins> ROOT = DataObjectIdentifier.builder(StagedPins.class)
        .build();
    /** How long the start waits for the datastore to answer the first read. */
    private static final int LOAD_SECONDS = 60;

    private final DataBroker broker;
    private final Supplier<EffectiveModelContext> model;
    private final BindingNormalizedNodeSerializer codec;
    private final TransactionChain chain;
    private final Map<Profile, String> revisions = new ConcurrentHashMap<>();
    private final Map<String, Profile> contents = new ConcurrentHashMap<>();
    /** Pins not written yet, newest value per router and profile; an empty value deletes the pin. */
    private final Map<PinKey, Optional<Optional<String>>> pending = new LinkedHashMap<>();
    private final Map<String, Content> newContents = new LinkedHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
        new ThreadFactoryBuilder().setNameFormat("openbsd-pbr-staged-pins").setDaemon(true).build());
    private boolean flushQueued;
    private volatile Future<?> lastCommit = CompletableFuture.completedFuture(null);

    StagedPinStore(final DataBroker broker, final Supplier<EffectiveModelContext> model,
            final BindingNormalizedNodeSerializer codec) {
        this.broker = requireNonNull(broker);
        this.model = requireNonNull(model);
        this.codec = requireNonNull(codec);
        chain = broker.createMergingTransactionChain();
    }

    /**
     * The revision of a content: the first 16 hex digits of the SHA-256 of its JSON. A content seen for the first time
     * is written to {@code staged-pins/content} (before any pin or rollout status that names it, on the same chain).
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
            synchronized (this) {
                newContents.put(revision, new ContentBuilder().setRevision(revision).setProfile(content.name())
                    .setDocument(document).build());
                queueFlush();
            }
        }
        return revision;
    }

    /** A content by its revision, if this store wrote or read it. */
    Optional<Profile> content(final String revision) {
        return Optional.ofNullable(contents.get(revision));
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
        if (!flushQueued) {
            flushQueued = true;
            writer.execute(this::flush);
        }
    }

    private void flush() {
        final Map<PinKey, Optional<Optional<String>>> pins;
        final List<Content> added;
        synchronized (this) {
            flushQueued = false;
            pins = new LinkedHashMap<>(pending);
            pending.clear();
            added = new ArrayList<>(newContents.values());
            newContents.clear();
        }
        if (pins.isEmpty() && added.isEmpty()) {
            return;
        }
        final var tx = chain.newWriteOnlyTransaction();
        added.forEach(content -> tx.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, ROOT.toBuilder()
            .child(Content.class, content.key()).build(), content));
        pins.forEach((key, value) -> {
            final var path = ROOT.toBuilder().child(Pin.class, key).build();
            if (value.isEmpty()) {
                tx.delete(LogicalDatastoreType.OPERATIONAL, path);
            } else {
                final var pin = new PinBuilder().withKey(key);
                value.orElseThrow().ifPresent(pin::setRevision);
                tx.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, path, pin.build());
            }
        });
        lastCommit = Writes.commit(tx, () -> "staged profile pins (" + pins.size() + ")");
    }

    /**
     * Reads every kept pin into the fleet, blocking: called at start, before the configuration listeners are
     * registered. A pin whose content cannot be read back holds its router on what it runs (safe: nothing is pushed
     * to it until a rollout or an operator does).
     *
     * @param fleet the fleet to pin
     * @return how many pins were read
     */
    int restoreInto(final Fleet fleet) {
        final Optional<StagedPins> stored;
        try (var tx = broker.newReadOnlyTransaction()) {
            stored = tx.read(LogicalDatastoreType.OPERATIONAL, ROOT).get(LOAD_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading staged-pins", e);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("staged-pins could not be read: routers of staged profiles are not held on what they ran", e);
            return 0;
        }
        if (stored.isEmpty()) {
            return 0;
        }
        stored.orElseThrow().nonnullContent().values().forEach(this::remember);
        int count = 0;
        for (Pin pin : stored.orElseThrow().nonnullPin().values()) {
            fleet.restorePin(pin.getRouter(), pin.getProfile(), Optional.of(pinContent(pin)));
            count++;
        }
        return count;
    }

    /**
     * Follows the pins other members write: a router another member manages is pinned here as there, so that this
     * member keeps it where it was if it takes the router over.
     */
    Registration follow(final Fleet fleet) {
        return broker.registerTreeChangeListener(LogicalDatastoreType.OPERATIONAL,
            DataObjectReference.builder(StagedPins.class).build(), new DataTreeChangeListener<StagedPins>() {
                @Override
                public void onDataTreeChanged(final List<DataTreeModification<StagedPins>> changes) {
                    for (DataTreeModification<StagedPins> change : changes) {
                        final DataObjectModification<StagedPins> root = change.getRootNode();
                        root.getModifiedChildren(Content.class).forEach(modified -> {
                            final Content after = modified.dataAfter();
                            if (after != null) {
                                remember(after);
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
                    // read at start by restoreInto
                }
            });
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
            revisions.putIfAbsent(profile, content.getRevision());
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            LOG.warn("staged-pins/content[revision={}]: cannot be read back: {}", content.getRevision(),
                e.getMessage());
        }
    }

    /** A profile from its JSON ({@link IntentJsonWriter#profile}), through yangtools' codec as RESTCONF reads it. */
    Profile parse(final String document) throws IOException {
        final EffectiveModelContext context = model.get();
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
        return IntentMapping.profile(profile);
    }

    static String hash(final String document) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document.getBytes(
                StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public void close() {
        Writes.closeAfterWrites(writer, () -> lastCommit, chain);
    }
}
