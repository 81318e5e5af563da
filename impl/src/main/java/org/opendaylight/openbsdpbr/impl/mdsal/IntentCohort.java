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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.common.api.DataValidationFailedException;
import org.opendaylight.mdsal.common.api.PostCanCommitStep;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCandidate;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCommitCohort;
import org.opendaylight.netconf.api.NetconfDocumentedException;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.impl.compile.Compilations;
import org.opendaylight.openbsdpbr.impl.compile.Compiled;
import org.opendaylight.openbsdpbr.impl.controller.RouterSpec;
import org.opendaylight.yangtools.util.concurrent.FluentFutures;
import org.opendaylight.yangtools.yang.common.ErrorSeverity;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.DataContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidateNode;
import org.opendaylight.yangtools.yang.data.tree.api.ModificationType;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses, before anything is stored, configuration the controller could not apply, judged on the transaction's own
 * data: the routers and profiles exactly as this write would leave them (the cohort is registered at the root of the
 * configuration, so it sees both trees after the write, changed or not).
 *
 * <ul>
 *   <li>Every router the write changes is compiled ({@link Compilations}) with the profiles as the write leaves them:
 *       what YANG states but ODL does not enforce (leafrefs, unique sequence numbers, must), what only shows once
 *       profiles are merged, and the checks of the compiled result. The result is kept, so the reconciler that applies
 *       the write does not compile it again.</li>
 *   <li>A profile the write changes is compiled into every router that uses it, in parallel; those results are kept
 *       the same way (a profile change costs one compile per router in all, measured in the controller benchmark).
 *       Refusing here, rather than reporting broken routers afterwards, keeps a stored profile usable by every router
 *       that lists it.</li>
 *   <li>Integrity answers 409: deleting a profile a router lists ({@code in-use}, naming the routers), a deletion that
 *       leaves a router's reference dangling ({@code in-use}, naming the element that refers to it), a router whose
 *       management endpoint or pinned host key is another router's ({@code data-exists}, naming it).</li>
 * </ul>
 * Other refusals are {@code invalid-value} (400), each naming its element. The cohort answers from memory in
 * milliseconds (a profile used by a thousand routers takes longer: their compiles) and never throws: an unexpected
 * failure is refused as {@code operation-failed} with its kind, and logged.
 */
final class IntentCohort implements DOMDataTreeCommitCohort {
    private static final Logger LOG = LoggerFactory.getLogger(IntentCohort.class);

    private final Snapshots snapshots;
    private final Compilations compilations;

    IntentCohort(final Snapshots snapshots, final Compilations compilations) {
        this.snapshots = requireNonNull(snapshots);
        this.compilations = requireNonNull(compilations);
    }

    @Override
    @SuppressWarnings("checkstyle:IllegalCatch")
    public FluentFuture<PostCanCommitStep> canCommit(final Object txId, final EffectiveModelContext context,
            final Collection<DOMDataTreeCandidate> candidates) {
        final Verdict verdict = new Verdict();
        try {
            for (DOMDataTreeCandidate candidate : candidates) {
                check(candidate, verdict);
            }
        } catch (RuntimeException e) {
            // never let the shard's commit wait for a cohort that threw: refuse, say what kind of failure it was
            LOG.warn("a change could not be validated", e);
            verdict.refuse(ErrorTag.OPERATION_FAILED, "the change could not be validated: " + e.getMessage());
        }
        return verdict.answer();
    }

