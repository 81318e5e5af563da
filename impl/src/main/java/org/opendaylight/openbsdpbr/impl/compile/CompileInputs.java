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
import java.util.OptionalInt;
import java.util.function.Function;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;

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
 * @param login how the controller logs in to the router and how the router sees it, when its management settings
 *     are usable: the rendered files must still let it in
 */
public record CompileInputs(String router, Optional<RouterIntent> own, Optional<IntentError> ownError,
        List<String> profileNames, List<Profile> profiles, Optional<Login> login) {
    /**
     * How the controller logs in to a router, and how the router sees that connection: the compile proves that the
     * rendered files still let it in ({@link CompileCheck#MANAGEMENT_PATH}).
     *
     * @param user the account
     * @param password whether with a password (else with a key)
     * @param controller the controller's address as the router sees it, when configured
     *     ({@code management/router-view/controller-address}); else the proof assumes one and says so
     * @param router the management address as the router sees it ({@code management/router-view/address}, else
     *     {@code management/address} when that is an IP address); empty when it is a host name
     * @param port the port sshd must listen on as the router sees it ({@code management/router-view/port}, else
     *     {@code management/port})
     */
    public record Login(String user, boolean password, Optional<IpAddress> controller, Optional<IpAddress> router,
            int port) {
        public Login {
            requireNonNull(user, "user");
            requireNonNull(controller, "controller");
            requireNonNull(router, "router");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("a port is 1 to 65535: " + port);
            }
        }

        /** A login whose path the router sees is not known: only sshd's login settings are checked. */
        public Login(final String user, final boolean password) {
            this(user, password, Optional.empty(), Optional.empty(), 22);
        }

        /**
         * A login from the management settings.
         *
         * @param user the account
         * @param password whether with a password
         * @param host {@code management/address}: an IP address or a host name
         * @param port {@code management/port}
         * @param view {@code management/router-view}: what differs as the router sees it
         * @return the login
         */
        public static Login of(final String user, final boolean password, final String host, final int port,
                final RouterView view) {
            return new Login(user, password, view.controller(), view.router().or(() -> Optional.ofNullable(
                IpAddress.tryParse(host))), view.port().orElse(port));
        }
    }

    /**
     * The router's view of the controller's SSH connection where NAT, a port forward or a tunnel makes it differ
     * from the management settings ({@code management/router-view}).
     *
     * @param controller the controller's address as the router sees it
     * @param router the management address as the router sees it
     * @param port the port sshd listens on as the router sees it
     */
    public record RouterView(Optional<IpAddress> controller, Optional<IpAddress> router, OptionalInt port) {
        /** Nothing differs. */
        public static final RouterView NONE = new RouterView(Optional.empty(), Optional.empty(), OptionalInt.empty());

        public RouterView {
            requireNonNull(controller, "controller");
            requireNonNull(router, "router");
            requireNonNull(port, "port");
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
