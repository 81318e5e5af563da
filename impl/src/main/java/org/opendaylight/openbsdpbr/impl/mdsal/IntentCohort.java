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
import java.util.Optional;
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
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Profiles;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Routers;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.RouterKey;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.data.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.yangtools.util.concurrent.FluentFutures;
import org.opendaylight.yangtools.yang.common.ErrorSeverity;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
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
                final Map<RouterKey, Router> before = routersIn(candidate, false);
                for (Router router : routersIn(candidate, true).values()) {
                    if (router.equals(before.get(router.key()))) {
                        continue;
                    }
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
                final var before = binding(candidate, candidate.getRootNode().dataBefore(), Profiles.class)
                    .map(Profiles::nonnullProfile).orElse(Map.of());
                final var after = binding(candidate, candidate.getRootNode().dataAfter(), Profiles.class)
                    .map(Profiles::nonnullProfile).orElse(Map.of());
                before.keySet().stream().filter(key -> !after.containsKey(key))
                    .forEach(key -> profiles.remove(key.getName().getValue()));
                for (var entry : after.entrySet()) {
                    if (entry.getValue().equals(before.get(entry.getKey()))) {
                        continue;
                    }
                    try {
                        final Profile profile = IntentMapping.profile(entry.getValue());
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

    private Map<RouterKey, Router> routersIn(final DOMDataTreeCandidate candidate, final boolean after) {
        final var root = candidate.getRootNode();
        return binding(candidate, after ? root.dataAfter() : root.dataBefore(), Routers.class)
            .map(Routers::nonnullRouter).orElse(Map.of());
    }

    private <T extends DataObject> Optional<T> binding(final DOMDataTreeCandidate candidate,
            final NormalizedNode data, final Class<T> type) {
        if (data == null) {
            return Optional.empty();
        }
        final var entry = codec.fromNormalizedNode(candidate.getRootPath().path(), data);
        return entry == null ? Optional.empty() : Optional.ofNullable(type.cast(entry.getValue()));
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
