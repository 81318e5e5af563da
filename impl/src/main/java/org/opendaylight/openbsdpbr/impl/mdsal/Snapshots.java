/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.UncheckedExecutionException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.IntentException;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.impl.controller.RouterSpec;
import org.opendaylight.openbsdpbr.impl.mapping.IntentMapping;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yangtools.binding.data.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;

/**
 * Router and profile entries of the configuration as the controller's immutable snapshots ({@link RouterSpec},
 * {@link Profile}), each entry mapped once. The data tree shares unchanged subtrees between versions, so an entry
 * nobody wrote is the same object in every later version: the cache is keyed by identity (weak keys, dropped with the
 * tree versions that hold them). The commit cohort maps what a write brings, and the listener that follows the commit
 * finds the same snapshot; a profile change that concerns a thousand routers maps none of them again.
 */
final class Snapshots {
    /**
     * A profile entry as the controller reads it.
     *
     * @param name the profile's name
     * @param profile the profile, or empty when it cannot be used
     * @param error why it cannot be used, with the element path
     */
    record ProfileSnapshot(String name, Optional<Profile> profile, Optional<IntentError> error) {
        ProfileSnapshot {
            requireNonNull(name, "name");
            requireNonNull(profile, "profile");
            requireNonNull(error, "error");
        }
    }

    private final BindingNormalizedNodeSerializer codec;
    private final Function<Router, RouterSpec> specs;
    private final Cache<MapEntryNode, RouterSpec> routers = CacheBuilder.newBuilder().weakKeys().build();
    private final Cache<MapEntryNode, ProfileSnapshot> profiles = CacheBuilder.newBuilder().weakKeys().build();

    /**
     * Snapshots through the binding codec.
     *
     * @param codec turns entries into bindings
     * @param specs a router's binding as its spec (opens its secrets, parses its key)
     */
    Snapshots(final BindingNormalizedNodeSerializer codec, final Function<Router, RouterSpec> specs) {
        this.codec = requireNonNull(codec);
        this.specs = requireNonNull(specs);
    }

    /** The spec of a router entry ({@code routers/router}). */
    // the mapping's own failure is the cause that matters, not the cache's wrapper
    @SuppressWarnings("checkstyle:AvoidHidingCauseException")
    RouterSpec router(final MapEntryNode entry) {
        try {
            return routers.get(entry, () -> specs.apply(binding(entry, Router.class, ConfigNodes.ROUTER_LIST
                .node(entry.name()))));
        } catch (ExecutionException | UncheckedExecutionException e) {
            throw unreadable("router", entry, e.getCause());
        }
    }

    /** A profile entry ({@code profiles/profile}). */
    @SuppressWarnings("checkstyle:AvoidHidingCauseException")
    ProfileSnapshot profile(final MapEntryNode entry) {
        try {
            return profiles.get(entry, () -> {
                final String name = ConfigNodes.name(entry);
                try {
                    return new ProfileSnapshot(name, Optional.of(IntentMapping.profile(binding(entry,
                        org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.Profile.class,
                        ConfigNodes.PROFILE_LIST.node(entry.name())))), Optional.empty());
                } catch (IntentException e) {
                    return new ProfileSnapshot(name, Optional.empty(), Optional.of(e.toError()));
                }
            });
        } catch (ExecutionException | UncheckedExecutionException e) {
            throw unreadable("profile", entry, e.getCause());
        }
    }

    private static IllegalStateException unreadable(final String kind, final MapEntryNode entry,
            final Throwable cause) {
        return new IllegalStateException(kind + " " + ConfigNodes.name(entry) + " cannot be read: "
            + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }

    private <T> T binding(final MapEntryNode entry, final Class<T> type,
            final org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier path) {
        final var binding = codec.fromNormalizedNode(path, entry);
        if (binding == null || !type.isInstance(binding.getValue())) {
            throw new IllegalStateException("no binding for " + path);
        }
        return type.cast(binding.getValue());
    }
}
