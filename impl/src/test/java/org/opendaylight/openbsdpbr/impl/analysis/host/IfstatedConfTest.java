/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.impl.analysis.source.ModelException;

class IfstatedConfTest {
    /** ifstated.conf(5)'s own examples: macros, link tests, a continued quoted macro, nested if, one-action blocks. */
    private static final String MANUAL = """
        links_up = "em0.link.up && em1.link.up"
        net = '( "ping -q -c 1 -w 1 192.168.0.1 > /dev/null" every 10 && \\
                 "ping -q -c 1 -w 1 192.168.0.2 > /dev/null" every 10 )'

        state one {
        \tinit {
        \t\trun "logger -t ifstated entering state one"
        \t\trun "ifconfig -g carp -carpdemote"
        \t}

        \tif ! $net || urndis0.link.up
        \t\tset-state two

        \tif ! $links_up {
        \t\trun "ifconfig -g carp carpdemote"

        \t\tif urndis0.link.down
        \t\t\tset-state three
        \t}
        }

        state two {
        \tif $net
        \t\tset-state one
        }

        state three {
        \tif $links_up
        \t\tset-state one
        }
        """;

    @Test
    void readsTheManualsExample() {
        final IfstatedConf conf = IfstatedConf.parse(IfstatedConf.PATH, MANUAL);
        assertThat(conf.initState()).isEqualTo("one");
        assertThat(conf.states()).containsOnlyKeys("one", "two", "three");
        final IfstatedConf.State one = conf.states().get("one");
        assertThat(IfstatedConf.commands(one.init())).containsExactly("logger -t ifstated entering state one",
            "ifconfig -g carp -carpdemote");
        assertThat(IfstatedConf.targets(one.body())).containsExactly("two", "three");
        final IfstatedConf.If first = (IfstatedConf.If) one.body().get(0);
        // "! $net || urndis0.link.up": the macro expands outside quotes, ! binds tighter than ||
        assertThat(first.test()).isEqualTo(new IfstatedConf.Binary(new IfstatedConf.Not(new IfstatedConf.Binary(
            new IfstatedConf.External("ping -q -c 1 -w 1 192.168.0.1 > /dev/null", 10), true,
            new IfstatedConf.External("ping -q -c 1 -w 1 192.168.0.2 > /dev/null", 10))), false,
            new IfstatedConf.Link("urndis0", "up")));
    }

    @Test
    void settlesWhereTheTestsLead() {
        final IfstatedConf conf = IfstatedConf.parse(IfstatedConf.PATH, MANUAL);
        final List<String> commands = new ArrayList<>();
        // ifstated expands a macro as text (parse.y's parsebuf), so "! $links_up" reads "! em0.link.up &&
        // em1.link.up", and ! binds tighter: with em0 down and em1 up it is true. The net answers, urndis0 is down:
        // state one's second block runs and its nested block moves to three, where $links_up is false
        final Set<String> up = Set.of("ping -q -c 1 -w 1 192.168.0.1 > /dev/null",
            "ping -q -c 1 -w 1 192.168.0.2 > /dev/null", "em1");
        final String state = conf.settle("one", leaf -> leaf instanceof IfstatedConf.External external
            ? up.contains(external.command()) : leaf instanceof IfstatedConf.Link link
                && up.contains(link.iface()) == "up".equals(link.state()), commands);
        assertThat(state).isEqualTo("three");
        assertThat(commands).containsExactly("ifconfig -g carp carpdemote");
    }

    @Test
    void refusesWhatIfstatedRefuses() {
        assertThatThrownBy(() -> IfstatedConf.parse(IfstatedConf.PATH, "state a {\n}\nstate a {\n}\n"))
            .isInstanceOf(ModelException.class).hasMessageContaining("state a already exists");
        assertThatThrownBy(() -> IfstatedConf.parse(IfstatedConf.PATH, "init-state b\nstate a {\n}\n"))
            .isInstanceOf(ModelException.class).hasMessageContaining("invalid start state b");
        assertThatThrownBy(() -> IfstatedConf.parse(IfstatedConf.PATH,
            "state a {\n\tif \"true\" every 0\n\t\tset-state a\n}\n"))
            .isInstanceOf(ModelException.class).hasMessageContaining("invalid interval: 0");
        assertThatThrownBy(() -> IfstatedConf.parse(IfstatedConf.PATH,
            "state a {\n\tif $nope\n\t\tset-state a\n}\n"))
            .isInstanceOf(ModelException.class).hasMessageContaining("macro 'nope' not defined");
    }
}
