/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.lab;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.opendaylight.openbsdpbr.api.device.DeviceConnector;
import org.opendaylight.openbsdpbr.api.device.FileEntry;
import org.opendaylight.openbsdpbr.api.device.PendingConfirm;
import org.opendaylight.openbsdpbr.api.device.RevertRecord;
import org.opendaylight.openbsdpbr.api.files.Hashing;
import org.opendaylight.openbsdpbr.impl.ssh.AgentProtocol;
import org.opendaylight.openbsdpbr.impl.ssh.AgentScript;
import org.opendaylight.openbsdpbr.impl.ssh.CandidateArchive;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;

/**
 * One simulated OpenBSD router: a virtual {@code /etc}, generations, a lock, a candidate and a revert timer, answering
 * the router-side script's subcommands as {@code pbr-agent.sh} does on OpenBSD (emulated in Java, so that a thousand
 * routers need no thousand shells). Until the adapter installs the script, the router answers like a router without
 * it. Any other command line is refused as "not found": the controller may only run the script's fixed commands.
 *
 * <p>All state is guarded by this object; the methods are fast and never block.
 */
public final class LabRouter {
    /** Generations kept, besides the baseline 0, the current one and the one a pending confirm restores. */
    public static final int KEEP = 10;
    /** Interfaces every lab router has (physical ones and the ones the kernel creates). */
    public static final Set<String> BASE_INTERFACES = Set.of("em0", "em1", "em2", "lo0", "enc0", "pflog0");

    private static final Pattern PLAN_LINE = Pattern.compile("(before )?((netstart|destroy) [a-z]{1,10}[0-9]{1,4}"
        + "|pfctl-load|rcctl (enable|disable|start|stop|restart|reload) (unwind|sshd|unbound|dhcpleased|slaacd"
        + "|resolvd))");
    private static final String BEFORE = "before ";
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");
    private static final Pattern PATH = Pattern.compile("/etc/[A-Za-z0-9._/-]{1,100}");
    private static final String DEFAULT_PF = """
        #\t$OpenBSD: pf.conf,v 1.55 2017/12/03 20:40:04 sthen Exp $
        set skip on lo
        block return\t# block stateless traffic
        pass\t\t# establish keep-state
        """;

    /** Told when a router's management path comes back (the lab binds its port again). */
    interface Listener {
        void managementRestored(LabRouter router);
    }

    private record Generation(int number, List<FileEntry> manifest, Map<String, byte[]> files, String plan,
            String revertPlan, Map<String, LabFile> backups) {
        static final Generation EMPTY = new Generation(0, List.of(), Map.of(), "", "", Map.of());

        boolean manages(final String path) {
            return manifest.stream().anyMatch(entry -> entry.path().equals(path));
        }
    }

    private record Pending(int generation, int previous, long deadline, ScheduledFuture<?> timer) {
    }

    private record LockState(String holder, long lastUse, long lifetime) {
    }

    private final String name;
    private final KeyPair hostKey;
    private final ScheduledExecutorService timers;
    private final Listener listener;

    private final TreeMap<String, LabFile> etc = new TreeMap<>();
    private final TreeMap<Integer, Generation> generations = new TreeMap<>();
    private final EnumMap<LabFault, String> faults = new EnumMap<>(LabFault.class);
    private final List<String> commandsRun = new ArrayList<>();
    private int current;
    private Pending pending;
    private RevertRecord lastRevert;
    private LockState lock;
    private CandidateArchive.Contents candidate;
    private Integer agentVersion;
    private KeyPair changedKey;
    private int authAttempts;
    private int reverts;
    private boolean managementLost;

    LabRouter(final String name, final KeyPair hostKey, final ScheduledExecutorService timers,
            final Listener listener) {
        this.name = requireNonNull(name);
        this.hostKey = requireNonNull(hostKey);
        this.timers = requireNonNull(timers);
        this.listener = requireNonNull(listener);
        etc.put("/etc/pf.conf", LabFile.text(DEFAULT_PF));
        etc.put("/etc/hostname.em0", LabFile.text("inet autoconf\n"));
        etc.put("/etc/ssh/sshd_config", LabFile.text("PermitRootLogin prohibit-password\n"));
        generations.put(0, Generation.EMPTY);
    }

    public String name() {
        return name;
    }

