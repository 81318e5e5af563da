/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ListenableFuture;
import org.opendaylight.openbsdpbr.api.intent.IntentException;
import org.opendaylight.openbsdpbr.impl.secret.SealedSecret;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.SealSecret;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.SealSecretInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.SealSecretOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.SealSecretOutputBuilder;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;

/**
 * The seal-secret RPC: the sealed form of a clear secret, for a client to write into a secret leaf (clear values are
 * refused there, see {@link SecretCohort}). Every member of a cluster answers it alike (they share the key file); it
 * holds no state, writes nothing and never echoes the value, even in an error.
 */
record SealSecretRpc(SealedSecret sealed) implements SealSecret {
    SealSecretRpc {
        requireNonNull(sealed, "sealed");
    }

    @Override
    public ListenableFuture<RpcResult<SealSecretOutput>> invoke(final SealSecretInput input) {
        final String value = input.getValue();
        if (value == null || value.isEmpty()) {
            return failed("input/value: the clear secret to seal is missing");
        }
        final SecretKind kind = input.getKind() == null ? null : switch (input.getKind()) {
            case Password -> SecretKind.PASSWORD;
            case PppoeSecret -> SecretKind.PPPOE_SECRET;
            case PrivateKey -> SecretKind.PRIVATE_KEY;
        };
        if (kind != null) {
            final String problem = kind.problem(value);
            if (problem != null) {
                return failed("input/value: " + problem);
            }
        }
        try {
            return RpcResultBuilder.success(new SealSecretOutputBuilder().setSealed(sealed.seal(value)).build())
                .buildFuture();
        } catch (IntentException e) {
            return failed("input/value: " + e.detail());
        }
    }

    private static ListenableFuture<RpcResult<SealSecretOutput>> failed(final String message) {
        return RpcResultBuilder.<SealSecretOutput>failed().withError(ErrorType.APPLICATION, ErrorTag.INVALID_VALUE,
            message).buildFuture();
    }
}
