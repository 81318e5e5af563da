/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.ssh;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.opendaylight.openbsdpbr.api.device.CommitResult;
import org.opendaylight.openbsdpbr.api.device.DeviceException;
import org.opendaylight.openbsdpbr.api.device.DeviceStep;
import org.opendaylight.openbsdpbr.api.device.FailoverStatus;
import org.opendaylight.openbsdpbr.api.device.FileEntry;
import org.opendaylight.openbsdpbr.api.device.PendingConfirm;
import org.opendaylight.openbsdpbr.api.device.ProbeResult;
import org.opendaylight.openbsdpbr.api.device.RevertRecord;
import org.opendaylight.openbsdpbr.api.device.RunningConfig;

/** Turns replies of the router-side script into results and {@link DeviceException}s. */
final class Replies {
    private Replies() {
        // utility
    }

    /** The failure a non-ok reply stands for. Router text is scrubbed of secrets. */
    static DeviceException failure(final String router, final DeviceStep step, final AgentReply reply,
            final ExecResult result) {
        final String detail = Secrets.scrub(reply.detail());
        return switch (reply.status()) {
            case "lock-held" -> {
                final String[] words = reply.detail().split(" ");
                Optional<Instant> since = Optional.empty();
                if (words.length > 1) {
                    since = parseEpoch(words[1]);
                }
                yield new DeviceException.LockHeld(router, step, words[0].isEmpty() ? "unknown" : words[0], since);
            }
            case "disk-full" -> new DeviceException.DiskFull(router, step, detail);
            case "upload" -> new DeviceException.Upload(router, detail, null);
            case "validate" -> new DeviceException.Validate(router, Secrets.scrub(reply.message()));
            case "commit" -> new DeviceException.Commit(router, step, Secrets.scrub(reply.message()),
                reply.intValue("generation"));
            case "reverted" -> {
                final int[] numbers = numbers(reply.detail(), 2);
                yield new DeviceException.Reverted(router, step, numbers[0], numbers[1]);
            }
            case "not-locked", "no-candidate", "pending", "nothing-pending", "no-generation", "busy", "usage",
                 "internal", "probe" -> new DeviceException.Rejected(router, step, reply.status(), detail);
            case "" -> new DeviceException.Protocol(router, step, "no reply from the router-side script (exit status "
                + result.exitStatus() + "): " + firstLine(Secrets.scrub(result.stderrText())));
            default -> new DeviceException.Protocol(router, step, "unexpected reply: " + reply.status() + " "
                + detail);
        };
    }

    /** The {@code probe SENT RECEIVED} line of a probe's reply. */
    static ProbeResult probeResult(final String router, final AgentReply reply) throws DeviceException.Protocol {
        final String line = reply.value("probe").orElseThrow(() -> new DeviceException.Protocol(router,
            DeviceStep.PROBE, "reply without a probe line"));
        if (!line.matches("[0-9]{1,3} [0-9]{1,3}")) {
            throw new DeviceException.Protocol(router, DeviceStep.PROBE, "unexpected probe line: " + line);
        }
        final int[] counts = numbers(line, 2);
        return new ProbeResult(counts[0], counts[1]);
    }

    /** generation, previous and deadline lines of a commit, confirm, cancel-commit or rollback reply. */
    static CommitResult commitResult(final String router, final DeviceStep step, final AgentReply reply)
            throws DeviceException.Protocol {
        final OptionalInt generation = reply.intValue("generation");
        if (generation.isEmpty()) {
            throw new DeviceException.Protocol(router, step, "reply without a generation");
        }
        final int previous = reply.intValue("previous").orElse(generation.getAsInt());
        final Optional<Instant> deadline = reply.value("deadline").flatMap(Replies::parseEpoch);
        return new CommitResult(generation.getAsInt(), previous, deadline);
    }

    /** The reply of get-config. */
    static RunningConfig runningConfig(final String router, final AgentReply reply) throws DeviceException.Protocol {
        final OptionalInt generation = reply.intValue("generation");
        if (generation.isEmpty()) {
            throw new DeviceException.Protocol(router, DeviceStep.GET_CONFIG, "reply without a generation");
        }
        final var recorded = new ArrayList<FileEntry>();
        final var onDisk = new ArrayList<FileEntry>();
        try {
            for (String line : reply.values("managed")) {
                recorded.add(CandidateArchive.parseManifestLine(line));
            }
            for (String line : reply.values("file")) {
                onDisk.add(CandidateArchive.parseManifestLine(line));
            }
        } catch (IllegalArgumentException e) {
            throw new DeviceException.Protocol(router, DeviceStep.GET_CONFIG, e.getMessage(), e);
        }
        final Optional<PendingConfirm> pending = reply.value("pending").map(text -> {
            final int[] numbers = numbers(text, 3);
            return new PendingConfirm(numbers[0], numbers[1], Instant.ofEpochSecond(numbers[2]));
        });
        final Optional<RevertRecord> reverted = reply.value("reverted").map(text -> {
            final int[] numbers = numbers(text, 3);
            return new RevertRecord(numbers[0], numbers[1], Instant.ofEpochSecond(numbers[2]));
        });
        return RunningConfig.of(generation.getAsInt(), recorded, onDisk, pending, reverted)
            .withFailover(failover(reply.values("failover-event")));
    }

    /**
     * The failover-event lines of get-config ({@code EPOCH STATE}, oldest first; the last one is the state ifstated
     * is in), or empty when the router reports none (no failover, or ifstated never entered a state).
     */
    static Optional<FailoverStatus> failover(final List<String> lines) {
        final List<FailoverStatus.Event> events = new ArrayList<>();
        for (String line : lines) {
            final String[] words = line.trim().split("\\s+");
            if (words.length == 2) {
                parseEpoch(words[0]).ifPresent(at -> events.add(new FailoverStatus.Event(at, words[1])));
            }
        }
        return events.isEmpty() ? Optional.empty() : Optional.of(new FailoverStatus(events.get(events.size() - 1)
            .state(), events.subList(Math.max(0, events.size() - FailoverStatus.EVENTS), events.size())));
    }

    private static int[] numbers(final String text, final int count) {
        final String[] words = text.trim().split("\\s+");
        final int[] result = new int[count];
        for (int i = 0; i < count && i < words.length; i++) {
            try {
                result[i] = Integer.parseInt(words[i]);
            } catch (NumberFormatException e) {
                result[i] = 0;
            }
        }
        return result;
    }

    private static Optional<Instant> parseEpoch(final String text) {
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(text.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String firstLine(final String text) {
        final List<String> lines = text.lines().filter(line -> !line.isBlank()).toList();
        return lines.isEmpty() ? "(nothing on stderr)" : lines.get(0);
    }
}
