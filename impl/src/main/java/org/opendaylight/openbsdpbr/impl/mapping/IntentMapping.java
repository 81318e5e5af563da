/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mapping;

import static java.util.Objects.requireNonNull;
import static org.opendaylight.openbsdpbr.api.intent.IntentException.at;
import static org.opendaylight.openbsdpbr.impl.mapping.Values.required;
import static org.opendaylight.openbsdpbr.impl.mapping.Values.text;

import java.util.Comparator;
import java.util.List;
import org.opendaylight.openbsdpbr.api.intent.IntentException;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.impl.secret.SecretOpener;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;

/**
 * The generated YANG bindings of {@code openbsd-pbr} to the intent records of
 * {@link org.opendaylight.openbsdpbr.api.intent}: the one place besides the MD-SAL glue that reads generated classes.
 *
 * <p>Every value goes through the records' validating constructors. YANG defaults are applied here: binding getters
 * return null for a leaf that was not written, defaults included. A mandatory leaf that is absent (the JSON codec and
 * hand-built bindings do not enforce {@code mandatory}) is an error, not a null. Errors are
 * {@link IntentException}s whose path names the element in YANG terms: {@code intent/uplink[name=x]/pppoe/username}
 * for a router's own intent, {@code profiles/profile[name=p]/policy-route[name=r]/source/network} for a profile. A
 * secret never appears in a message.
 *
 * <p>References (a policy route naming an uplink) are not checked here: they resolve only after the router's profiles
 * are merged ({@code IntentMerger}, then {@code IntentValidator}).
 */
public final class IntentMapping {
    private IntentMapping() {
        // utility
    }

    /**
     * A router's own intent from its binding ({@code routers/router}). A missing {@code intent} container is an
     * empty intent. Secrets must be clear: a sealed one is an error ({@link SecretOpener#CLEAR_ONLY}).
     *
     * @param router the router's binding
     * @return the router's own intent, before its profiles are merged
     * @throws IntentException naming the element when a value does not fit its record
     */
    public static RouterIntent routerIntent(final Router router) {
        return routerIntent(router, SecretOpener.CLEAR_ONLY);
    }

    /**
     * A router's own intent from its binding, its sealed secrets opened.
     *
     * @param router the router's binding
     * @param secrets opens the secrets the datastore holds sealed
     * @return the router's own intent, before its profiles are merged
     * @throws IntentException naming the element when a value does not fit its record or a secret cannot be opened
     */
    public static RouterIntent routerIntent(final Router router, final SecretOpener secrets) {
        requireNonNull(router, "router");
        requireNonNull(secrets, "secrets");
        final String name = text(required("name", router.getName()));
        final String release = text(router.getOpenbsdRelease());
        final var intent = router.getIntent();
        if (intent == null) {
            return new RouterIntent(name, release, null, null, null, null);
        }
        final List<Rdomain> rdomains = at(RouterIntent.PATH, () -> RouterMapping.rdomains(intent));
        final List<Interface> interfaces = at(RouterIntent.PATH, () -> RouterMapping.interfaces(intent));
        final List<Uplink> uplinks = at(RouterIntent.PATH, () -> RouterMapping.uplinks(intent, secrets));
        final SharedIntent shared = at(RouterIntent.PATH, () -> SharedMapping.shared(intent));
        return new RouterIntent(name, release, rdomains, interfaces, uplinks, shared);
    }

    /**
     * A profile from its binding ({@code profiles/profile}).
     *
     * @param profile the profile's binding
     * @return the profile
     * @throws IntentException naming the element when a value does not fit its record
     */
    public static Profile profile(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.Profile profile) {
        requireNonNull(profile, "profile");
        final String name = text(required("profile/name", profile.getName()));
        final SharedIntent shared = at(Profile.path(name), () -> SharedMapping.shared(profile));
        return new Profile(name, text(profile.getDescription()), shared);
    }

    /**
     * The router's profile names ({@code routers/router/profile}), in the order listed.
     *
     * @param router the router's binding
     * @return the names; empty when the router lists none
     */
    public static List<String> profileNames(final Router router) {
        return List.copyOf(Values.texts(requireNonNull(router, "router").getProfile(),
            Comparator.naturalOrder()));
    }
}
