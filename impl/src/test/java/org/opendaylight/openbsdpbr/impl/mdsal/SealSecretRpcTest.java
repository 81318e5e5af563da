/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendaylight.openbsdpbr.impl.secret.SealedSecret;
import org.opendaylight.openbsdpbr.impl.secret.SecretKeys;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.SealSecretInput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.SealSecretInputBuilder;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.RpcResult;

class SealSecretRpcTest {
    private final SealedSecret sealed = new SealedSecret(SecretKeys.generate(), null);
    private final SealSecretRpc rpc = new SealSecretRpc(sealed);

    @TempDir
    Path dir;

    @Test
    void sealsAValueThatOpensAgainWithAFreshNonceEachCall() throws Exception {
        final String first = call("Pa55word", null).getResult().getSealed();
        final String second = call("Pa55word", SealSecretInput.Kind.Password).getResult().getSealed();
        assertThat(first).startsWith(SealedSecret.PREFIX).isNotEqualTo(second).doesNotContain("Pa55word");
        assertThat(sealed.open(first)).isEqualTo("Pa55word");
        assertThat(sealed.open(second)).isEqualTo("Pa55word");
    }

    @Test
    void aKindChecksTheValueAsItsLeafWouldWithoutEchoingIt() throws Exception {
        assertRefused(call("with space", SealSecretInput.Kind.PppoeSecret), "input/value: a PPPoE secret is "
            + "printable ASCII without spaces, single quotes or backslashes", "with space");
        assertRefused(call("two\nlines", SealSecretInput.Kind.Password), "input/value: a secret is one line",
            "two\nlines");
        assertRefused(call("-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-key\n", SealSecretInput.Kind.PrivateKey),
            "input/value: " + SecretKind.NOT_A_KEY, "not-a-key");
        assertRefused(call(sealed.seal("x"), null), "input/value: the value starts with $pbr1$", null);

        final Path file = dir.resolve("id_ed25519");
        SshKeys.writePrivateKey(SshKeys.generateEd25519(), file, "test");
        final String key = Files.readString(file);
        final RpcResult<?> result = call(key, SealSecretInput.Kind.PrivateKey);
        assertThat(result.isSuccessful()).isTrue();
        assertThat(sealed.open(call(key, SealSecretInput.Kind.PrivateKey).getResult().getSealed())).isEqualTo(key);
    }

    private RpcResult<org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.SealSecretOutput> call(
            final String value, final SealSecretInput.Kind kind) throws Exception {
        return rpc.invoke(new SealSecretInputBuilder().setValue(value).setKind(kind).build()).get();
    }

    private static void assertRefused(final RpcResult<?> result, final String message, final String value) {
        assertThat(result.isSuccessful()).isFalse();
        assertThat(result.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getTag()).isEqualTo(ErrorTag.INVALID_VALUE);
            assertThat(error.getMessage()).startsWith(message);
            if (value != null) {
                assertThat(error.getMessage()).doesNotContain(value);
            }
        });
    }
}
