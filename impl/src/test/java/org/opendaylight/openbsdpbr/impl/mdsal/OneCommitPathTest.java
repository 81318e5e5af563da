/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.impl.controller.Fleet;
import org.opendaylight.openbsdpbr.impl.secret.KeyedDigest;

/**
 * No RPC talks to a router except through the router's reconciler: the RPC adapter is built from the fleet alone
 * (nothing else to reach a router with), and no source file of the MD-SAL glue but the one that wires the process
 * (OpenbsdPbrProvider) names the device session, the connector or the transaction engine; in the controller package
 * only the reconciler uses the transaction engine. The same as {@code grep}, run on every build.
 */
class OneCommitPathTest {
    private static final Path MAIN = Path.of("src", "main", "java", "org", "opendaylight", "openbsdpbr", "impl");
    private static final List<String> DEVICE_TYPES = List.of("DeviceSession", "DeviceConnector", "SshDeviceConnector",
        "DevicePush", "impl.device.", "impl.ssh.");

    @Test
    void theRpcsHoldNothingButTheFleet() {
        final Constructor<?>[] constructors = PbrRpcs.class.getDeclaredConstructors();
        assertThat(constructors).hasSize(1);
        // the fleet, the key that digests the revisions shown, this member's name (served-by) and the forwarder to
        // the member that manages a router (issue 13): nothing that reaches a router itself
        assertThat(constructors[0].getParameterTypes()).containsExactly(Fleet.class, KeyedDigest.class, String.class,
            OwnerCalls.class);
        assertThat(Arrays.stream(PbrRpcs.class.getDeclaredFields()).filter(field -> !Modifier.isStatic(
            field.getModifiers())).map(field -> field.getType().getName()))
            .containsExactlyInAnyOrder(Fleet.class.getName(), KeyedDigest.class.getName(), String.class.getName(),
                OwnerCalls.class.getName());
    }

    @Test
    void onlyTheWiringOfTheMdsalGlueNamesTheDeviceLayer() throws IOException {
        try (Stream<Path> files = Files.list(MAIN.resolve("mdsal"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                if (file.getFileName().toString().equals("OpenbsdPbrProvider.java")
                        || file.getFileName().toString().equals("RouterSpecs.java")) {
                    // the provider builds the connector and the engine; specs parse keys with SshKeys
                    continue;
                }
                final String source = Files.readString(file);
                for (String type : DEVICE_TYPES) {
                    assertThat(source).as(file + " must not reach a router itself").doesNotContain(type);
                }
            }
        }
    }

    @Test
    void inTheControllerOnlyTheReconcilerRunsTransactions() throws IOException {
        try (Stream<Path> files = Files.list(MAIN.resolve("controller"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                final String name = file.getFileName().toString();
                final String source = Files.readString(file);
                if (!name.equals("RouterReconciler.java")) {
                    assertThat(source).as(name).doesNotContainPattern("push\\.(push|rollback|confirm|cancelCommit|"
                        + "readConfig|readFiles|breakLock)\\(");
                }
                assertThat(source).as(name).doesNotContain("DeviceSession").doesNotContain("connector.open(");
            }
        }
    }
}
