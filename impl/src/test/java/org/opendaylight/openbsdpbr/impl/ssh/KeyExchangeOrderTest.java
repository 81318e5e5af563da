/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendaylight.netconf.shaded.sshd.client.ClientBuilder;
import org.opendaylight.netconf.shaded.sshd.common.BaseBuilder;
import org.opendaylight.netconf.shaded.sshd.common.NamedFactory;
import org.opendaylight.netconf.shaded.sshd.common.kex.KeyExchangeFactory;
import org.opendaylight.netconf.shaded.sshd.common.signature.BuiltinSignatures;

/**
 * The controller proposes the cheap post-quantum hybrid first, then MINA's list as it is, nothing dropped; and the
 * host-key types in MINA's own order (the first one a router has decides which of its keys it presents: another order
 * would present another key than the one pinned on first contact).
 */
class KeyExchangeOrderTest {
    @Test
    void mlKemComesFirstAndEverythingElseKeepsItsOrder() {
        // MINA's list as in Karaf, where Bouncy Castle makes the hybrids available (this JVM may lack it)
        final List<String> mina = names(everyDefault());
        assertThat(mina).as("MINA's own order").startsWith("sntrup761x25519-sha512").contains("mlkem768x25519-sha256",
            "curve25519-sha256");
        final List<String> ours = names(SshDeviceConnector.keyExchanges(everyDefault()));
        assertThat(ours).startsWith("mlkem768x25519-sha256", "sntrup761x25519-sha512")
            .containsExactlyInAnyOrderElementsOf(mina);
        assertThat(ours.subList(1, ours.size())).isEqualTo(mina.stream()
            .filter(name -> !name.equals("mlkem768x25519-sha256")).toList());
    }

    @Test
    void hostKeyTypesKeepMinasOrder() {
        final List<String> mina = BaseBuilder.DEFAULT_SIGNATURE_PREFERENCE.stream().map(BuiltinSignatures::getName)
            .toList();
        final List<String> ours = SshDeviceConnector.SIGNATURES.stream().map(BuiltinSignatures::getName).toList();
        assertThat(ours).containsExactly("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
            "ssh-ed25519", "rsa-sha2-512", "rsa-sha2-256");
        assertThat(mina).containsSubsequence(ours);
    }

    private static List<KeyExchangeFactory> everyDefault() {
        return NamedFactory.setUpTransformedFactories(false, BaseBuilder.DEFAULT_KEX_PREFERENCE, ClientBuilder.DH2KEX);
    }

    private static List<String> names(final List<KeyExchangeFactory> factories) {
        return factories.stream().map(KeyExchangeFactory::getName).toList();
    }
}
