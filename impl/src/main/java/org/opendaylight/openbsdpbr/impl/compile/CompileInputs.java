/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.compile;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;

/**
 * Everything one router's compile depends on, and nothing else: equal inputs compile to equal results, which is what
 * lets {@link Compilations} hand a result on instead of computing it again. Records all the way down, so equality is
 * by value (a profile written again unchanged, or a secret re-sealed, gives equal inputs).
 *
 * @param router the router's name
 * @param own the router's own intent, or empty when its binding could not be read ({@code ownError} says why)
 * @param ownError why the own intent could not be read, with the element path; present exactly when {@code own} is
 *     empty
 * @param profileNames the profiles the router lists, in order
 * @param profiles the profiles found for those names, in the same order; a name without a profile has no entry
 * @param login how the controller logs in to the router, when its management settings are usable: the rendered
 *     sshd_config must still let it in
 */
public record CompileInputs(String router, Optional<RouterIntent> own, Optional<IntentError> ownError,
        List<String> profileNames, List<Profile> profiles, Optional<Login> login) {
    /**
     * How the controller logs in to a router.
     *
     * @param user the account
     * @param password whether with a password (else with a key)
     */
    public record Login(String user, boolean password) {
        public Login {
            requireNonNull(user, "user");
        }
    }

    public CompileInputs {
        requireNonNull(router, "router");
        requireNonNull(own, "own");
        requireNonNull(ownError, "ownError");
        if (own.isPresent() == ownError.isPresent()) {
            throw new IllegalArgumentException("either the own intent or the reason it is missing");
        }
        profileNames = List.copyOf(profileNames);
        profiles = List.copyOf(profiles);
        requireNonNull(login, "login");
    }

    /**
     * The inputs of a router, its profiles looked up by name.
     *
     * @param router the router's name
     * @param own its own intent, or empty
     * @param ownError why it is empty (null when it is not)
     * @param profileNames the profiles it lists
     * @param lookup the profile of a name, or null when there is none
     * @param login how the controller logs in, if known
     * @return the inputs
     */
    public static CompileInputs of(final String router, final Optional<RouterIntent> own, final IntentError ownError,
            final List<String> profileNames, final Function<String, Profile> lookup, final Optional<Login> login) {
        final List<Profile> found = new ArrayList<>(profileNames.size());
        for (String name : profileNames) {
            final Profile profile = lookup.apply(name);
            if (profile != null) {
                found.add(profile);
            }
        }
        return new CompileInputs(router, own, Optional.ofNullable(ownError), profileNames, found, login);
    }

    /** Whether the router lists this profile. */
    public boolean uses(final String profile) {
        return profileNames.contains(profile);
    }
}
