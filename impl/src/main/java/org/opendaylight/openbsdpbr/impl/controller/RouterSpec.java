/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.controller;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.impl.compile.CompileInputs;

/**
 * One router as configured: how to reach it, its own intent and its profiles. Either part may be unusable; the
 * reason is kept (never holding a secret) so the router's status can say it.
 *
 * @param name the router's name
 * @param target how to reach it, or empty with {@code targetError}
 * @param targetError why the management settings are unusable
 * @param intent the router's own intent, or empty with {@code intentError}
 * @param intentError why the intent could not be read, with the element path
 * @param profiles the profiles applied before the router's own intent, in order
 * @param confirmTimeout how long a commit waits for confirmation
 * @param repairDrift whether drift is repaired by pushing again (else reported only)
 * @param hasIntent whether the router has an intent container or profiles; without either the controller only
 *     observes it and never commits
 * @param routerView how the router sees the controller's connection where it differs from the target (NAT, a port
 *     forward): the management-path proof's view
 */
public record RouterSpec(String name, Optional<DeviceTarget> target, String targetError,
        Optional<RouterIntent> intent, IntentError intentError, List<String> profiles, Duration confirmTimeout,
        boolean repairDrift, boolean hasIntent, CompileInputs.RouterView routerView) {
    /** A router whose view of the controller is the target's. */
    public RouterSpec(final String name, final Optional<DeviceTarget> target, final String targetError,
            final Optional<RouterIntent> intent, final IntentError intentError, final List<String> profiles,
            final Duration confirmTimeout, final boolean repairDrift, final boolean hasIntent) {
        this(name, target, targetError, intent, intentError, profiles, confirmTimeout, repairDrift, hasIntent,
            CompileInputs.RouterView.NONE);
    }

    public RouterSpec {
        requireNonNull(routerView, "routerView");
        requireNonNull(name, "name");
        requireNonNull(target, "target");
        requireNonNull(intent, "intent");
        profiles = List.copyOf(profiles);
        requireNonNull(confirmTimeout, "confirmTimeout");
        if (target.isEmpty() && targetError == null) {
            throw new IllegalArgumentException("a router without a target needs the reason");
        }
        if (intent.isEmpty() && intentError == null) {
            throw new IllegalArgumentException("a router without intent needs the reason");
        }
    }

    /** This router with another own intent (a staged router's pinned one). */
    public RouterSpec withIntent(final Optional<RouterIntent> other) {
        return new RouterSpec(name, target, targetError, other, other.isPresent() ? null : intentError, profiles,
            confirmTimeout, repairDrift, hasIntent, routerView);
    }

    /**
     * What compiling this router depends on.
     *
     * @param profileLookup the profile of a name, or null when there is none
     * @return the compile inputs
     */
    public CompileInputs inputs(final Function<String, Profile> profileLookup) {
        return CompileInputs.of(name, intent, intent.isPresent() ? null : intentError, profiles, profileLookup,
            target.map(device -> CompileInputs.Login.of(device.user(),
                device.credentials() instanceof Credentials.Password, device.host(), device.port(), routerView)));
    }
}
