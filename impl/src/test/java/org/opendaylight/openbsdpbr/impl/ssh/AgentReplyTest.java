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
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class AgentReplyTest {
    @Test
    void okReplyWithData() {
        final AgentReply reply = AgentReply.parse("pbr-agent 1\ngeneration 5\nprevious 4\ndeadline 1700000000\n@ok\n");
        assertThat(reply.isOk()).isTrue();
        assertThat(reply.version()).hasValue(1);
        assertThat(reply.intValue("generation")).hasValue(5);
        assertThat(reply.value("deadline")).contains("1700000000");
        assertThat(reply.intValue("missing")).isEmpty();
    }

    @Test
    void errorReplyWithMessages() {
        final AgentReply reply = AgentReply.parse(
            "pbr-agent 1\nmsg /etc/pf.conf:3: syntax error\nmsg second\n@error validate the checks refused it\n");
        assertThat(reply.isOk()).isFalse();
        assertThat(reply.status()).isEqualTo("validate");
        assertThat(reply.detail()).isEqualTo("the checks refused it");
        assertThat(reply.message()).isEqualTo("/etc/pf.conf:3: syntax error\nsecond");
    }

    @Test
    void missingScriptHasNoVersionAndNoStatus() {
        final AgentReply reply = AgentReply.parse("");
        assertThat(reply.version()).isEqualTo(OptionalInt.empty());
        assertThat(reply.isComplete()).isFalse();
    }

    @Test
    void renderedRepliesParseBack() {
        assertThat(AgentReply.parse(AgentReply.ok(2, List.of("generation 1")))).isEqualTo(
            new AgentReply(OptionalInt.of(2), List.of("generation 1"), "ok", ""));
        assertThat(AgentReply.parse(AgentReply.error(2, List.of(), "lock-held", "h 12")).detail()).isEqualTo("h 12");
    }
}