    private void check(final DOMDataTreeCandidate candidate, final Verdict verdict) {
        final YangInstanceIdentifier root = candidate.getRootPath().path();
        if (!root.isEmpty()) {
            LOG.warn("cohort called for {}, expected the root of the configuration: ignored", root);
            return;
        }
        final DataTreeCandidateNode rootNode = candidate.getRootNode();
        final DataTreeCandidateNode routers = modified(rootNode, ConfigNodes.ROUTERS);
        final DataTreeCandidateNode profiles = modified(rootNode, ConfigNodes.PROFILES);
        if (routers == null && profiles == null) {
            return;
        }
        final NormalizedNode after = rootNode.dataAfter();
        final Tree tree = new Tree(child(after, ConfigNodes.ROUTERS), child(after, ConfigNodes.PROFILES));

        final Map<String, MapEntryNode> changedRouters = new LinkedHashMap<>();
        final Set<String> routersWithDeletes = new LinkedHashSet<>();
        for (DataTreeCandidateNode entry : entries(routers, ConfigNodes.ROUTER)) {
            if (entry.dataAfter() instanceof MapEntryNode written) {
                final String name = ConfigNodes.name(written);
                changedRouters.put(name, written);
                if (deletes(entry.modifiedChild(ConfigNodes.INTENT))) {
                    routersWithDeletes.add(name);
                }
            }
        }
        final Set<String> changedProfiles = new LinkedHashSet<>();
        for (DataTreeCandidateNode entry : entries(profiles, ConfigNodes.PROFILE)) {
            if (entry.dataAfter() instanceof MapEntryNode written) {
                final var snapshot = snapshots.profile(written);
                snapshot.error().ifPresentOrElse(
                    error -> verdict.refuse(ErrorTag.INVALID_VALUE, error.path() + ": " + error.message()),
                    () -> changedProfiles.add(snapshot.name()));
            } else if (entry.dataBefore() instanceof MapEntryNode deleted) {
                profileDeleted(ConfigNodes.name(deleted), tree, verdict);
            }
        }
        if (verdict.refused()) {
            return;
        }
        for (MapEntryNode router : changedRouters.values()) {
            compile(router, tree, routersWithDeletes.contains(ConfigNodes.name(router)), verdict);
            unique(router, tree, verdict);
        }
        if (!changedProfiles.isEmpty()) {
            fanOut(changedProfiles, changedRouters.keySet(), tree, verdict);
        }
    }

    /** A deleted profile must not be listed by any router the write leaves. */
    private static void profileDeleted(final String profile, final Tree tree, final Verdict verdict) {
        if (tree.profile(profile).isPresent()) {
            return;
        }
        final List<String> users = new ArrayList<>();
        for (MapEntryNode router : tree.routers()) {
            if (ConfigNodes.profiles(router).contains(profile)) {
                users.add(ConfigNodes.name(router));
            }
        }
        if (!users.isEmpty()) {
            verdict.refuse(ErrorTag.IN_USE, "profiles/profile[name=" + profile + "] is in use by "
                + (users.size() == 1 ? "router " : "routers ") + String.join(", ", users.subList(0,
                    Math.min(users.size(), 10))) + (users.size() > 10 ? " and " + (users.size() - 10) + " more" : "")
                + " (routers/router[name=" + users.get(0) + "]/profile): remove it there first");
        }
    }

    private void compile(final MapEntryNode entry, final Tree tree, final boolean deletes, final Verdict verdict) {
        final RouterSpec spec = snapshots.router(entry);
        if (!spec.hasIntent()) {
            // only observed: nothing is rendered for it
            return;
        }
        if (compilations.compile(spec.inputs(tree::profileOrNull)) instanceof Compiled.Invalid invalid) {
            final boolean dangling = deletes && invalid.stage() == Compiled.Stage.VALIDATE;
            verdict.refuse(dangling ? ErrorTag.IN_USE : ErrorTag.INVALID_VALUE, "router " + spec.name() + ": "
                + (dangling ? "the change removes what is still referred to: " : "") + describe(invalid.errors()));
        }
    }

