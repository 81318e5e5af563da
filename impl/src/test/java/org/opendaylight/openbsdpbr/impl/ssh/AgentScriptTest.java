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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentScriptTest {
    @Test
    void bundledScriptDeclaresItsVersion() {
        final AgentScript script = AgentScript.bundled();
        assertThat(script.version()).isPositive();
        assertThat(new String(script.content(), StandardCharsets.UTF_8)).startsWith("#!/bin/sh\n")
            .contains("VERSION=" + script.version() + "\n");
        assertThatThrownBy(() -> AgentScript.versionOf("#!/bin/sh\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bundledScriptParsesUnderPosixSh(@TempDir final Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
        final Path file = dir.resolve("pbr-agent.sh");
        Files.write(file, AgentScript.bundled().content());
        final Process process = new ProcessBuilder("/bin/sh", "-n", file.toString()).redirectErrorStream(true)
            .start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }
}