    /** The fingerprint of the router's own host key. */
    public String hostKeyFingerprint() {
        return SshKeys.fingerprint(hostKey.getPublic());
    }

    /** The key the router presents now (another one while {@link LabFault#HOSTKEY_CHANGED} is set). */
    public synchronized KeyPair presentedHostKey() {
        if (!faults.containsKey(LabFault.HOSTKEY_CHANGED)) {
            return hostKey;
        }
        if (changedKey == null) {
            try {
                changedKey = SshKeys.generateEd25519();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot generate a key", e);
            }
        }
        return changedKey;
    }

    // --- faults --------------------------------------------------------------------------------------------------

    /** Set a fault, with its argument (may be empty). */
    public synchronized void setFault(final LabFault fault, final String argument) {
        faults.put(fault, requireNonNull(argument));
    }

    public synchronized void clearFault(final LabFault fault) {
        faults.remove(fault);
        if (fault == LabFault.LOSE_MGMT) {
            restoreManagement();
        }
    }

    public synchronized void clearFaults() {
        faults.clear();
        restoreManagement();
    }

    public synchronized boolean hasFault(final LabFault fault) {
        return faults.containsKey(fault);
    }

    /** The argument of a fault that is set. */
    public synchronized Optional<String> faultArgument(final LabFault fault) {
        return Optional.ofNullable(faults.get(fault));
    }

    public synchronized Map<LabFault, String> faults() {
        return Collections.unmodifiableMap(new EnumMap<>(faults));
    }

    // --- what tests and the control interface read ---------------------------------------------------------------

    public synchronized int generation() {
        return current;
    }

    public synchronized Optional<PendingConfirm> pending() {
        return Optional.ofNullable(pending).map(p -> new PendingConfirm(p.generation, p.previous,
            Instant.ofEpochSecond(p.deadline)));
    }

    public synchronized Optional<RevertRecord> lastRevert() {
        return Optional.ofNullable(lastRevert);
    }

    /** How many reverts (timer, late confirm, cancel-commit) the router made. */
    public synchronized int reverts() {
        return reverts;
    }

    public synchronized Optional<String> lockHolder() {
        return Optional.ofNullable(lock).map(LockState::holder);
    }

    public synchronized OptionalInt agentVersion() {
        return agentVersion == null ? OptionalInt.empty() : OptionalInt.of(agentVersion);
    }

    /** Authentication attempts seen (zero proves a refused host key stopped the client before credentials). */
    public synchronized int authAttempts() {
        return authAttempts;
    }

    public synchronized boolean isManagementLost() {
        return managementLost;
    }

    /** The plan commands the router ran, in order, as OpenBSD commands. */
    public synchronized List<String> commandsRun() {
        return List.copyOf(commandsRun);
    }

    /** A file of the virtual /etc. */
    public synchronized Optional<LabFile> file(final String path) {
        return Optional.ofNullable(etc.get(path));
    }

    /** Every path of the virtual /etc. */
    public synchronized Set<String> paths() {
        return Set.copyOf(etc.keySet());
    }

