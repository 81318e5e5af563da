/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.ssh;

import static java.util.Objects.requireNonNull;

import java.net.SocketAddress;
import java.security.PublicKey;
import org.opendaylight.netconf.shaded.sshd.client.keyverifier.ServerKeyVerifier;
import org.opendaylight.netconf.shaded.sshd.client.session.ClientSession;
import org.opendaylight.netconf.shaded.sshd.common.AttributeRepository;
import org.opendaylight.netconf.shaded.sshd.common.AttributeRepository.AttributeKey;
import org.opendaylight.openbsdpbr.api.device.DeviceException;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.device.HostKeyPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one server-key verifier of the SSH client. MINA's default accepts every key; this one applies the router's
 * {@link HostKeyPolicy}, found in the connection context of the session. It runs during the key exchange, so a
 * refused key ends the connection before any credential is sent.
 */
final class HostKeyCheck implements ServerKeyVerifier {
    /** Key of the {@link Attempt} in a connection context. */
    static final AttributeKey<Attempt> ATTEMPT = new AttributeKey<>();

    private static final Logger LOG = LoggerFactory.getLogger(HostKeyCheck.class);

    /** What one connection attempt knows about the router's key, and why it refused it. */
    static final class Attempt {
        private final DeviceTarget target;
        private volatile DeviceException.HostKey rejection;

        Attempt(final DeviceTarget target) {
            this.target = requireNonNull(target);
        }

        DeviceException.HostKey rejection() {
            return rejection;
        }
    }

    @Override
    @SuppressWarnings("checkstyle:IllegalCatch")
    public boolean verifyServerKey(final ClientSession session, final SocketAddress remote, final PublicKey key) {
        final AttributeRepository context = session.getConnectionContext();
        final Attempt attempt = context == null ? null : context.getAttribute(ATTEMPT);
        if (attempt == null) {
            LOG.warn("refusing the host key of {}: no policy for this connection", remote);
            return false;
        }
        final DeviceTarget target = attempt.target;
        final String fingerprint = SshKeys.fingerprint(key);
        final HostKeyPolicy policy = target.hostKeyPolicy();
        if (policy.isPinned(fingerprint)) {
            return true;
        }
        final DeviceException.HostKey.Kind kind;
        switch (policy) {
            case HostKeyPolicy.TrustOnFirstUse tofu when tofu.known().isEmpty() -> {
                try {
                    tofu.recorder().record(target.name(), fingerprint);
                } catch (RuntimeException e) {
                    LOG.warn("router {}: could not record its host key {}; refusing it", target.name(), fingerprint,
                        e);
                    attempt.rejection = new DeviceException.HostKey(target.name(),
                        DeviceException.HostKey.Kind.UNKNOWN, fingerprint);
                    return false;
                }
                LOG.info("router {}: trusting its host key {} on first use", target.name(), fingerprint);
                return true;
            }
            case HostKeyPolicy.TrustOnFirstUse tofu -> kind = DeviceException.HostKey.Kind.CHANGED;
            case HostKeyPolicy.Pinned pinned -> kind = pinned.fingerprints().isEmpty()
                ? DeviceException.HostKey.Kind.UNKNOWN : DeviceException.HostKey.Kind.CHANGED;
        }
        attempt.rejection = new DeviceException.HostKey(target.name(), kind, fingerprint);
        final String what = kind == DeviceException.HostKey.Kind.CHANGED ? "CHANGED" : "unknown";
        LOG.warn("router {}: refusing {} host key {}", target.name(), what, fingerprint);
        return false;
    }
}
