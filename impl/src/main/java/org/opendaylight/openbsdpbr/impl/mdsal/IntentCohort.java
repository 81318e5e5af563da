/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import com.google.common.util.concurrent.FluentFuture;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.opendaylight.mdsal.common.api.DataValidationFailedException;
import org.opendaylight.mdsal.common.api.PostCanCommitStep;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCandidate;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCommitCohort;
import org.opendaylight.netconf.api.NetconfDocumentedException;
import org.opendaylight.openbsdpbr.api.intent.IntentException;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.impl.controller.Fleet;
import org.opendaylight.openbsdpbr.impl.controller.RouterReconciler;
import org.opendaylight.openbsdpbr.impl.controller.RouterSpec;
import org.opendaylight.openbsdpbr.impl.mapping.IntentMapping;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.data.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.yangtools.util.concurrent.FluentFutures;
import org.opendaylight.yangtools.yang.common.ErrorSeverity;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifierWithPredicates;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidateNode;
import org.opendaylight.yangtools.yang.data.tree.api.ModificationType;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;

/**
 * Refuses, before anything is stored, configuration the controller could not render: what YANG states but ODL does
 * not enforce (leafrefs, unique sequence numbers, must) and what only shows once profiles are merged (a profile's
 * policy route naming an uplink the router lacks). The error names every offending element; RESTCONF returns it.
 *
 * <p>ODL exposes commit cohorts at the DOM level only; the candidate is turned into bindings with the binding codec and
 * checked by the same code the reconciler renders with.
 */
final class IntentCohort {
    private final Fleet fleet;
    private final Function<Router, RouterSpec> specs;
    private final BindingNormalizedNodeSerializer codec;

    IntentCohort(final Fleet fleet, final Function<Router, RouterSpec> specs,
            final BindingNormalizedNodeSerializer codec) {
        this.fleet = fleet;
        this.specs = specs;
        this.codec = codec;
    }

    /** Validates routers as written (registered at {@code /routers}). */
    DOMDataTreeCommitCohort routers() {
        return (final Object txId, final EffectiveModelContext context,
                final Collection<DOMDataTreeCandidate> candidates) -> {
            final List<String> errors = new ArrayList<>();
            YangInstanceIdentifier where = null;
            final Map<String, Profile> profiles = fleet.profiles();
            for (DOMDataTreeCandidate candidate : candidates) {
                for (Router router : changedEntries(candidate, Router.class)) {
                    final String problem = check(specs.apply(router), profiles);
                    if (problem != null) {
                        errors.add("router " + router.getName().getValue() + ": " + problem);
                        where = candidate.getRootPath().path();
                    }
                }
            }
            return answer(where, errors);
        };
    }

    /** Validates profiles as written, and every router using them with the new version (at {@code /profiles}). */
    DOMDataTreeCommitCohort profiles() {
        return (final Object txId, final EffectiveModelContext context,
                final Collection<DOMDataTreeCandidate> candidates) -> {
            final List<String> errors = new ArrayList<>();
            YangInstanceIdentifier where = null;
            final Map<String, Profile> profiles = new HashMap<>(fleet.profiles());
            final List<String> changed = new ArrayList<>();
            for (DOMDataTreeCandidate candidate : candidates) {
                removedEntries(candidate).forEach(profiles::remove);
                for (var binding : changedEntries(candidate,
                        org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.Profile.class)) {
                    try {
                        final Profile profile = IntentMapping.profile(binding);
                        profiles.put(profile.name(), profile);
                        changed.add(profile.name());
                    } catch (IntentException e) {
                        errors.add(e.getMessage());
                        where = candidate.getRootPath().path();
                    }
                }
            }
            if (errors.isEmpty()) {
                for (String profile : changed) {
                    for (RouterSpec spec : fleet.routersUsing(profile)) {
                        final String problem = check(spec, profiles);
                        if (problem != null) {
                            errors.add("router " + spec.name() + " with profile " + profile + ": " + problem);
                        }
                    }
                }
            }
            return answer(where, errors);
        };
    }

    /**
     * The list entries (routers or profiles) this candidate writes, as bindings: only the changed entries are
     * converted, so a commit costs the same whatever the size of the fleet.
     */
    private <T extends DataObject> List<T> changedEntries(final DOMDataTreeCandidate candidate, final Class<T> type) {
        final List<T> result = new ArrayList<>();
        final YangInstanceIdentifier root = candidate.getRootPath().path();
        for (DataTreeCandidateNode list : candidate.getRootNode().childNodes()) {
            for (DataTreeCandidateNode entry : list.childNodes()) {
                final NormalizedNode after = entry.dataAfter();
                if (after == null || entry.modificationType() == ModificationType.UNMODIFIED) {
                    continue;
                }
                final var binding = codec.fromNormalizedNode(root.node(list.name()).node(entry.name()), after);
                if (binding != null && type.isInstance(binding.getValue())) {
                    result.add(type.cast(binding.getValue()));
                }
            }
        }
        return result;
    }

    /** The keys (names) of the list entries this candidate deletes. */
    private static List<String> removedEntries(final DOMDataTreeCandidate candidate) {
        final List<String> result = new ArrayList<>();
        for (DataTreeCandidateNode list : candidate.getRootNode().childNodes()) {
            for (DataTreeCandidateNode entry : list.childNodes()) {
                if (entry.dataAfter() == null && entry.name() instanceof NodeIdentifierWithPredicates key) {
                    key.values().forEach(value -> result.add(value.toString()));
                }
            }
        }
        return result;
    }

    /** Why the router's intent cannot be rendered, or null. */
    private static String check(final RouterSpec spec, final Map<String, Profile> profiles) {
        return RouterReconciler.render(spec, profiles) instanceof RouterReconciler.Desired.Invalid invalid
            ? invalid.message() : null;
    }

    private static FluentFuture<PostCanCommitStep> answer(final YangInstanceIdentifier where,
            final List<String> errors) {
        if (errors.isEmpty()) {
            return PostCanCommitStep.NOOP_SUCCESSFUL_FUTURE;
        }
        // RESTCONF looks for a NetconfDocumentedException in the causal chain for the error tag and message
        final String message = String.join("; ", errors);
        return FluentFutures.immediateFailedFluentFuture(new DataValidationFailedException(
            YangInstanceIdentifier.class, where == null ? YangInstanceIdentifier.of() : where, message,
            new NetconfDocumentedException(message, ErrorType.APPLICATION, ErrorTag.INVALID_VALUE,
                ErrorSeverity.ERROR)));
    }
}
