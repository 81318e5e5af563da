/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.intent.IntentException;

class SealedSecretTest {
    /** The YANG pattern of pbrt:pppoe-secret, which the sealed form must match too. */
    private static final String PPPOE_PATTERN = "[!-&(-\\[\\]-~]+";

    private final SecretKeys keys = SecretKeys.generate();
    private final LegacyAaa aaa = new LegacyAaa();
    private final SealedSecret sealed = new SealedSecret(keys, aaa);

    @Test
    void sealsToAHeaderedSingleLineThatOpensToTheClearValue() {
        final String clear = "s3cr!t#pppoe";
        final String token = sealed.seal(clear);
        assertThat(token).startsWith("$pbr1$" + keys.currentId() + "$").doesNotContain(clear)
            .matches("\\$pbr1\\$[0-9a-f]{8}\\$[A-Za-z0-9+/]+=*");
        assertThat(SealedSecret.isSealed(token)).isTrue();
        assertThat(sealed.form(token)).isEqualTo(SealedSecret.Form.CURRENT);
        assertThat(sealed.open(token)).isEqualTo(clear);
        // nonce, ciphertext of the 12 bytes, 16-byte tag
        assertThat(body(token)).hasSize(12 + clear.length() + 16);
    }

    @Test
    void everySealingHasItsOwnNonceSoEqualAndSimilarValuesShareNothing() {
        final String first = sealed.seal("same");
        final String second = sealed.seal("same");
        assertThat(second).isNotEqualTo(first);
        assertThat(Arrays.copyOf(body(second), 12)).isNotEqualTo(Arrays.copyOf(body(first), 12));
        // AAA's service used its salt as a fixed IV: values with a known prefix leaked by XOR. Two private keys that
        // share their first 64 characters (as every ed25519 key file does) share no ciphertext byte pattern here.
        final String prefix = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ";
        final byte[] one = body(sealed.seal(prefix + "one"));
        final byte[] two = body(sealed.seal(prefix + "two"));
        assertThat(Arrays.copyOfRange(one, 12, 12 + prefix.length()))
            .isNotEqualTo(Arrays.copyOfRange(two, 12, 12 + prefix.length()));
        assertThat(sealed.open(sealed.seal(prefix + "one"))).isEqualTo(prefix + "one");
    }

    @Test
    void aesGcmUnderAaaHadOneIvSoEqualValuesSealedAlike() {
        // why AAA's service was replaced (and what a test of ours must never see again)
        assertThat(aaa.seal("same")).isEqualTo(aaa.seal("same"));
    }

    @Test
    void tamperingWithAnyPartIsDetected() {
        final String token = sealed.seal("tamper-me");
        final String header = token.substring(0, token.lastIndexOf('$') + 1);
        final byte[] body = body(token);
        // a bit of the nonce, of the ciphertext, of the tag
        for (int index : new int[] { 0, 14, body.length - 1 }) {
            final byte[] changed = body.clone();
            changed[index] ^= 1;
            final String altered = header + Base64.getEncoder().encodeToString(changed);
            assertThatThrownBy(() -> sealed.open(altered)).as("byte " + index).isInstanceOf(IntentException.class)
                .hasMessageContaining("altered").hasMessageNotContaining("tamper-me");
        }
        // a value cut short, a value that is not base64
        assertThatThrownBy(() -> sealed.open(header + "AAAA")).hasMessageContaining("not a sealed value");
        assertThatThrownBy(() -> sealed.open(header + "not base64!")).hasMessageContaining("not a sealed value");
        assertThatThrownBy(() -> sealed.open("$pbr1$short$AAAA")).hasMessageContaining("not a sealed value");
    }

    @Test
    void theKeyIdIsAuthenticated() {
        // the same body under another id of this ring: the header is associated data, so it does not open
        final SecretKeys rotated = keys.withNewSealKey();
        final SealedSecret both = new SealedSecret(rotated, null);
        final String token = sealed.seal("bound-to-its-id");
        final String moved = "$pbr1$" + rotated.currentId() + token.substring(token.lastIndexOf('$'));
        assertThatThrownBy(() -> both.open(moved)).isInstanceOf(IntentException.class)
            .hasMessageContaining("altered");
    }

    @Test
    void aValueSealedUnderAnotherKeyIsRefusedByItsIdWithoutEchoingIt() {
        final SecretKeys other = SecretKeys.generate();
        final String foreign = new SealedSecret(other, null).seal("other-controller");
        assertThat(sealed.form(foreign)).isEqualTo(SealedSecret.Form.OTHER_KEY);
        assertThatThrownBy(() -> sealed.open(foreign)).isInstanceOf(IntentException.class)
            .hasMessageContaining("sealed under key " + other.currentId())
            .hasMessageContaining("does not have").hasMessageContaining(keys.currentId())
            .hasMessageContaining("seal-secret").hasMessageNotContaining(foreign.substring(15, 30))
            .hasMessageNotContaining("other-controller");
        assertThatThrownBy(() -> sealed.reseal(foreign)).isInstanceOf(IntentException.class);
    }

