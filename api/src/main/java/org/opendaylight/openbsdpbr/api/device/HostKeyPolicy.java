/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.device;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which SSH host keys a router may present. Keys are named by their OpenSSH SHA-256 fingerprint
 * ({@code ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub} prints it). An unknown key is refused during the key
 * exchange, before any credential is sent.
 */
public sealed interface HostKeyPolicy {
    /** An OpenSSH SHA-256 fingerprint: {@code SHA256:} and 43 base64 characters without padding. */
    Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    /** Whether the key with this fingerprint is known (pinned) for the router. */
    boolean isPinned(String fingerprint);

    /**
     * Only these keys (more than one while a router rotates its key). An empty set refuses every key as unknown.
     *
     * @param fingerprints the accepted fingerprints
     */
    record Pinned(Set<String> fingerprints) implements HostKeyPolicy {
        public Pinned {
            fingerprints = Set.copyOf(fingerprints);
            fingerprints.forEach(HostKeyPolicy::checkFingerprint);
        }

        public static Pinned of(final String fingerprint) {
            return new Pinned(Set.of(fingerprint));
        }

        @Override
        public boolean isPinned(final String fingerprint) {
            return fingerprints.contains(fingerprint);
        }
    }

    /**
     * Trust on first use: while no key is known, accept the presented key and hand it to the recorder; once keys are
     * known, behave like {@link Pinned}.
     *
     * @param known the fingerprints recorded so far (empty on first contact)
     * @param recorder receives the key accepted on first contact
     */
    record TrustOnFirstUse(Set<String> known, HostKeyRecorder recorder) implements HostKeyPolicy {
        public TrustOnFirstUse {
            known = Set.copyOf(known);
            known.forEach(HostKeyPolicy::checkFingerprint);
            requireNonNull(recorder, "recorder");
        }

        @Override
        public boolean isPinned(final String fingerprint) {
            return known.contains(fingerprint);
        }
    }

    /** Throws {@link IllegalArgumentException} unless this is an OpenSSH SHA-256 fingerprint. */
    static String checkFingerprint(final String fingerprint) {
        if (fingerprint == null || !FINGERPRINT.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("not an OpenSSH SHA256 fingerprint: " + fingerprint);
        }
        return fingerprint;
    }
}
