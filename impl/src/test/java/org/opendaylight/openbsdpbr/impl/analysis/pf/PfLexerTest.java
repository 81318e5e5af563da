/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.pf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.impl.analysis.source.ModelException;

/** The tokenizer cuts pf.conf as pfctl's yylex does. */
class PfLexerTest {
    private static List<String> tokens(final String text) {
        final PfLexer lexer = new PfLexer("/etc/pf.conf", text);
        final List<String> tokens = new ArrayList<>();
        for (PfToken token = lexer.next(); token.kind() != PfToken.Kind.EOF; token = lexer.next()) {
            tokens.add(token.kind() + ":" + token.text().replace("\n", "\\n") + "@" + token.line());
        }
        return tokens;
    }

    @Test
    void wordsNumbersAndPunctuationAsPfctlCutsThem() {
        assertThat(tokens("match out on gif0 from { vport0:network, (gif0) } nat-to (gif0) port 5056:5071"
            + " probability 33.333333%\n")).containsExactly("WORD:match@1", "WORD:out@1", "WORD:on@1",
            "WORD:gif0@1", "WORD:from@1", "PUNCT:{@1", "WORD:vport0:network@1", "PUNCT:,@1", "PUNCT:(@1",
            "WORD:gif0@1", "PUNCT:)@1", "PUNCT:}@1", "WORD:nat-to@1", "PUNCT:(@1", "WORD:gif0@1", "PUNCT:)@1",
            "WORD:port@1", "WORD:5056:5071@1", "WORD:probability@1", "WORD:33.333333%@1", "NEWLINE:\\n@1");
    }

    @Test
    void anAddressWithALengthIsAWordASlashAndANumber() {
        assertThat(tokens("192.168.1.0/24 10/8 2001:db8::/32")).containsExactly("WORD:192.168.1.0@1",
            "PUNCT:/@1", "NUMBER:24@1", "NUMBER:10@1", "PUNCT:/@1", "NUMBER:8@1", "WORD:2001:db8::@1", "PUNCT:/@1",
            "NUMBER:32@1");
    }

    @Test
    void operatorsOfTwoCharacters() {
        assertThat(tokens("port != 80 port 1 >< 1024 port 5 <> 9 <martians> !<x>")).containsExactly(
            "WORD:port@1", "OPERATOR:!=@1", "NUMBER:80@1", "WORD:port@1", "NUMBER:1@1", "OPERATOR:><@1",
            "NUMBER:1024@1", "WORD:port@1", "NUMBER:5@1", "OPERATOR:<>@1", "NUMBER:9@1", "PUNCT:<@1",
            "WORD:martians@1", "PUNCT:>@1", "PUNCT:!@1", "PUNCT:<@1", "WORD:x@1", "PUNCT:>@1");
    }

    @Test
    void commentsContinuationsAndLines() {
        assertThat(tokens("# a comment\npass \\\n  quick # why\nblock")).containsExactly("NEWLINE:\\n@1",
            "WORD:pass@2", "WORD:quick@3", "NEWLINE:\\n@3", "WORD:block@4");
    }

    @Test
    void macrosExpandAtTheirUseOutsideQuotes() {
        final PfLexer lexer = new PfLexer("/etc/pf.conf", "\n\npass from $hosts to \"$hosts\"");
        lexer.define("hosts", "{ 192.168.1.20, 192.168.1.21 }");
        final List<String> tokens = new ArrayList<>();
        for (PfToken token = lexer.next(); token.kind() != PfToken.Kind.EOF; token = lexer.next()) {
            tokens.add(token.text() + "@" + token.line() + (token.macro() == null ? "" : "$" + token.macro()));
        }
        assertThat(tokens).containsExactly("\n@1", "\n@2", "pass@3", "from@3", "{@3$hosts", "192.168.1.20@3$hosts",
            ",@3$hosts", "192.168.1.21@3$hosts", "}@3$hosts", "to@3", "$hosts@3");
    }

    @Test
    void anUndefinedMacroOrAnOpenQuoteIsAnErrorWithItsLine() {
        assertThatThrownBy(() -> tokens("pass\npass from $nowhere")).isInstanceOf(ModelException.class)
            .hasMessage("/etc/pf.conf:2: macro 'nowhere' not defined");
        assertThatThrownBy(() -> tokens("\nlabel \"open")).isInstanceOf(ModelException.class)
            .hasMessage("/etc/pf.conf:2: unterminated quoted string");
    }
}
