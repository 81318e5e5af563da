/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.device.HostKeyPolicy;
import org.opendaylight.openbsdpbr.api.device.HostKeyRecorder;
import org.opendaylight.openbsdpbr.api.files.Hashing;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.IntentException;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.compile.CompileInputs;
import org.opendaylight.openbsdpbr.impl.controller.RouterSpec;
import org.opendaylight.openbsdpbr.impl.mapping.IntentMapping;
import org.opendaylight.openbsdpbr.impl.secret.SecretOpener;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IpAddressNoZone;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.Management;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.Settings;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.management.RouterView;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.management.credentials.Password;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.management.credentials.PrivateKey;

/** A router's binding (routers/router) as the controller loop's {@link RouterSpec}. */
final class RouterSpecs {
    private static final Cache<String, KeyPair> KEYS = CacheBuilder.newBuilder().maximumSize(10_000)
        .expireAfterAccess(Duration.ofHours(1)).build();

    private RouterSpecs() {
        // utility
    }

    static RouterSpec of(final Router router, final Duration defaultConfirm, final HostKeyRecorder recorder,
            final SecretOpener secrets) {
        final String name = router.getName().getValue();
        Optional<RouterIntent> intent = Optional.empty();
        IntentError intentError = null;
        try {
            intent = Optional.of(IntentMapping.routerIntent(router, secrets));
        } catch (IntentException e) {
            intentError = e.toError();
        }
        Optional<DeviceTarget> target = Optional.empty();
        String targetError = null;
        try {
            target = Optional.of(target(name, router.getManagement(), recorder, secrets));
        } catch (IllegalArgumentException | IOException e) {
            targetError = "management: " + e.getMessage();
        }
        final Settings settings = router.getSettings();
        final Duration confirm = settings != null && settings.getConfirmTimeout() != null
            ? Duration.ofSeconds(settings.getConfirmTimeout().toJava()) : defaultConfirm;
        final boolean repair = settings != null && settings.getDriftPolicy() == Settings.DriftPolicy.Repair;
        return new RouterSpec(name, target, targetError, intent, intentError, IntentMapping.profileNames(router),
            confirm, repair, hasIntent(router), routerView(router.getManagement()));
    }

    /** {@code management/router-view}: what differs as the router sees the controller's connection. */
    static CompileInputs.RouterView routerView(final Management management) {
        final RouterView view = management == null ? null : management.getRouterView();
        if (view == null) {
            return CompileInputs.RouterView.NONE;
        }
        return new CompileInputs.RouterView(address(view.getControllerAddress()), address(view.getAddress()),
            view.getPort() == null ? OptionalInt.empty() : OptionalInt.of(view.getPort().getValue().toJava()));
    }

    private static Optional<IpAddress> address(final IpAddressNoZone address) {
        // YANG's ip-address-no-zone pattern admits only literals the parser reads
        return address == null ? Optional.empty() : Optional.of(IpAddress.parse(address.stringValue()));
    }

    /** Whether the router has intent (its own or profiles): without, it is only observed. */
    private static boolean hasIntent(final Router router) {
        return router.getIntent() != null || router.getProfile() != null && !router.getProfile().isEmpty();
    }

    private static DeviceTarget target(final String name, final Management management,
            final HostKeyRecorder recorder, final SecretOpener secrets) throws IOException {
        if (management == null || management.getAddress() == null) {
            throw new IllegalArgumentException("no management address");
        }
        final String host = management.getAddress().stringValue();
        final int port = management.getPort() == null ? 22 : management.getPort().getValue().toJava();
        final String user = management.getUser() == null ? "root" : management.getUser().getValue();
        final Credentials credentials = switch (management.getCredentials()) {
            case Password password when password.getPassword() != null ->
                new Credentials.Password(secrets.open(password.getPassword().getValue()));
            case PrivateKey key when key.getPrivateKey() != null ->
                new Credentials.Key(cachedKeyPair(key.getPrivateKey(), secrets));
            case null, default -> throw new IllegalArgumentException("no password or private key");
        };
        final String pinned = management.getHostKeyFingerprint() == null ? null
            : management.getHostKeyFingerprint().getValue();
        final HostKeyPolicy policy;
        if (management.getHostKeyPolicy() == Management.HostKeyPolicy.TrustOnFirstUse) {
            policy = new HostKeyPolicy.TrustOnFirstUse(pinned == null ? Set.of() : Set.of(pinned), recorder);
        } else if (pinned != null) {
            policy = HostKeyPolicy.Pinned.of(pinned);
        } else {
            throw new IllegalArgumentException("no host-key-fingerprint and host-key-policy reject-unknown: "
                + "pin the router's key or choose trust-on-first-use");
        }
        return new DeviceTarget(name, host, port, user, credentials, policy);
    }

    /**
     * The key pair of a stored private key, parsed once per stored value: every write of a router builds its spec in
     * the commit cohort and again in the listener (and the secret sealer's rewrite does both once more), and a parse
     * costs milliseconds. Entries are keyed by the SHA-256 of the stored value, so the cache holds no key text.
     */
    static KeyPair cachedKeyPair(final String stored, final SecretOpener secrets) throws IOException {
        final String id = Hashing.sha256Hex(stored.getBytes(StandardCharsets.UTF_8));
        final KeyPair cached = KEYS.getIfPresent(id);
        if (cached != null) {
            return cached;
        }
        final KeyPair parsed = keyPair(secrets.open(stored));
        KEYS.put(id, parsed);
        return parsed;
    }

    /**
     * Parses a private key in memory: no key material touches disk. (IOException stays declared for the callers that
     * handle unreadable keys as before.)
     */
    static KeyPair keyPair(final String pem) throws IOException {
        return SshKeys.parsePrivateKey(pem, Optional.empty());
    }
}
