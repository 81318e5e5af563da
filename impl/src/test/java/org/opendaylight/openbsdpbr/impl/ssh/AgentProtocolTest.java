/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentProtocolTest {
    @Test
    void commandsRunTheScriptWithFixedWords() {
        final String command = AgentProtocol.command(3, "lock", "odl:ab12-1", "600");
        assertThat(command).isEqualTo("exec /bin/sh \"${PBR_ROOT:-}/var/pbr/pbr-agent.sh\" -v 3 lock odl:ab12-1 600");
        assertThat(AgentProtocol.parseCommand(command)).contains(List.of("-v", "3", "lock", "odl:ab12-1", "600"));
    }

    @Test
    void wordsThatAShellWouldInterpretAreRefused() {
        for (String bad : List.of("a b", "x;reboot", "$(id)", "'q'", "a\nb", "", "a|b", "a>b", "*")) {
            assertThatThrownBy(() -> AgentProtocol.command(1, "lock", bad, "600"))
                .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void installStoresTheScriptByRenameAndPrintsItsVersion() {
        final String install = AgentProtocol.installCommand(7);
        assertThat(install).startsWith("umask 077 && mkdir -p \"${PBR_ROOT:-}/var/pbr\" && cat > ")
            .contains("mv -f").endsWith("-v 7 version");
        assertThat(AgentProtocol.parseInstall(install)).contains(7);
        assertThat(AgentProtocol.parseInstall("cat /etc/passwd")).isEqualTo(Optional.empty());
        assertThat(AgentProtocol.parseCommand(install)).isEmpty();
    }
}
