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

import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.intent.IntentException;

class SealedSecretTest {
    private final SealedSecret sealed = new SealedSecret(new TestBox());

    @Test
    void sealsToAPrefixedSingleLineThatOpensToTheClearValue() {
        final String clear = "s3cr!t#pppoe";
        final String token = sealed.seal(clear);
        assertThat(token).startsWith("$aaa$").doesNotContain(clear).matches("\\$aaa\\$[A-Za-z0-9+/]+=*");
        assertThat(SealedSecret.isSealed(token)).isTrue();
        assertThat(sealed.open(token)).isEqualTo(clear);
    }

    @Test
    void sealingIsRandomisedAndIdempotentOnSealedValues() {
        final String first = sealed.seal("same");
        assertThat(sealed.seal("same")).isNotEqualTo(first);
        assertThat(sealed.seal(first)).isSameAs(first);
    }

    @Test
    void clearValuesPassThroughOpen() {
        assertThat(SealedSecret.isSealed("plain")).isFalse();
        assertThat(sealed.open("plain")).isEqualTo("plain");
    }

    @Test
    void aSealedPppoeSecretOfTheLongestClearValueFitsTheYangLength() {
        // pbrt:secret allows 512 characters so that a 255-character clear value still fits once sealed
        final String token = sealed.seal("x".repeat(255));
        assertThat(token.length()).isLessThanOrEqualTo(512);
        assertThat(token).matches("[!-&(-\\[\\]-~]+");
    }

    @Test
    void aValueSealedWithAnotherKeyIsRefusedWithoutEchoingIt() {
        final String foreign = new SealedSecret(new TestBox()).seal("other-controller");
        assertThatThrownBy(() -> sealed.open(foreign)).isInstanceOf(IntentException.class)
            .hasMessageContaining("another controller").hasMessageNotContaining(foreign.substring(5, 20));
        assertThatThrownBy(() -> sealed.open("$aaa$not base64!")).isInstanceOf(IntentException.class)
            .hasMessageContaining("not base64");
    }

    @Test
    void clearOnlyRefusesSealedValues() {
        assertThat(SecretOpener.CLEAR_ONLY.open("clear")).isEqualTo("clear");
        assertThatThrownBy(() -> SecretOpener.CLEAR_ONLY.open(sealed.seal("x"))).isInstanceOf(IntentException.class)
            .hasMessageContaining("give the clear value");
    }
}
