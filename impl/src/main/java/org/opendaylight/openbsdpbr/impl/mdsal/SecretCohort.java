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
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.common.api.DataValidationFailedException;
import org.opendaylight.mdsal.common.api.PostCanCommitStep;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCandidate;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCommitCohort;
import org.opendaylight.netconf.api.NetconfDocumentedException;
import org.opendaylight.openbsdpbr.api.intent.IntentException;
import org.opendaylight.openbsdpbr.impl.secret.SealedSecret;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yangtools.binding.data.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.yangtools.util.concurrent.FluentFutures;
import org.opendaylight.yangtools.yang.common.ErrorSeverity;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.tree.api.ModificationType;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;

/**
 * Refuses, before anything is stored, a write that carries a secret the controller must not keep: a clear value
 * (the datastore's journal and snapshots are files that keep every value ever committed, so a clear secret must never
 * be committed at all: the seal-secret RPC gives the sealed form to write instead), a sealed value that does not open
 * under this controller's keys (sealed by another controller, or altered), and a value that opens to something its
 * leaf cannot use (a private key the SSH client cannot read would otherwise replace a working one). Each error names
 * the router and the leaf; RESTCONF answers 400 with it.
 *
 * <p>A cohort answers before the transaction is committed: the data of a refused transaction never reaches the
 * journal. Only leaves the transaction changes are judged, so a router stored by an earlier version (a clear value
 * not yet sealed again, see {@link SecretSealer}) can still be written to. A commit cohort of its own beside
 * {@link IntentCohort}: either may refuse, and this one needs only the changed routers, never the fleet.
 */
final class SecretCohort implements DOMDataTreeCommitCohort {
    /** What a clear secret in a write is told. */
    static final String CLEAR = "a clear secret is never stored (the datastore's journal keeps every value on disk): "
        + "seal it with the seal-secret RPC (POST /rests/operations/openbsd-pbr:seal-secret, "
        + "{\"input\":{\"value\":\"...\"}}) and write the sealed value it returns";

    private final SealedSecret sealed;
    private final BindingNormalizedNodeSerializer codec;

    SecretCohort(final SealedSecret sealed, final BindingNormalizedNodeSerializer codec) {
        this.sealed = requireNonNull(sealed, "sealed");
        this.codec = requireNonNull(codec, "codec");
    }

    @Override
    @SuppressWarnings("checkstyle:IllegalCatch")
    public FluentFuture<PostCanCommitStep> canCommit(final Object txId, final EffectiveModelContext context,
            final Collection<DOMDataTreeCandidate> candidates) {
        final List<String> errors = new ArrayList<>();
        YangInstanceIdentifier where = null;
        for (DOMDataTreeCandidate candidate : candidates) {
            final YangInstanceIdentifier root = candidate.getRootPath().path();
            for (var list : candidate.getRootNode().childNodes()) {
                for (var entry : list.childNodes()) {
                    final NormalizedNode after = entry.dataAfter();
                    if (after == null || entry.modificationType() == ModificationType.UNMODIFIED) {
                        continue;
                    }
                    final YangInstanceIdentifier path = root.node(list.name()).node(entry.name());
                    try {
                        final Router router = router(path, after);
                        if (router == null) {
                            continue;
                        }
                        final NormalizedNode beforeNode = entry.dataBefore();
                        for (String problem : problems(router, () -> beforeNode == null ? null
                                : router(path, beforeNode))) {
                            errors.add("router " + router.getName().getValue() + ": " + problem);
                            where = path;
                        }
                    } catch (RuntimeException e) {
                        // a cohort that throws holds up the shard: every failure is an answer
                        errors.add(path.getLastPathArgument() + ": its secrets could not be checked ("
                            + e.getClass().getSimpleName() + ")");
                        where = path;
                    }
                }
            }
        }
        if (errors.isEmpty()) {
            return PostCanCommitStep.NOOP_SUCCESSFUL_FUTURE;
        }
        final String message = String.join("; ", errors);
        // RESTCONF looks for a NetconfDocumentedException in the causal chain for the error tag and message
        return FluentFutures.immediateFailedFluentFuture(new DataValidationFailedException(
            YangInstanceIdentifier.class, where, message, new NetconfDocumentedException(message,
                ErrorType.APPLICATION, ErrorTag.INVALID_VALUE, ErrorSeverity.ERROR)));
    }

    /**
     * What is wrong with the secrets a write gives a router, each as {@code LEAF: PROBLEM}.
     *
     * @param router the router as written
     * @param before the router as it was (asked only when a leaf has a problem: a leaf that holds the same value as
     *     before is not judged)
     */
    List<String> problems(final Router router, final Supplier<@Nullable Router> before) {
        final List<String> problems = new ArrayList<>();
        List<RouterSecrets.Leaf<?>> previous = null;
        for (RouterSecrets.Leaf<?> leaf : RouterSecrets.of(router)) {
            final String problem = problem(leaf);
            if (problem == null) {
                continue;
            }
            if (previous == null) {
                final Router old = before.get();
                previous = old == null ? List.of() : RouterSecrets.of(old);
            }
            if (previous.stream().noneMatch(old -> old.where().equals(leaf.where())
                    && old.value().equals(leaf.value()))) {
                problems.add(leaf.where() + ": " + problem);
            }
        }
        return problems;
    }

    private @Nullable String problem(final RouterSecrets.Leaf<?> leaf) {
        if (!SealedSecret.isSealed(leaf.value())) {
            return CLEAR;
        }
        try {
            if (leaf.kind() == SecretKind.PRIVATE_KEY) {
                // parsed once per stored value: the reconciler's spec finds it in the cache
                RouterSpecs.cachedKeyPair(leaf.value(), sealed);
                return null;
            }
            return leaf.kind().problem(sealed.open(leaf.value()));
        } catch (IntentException e) {
            return e.detail();
        } catch (IllegalArgumentException | IOException e) {
            return SecretKind.NOT_A_KEY;
        }
    }

    private @Nullable Router router(final YangInstanceIdentifier path, final NormalizedNode node) {
        final var binding = codec.fromNormalizedNode(path, node);
        return binding != null && binding.getValue() instanceof Router router ? router : null;
    }
}
