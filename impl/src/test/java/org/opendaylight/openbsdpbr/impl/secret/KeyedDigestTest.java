/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyedDigestTest {
    /** SHA-256("abc") (FIPS 180-2), standing in for an unkeyed revision. */
    private static final String REVISION = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void theRevisionShownIsHmacSha256OverALabelAndTheRevision() {
        // KEY=$(printf 0123456789abcdef0123456789abcdef | xxd -p -c 64)
        // printf 'openbsd-pbr revision\0%s' "$REVISION" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$KEY
        final KeyedDigest digest = new KeyedDigest("0123456789abcdef0123456789abcdef"
            .getBytes(StandardCharsets.US_ASCII));
        assertThat(digest.revision(REVISION))
            .isEqualTo("3eb1766af85086904b9562e5f648c18b88fa9ca1b0f870dc613f0acef3e62dba");
    }

    @Test
    void equalRevisionsStayEqualUnderOneKeyAndDifferUnderAnother() {
        final SecretKeys keys = SecretKeys.generate();
        final String shown = keys.digest().revision(REVISION);
        assertThat(shown).matches("[0-9a-f]{64}").isNotEqualTo(REVISION);
        assertThat(keys.digest().revision(REVISION)).isEqualTo(shown);
        assertThat(keys.digest().revision("0".repeat(64))).isNotEqualTo(shown);
        assertThat(SecretKeys.generate().digest().revision(REVISION)).isNotEqualTo(shown);
    }
}