    /** Change a file by hand, as an administrator would (drift); an empty text removes it. */
    public synchronized void editByHand(final String path, final String text) {
        if (text.isEmpty()) {
            etc.remove(path);
        } else {
            final LabFile old = etc.get(path);
            etc.put(path, old == null ? LabFile.text(text)
                : new LabFile(old.owner(), old.group(), old.mode(), text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Generations kept on the router. */
    public synchronized Set<Integer> generations() {
        return Set.copyOf(generations.keySet());
    }

    synchronized void countAuthAttempt() {
        authAttempts++;
    }

    // --- the router-side script, emulated ------------------------------------------------------------------------

    /** Answer one command line with its stdin, as the router (with or without the script) would. */
    synchronized LabReply execute(final String command, final byte[] stdin) {
        final Optional<Integer> install = AgentProtocol.parseInstall(command);
        if (install.isPresent()) {
            final int declared;
            try {
                declared = AgentScript.versionOf(new String(stdin, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return LabReply.raw(1, new byte[0], "/bin/sh: pbr-agent.sh: syntax error\n");
            }
            agentVersion = declared;
            return declared == install.orElseThrow() ? LabReply.ok(declared, List.of())
                : LabReply.error(declared, List.of(), "version", Integer.toString(declared));
        }
        final Optional<List<String>> parsed = AgentProtocol.parseCommand(command);
        if (parsed.isEmpty()) {
            final String first = command.isBlank() ? "" : command.trim().split("\\s+")[0];
            return LabReply.raw(127, new byte[0], "ksh: " + first + ": not found\n");
        }
        if (agentVersion == null) {
            return LabReply.raw(127, new byte[0], "/bin/sh: /var/pbr/pbr-agent.sh: No such file or directory\n");
        }
        final List<String> words = parsed.orElseThrow();
        final int version = agentVersion;
        if (words.size() < 3 || !"-v".equals(words.get(0))) {
            return LabReply.error(version, List.of(), "usage", "pbr-agent.sh -v VERSION SUBCOMMAND ...");
        }
        if (!words.get(1).equals(Integer.toString(version))) {
            return LabReply.error(version, List.of(), "version", Integer.toString(version));
        }
        final String sub = words.get(2);
        final List<String> args = words.subList(3, words.size());
        return switch (sub) {
            case "version" -> LabReply.ok(version, List.of());
            case "lock" -> lock(args);
            case "unlock" -> unlock(args);
            case "edit-candidate" -> editCandidate(args, stdin);
            case "validate" -> validate(args);
            case "commit" -> commit(args);
            case "confirm" -> confirm(args);
            case "cancel-commit" -> cancelCommit(args);
            case "rollback" -> rollback(args, stdin);
            case "get-config" -> getConfig();
            case "show-generation" -> showGeneration(args);
            default -> LabReply.error(version, List.of(), "usage", "unknown subcommand");
        };
    }

    private LabReply lock(final List<String> args) {
        if (args.size() != 2 || !isHolder(args.get(0)) || !NUMBER.matcher(args.get(1)).matches()) {
            return usage("lock HOLDER TTL");
        }
        final long now = now();
        if (lock == null || lock.holder.equals(args.get(0)) || now - lock.lastUse > lock.lifetime) {
            lock = new LockState(args.get(0), now, Long.parseLong(args.get(1)));
            return ok(List.of());
        }
        return error(List.of("holder " + lock.holder, "since " + lock.lastUse), "lock-held",
            lock.holder + " " + lock.lastUse);
    }

    private LabReply unlock(final List<String> args) {
        if (args.size() != 1 || !isHolder(args.get(0))) {
            return usage("unlock HOLDER");
        }
        if (lock == null) {
            return ok(List.of());
        }
        if (!lock.holder.equals(args.get(0))) {
            return error(List.of(), "not-locked", "held by " + lock.holder);
        }
        lock = null;
        return ok(List.of());
    }

    /** The reply refusing a caller without the lock, or null (and the lock's last use refreshed). */
    private LabReply checkLock(final String holder) {
        if (lock == null) {
            return error(List.of(), "not-locked", "take the lock first");
        }
        if (!lock.holder.equals(holder)) {
            return error(List.of(), "not-locked", "held by " + lock.holder);
        }
        lock = new LockState(lock.holder, now(), lock.lifetime);
        return null;
    }

    private LabReply checkNotForeign(final String holder) {
        if (lock == null || lock.holder.equals(holder)) {
            return null;
        }
        return error(List.of("holder " + lock.holder), "lock-held", lock.holder + " " + lock.lastUse);
    }

    private LabReply editCandidate(final List<String> args, final byte[] stdin) {
        if (args.size() != 1 || !isHolder(args.get(0))) {
            return usage("edit-candidate HOLDER");
        }
        final LabReply refused = checkLock(args.get(0));
        if (refused != null) {
            return refused;
        }
        if (faults.containsKey(LabFault.DISK_FULL)) {
            return error(List.of(), "disk-full", "tar: write error: No space left on device");
        }
        final CandidateArchive.Contents contents;
        try {
            contents = CandidateArchive.read(stdin);
        } catch (IllegalArgumentException e) {
            return error(List.of(), "upload", "the archive did not arrive complete: " + e.getMessage());
        }
        final String problem = checkStaged(contents);
        if (problem != null) {
            return error(List.of(), "upload", problem);
        }
        candidate = contents;
        return ok(List.of("files " + contents.manifest().size()));
    }

    private static String checkStaged(final CandidateArchive.Contents contents) {
        for (String line : (contents.plan() + contents.revertPlan()).split("\n")) {
            if (!line.isEmpty() && !PLAN_LINE.matcher(line).matches()) {
                return "plan line outside the vocabulary";
            }
        }
        final var seen = new HashMap<String, FileEntry>();
        for (FileEntry entry : contents.manifest()) {
            if (!PATH.matcher(entry.path()).matches() || entry.path().contains("..")) {
                return "malformed manifest line";
            }
            if (seen.put(entry.path(), entry) != null) {
                return "a path listed twice";
            }
            final byte[] content = contents.files().get(entry.path());
            if (content == null) {
                return "missing " + entry.path();
            }
            if (!Hashing.sha256Hex(content).equals(entry.sha256())) {
                return "damaged " + entry.path();
            }
        }
        if (contents.files().size() != contents.manifest().size()) {
            return "files not in the manifest";
        }
        return null;
    }

    private LabReply validate(final List<String> args) {
        if (args.size() != 1 || !isHolder(args.get(0))) {
            return usage("validate HOLDER");
        }
        final LabReply refused = checkLock(args.get(0));
        if (refused != null) {
            return refused;
        }
        if (candidate == null) {
            return error(List.of(), "no-candidate", "edit the candidate first");
        }
        final List<String> messages;
        if (faults.containsKey(LabFault.FAIL_VALIDATE)) {
            final String message = faults.get(LabFault.FAIL_VALIDATE);
            messages = List.of(message.isEmpty() ? "/etc/pf.conf:1: syntax error" : message);
        } else {
            messages = LabValidator.check(candidate, unmanagedInterfaces());
        }
        if (messages.isEmpty()) {
            return ok(List.of());
        }
        return error(messages.stream().map(message -> "msg " + message).toList(), "validate",
            "the router's checks refused the candidate");
    }

    /** Interfaces whose hostname files exist on disk but are not managed (they stay whatever the candidate says). */
    private Set<String> unmanagedInterfaces() {
        final Generation running = generations.get(current);
        final var result = new java.util.HashSet<>(BASE_INTERFACES);
        for (String path : etc.keySet()) {
            if (path.startsWith("/etc/hostname.") && !running.manages(path)) {
                result.add(path.substring("/etc/hostname.".length()));
            }
        }
        return result;
    }

    private LabReply commit(final List<String> args) {
        if (args.size() != 2 || !isHolder(args.get(0)) || !NUMBER.matcher(args.get(1)).matches()) {
            return usage("commit HOLDER SECONDS");
        }
        final LabReply refused = checkLock(args.get(0));
        if (refused != null) {
            return refused;
        }
        return commitCandidate(Integer.parseInt(args.get(1)));
    }

    private LabReply commitCandidate(final int seconds) {
        if (pending != null) {
            return error(List.of(), "pending", "generation " + pending.generation + " waits for confirm until "
                + pending.deadline);
        }
        if (candidate == null) {
            return error(List.of(), "no-candidate", "edit the candidate first");
        }
        final int previous = current;
        final int number = generations.lastKey() + 1;
        final Generation from = generations.get(previous);
        final var backups = new HashMap<String, LabFile>();
        for (FileEntry entry : candidate.manifest()) {
            if (from.manages(entry.path())) {
                final LabFile kept = from.backups.get(entry.path());
                if (kept != null) {
                    backups.put(entry.path(), kept);
                }
            } else if (etc.containsKey(entry.path())) {
                backups.put(entry.path(), etc.get(entry.path()));
            }
        }
        final var generation = new Generation(number, candidate.manifest(), copy(candidate.files()),
            candidate.plan(), candidate.revertPlan(), Map.copyOf(backups));
        generations.put(number, generation);
        candidate = null;
        switchTo(generation, from);
        current = number;
        final String planError = runPlan(generation.plan);
        if (planError != null) {
            switchTo(from, generation);
            current = previous;
            runPlan(generation.revertPlan);
            generations.remove(number);
            return error(List.of("msg " + planError, "generation " + previous), "commit",
                "apply plan failed (" + planError + "); generation " + previous + " restored");
        }
        final var data = new ArrayList<>(List.of("generation " + number, "previous " + previous));
        if (seconds > 0) {
            final long deadline = now() + seconds;
            final ScheduledFuture<?> timer = timers.schedule(() -> revertAfter(number), seconds, TimeUnit.SECONDS);
            pending = new Pending(number, previous, deadline, timer);
            data.add("deadline " + deadline);
        }
        prune();
        final LabReply reply = ok(data);
        if (faults.containsKey(LabFault.LOSE_MGMT)) {
            managementLost = true;
            return reply.losingManagement();
        }
        return reply;
    }

    private LabReply confirm(final List<String> args) {
        if (args.size() != 2 || !isHolder(args.get(0)) || !NUMBER.matcher(args.get(1)).matches()) {
            return usage("confirm HOLDER GEN");
        }
        final LabReply refused = checkNotForeign(args.get(0));
        if (refused != null) {
            return refused;
        }
        final int wanted = Integer.parseInt(args.get(1));
        if (pending != null && (wanted == 0 || wanted == pending.generation)) {
            final Pending confirmed = pending;
            if (now() >= confirmed.deadline) {
                revert();
                return error(List.of("reverted " + confirmed.generation + " " + confirmed.previous), "reverted",
                    confirmed.generation + " " + confirmed.previous);
            }
            confirmed.timer.cancel(false);
            pending = null;
            return ok(List.of("generation " + confirmed.generation, "previous " + confirmed.previous));
        }
        if (lastRevert != null && (wanted == lastRevert.generation()
                || wanted == 0 && lastRevert.generation() > current)) {
            return error(List.of("reverted " + lastRevert.generation() + " " + lastRevert.restored()), "reverted",
                lastRevert.generation() + " " + lastRevert.restored());
        }
        if (wanted != 0 && wanted == current) {
            return ok(List.of("generation " + current, "previous " + current));
        }
        return error(List.of(), "nothing-pending", "no confirmed commit waits for confirm");
    }

    private LabReply cancelCommit(final List<String> args) {
        if (args.size() != 1 || !isHolder(args.get(0))) {
            return usage("cancel-commit HOLDER");
        }
        final LabReply refused = checkNotForeign(args.get(0));
        if (refused != null) {
            return refused;
        }
        if (pending == null) {
            return error(List.of(), "nothing-pending", "no confirmed commit waits for confirm");
        }
        final Pending cancelled = pending;
        revert();
        return ok(List.of("generation " + cancelled.previous, "previous " + cancelled.generation));
    }

    private LabReply rollback(final List<String> args, final byte[] stdin) {
        if (args.size() != 3 || !isHolder(args.get(0)) || !NUMBER.matcher(args.get(1)).matches()
                || !NUMBER.matcher(args.get(2)).matches()) {
            return usage("rollback HOLDER GEN SECONDS");
        }
        final LabReply refused = checkLock(args.get(0));
        if (refused != null) {
            return refused;
        }
        if (pending != null) {
            return error(List.of(), "pending", "generation " + pending.generation + " waits for confirm");
        }
        final int number = Integer.parseInt(args.get(1));
        final Generation wanted = generations.get(number);
        if (number == 0 || wanted == null) {
            return error(List.of(), "no-generation", "generation " + number + " is not kept on this router");
        }
        final CandidateArchive.Contents plans;
        try {
            plans = CandidateArchive.read(stdin);
        } catch (IllegalArgumentException e) {
            return error(List.of(), "upload", "the archive did not arrive complete: " + e.getMessage());
        }
        final var staged = new CandidateArchive.Contents(wanted.manifest, wanted.files, plans.plan(),
            plans.revertPlan());
        final String problem = checkStaged(staged);
        if (problem != null) {
            return error(List.of(), "upload", problem);
        }
        candidate = staged;
        return commitCandidate(Integer.parseInt(args.get(2)));
    }

    private LabReply getConfig() {
        final var data = new ArrayList<String>();
        data.add("generation " + current);
        if (pending != null) {
            data.add("pending " + pending.generation + " " + pending.previous + " " + pending.deadline);
        }
        if (lastRevert != null) {
            data.add("reverted " + lastRevert.generation() + " " + lastRevert.restored() + " "
                + lastRevert.at().getEpochSecond());
        }
        for (FileEntry entry : generations.get(current).manifest) {
            data.add("managed " + CandidateArchive.manifestLine(entry));
            final LabFile file = etc.get(entry.path());
            data.add(file == null ? "missing " + entry.path()
                : "file " + CandidateArchive.manifestLine(file.entry(entry.path())));
        }
        return ok(data);
    }

    private LabReply showGeneration(final List<String> args) {
        if (args.size() != 1 || !NUMBER.matcher(args.get(0)).matches()) {
            return LabReply.raw(1, new byte[0], "@error usage show-generation GEN\n");
        }
        final Generation generation = generations.get(Integer.parseInt(args.get(0)));
        if (generation == null) {
            return LabReply.raw(1, new byte[0], "@error no-generation generation " + args.get(0)
                + " is not kept on this router\n");
        }
        return LabReply.raw(0, CandidateArchive.generation(generation.manifest, generation.files), "");
    }

    /** The confirm timer fired. */
    private synchronized void revertAfter(final int number) {
        if (pending != null && pending.generation == number) {
            revert();
        }
    }

    private void revert() {
        final Pending reverted = pending;
        pending = null;
        reverted.timer.cancel(false);
        final Generation from = generations.get(reverted.generation);
        switchTo(generations.get(reverted.previous), from);
        current = reverted.previous;
        runPlan(from.revertPlan);
        lastRevert = new RevertRecord(reverted.generation, reverted.previous, Instant.ofEpochSecond(now()));
        reverts++;
        restoreManagement();
    }

    /** Install {@code target}'s files; paths of {@code from} that target does not manage get their backup back. */
    private void switchTo(final Generation target, final Generation from) {
        for (FileEntry entry : target.manifest) {
            etc.put(entry.path(), new LabFile(entry.owner(), entry.group(), entry.mode(),
                target.files.get(entry.path())));
        }
        for (FileEntry entry : from.manifest) {
            if (!target.manages(entry.path())) {
                final LabFile backup = from.backups.get(entry.path());
                if (backup != null) {
                    etc.put(entry.path(), backup);
                } else {
                    etc.remove(entry.path());
                }
            }
        }
    }

    /**
     * Run a plan: record the OpenBSD commands, the "before" steps first (the script runs them before it installs the
     * files); the error of the first failing step, or null.
     */
    private String runPlan(final String plan) {
        final List<String> ordered = new ArrayList<>();
        for (String line : plan.split("\n")) {
            if (line.startsWith(BEFORE)) {
                ordered.add(line.substring(BEFORE.length()));
            }
        }
        for (String line : plan.split("\n")) {
            if (!line.startsWith(BEFORE)) {
                ordered.add(line);
            }
        }
        for (String line : ordered) {
            if (line.isEmpty()) {
                continue;
            }
            if (!PLAN_LINE.matcher(line).matches()) {
                return line + ": not a plan step";
            }
            final String[] words = line.split(" ");
            final String command = switch (words[0]) {
                case "netstart" -> "sh /etc/netstart " + words[1];
                case "destroy" -> "ifconfig " + words[1] + " destroy";
                case "pfctl-load" -> "pfctl -f /etc/pf.conf";
                default -> line;
            };
            if (faults.containsKey(LabFault.FAIL_PLAN)) {
                final String message = faults.get(LabFault.FAIL_PLAN);
                return line + ": " + (message.isEmpty() ? "simulated failure" : message);
            }
            commandsRun.add(command);
        }
        return null;
    }

    private void prune() {
        final var numbers = new ArrayList<>(generations.keySet());
        for (int i = 0; i < numbers.size() - KEEP; i++) {
            final int number = numbers.get(i);
            if (number != 0 && number != current && (pending == null || number != pending.previous)) {
                generations.remove(number);
            }
        }
    }

    private void restoreManagement() {
        if (managementLost) {
            managementLost = false;
            timers.execute(() -> listener.managementRestored(this));
        }
    }

    private LabReply ok(final List<String> data) {
        return LabReply.ok(agentVersion, data);
    }

    private LabReply error(final List<String> data, final String kind, final String detail) {
        return LabReply.error(agentVersion, data, kind, detail);
    }

    private LabReply usage(final String usage) {
        return error(List.of(), "usage", usage);
    }

    private static boolean isHolder(final String word) {
        return DeviceConnector.HOLDER.matcher(word).matches();
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static Map<String, byte[]> copy(final Map<String, byte[]> files) {
        final var result = new LinkedHashMap<String, byte[]>();
        files.forEach((path, content) -> result.put(path, Arrays.copyOf(content, content.length)));
        return Collections.unmodifiableMap(result);
    }

    @Override
    public synchronized String toString() {
        return name + " generation " + current + (pending == null ? "" : " (pending " + pending.generation + ")")
            + (faults.isEmpty() ? "" : " faults " + faults.keySet());
    }
}
