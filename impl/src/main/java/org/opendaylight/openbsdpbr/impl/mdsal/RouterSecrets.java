/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.jdt.annotation.NonNull;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.Type;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.pppoe.Pppoe;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type.pppoe.PppoeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.Intent;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.Management;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.ManagementBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.management.credentials.Password;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.management.credentials.PasswordBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.management.credentials.PrivateKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.management.credentials.PrivateKeyBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.PppoeSecret;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.Secret;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;

/**
 * The secret leaves of a router (the management password or private key, each PPPoE uplink's secret): the one list of
 * them, for the commit cohort that refuses clear values and the sealer that seals old forms again. Profiles hold no
 * secret (uplinks are router-only intent).
 */
final class RouterSecrets {
    private static final long READ_TIMEOUT_SECONDS = 30;

    private RouterSecrets() {
        // utility
    }

    /**
     * A secret leaf as stored: where it is (relative to the router, as errors name elements), what kind of secret it
     * holds, its value, the container it sits in, how the leaf is read from that container, and the container that,
     * merged, replaces the leaf's value. {@link #toString()} never shows the value.
     */
    record Leaf<T extends DataObject>(@NonNull String where, @NonNull SecretKind kind, @NonNull String value,
            @NonNull DataObjectIdentifier<T> container, @NonNull Function<T, String> read,
            @NonNull Function<String, T> replacement) {
        /** Whether the leaf, read in this transaction, still holds {@link #value()}. */
        boolean stillHolds(final ReadWriteTransaction tx)
                throws InterruptedException, ExecutionException, TimeoutException {
            return tx.read(LogicalDatastoreType.CONFIGURATION, container).get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .map(read).filter(value::equals).isPresent();
        }

        /** Merges another value into the leaf. */
        void write(final ReadWriteTransaction tx, final String newValue) {
            tx.merge(LogicalDatastoreType.CONFIGURATION, container, replacement.apply(newValue));
        }

        @Override
        public String toString() {
            return "Leaf[" + where + "]";
        }
    }

    /** Every secret leaf the router holds a value in. */
    static List<Leaf<?>> of(final Router router) {
        final List<Leaf<?>> result = new ArrayList<>();
        final var routerPath = StatusWriter.routerPath(router.getName().getValue());
        final Management management = router.getManagement();
        if (management != null) {
            final var path = routerPath.toBuilder().child(Management.class).build();
            switch (management.getCredentials()) {
                case Password password when password.getPassword() != null ->
                    result.add(new Leaf<>("management/password", SecretKind.PASSWORD,
                        password.getPassword().getValue(), path, RouterSecrets::password,
                        value -> new ManagementBuilder()
                            .setCredentials(new PasswordBuilder().setPassword(new Secret(value)).build()).build()));
                case PrivateKey key when key.getPrivateKey() != null ->
                    result.add(new Leaf<>("management/private-key", SecretKind.PRIVATE_KEY, key.getPrivateKey(), path,
                        RouterSecrets::privateKey, value -> new ManagementBuilder()
                            .setCredentials(new PrivateKeyBuilder().setPrivateKey(value).build()).build()));
                case null, default -> {
                    // no credentials
                }
            }
        }
        final Intent intent = router.getIntent();
        if (intent != null) {
            for (var uplink : intent.nonnullUplink().values()) {
                final Pppoe pppoe = pppoe(uplink.getType());
                if (pppoe != null && pppoe.getSecret() != null) {
                    result.add(new Leaf<>(RouterIntent.PATH + "/" + Uplink.path(uplink.getName().getValue())
                        + "/pppoe/secret", SecretKind.PPPOE_SECRET, pppoe.getSecret().getValue(),
                        routerPath.toBuilder().child(Intent.class).child(
                            org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.Uplink
                                .class, uplink.key()).child(Pppoe.class).build(),
                        stored -> stored.getSecret() == null ? null : stored.getSecret().getValue(),
                        value -> new PppoeBuilder().setSecret(new PppoeSecret(value)).build()));
                }
            }
        }
        return result;
    }

    private static @Nullable String password(final Management management) {
        return management.getCredentials() instanceof Password password && password.getPassword() != null
            ? password.getPassword().getValue() : null;
    }

    private static @Nullable String privateKey(final Management management) {
        return management.getCredentials() instanceof PrivateKey key ? key.getPrivateKey() : null;
    }

    private static @Nullable Pppoe pppoe(final @Nullable Type type) {
        return switch (type) {
            case org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.router.intent.uplink.type
                    .Pppoe pppoeCase -> pppoeCase.getPppoe();
            case null, default -> null;
        };
    }
}
