/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.lab;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opendaylight.openbsdpbr.api.device.Candidate;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.api.device.DeviceException;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.plan.ApplyPlan;
import org.opendaylight.openbsdpbr.api.plan.PlanStep;
import org.opendaylight.openbsdpbr.impl.device.DevicePush;
import org.opendaylight.openbsdpbr.impl.device.TimerThread;
import org.opendaylight.openbsdpbr.impl.render.ApplyPlanner;
import org.opendaylight.openbsdpbr.impl.ssh.SshDeviceConnector;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;
import org.opendaylight.openbsdpbr.impl.ssh.SshSettings;

/** A lab, a connector with short timeouts and a pusher, for tests. */
final class LabFixture implements AutoCloseable {
    static final Credentials KEY;

    static {
        try {
            KEY = new Credentials.Key(SshKeys.generateEd25519());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    final Lab lab;
    final SshDeviceConnector connector;
    final TimerThread timer = new TimerThread("lab-test-timer");
    final DevicePush push;

    LabFixture(final LabConfig config, final Duration timeout) throws IOException {
        lab = Lab.start(config);
        connector = new SshDeviceConnector(SshSettings.defaults().withTimeouts(timeout).withHolderPrefix("test"));
        push = new DevicePush(connector, ApplyPlanner::plan, timer);
    }

    LabFixture(final int routers) throws IOException {
        this(LabConfig.of(routers), Duration.ofSeconds(3));
    }

    DeviceTarget target(final String name) {
        return lab.target(name, KEY);
    }

    static <T> T await(final CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("did not complete: " + e, e);
        }
    }

    /** The device failure a stage ends with. */
    static DeviceException failure(final CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return DeviceException.find(e).orElseThrow(() -> new AssertionError("not a device failure", e));
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("did not complete: " + e, e);
        }
        throw new AssertionError("completed without a failure");
    }

    /** A small router configuration; {@code marker} makes each version different. */
    static FileSet files(final String marker) {
        return FileSet.of(List.of(
            ManagedFile.of("/etc/pf.conf", "set skip on lo\nblock in on pppoe0\npass out on pppoe0 # " + marker
                + "\npass in on em1\n"),
            ManagedFile.secretOf("/etc/hostname.pppoe0", "rdomain 1\ninet 0.0.0.0 255.255.255.255 NONE mtu 1454 "
                + "pppoedev em0 authproto chap authname 'user' authkey 'sekrit-" + marker + "' up\ndest 0.0.0.1\n"),
            ManagedFile.of("/etc/hostname.em1", "inet 192.168.1.1 255.255.255.0\n")));
    }

    /** A candidate from the router's empty baseline, with plans written by hand. */
    static Candidate candidate(final String marker) {
        return new Candidate(files(marker), new ApplyPlan(List.of(new PlanStep.Netstart("em1"),
            new PlanStep.Netstart("pppoe0"), new PlanStep.LoadPf())),
            new ApplyPlan(List.of(new PlanStep.LoadPf())));
    }

    @Override
    public void close() {
        connector.close();
        timer.close();
        lab.close();
    }
}
