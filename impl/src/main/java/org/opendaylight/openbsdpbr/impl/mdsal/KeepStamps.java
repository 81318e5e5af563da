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
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.opendaylight.mdsal.common.api.DataValidationFailedException;
import org.opendaylight.mdsal.common.api.PostCanCommitStep;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCandidate;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCommitCohort;
import org.opendaylight.netconf.api.NetconfDocumentedException;
import org.opendaylight.openbsdpbr.impl.secret.KeyedDigest;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RolloutKeep;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.keep.Stamp;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollout.keep.StampBuilder;
import org.opendaylight.yangtools.util.concurrent.FluentFutures;
import org.opendaylight.yangtools.yang.common.ErrorSeverity;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.DataContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.LeafNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapNode;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.tree.api.ModificationType;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;

/**
 * The stamps that mark a write of {@code rollout-keep} as the controller's own, and the commit cohort that refuses
 * every other write of it.
 *
 * <p>Why: the keep is configuration (ODL persists only the configuration datastore) that nobody but the controller may
 * write: an edited pin would push content to a router outside any rollout, an edited progress would skip a wave. A
 * cohort cannot tell a RESTCONF client's transaction from the controller's (both reach the same data broker, and in a
 * cluster the cohort runs on the shard leader's member, not the writer's), so each write proves itself: it advances
 * its writer's {@code stamp} to a counter greater than the one stored, with an HMAC of writer and counter under the
 * deployment's digest key ({@link KeyedDigest}: the key file every member shares and no client reads). A client can
 * read a stamp but not make the next one, so it can neither edit the keep nor put an older copy back. A write that
 * leaves the keep as it was (a PUT of the whole configuration from a fresh backup) is not refused.
 *
 * <p>Each writer (a member's pin store, its rollout status writer, its collector) has a stamp of its own, so that two
 * writers never write the same leaf at once (the datastore would fail one of them as a conflict). The counter is the
 * wall clock in microseconds, or one more than the writer's last one (as stored, read back at start) when the clock is
 * behind it.
 */
final class KeepStamps {
    /** What a refused write is told. */
    static final String REFUSED = "rollout-keep is written only by the controller (each of its writes carries a "
        + "stamp made with the deployment's key): read it, and change rollouts or profiles instead";
    private static final QName WRITER = QName.create(Stamp.QNAME, "writer");
    private static final QName COUNTER = QName.create(Stamp.QNAME, "counter");
    private static final QName MAC = QName.create(Stamp.QNAME, "mac");

    private final KeyedDigest digest;
    /** The last counter of each writer, made here or read back. */
    private final Map<String, Long> last = new HashMap<>();

    KeepStamps(final KeyedDigest digest) {
        this.digest = requireNonNull(digest);
    }

    /** The next stamp of a writer. */
    synchronized Stamp next(final String writer) {
        final long counter = Math.max(last.getOrDefault(writer, 0L) + 1, System.currentTimeMillis() * 1000);
        last.put(writer, counter);
        return new StampBuilder().setWriter(writer).setCounter(Uint64.valueOf(counter)).setMac(mac(writer, counter))
            .build();
    }

    /** The stamps stored: the next ones go beyond them. */
    synchronized void seen(final RolloutKeep stored) {
        stored.nonnullStamp().values().forEach(stamp -> {
            if (stamp.getWriter() != null && stamp.getCounter() != null) {
                last.merge(stamp.getWriter(), stamp.getCounter().longValue(), Math::max);
            }
        });
    }

    private String mac(final String writer, final long counter) {
        // the digest's input is a label no revision (64 hex digits) can equal
        return digest.revision("rollout-keep stamp\0" + writer + "\0" + counter);
    }

    /**
     * Whether a write of the keep is the controller's: it leaves the keep as it was, or advances a stamp validly.
     *
     * @param before the keep before the write (null: none)
     * @param after the keep after it (null: removed, which no controller write does)
     */
    boolean accepts(final NormalizedNode before, final NormalizedNode after) {
        if (Objects.equals(before, after)) {
            return true;
        }
        if (!(after instanceof DataContainerNode keep)
                || !(keep.childByArg(new NodeIdentifier(Stamp.QNAME)) instanceof MapNode stamps)) {
            return false;
        }
        final Map<String, Long> previous = new HashMap<>();
        if (before instanceof DataContainerNode old
                && old.childByArg(new NodeIdentifier(Stamp.QNAME)) instanceof MapNode oldStamps) {
            oldStamps.body().forEach(stamp -> {
                final Object counter = leaf(stamp, COUNTER);
                if (leaf(stamp, WRITER) instanceof String writer && counter instanceof Uint64 value) {
                    previous.put(writer, value.longValue());
                }
            });
        }
        for (MapEntryNode stamp : stamps.body()) {
            if (leaf(stamp, WRITER) instanceof String writer && leaf(stamp, COUNTER) instanceof Uint64 counter
                    && leaf(stamp, MAC) instanceof String mac && counter.longValue() > previous.getOrDefault(writer,
                        -1L) && mac.equals(mac(writer, counter.longValue()))) {
                return true;
            }
        }
        return false;
    }

    private static Object leaf(final MapEntryNode entry, final QName name) {
        return entry.childByArg(new NodeIdentifier(name)) instanceof LeafNode<?> leaf ? leaf.body() : null;
    }

    /** The cohort, registered at {@code rollout-keep} in the configuration datastore. */
    DOMDataTreeCommitCohort cohort() {
        return new DOMDataTreeCommitCohort() {
            @Override
            public FluentFuture<PostCanCommitStep> canCommit(final Object txId, final EffectiveModelContext context,
                    final Collection<DOMDataTreeCandidate> candidates) {
                for (DOMDataTreeCandidate candidate : candidates) {
                    final var node = candidate.getRootNode();
                    if (node.modificationType() != ModificationType.UNMODIFIED
                            && !accepts(node.dataBefore(), node.dataAfter())) {
                        // RESTCONF looks for a NetconfDocumentedException in the causal chain for the tag and message
                        return FluentFutures.immediateFailedFluentFuture(new DataValidationFailedException(
                            YangInstanceIdentifier.class, candidate.getRootPath().path(), REFUSED,
                            new NetconfDocumentedException(REFUSED, ErrorType.APPLICATION, ErrorTag.ACCESS_DENIED,
                                ErrorSeverity.ERROR)));
                    }
                }
                return PostCanCommitStep.NOOP_SUCCESSFUL_FUTURE;
            }
        };
    }
}
