/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.device;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;

/**
 * What {@link DeviceSession#getConfig()} reads back: the generation a router runs, the files that generation installed
 * (its manifest), and the same paths as they are on disk now, for check-sync and drift detection.
 *
 * @param generation the generation the router runs (0: nothing committed yet)
 * @param recorded the manifest of that generation, by path
 * @param onDisk the managed paths as found on disk, by path; a recorded path missing on disk is absent here
 * @param pending a confirmed commit waiting for its confirm
 * @param lastRevert the last revert the router made
 * @param failover the router's failover state and last state changes, when it runs failover (ifstated)
 */
public record RunningConfig(int generation, Map<String, FileEntry> recorded, Map<String, FileEntry> onDisk,
        Optional<PendingConfirm> pending, Optional<RevertRecord> lastRevert, Optional<FailoverStatus> failover) {
    public RunningConfig {
        if (generation < 0) {
            throw new IllegalArgumentException("negative generation");
        }
        recorded = Map.copyOf(recorded);
        onDisk = Map.copyOf(onDisk);
        requireNonNull(pending, "pending");
        requireNonNull(lastRevert, "lastRevert");
        requireNonNull(failover, "failover");
    }

    /** A router that reports no failover. */
    public RunningConfig(final int generation, final Map<String, FileEntry> recorded,
            final Map<String, FileEntry> onDisk, final Optional<PendingConfirm> pending,
            final Optional<RevertRecord> lastRevert) {
        this(generation, recorded, onDisk, pending, lastRevert, Optional.empty());
    }

    /** A copy with the router's failover status. */
    public RunningConfig withFailover(final Optional<FailoverStatus> newFailover) {
        return new RunningConfig(generation, recorded, onDisk, pending, lastRevert, newFailover);
    }

    /** Build from lists of entries. */
    public static RunningConfig of(final int generation, final List<FileEntry> recorded, final List<FileEntry> onDisk,
            final Optional<PendingConfirm> pending, final Optional<RevertRecord> lastRevert) {
        return new RunningConfig(generation, byPath(recorded), byPath(onDisk), pending, lastRevert);
    }

    /**
     * Paths where the router differs from the expected files: an expected file missing or different on disk (content,
     * owner, group or mode), or a file the router manages that is not expected.
     */
    public Set<String> differencesFrom(final FileSet expected) {
        final var result = new TreeSet<String>();
        for (ManagedFile file : expected.files().values()) {
            if (!FileEntry.of(file).equals(onDisk.get(file.path()))) {
                result.add(file.path());
            }
        }
        recorded.keySet().stream().filter(path -> expected.get(path).isEmpty()).forEach(result::add);
        return result;
    }

    /** Whether the router runs exactly the expected files. */
    public boolean isInSync(final FileSet expected) {
        return differencesFrom(expected).isEmpty();
    }

    /** Paths changed on the router since its generation installed them (edited by hand, removed, chmod-ed). */
    public Set<String> localChanges() {
        return recorded.values().stream()
            .filter(entry -> !entry.equals(onDisk.get(entry.path())))
            .map(FileEntry::path)
            .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, FileEntry> byPath(final List<FileEntry> entries) {
        return entries.stream().collect(Collectors.toUnmodifiableMap(FileEntry::path, Function.identity()));
    }
}
