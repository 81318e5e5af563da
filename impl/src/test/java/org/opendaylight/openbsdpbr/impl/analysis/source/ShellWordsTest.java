/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Words as sh(1) splits a line (expected answers are what {@code set -- LINE; printf '%s\n' "$@"} prints). */
class ShellWordsTest {
    @Test
    void blanksSeparateWordsAndRunsOfBlanksAreOne() {
        final ShellWords split = ShellWords.of("  inet 0.0.0.0\t255.255.255.255   NONE ");
        assertThat(split.words()).containsExactly("inet", "0.0.0.0", "255.255.255.255", "NONE");
        assertThat(split.quoteOpen()).isFalse();
    }

    @Test
    void quotesKeepBlanksAndAreRemoved() {
        // the seed's PPPoE line: authname 'user' authkey 'hunter2'; description "IPv4 PPPoE"
        assertThat(ShellWords.of("description \"IPv4 PPPoE\" authkey 'a b#c'").words())
            .containsExactly("description", "IPv4 PPPoE", "authkey", "a b#c");
    }

    @Test
    void aQuotedPartBelongsToItsWord() {
        assertThat(ShellWords.of("x'y z'w \"\" ''").words()).containsExactly("xy zw", "", "");
        assertThat(ShellWords.of("say \"it's\" 'a \"b\"'").words()).containsExactly("say", "it's", "a \"b\"");
    }

    @Test
    void anUnclosedQuoteIsReportedAndRunsToTheEnd() {
        final ShellWords split = ShellWords.of("authkey 'secret and more");
        assertThat(split.quoteOpen()).isTrue();
        assertThat(split.words()).containsExactly("authkey", "secret and more");
        assertThat(ShellWords.of("").words()).isEmpty();
    }
}