    /** Every router using a changed profile (and not changed itself) compiled with the profiles as written. */
    private void fanOut(final Set<String> changedProfiles, final Set<String> compiledAlready, final Tree tree,
            final Verdict verdict) {
        final List<MapEntryNode> users = new ArrayList<>();
        for (MapEntryNode router : tree.routers()) {
            if (!compiledAlready.contains(ConfigNodes.name(router))
                    && ConfigNodes.profiles(router).stream().anyMatch(changedProfiles::contains)) {
                users.add(router);
            }
        }
        final long started = System.nanoTime();
        final List<String> problems = users.parallelStream()
            .map(snapshots::router)
            .filter(RouterSpec::hasIntent)
            .map(spec -> compilations.compile(spec.inputs(tree::profileOrNull)))
            .filter(Compiled.Invalid.class::isInstance)
            .map(Compiled.Invalid.class::cast)
            .map(invalid -> "router " + invalid.router() + ": " + describe(invalid.errors()))
            .sorted()
            .toList();
        LOG.debug("profiles {}: {} routers compiled in {} ms", changedProfiles, users.size(),
            (System.nanoTime() - started) / 1_000_000);
        for (String problem : problems.subList(0, Math.min(problems.size(), 20))) {
            verdict.refuse(ErrorTag.INVALID_VALUE, "with profiles " + changedProfiles + ", " + problem);
        }
        if (problems.size() > 20) {
            verdict.refuse(ErrorTag.INVALID_VALUE, (problems.size() - 20) + " more routers fail the same way");
        }
    }

    /** Two routers must not share a management endpoint or a pinned host key. */
    private static void unique(final MapEntryNode router, final Tree tree, final Verdict verdict) {
        final String name = ConfigNodes.name(router);
        final Optional<String> endpoint = ConfigNodes.endpoint(router);
        final Optional<String> hostKey = ConfigNodes.hostKey(router);
        if (endpoint.isEmpty() && hostKey.isEmpty()) {
            return;
        }
        for (MapEntryNode other : tree.routers()) {
            final String otherName = ConfigNodes.name(other);
            if (otherName.equals(name)) {
                continue;
            }
            if (endpoint.isPresent() && endpoint.equals(ConfigNodes.endpoint(other))) {
                verdict.refuse(ErrorTag.DATA_EXISTS, "router " + name + ": management " + endpoint.orElseThrow()
                    + " is already router " + otherName + "'s: two routers cannot be one machine");
            }
            if (hostKey.isPresent() && hostKey.equals(ConfigNodes.hostKey(other))) {
                verdict.refuse(ErrorTag.DATA_EXISTS, "router " + name + ": management/host-key-fingerprint "
                    + hostKey.orElseThrow() + " is already pinned for router " + otherName
                    + ": two routers with one host key cannot be told apart");
            }
        }
    }

