/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.controller;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.api.device.DeviceConnector;
import org.opendaylight.openbsdpbr.api.device.DeviceSession;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.device.HostKeyPolicy;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.impl.compile.Compilations;
import org.opendaylight.openbsdpbr.impl.compile.CompileInputs;
import org.opendaylight.openbsdpbr.impl.compile.Compiled;

/**
 * What the rollout tests share (a single fleet's, and a cluster's of two members): in-memory routers behind one
 * connector, routers on the seed's intent listing the staged profile {@code branch}, the files they should run, and a
 * clock moved in steps of 100 ms.
 */
public final class RolloutFixtures {
    /** The reconciler tests' settings, seed intent and key. */
    public static final Duration CONFIRM = RouterReconcilerTest.CONFIRM;
    public static final ControllerSettings SETTINGS = RouterReconcilerTest.SETTINGS;
    public static final RouterIntent SEED = RouterReconcilerTest.SEED;
    public static final Credentials KEY = RouterReconcilerTest.KEY;

    private RolloutFixtures() {
        // static helpers
    }

    /** Profile {@code branch} with one table entry. */
    public static Profile profile(final String address) {
        return new Profile("branch", null, new SharedIntent(List.of(new PfTable("rollout_probe", null, true, false,
            List.of(address))), null, null, null, null, null, null));
    }

    /** A router with its own intent, listing profile {@code branch}. */
    public static RouterSpec spec(final String name, final RouterIntent intent) {
        return new RouterSpec(name, Optional.of(new DeviceTarget(name, "127.0.0.1", 22, "root", KEY,
            HostKeyPolicy.Pinned.of("SHA256:" + "A".repeat(43)))), null, Optional.of(intent), null,
            List.of("branch"), CONFIRM, false, true);
    }

    /** The files a router runs with this content of {@code branch} and this own intent. */
    public static FileSet files(final Compilations compilations, final String name, final Profile profile,
            final RouterIntent intent) {
        final var compiled = (Compiled.Ready) compilations.compile(CompileInputs.of(name, Optional.of(intent), null,
            List.of("branch"), found -> profile, Optional.of(new CompileInputs.Login("root", false))));
        return compiled.files();
    }

    /** Moves the clock by {@code duration} in steps of 100 ms. */
    public static void settle(final FakeTime time, final Duration duration) {
        for (Duration passed = Duration.ZERO; passed.compareTo(duration) < 0; passed = passed.plusMillis(100)) {
            time.advance(Duration.ofMillis(100));
        }
    }

    /**
     * The in-memory routers behind one connector.
     *
     * @param routers the routers by name
     * @param opened told the name of each router a session is opened to
     */
    public static DeviceConnector connector(final Map<String, FakeRouter> routers, final Consumer<String> opened) {
        return new DeviceConnector() {
            @Override
            public CompletionStage<DeviceSession> open(final DeviceTarget target, final String holder) {
                opened.accept(target.name());
                return routers.get(target.name()).open(target, holder);
            }

            @Override
            public String newHolder() {
                return routers.values().iterator().next().newHolder();
            }

            @Override
            public boolean isOwnKind(final String holder) {
                return holder.startsWith("odl-");
            }

            @Override
            public void close() {
                // in memory
            }
        };
    }
}
