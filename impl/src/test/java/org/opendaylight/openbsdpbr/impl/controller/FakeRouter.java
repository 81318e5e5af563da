/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.controller;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.opendaylight.openbsdpbr.api.device.Candidate;
import org.opendaylight.openbsdpbr.api.device.CommitRequest;
import org.opendaylight.openbsdpbr.api.device.CommitResult;
import org.opendaylight.openbsdpbr.api.device.DeviceConnector;
import org.opendaylight.openbsdpbr.api.device.DeviceException;
import org.opendaylight.openbsdpbr.api.device.DeviceSession;
import org.opendaylight.openbsdpbr.api.device.DeviceStep;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.device.FileEntry;
import org.opendaylight.openbsdpbr.api.device.PendingConfirm;
import org.opendaylight.openbsdpbr.api.device.Probe;
import org.opendaylight.openbsdpbr.api.device.ProbeResult;
import org.opendaylight.openbsdpbr.api.device.RevertRecord;
import org.opendaylight.openbsdpbr.api.device.RollbackRequest;
import org.opendaylight.openbsdpbr.api.device.RunningConfig;
import org.opendaylight.openbsdpbr.api.device.StoredGeneration;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;

/**
 * One router in memory, behind a {@link DeviceConnector}, with the agent's contract as far as the reconciler sees it:
 * generations kept, a lock with a holder, candidate, validation, confirmed commits that the router reverts by itself at
 * the deadline (on the {@link FakeTime} clock), confirm, cancel, rollback, read-back with files changed by hand. Faults
 * are switched on by the test: refused connections, a changed host key, a refused login, a lock held by someone, the
 * router's checks refusing, a management path that is cut after a commit. Every answer is immediate (completed
 * futures), except confirms the test chooses to hold.
 */
public final class FakeRouter implements DeviceConnector {
    private final String name;
    private final FakeTime time;
    private final AtomicInteger holders = new AtomicInteger();

    // the router's state, guarded by this
    private final Map<Integer, FileSet> generations = new HashMap<>(Map.of(0, FileSet.empty()));
    private int generation;
    private final Map<String, FileEntry> onDisk = new HashMap<>();
    private PendingConfirm pending;
    private RevertRecord lastRevert;
    private String lockHolder;
    private Candidate candidate;
    /** Files an admin wrote by hand, on disk beside what the generations install. */
    private FileSet handWritten = FileSet.empty();

    // faults
    private boolean refuse;
    private boolean hostKeyChanged;
    private boolean loginRefused;
    private String validateRefusal;
    /** Addresses whose echo requests get no answer. */
    private final java.util.Set<String> unanswered = new java.util.HashSet<>();
    private boolean cutAfterCommit;
    private boolean holdConfirms;
    private final List<Runnable> heldConfirms = new ArrayList<>();

    // what happened
    public final AtomicInteger commits = new AtomicInteger();
    final AtomicInteger downloads = new AtomicInteger();
    final AtomicInteger confirms = new AtomicInteger();
    final AtomicInteger cancels = new AtomicInteger();
    final AtomicInteger readBacks = new AtomicInteger();
    final AtomicInteger brokenLocks = new AtomicInteger();
    final AtomicInteger connects = new AtomicInteger();
    final AtomicInteger fileReads = new AtomicInteger();
    final AtomicInteger probes = new AtomicInteger();

    public FakeRouter(final String name, final FakeTime time) {
        this.name = name;
        this.time = time;
    }

    // --- faults and inspection ------------------------------------------------------------------------------------

    public synchronized void refuseConnections(final boolean value) {
        refuse = value;
    }

    synchronized void changeHostKey(final boolean value) {
        hostKeyChanged = value;
    }

    synchronized void refuseLogin(final boolean value) {
        loginRefused = value;
    }

    /** Echo requests to the address get no answer from now on. */
    synchronized void unanswered(final String address) {
        unanswered.add(address);
    }

    public synchronized void refuseValidation(final String message) {
        validateRefusal = message;
    }

    /** Every connection after the next commit is refused: the change cut the management path. */
    synchronized void cutManagementAfterCommit() {
        cutAfterCommit = true;
    }

    public synchronized void holdConfirms(final boolean value) {
        holdConfirms = value;
    }

    /** Lets the confirms that were held go through. */
    public void releaseConfirms() {
        final List<Runnable> held;
        synchronized (this) {
            held = new ArrayList<>(heldConfirms);
            heldConfirms.clear();
            holdConfirms = false;
        }
        held.forEach(Runnable::run);
    }

    /** Files found on disk that no generation installed (a router configured by hand). */
    synchronized void writtenByHand(final FileSet files) {
        handWritten = files;
    }

    synchronized void lockedBy(final String holder) {
        lockHolder = holder;
    }

    /** A controller session that is gone left this lock (its holder is of the controller's kind). */
    String staleControllerHolder() {
        return "odl-gone:" + holders.incrementAndGet();
    }

    public synchronized int generation() {
        return generation;
    }

    public synchronized FileSet running() {
        return generations.get(generation);
    }