    private static String describe(final List<IntentError> errors) {
        final var text = new StringBuilder();
        for (IntentError error : errors) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(error.path()).append(": ").append(error.message());
        }
        return text.toString();
    }

    /** Whether a candidate subtree deletes anything (a list entry, a leaf, a container). */
    private static boolean deletes(final @Nullable DataTreeCandidateNode node) {
        if (node == null) {
            return false;
        }
        return switch (node.modificationType()) {
            case DELETE, DISAPPEARED -> true;
            case UNMODIFIED -> false;
            case WRITE -> node.dataBefore() != null && removesChildren(node.dataBefore(), node.dataAfter());
            case SUBTREE_MODIFIED, APPEARED -> node.childNodes().stream().anyMatch(IntentCohort::deletes);
        };
    }

    /** Whether a replaced node loses children it had (a PUT that leaves a list entry out). */
    private static boolean removesChildren(final NormalizedNode before, final @Nullable NormalizedNode after) {
        if (after == null) {
            return true;
        }
        if (before instanceof DataContainerNode beforeContainer && after instanceof DataContainerNode afterContainer) {
            for (var child : beforeContainer.body()) {
                final NormalizedNode kept = afterContainer.childByArg(child.name());
                if (kept == null || removesChildren(child, kept)) {
                    return true;
                }
            }
            return false;
        }
        if (before instanceof org.opendaylight.yangtools.yang.data.api.schema.DistinctNodeContainer<?, ?> list
                && after instanceof org.opendaylight.yangtools.yang.data.api.schema.DistinctNodeContainer<?, ?>
                    afterList) {
            for (var child : list.body()) {
                if (afterList.childByArg(cast(child.name())) == null) {
                    return true;
                }
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static <K> K cast(final Object key) {
        return (K) key;
    }

    private static @Nullable DataTreeCandidateNode modified(final DataTreeCandidateNode parent,
            final YangInstanceIdentifier.PathArgument child) {
        final DataTreeCandidateNode node = parent.modifiedChild(child);
        return node == null || node.modificationType() == ModificationType.UNMODIFIED ? null : node;
    }

    /** The changed entries of a container's list. */
    private static Collection<DataTreeCandidateNode> entries(final @Nullable DataTreeCandidateNode container,
            final YangInstanceIdentifier.NodeIdentifier list) {
        final DataTreeCandidateNode listNode = container == null ? null : modified(container, list);
        if (listNode == null) {
            return List.of();
        }
        return listNode.childNodes().stream()
            .filter(entry -> entry.modificationType() != ModificationType.UNMODIFIED)
            .toList();
    }

    private static @Nullable NormalizedNode child(final @Nullable NormalizedNode parent,
            final YangInstanceIdentifier.NodeIdentifier name) {
        return parent instanceof DataContainerNode container ? container.childByArg(name) : null;
    }

    /** The routers and profiles as the write leaves them. */
    private final class Tree {
        private final @Nullable NormalizedNode routers;
        private final @Nullable NormalizedNode profiles;
        private final Map<String, Optional<Profile>> profileCache = new HashMap<>();

        Tree(final @Nullable NormalizedNode routers, final @Nullable NormalizedNode profiles) {
            this.routers = routers;
            this.profiles = profiles;
        }

        Collection<MapEntryNode> routers() {
            return ConfigNodes.entries(routers, ConfigNodes.ROUTER);
        }

        Optional<MapEntryNode> profile(final String name) {
            return ConfigNodes.entry(profiles, ConfigNodes.PROFILE, name);
        }

        /** A usable profile of this name, or null (absent, or one that cannot be used: refused on its own). */
        synchronized @Nullable Profile profileOrNull(final String name) {
            return profileCache.computeIfAbsent(name, key -> profile(key).map(snapshots::profile)
                .flatMap(Snapshots.ProfileSnapshot::profile)).orElse(null);
        }
    }

    /** The refusals of one write, and the strongest error tag among them. */
    private static final class Verdict {
        private final Map<ErrorTag, List<String>> refusals = new TreeMap<>((first, second) ->
            Integer.compare(rank(second), rank(first)));

        void refuse(final ErrorTag tag, final String message) {
            refusals.computeIfAbsent(tag, key -> new ArrayList<>()).add(message);
        }

        boolean refused() {
            return !refusals.isEmpty();
        }

        /** Conflicts (409) outrank bad values (400), which outrank internal failures. */
        private static int rank(final ErrorTag tag) {
            if (ErrorTag.IN_USE.equals(tag)) {
                return 3;
            }
            if (ErrorTag.DATA_EXISTS.equals(tag)) {
                return 2;
            }
            return ErrorTag.INVALID_VALUE.equals(tag) ? 1 : 0;
        }

        FluentFuture<PostCanCommitStep> answer() {
            if (refusals.isEmpty()) {
                return PostCanCommitStep.NOOP_SUCCESSFUL_FUTURE;
            }
            final ErrorTag tag = refusals.keySet().iterator().next();
            final List<String> messages = new ArrayList<>();
            refusals.values().forEach(messages::addAll);
            final String message = String.join("; ", messages);
            // RESTCONF looks for a NetconfDocumentedException in the causal chain for the error tag and message
            return FluentFutures.immediateFailedFluentFuture(new DataValidationFailedException(
                YangInstanceIdentifier.class, YangInstanceIdentifier.of(), message,
                new NetconfDocumentedException(message, ErrorType.APPLICATION, tag, ErrorSeverity.ERROR)));
        }
    }
}