    @Test
    void afterARotationOldValuesOpenAndAreSealedAgainUnderTheNewKey() {
        final String old = sealed.seal("rotate-me");
        final SealedSecret rotated = new SealedSecret(keys.withNewSealKey(), null);
        assertThat(rotated.form(old)).isEqualTo(SealedSecret.Form.OTHER_KEY);
        assertThat(rotated.open(old)).isEqualTo("rotate-me");
        final String again = rotated.reseal(old);
        assertThat(again).isNotEqualTo(old).startsWith("$pbr1$" + rotated.currentId() + "$");
        assertThat(rotated.form(again)).isEqualTo(SealedSecret.Form.CURRENT);
        assertThat(rotated.open(again)).isEqualTo("rotate-me");
        assertThat(rotated.reseal(again)).isSameAs(again);
        // the old controller cannot open what the new key sealed: it names the key it lacks
        assertThatThrownBy(() -> sealed.open(again)).hasMessageContaining(rotated.currentId());
    }

    @Test
    void valuesSealedByAaaAreOpenedAndSealedAgainOnUpgrade() {
        final String legacy = aaa.seal("from-an-earlier-version");
        assertThat(legacy).startsWith("$aaa$");
        assertThat(SealedSecret.isSealed(legacy)).isTrue();
        assertThat(sealed.form(legacy)).isEqualTo(SealedSecret.Form.LEGACY);
        assertThat(sealed.open(legacy)).isEqualTo("from-an-earlier-version");
        final String resealed = sealed.reseal(legacy);
        assertThat(resealed).startsWith("$pbr1$");
        assertThat(sealed.open(resealed)).isEqualTo("from-an-earlier-version");

        // a value AAA sealed under another controller's key, or with no AAA to open it
        final String foreign = new LegacyAaa().seal("elsewhere");
        assertThatThrownBy(() -> sealed.open(foreign)).isInstanceOf(IntentException.class)
            .hasMessageContaining("another controller").hasMessageNotContaining("elsewhere");
        assertThatThrownBy(() -> new SealedSecret(keys, null).open(legacy)).isInstanceOf(IntentException.class)
            .hasMessageContaining("AAA");
        assertThatThrownBy(() -> sealed.open("$aaa$not base64!")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> sealed.open("$aaa$AAAA")).isInstanceOf(IntentException.class);
    }

    @Test
    void clearValuesLeftByEarlierVersionsPassThroughAndAreSealedAgain() {
        assertThat(SealedSecret.isSealed("plain")).isFalse();
        assertThat(sealed.form("plain")).isEqualTo(SealedSecret.Form.CLEAR);
        assertThat(sealed.open("plain")).isEqualTo("plain");
        assertThat(sealed.open(sealed.reseal("plain"))).isEqualTo("plain");
    }

    @Test
    void aClearValueThatLooksSealedIsRefused() {
        final String token = sealed.seal("x");
        assertThatThrownBy(() -> sealed.seal(token)).isInstanceOf(IntentException.class)
            .hasMessageContaining("sealed already");
        assertThatThrownBy(() -> sealed.seal("$aaa$abc")).isInstanceOf(IntentException.class);
    }

    @Test
    void theLongestClearValuesStillFitTheirLeavesOnceSealed() {
        // pbrt:secret allows 512 characters so that a 255-character clear value still fits once sealed
        final String pppoe = sealed.seal("x".repeat(255));
        assertThat(pppoe.length()).isLessThanOrEqualTo(512);
        assertThat(pppoe).matches(PPPOE_PATTERN);
        // private-key allows 24576 characters for a 16384-character key
        assertThat(sealed.seal("k".repeat(16_384)).length()).isLessThanOrEqualTo(24_576);
        // UTF-8 is kept
        assertThat(sealed.open(sealed.seal("pässwörd"))).isEqualTo("pässwörd");
    }

    @Test
    void clearOnlyRefusesSealedValuesOfEitherForm() {
        assertThat(SecretOpener.CLEAR_ONLY.open("clear")).isEqualTo("clear");
        assertThatThrownBy(() -> SecretOpener.CLEAR_ONLY.open(sealed.seal("x"))).isInstanceOf(IntentException.class)
            .hasMessageContaining("give the clear value");
        assertThatThrownBy(() -> SecretOpener.CLEAR_ONLY.open(aaa.seal("x"))).isInstanceOf(IntentException.class);
    }

    private static byte[] body(final String token) {
        return Base64.getDecoder().decode(token.substring(token.lastIndexOf('$') + 1));
    }
}