    synchronized Optional<PendingConfirm> pending() {
        return Optional.ofNullable(pending);
    }

    /** Someone edits a file by hand on the router. */
    synchronized void editByHand(final String path) {
        final FileEntry entry = onDisk.get(path);
        onDisk.put(path, new FileEntry(path, entry.owner(), entry.group(), entry.mode(), "0".repeat(64)));
    }

    /** The router already runs these files, as generation {@code number} (set up before the test). */
    synchronized void runs(final int number, final FileSet files) {
        generations.put(number, files);
        install(number);
    }

    /** A controller that died left this confirmed commit waiting. */
    synchronized void leftPending(final FileSet files, final Duration timeout) {
        final int previous = generation;
        final int next = nextGeneration();
        generations.put(next, files);
        install(next);
        arm(next, previous, timeout);
    }

    // --- the connector --------------------------------------------------------------------------------------------

    @Override
    public CompletionStage<DeviceSession> open(final DeviceTarget target, final String holder) {
        connects.incrementAndGet();
        synchronized (this) {
            if (refuse) {
                return CompletableFuture.failedFuture(new DeviceException.Connect(name, "connection refused", null));
            }
            if (hostKeyChanged) {
                return CompletableFuture.failedFuture(new DeviceException.HostKey(name,
                    DeviceException.HostKey.Kind.CHANGED, "SHA256:" + "C".repeat(43)));
            }
            if (loginRefused) {
                return CompletableFuture.failedFuture(new DeviceException.Auth(name, "permission denied"));
            }
        }
        return CompletableFuture.completedFuture(new Session(holder));
    }

    @Override
    public String newHolder() {
        return "odl-test:" + holders.incrementAndGet();
    }

    @Override
    public boolean isOwnKind(final String holder) {
        return holder.startsWith("odl-");
    }

    @Override
    public void close() {
        // nothing to close
    }

    // --- the router -----------------------------------------------------------------------------------------------

    private int nextGeneration() {
        return generations.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    }

    private void install(final int number) {
        generation = number;
        onDisk.clear();
        generations.get(number).files().values().forEach(file -> onDisk.put(file.path(), FileEntry.of(file)));
    }

    private void arm(final int committed, final int previous, final Duration timeout) {
        final Instant deadline = time.now().plus(timeout);
        pending = new PendingConfirm(committed, previous, deadline);
        time.schedule(timeout, () -> revertIfPending(committed));
    }

    private synchronized void revertIfPending(final int committed) {
        if (pending != null && pending.generation() == committed) {
            final int previous = pending.previous();
            pending = null;
            install(previous);
            lastRevert = new RevertRecord(committed, previous, time.now());
        }
    }

    private synchronized RunningConfig config() {
        final List<FileEntry> recorded = generations.get(generation).files().values().stream().map(FileEntry::of)
            .toList();
        return RunningConfig.of(generation, recorded, List.copyOf(onDisk.values()), Optional.ofNullable(pending),
            Optional.ofNullable(lastRevert));
    }

    private final class Session implements DeviceSession {
        private final String holder;

        Session(final String holder) {
            this.holder = holder;
        }

        @Override
        public String router() {
            return name;
        }

        @Override
        public String holder() {
            return holder;
        }

        private <T> CompletionStage<T> fail(final DeviceException error) {
            return CompletableFuture.failedFuture(error);
        }

        private DeviceException notLocked(final DeviceStep step) {
            return new DeviceException.Rejected(name, step, "not-locked", "take the lock first");
        }

        @Override
        public CompletionStage<Void> lock() {
            synchronized (FakeRouter.this) {
                if (lockHolder != null && !lockHolder.equals(holder)) {
                    return fail(new DeviceException.LockHeld(name, DeviceStep.LOCK, lockHolder, Optional.empty()));
                }
                lockHolder = holder;
                return CompletableFuture.completedFuture(null);
            }
        }

        @Override
        public CompletionStage<Void> unlock() {
            synchronized (FakeRouter.this) {
                if (holder.equals(lockHolder)) {
                    lockHolder = null;
                }
                return CompletableFuture.completedFuture(null);
            }
        }

        @Override
        public CompletionStage<Void> breakLock(final String other) {
            synchronized (FakeRouter.this) {
                if (other.equals(lockHolder)) {
                    lockHolder = null;
                    brokenLocks.incrementAndGet();
                }
                return CompletableFuture.completedFuture(null);
            }
        }

        @Override
        public CompletionStage<Void> editCandidate(final Candidate staged) {
            synchronized (FakeRouter.this) {
                if (!holder.equals(lockHolder)) {
                    return fail(notLocked(DeviceStep.EDIT_CANDIDATE));
                }
                candidate = staged;
                return CompletableFuture.completedFuture(null);
            }
        }

        @Override
        public CompletionStage<Void> validate() {
            synchronized (FakeRouter.this) {
                if (validateRefusal != null) {
                    return fail(new DeviceException.Validate(name, validateRefusal));
                }
                return CompletableFuture.completedFuture(null);
            }
        }

        @Override
        public CompletionStage<CommitResult> commit(final CommitRequest request) {
            synchronized (FakeRouter.this) {
                if (!holder.equals(lockHolder)) {
                    return fail(notLocked(DeviceStep.COMMIT));
                }
                if (pending != null) {
                    return fail(new DeviceException.Rejected(name, DeviceStep.COMMIT, "pending", "generation "
                        + pending.generation() + " waits for confirm"));
                }
                commits.incrementAndGet();
                final int previous = generation;
                final int next = nextGeneration();
                generations.put(next, candidate.files());
                install(next);
                candidate = null;
                if (request.isConfirmed()) {
                    arm(next, previous, request.confirmTimeout().orElseThrow());
                }
                if (cutAfterCommit) {
                    refuse = true;
                    cutAfterCommit = false;
                }
                return CompletableFuture.completedFuture(new CommitResult(next, previous,
                    Optional.ofNullable(pending).map(PendingConfirm::deadline)));
            }
        }

        @Override
        public CompletionStage<CommitResult> confirm(final int wanted) {
            final CompletableFuture<CommitResult> answer = new CompletableFuture<>();
            final Runnable run = () -> {
                synchronized (FakeRouter.this) {
                    confirms.incrementAndGet();
                    if (pending == null) {
                        if (lastRevert != null && lastRevert.generation() == wanted) {
                            answer.completeExceptionally(new DeviceException.Reverted(name, DeviceStep.CONFIRM,
                                wanted, lastRevert.restored()));
                        } else if (wanted != 0 && wanted == generation) {
                            answer.complete(new CommitResult(generation, generation, Optional.empty()));
                        } else {
                            answer.completeExceptionally(new DeviceException.Rejected(name, DeviceStep.CONFIRM,
                                "nothing-pending", "no confirmed commit waits for confirm"));
                        }
                        return;
                    }
                    final int committed = pending.generation();
                    final int previous = pending.previous();
                    pending = null;
                    answer.complete(new CommitResult(committed, previous, Optional.empty()));
                }
            };
            synchronized (FakeRouter.this) {
                if (holdConfirms) {
                    heldConfirms.add(run);
                    return answer;
                }
            }
            run.run();
            return answer;
        }

        @Override
        public CompletionStage<CommitResult> cancelCommit() {
            synchronized (FakeRouter.this) {
                if (pending == null) {
                    return fail(new DeviceException.Rejected(name, DeviceStep.CANCEL_COMMIT, "nothing-pending",
                        "no confirmed commit waits for confirm"));
                }
                cancels.incrementAndGet();
                final int committed = pending.generation();
                final int previous = pending.previous();
                pending = null;
                install(previous);
                lastRevert = new RevertRecord(committed, previous, time.now());
                return CompletableFuture.completedFuture(new CommitResult(previous, committed, Optional.empty()));
            }
        }

        @Override
        public CompletionStage<CommitResult> rollback(final RollbackRequest request) {
            synchronized (FakeRouter.this) {
                if (!generations.containsKey(request.generation()) || request.generation() == 0) {
                    return fail(new DeviceException.Rejected(name, DeviceStep.ROLLBACK, "no-generation",
                        "generation " + request.generation() + " is not kept on this router"));
                }
                candidate = new Candidate(generations.get(request.generation()), request.plan(),
                    request.revertPlan());
            }
            return commit(request.commit());
        }

        @Override
        public CompletionStage<RunningConfig> getConfig() {
            readBacks.incrementAndGet();
            return CompletableFuture.completedFuture(config());
        }

        @Override
        public CompletionStage<StoredGeneration> getGeneration(final int wanted) {
            synchronized (FakeRouter.this) {
                downloads.incrementAndGet();
                final FileSet files = generations.get(wanted);
                return files == null ? fail(new DeviceException.Rejected(name, DeviceStep.GET_GENERATION,
                    "no-generation", "generation " + wanted + " is not kept"))
                    : CompletableFuture.completedFuture(new StoredGeneration(wanted, files));
            }
        }

        @Override
        public CompletionStage<FileSet> readFiles() {
            synchronized (FakeRouter.this) {
                fileReads.incrementAndGet();
                final var files = new TreeMap<String, ManagedFile>(handWritten.files());
                files.putAll(generations.get(generation).files());
                return CompletableFuture.completedFuture(FileSet.of(files.values()));
            }
        }

        @Override
        public CompletionStage<ProbeResult> probe(final Probe probe) {
            synchronized (FakeRouter.this) {
                probes.incrementAndGet();
                return CompletableFuture.completedFuture(new ProbeResult(probe.count(),
                    unanswered.contains(probe.address()) ? 0 : probe.count()));
            }
        }

        @Override
        public void close() {
            // the router keeps its lock until unlocked or abandoned
        }
    }

    /** A file set with one file of the given content (tests). */
    static FileSet files(final String content) {
        return FileSet.of(List.of(new ManagedFile("/etc/pf.conf", "root", "wheel", 0600, content, false)));
    }
}
