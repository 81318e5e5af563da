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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.opendaylight.openbsdpbr.api.device.DeviceConnector;
import org.opendaylight.openbsdpbr.api.device.FileEntry;
import org.opendaylight.openbsdpbr.api.device.PendingConfirm;
import org.opendaylight.openbsdpbr.api.device.Probe;
import org.opendaylight.openbsdpbr.api.device.RevertRecord;
import org.opendaylight.openbsdpbr.api.device.RouterFiles;
import org.opendaylight.openbsdpbr.api.files.Hashing;
import org.opendaylight.openbsdpbr.api.files.LineBlock;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.files.ManagedFile.Ownership;
import org.opendaylight.openbsdpbr.api.plan.PlanStep;
import org.opendaylight.openbsdpbr.api.plan.PlanVocabulary;
import org.opendaylight.openbsdpbr.impl.analysis.FailoverStates;
import org.opendaylight.openbsdpbr.impl.analysis.RouterModel;
import org.opendaylight.openbsdpbr.impl.analysis.host.IfstatedConf;
import org.opendaylight.openbsdpbr.impl.analysis.source.ModelException;
import org.opendaylight.openbsdpbr.impl.ssh.AgentProtocol;
import org.opendaylight.openbsdpbr.impl.ssh.AgentScript;
import org.opendaylight.openbsdpbr.impl.ssh.CandidateArchive;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;
import org.opendaylight.openbsdpbr.impl.ssh.Ustar;

/**
 * One simulated OpenBSD router: a virtual {@code /etc}, generations, a lock, a candidate and a revert timer, answering
 * the router-side script's subcommands as {@code pbr-agent.sh} does on OpenBSD (emulated in Java, so that a thousand
 * routers need no thousand shells). Until the adapter installs the script, the router answers like a router without
 * it. Any other command line is refused as "not found": the controller may only run the script's fixed commands.
 *
 * <p>The script is the reference: the conformance suite ({@code tools/src/test/.../conformance}) runs the same cases
 * against {@code pbr-agent.sh} under Debian's real sshd and against this class, so that the replies, the files and
 * the commands run are the script's. Plan lines are the {@link PlanVocabulary}'s, blocks of lines are spliced with
 * {@link LineBlock}, and the texts of replies are copied from the script.
 *
 * <p>Why an emulation rather than the script itself in a sandbox per router (measured on this two-core machine with
 * {@code bench fleet} beside {@code bench fleet --real-sshd}, which also forks the script directly, with no SSH, and
 * prints "the agent alone"): one confirmed transaction (lock, get-config, upload, validate, commit, confirm, unlock)
 * costs the real agent about 230 ms of CPU on its own, some 60 processes (sh, awk, sha256, install, the tools), and
 * about 300 ms with sshd's share; a lab router answers it in about 20 ms, the client's side included. A thousand
 * routers running the script would spend over 200 CPU-seconds, more than 100 s on two cores, on every fleet-wide
 * change before the controller's own work could be seen: the controller benchmark's profile change to 1,000
 * routers (goal 10 s) could not be measured at all, and the
 * lab's faults (hang, slow, a drop mid-commit, lost management, a changed host key) are connection-level behaviour
 * added around the protocol either way. So the lab emulates, and one suite binds it to the script.
 *
 * <p>All state is guarded by this object; the methods are fast and never block.
 */
public final class LabRouter {
    /** Generations kept, besides the baseline 0, the current one and the one a pending confirm restores. */
    public static final int KEEP = 10;
    /** Where the rendered ifstated.conf's init actions log each state entered (pbr-agent.sh reads it back). */
    static final String FAILOVER_LOG = "/var/pbr/failover.log";
    /** The init action of a rendered ifstated.conf state that logs it: {@code date '+%s STATE' >> LOG}. */
    private static final Pattern STATE_LOG_ACTION = Pattern.compile("date '\\+%s ([A-Za-z0-9_.+-]+)' >> "
        + "/var/pbr/failover\\.log");
    /** Interfaces every lab router has (physical ones and the ones the kernel creates). */
    public static final Set<String> BASE_INTERFACES = Set.of("em0", "em1", "em2", "lo0", "enc0", "pflog0");

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");
    /** What the agent names a file written next to its target before it renames it over the target. */
    private static final String NEW = ".pbr-new";
    private static final Pattern MANIFEST_LINE = Pattern.compile(CandidateArchive.MANIFEST_LINE);
    private static final Set<String> ARCHIVE_MEMBERS = Set.of(CandidateArchive.PLAN, CandidateArchive.REVERT_PLAN,
        CandidateArchive.MANIFEST);
    private static final String DAMAGED = "the openbsd-pbr block is damaged (its begin and end marker lines are "
        + "missing, repeated or out of order)";
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

        Optional<FileEntry> entry(final String path) {
            return manifest.stream().filter(entry -> entry.path().equals(path)).findFirst();
        }

        boolean manages(final String path) {
            return entry(path).isPresent();
        }
    }

    /** A candidate as the router stages it; {@code malformed} when a manifest line did not parse. */
    private record Staged(List<FileEntry> manifest, Map<String, byte[]> files, String plan, String revertPlan,
            boolean malformed) {
    }

    private record Pending(int generation, int previous, long deadline, ScheduledFuture<?> timer) {
    }

    private record LockState(String holder, long lastUse, long lifetime) {
    }

    /** A switch from generation {@code from} to {@code generation} that a crash interrupted. */
    private record Txn(int generation, int from) {
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
    private Staged candidate;
    private Txn txn;
    private Integer agentVersion;
    private KeyPair changedKey;
    private int authAttempts;
    private int reverts;
    private boolean managementLost;
    /** Uplink interfaces set down by the control interface: their probes fail. */
    private final TreeSet<String> downUplinks = new TreeSet<>();
    /** The emulated ifstated's state, or null when it does not run. */
    private String failoverState;

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

    /** How many reverts (timer, late confirm, cancel-commit, boot) the router made. */
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

    /**
     * Move a held lock's last use into the past, as if its holder had gone quiet that long ago (the lock then expires
     * as it would on a router).
     */
    public synchronized void ageLock(final long seconds) {
        if (lock != null) {
            lock = new LockState(lock.holder, lock.lastUse - seconds, lock.lifetime);
        }
    }

    /** Stop the confirm timer without reverting, as a crash or a reboot kills it. */
    public synchronized void killTimer() {
        if (pending != null) {
            pending.timer.cancel(false);
        }
    }

    /**
     * The end of a reboot: /etc/rc runs /etc/rc.local, whose boot hook (when the agent installed one) reverts a
     * confirmed commit left pending (its timer died with the old kernel), as {@code pbr-agent.sh boot-check} does.
     *
     * @return what the hook printed on the console, empty when it did nothing
     */
    public synchronized Optional<String> boot() {
        killTimer();
        final boolean hooked = etc.containsKey(ManagedFile.RC_LOCAL) && etc.get(ManagedFile.RC_LOCAL).text()
            .lines().anyMatch(AgentProtocol.BOOT_HOOK::equals);
        if (!hooked || agentVersion == null) {
            return Optional.empty();
        }
        recover();
        if (pending == null) {
            return Optional.empty();
        }
        final Pending left = pending;
        revert();
        return Optional.of("pbr-agent: generation " + left.generation + " was not confirmed before the reboot: "
            + "generation " + left.previous + " restored");
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
            case "read-files" -> readFiles(args);
            case "uninstall" -> uninstall(args);
            case "probe" -> probe(args);
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

    /**
     * The reply refusing a change of generation (commit, rollback, uninstall), or null: the caller must hold the lock,
     * and no commit may wait for confirmation once an interrupted switch is recovered (the agent's {@code check_lock;
     * mutex_enter; no_pending}).
     */
    private LabReply checkSettled(final String holder) {
        final LabReply refused = checkLock(holder);
        if (refused != null) {
            return refused;
        }
        recover();
        if (pending != null) {
            return error(List.of(), "pending", "generation " + pending.generation + " waits for confirm until "
                + pending.deadline);
        }
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
            return error(List.of(), "disk-full", "the archive did not arrive complete: " + LabValidator.DISK_FULL);
        }
        final Staged staged;
        try {
            staged = unpack(stdin, true);
        } catch (IllegalArgumentException e) {
            return error(List.of(), "upload", e.getMessage());
        }
        final String problem = checkStaged(staged);
        if (problem != null) {
            return error(List.of(), "upload", problem);
        }
        candidate = staged;
        return ok(List.of("files " + staged.manifest().size()));
    }

    /**
     * Take an archive apart as the script's tar and check_staged do: a truncated archive did not arrive complete,
     * a member other than plan, revert-plan, manifest and files/ is refused, and a missing plan, revert-plan or
     * manifest makes the candidate incomplete.
     */
    private static Staged unpack(final byte[] archive, final boolean withManifest) {
        final List<Ustar.Entry> entries;
        try {
            entries = Ustar.readUntilCut(archive);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the archive did not arrive complete: " + e.getMessage(), e);
        }
        final var members = new HashMap<String, byte[]>();
        final var files = new LinkedHashMap<String, byte[]>();
        for (Ustar.Entry entry : entries) {
            final String member = entry.name();
            if (member.equals(CandidateArchive.FILES) || member.startsWith(CandidateArchive.FILES + "/")) {
                if (!entry.directory()) {
                    files.put(member.substring(CandidateArchive.FILES.length()), entry.content());
                }
            } else if (ARCHIVE_MEMBERS.contains(member) && !entry.directory()) {
                members.put(member, entry.content());
            } else {
                throw new IllegalArgumentException("unexpected archive member " + member.split("/")[0]);
            }
        }
        for (String member : withManifest ? List.of(CandidateArchive.PLAN, CandidateArchive.REVERT_PLAN,
                CandidateArchive.MANIFEST) : List.of(CandidateArchive.PLAN, CandidateArchive.REVERT_PLAN)) {
            if (!members.containsKey(member)) {
                throw new IllegalArgumentException("incomplete: no " + member);
            }
        }
        final String manifest = text(members.getOrDefault(CandidateArchive.MANIFEST, new byte[0]));
        final var entriesOfManifest = new ArrayList<FileEntry>();
        boolean malformed = false;
        for (String line : manifest.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (!MANIFEST_LINE.matcher(line).matches()) {
                malformed = true;
                continue;
            }
            entriesOfManifest.add(CandidateArchive.parseManifestLine(line));
        }
        return new Staged(entriesOfManifest, files, text(members.get(CandidateArchive.PLAN)),
            text(members.get(CandidateArchive.REVERT_PLAN)), malformed);
    }

    private static String checkStaged(final Staged staged) {
        for (String line : (staged.plan() + staged.revertPlan()).split("\n")) {
            if (!line.isEmpty() && !PlanVocabulary.isPlanLine(line)) {
                return "plan line outside the vocabulary";
            }
        }
        if (staged.malformed()) {
            return "malformed manifest line";
        }
        for (FileEntry entry : staged.manifest()) {
            if (entry.path().contains("..")) {
                return "malformed manifest line";
            }
        }
        final var seen = new HashSet<String>();
        for (FileEntry entry : staged.manifest()) {
            if (!seen.add(entry.path())) {
                return "a path listed twice";
            }
        }
        for (FileEntry entry : staged.manifest()) {
            final byte[] content = staged.files().get(entry.path());
            if (content == null) {
                return "missing " + entry.path();
            }
            if (!Hashing.sha256Hex(content).equals(entry.sha256())) {
                return "damaged " + entry.path();
            }
            if (entry.ownership() == Ownership.LINES) {
                final String body = text(content);
                if (!body.isEmpty() && body.charAt(body.length() - 1) != '\n') {
                    return entry.path() + ": a block of lines must end with a newline";
                }
                if (body.lines().anyMatch(LineBlock.MANAGED::isMarker)) {
                    return entry.path() + ": a block of lines cannot contain its own marker line";
                }
            } else if (ManagedFile.RC_LOCAL.equals(entry.path())) {
                return ManagedFile.RC_LOCAL + " holds the agent's boot hook: own a block of lines in it, not the "
                    + "whole file";
            }
        }
        if (staged.files().size() != staged.manifest().size()) {
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
            // a block of lines can only be spliced into a file whose block is intact
            final var blocks = new ArrayList<String>();
            for (FileEntry entry : candidate.manifest()) {
                if (entry.ownership() == Ownership.LINES && etc.containsKey(entry.path())
                        && damaged(etc.get(entry.path()).text(), LineBlock.MANAGED)) {
                    blocks.add(entry.path() + ": " + DAMAGED);
                }
            }
            messages = LabValidator.check(candidate.files(), blocks, unmanagedInterfaces());
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
        final var result = new HashSet<>(BASE_INTERFACES);
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
        final LabReply refused = checkSettled(args.get(0));
        if (refused != null) {
            return refused;
        }
        return commitCandidate(Integer.parseInt(args.get(1)));
    }

    private LabReply commitCandidate(final int seconds) {
        if (candidate == null) {
            return error(List.of(), "no-candidate", "edit the candidate first");
        }
        final String hookProblem = installBootHook();
        if (hookProblem != null) {
            return error(List.of(), "commit", "cannot install the boot hook: " + hookProblem);
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
        runPlan(generation.plan, true);
        if (faults.containsKey(LabFault.CRASH_SWITCH)) {
            // the power goes with the first file in place and the second written beside its target: generation N
            // stays stored, nothing answers
            final var first = new Generation(number, generation.manifest.subList(0,
                Math.min(1, generation.manifest.size())), generation.files, "", "", generation.backups);
            final Map<String, LabFile> partial = switched(first, Generation.EMPTY);
            if (partial != null) {
                apply(partial);
            }
            if (generation.manifest.size() > 1) {
                final FileEntry second = generation.manifest.get(1);
                etc.put(second.path() + NEW, new LabFile(second.owner(), second.group(), second.mode(),
                    generation.files.get(second.path())));
            }
            txn = new Txn(number, previous);
            return LabReply.noAnswer();
        }
        final Map<String, LabFile> installed = switched(generation, from);
        if (installed == null) {
            final String problem = lastSwitchError;
            generations.remove(number);
            return error(List.of("generation " + previous), LabValidator.isDiskFull(problem) ? "disk-full" : "commit",
                "could not install the files of generation " + number + " (" + problem + "); generation " + previous
                    + " restored");
        }
        apply(installed);
        current = number;
        final String planError = runPlan(generation.plan, false);
        if (planError != null) {
            runPlan(generation.revertPlan, true);
            final Map<String, LabFile> back = switched(from, generation);
            if (back != null) {
                apply(back);
            }
            current = previous;
            runPlan(generation.revertPlan, false);
            generations.remove(number);
            return error(List.of("msg " + planError, "generation " + previous), "commit",
                "apply plan failed (" + planError + "); generation " + previous + " restored");
        }
        final var data = new ArrayList<>(List.of("generation " + number, "previous " + previous));
        if (seconds > 0) {
            final long deadline = now() + seconds;
            final ScheduledFuture<?> timer = timers.schedule(() -> revertAfter(number), seconds, TimeUnit.SECONDS);
            pending = new Pending(number, previous, deadline, timer);
        }
        prune();
        if (pending != null) {
            data.add("deadline " + pending.deadline);
        }
        final LabReply reply = ok(data);
        if (faults.containsKey(LabFault.LOSE_MGMT)) {
            managementLost = true;
            return reply.losingManagement();
        }
        return reply;
    }

    /** Install the boot hook in /etc/rc.local unless it is there; the problem, or null. */
    private String installBootHook() {
        final LabFile rcLocal = etc.get(ManagedFile.RC_LOCAL);
        if (rcLocal != null && rcLocal.text().lines().anyMatch(AgentProtocol.BOOT_HOOK::equals)) {
            return null;
        }
        final String text;
        try {
            text = LineBlock.BOOT_HOOK.splice(Optional.ofNullable(rcLocal).map(LabFile::text),
                AgentProtocol.BOOT_HOOK + "\n");
        } catch (IllegalArgumentException e) {
            return ManagedFile.RC_LOCAL + ": " + DAMAGED;
        }
        etc.put(ManagedFile.RC_LOCAL, rcLocal == null ? LabFile.text(text) : rcLocal.withText(text));
        return null;
    }

    private LabReply confirm(final List<String> args) {
        if (args.size() != 2 || !isHolder(args.get(0)) || !NUMBER.matcher(args.get(1)).matches()) {
            return usage("confirm HOLDER GEN");
        }
        final LabReply refused = checkNotForeign(args.get(0));
        if (refused != null) {
            return refused;
        }
        recover();
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
        recover();
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
        final LabReply refused = checkSettled(args.get(0));
        if (refused != null) {
            return refused;
        }
        final int number = Integer.parseInt(args.get(1));
        final Generation wanted = generations.get(number);
        if (number == 0 || wanted == null) {
            return error(List.of(), "no-generation", "generation " + number + " is not kept on this router");
        }
        final Staged plans;
        try {
            plans = unpack(stdin, false);
        } catch (IllegalArgumentException e) {
            return error(List.of(), "upload", e.getMessage());
        }
        if (!plans.files().isEmpty()) {
            return error(List.of(), "upload", "files not in the manifest");
        }
        final var staged = new Staged(wanted.manifest, wanted.files, plans.plan(), plans.revertPlan(), false);
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
        if (txn != null) {
            data.add("txn " + txn.generation + " " + txn.from);
        }
        // as pbr-agent.sh reads ifstated's log: its last ten lines, each EPOCH STATE, the last one the current state
        final LabFile log = etc.get(FAILOVER_LOG);
        if (log != null) {
            final List<String> lines = log.text().lines().toList();
            for (String line : lines.subList(Math.max(0, lines.size() - 10), lines.size())) {
                final String[] words = line.trim().split("\\s+");
                if (words.length == 2 && words[0].matches("[0-9]{1,12}") && words[1].matches("[A-Za-z0-9_.+-]+")) {
                    data.add("failover-event " + words[0] + " " + words[1]);
                }
            }
        }
        for (FileEntry entry : generations.get(current).manifest) {
            data.add("managed " + CandidateArchive.manifestLine(entry));
            final LabFile file = etc.get(entry.path());
            if (entry.ownership() == Ownership.LINES) {
                // our block only: the other lines, and the file's owner, group and mode, are the admin's
                final Optional<String> body = file == null ? Optional.empty() : body(file.text(), LineBlock.MANAGED);
                data.add(body.map(text -> "file " + CandidateArchive.manifestLine(new FileEntry(entry.path(),
                    entry.owner(), entry.group(), entry.mode(), Hashing.sha256Hex(text.getBytes(
                        StandardCharsets.UTF_8)), Ownership.LINES))).orElse("missing " + entry.path()));
            } else {
                data.add(file == null ? "missing " + entry.path()
                    : "file " + CandidateArchive.manifestLine(file.entry(entry.path())));
            }
        }
        return ok(data);
    }

    private LabReply showGeneration(final List<String> args) {
        if (args.size() != 1 || !NUMBER.matcher(args.get(0)).matches()) {
            return usage("show-generation GEN");
        }
        final Generation generation = generations.get(Integer.parseInt(args.get(0)));
        if (generation == null) {
            return error(List.of(), "no-generation", "generation " + args.get(0) + " is not kept on this router");
        }
        return LabReply.raw(0, CandidateArchive.generation(generation.manifest, generation.files), "");
    }

    /**
     * The files of {@link RouterFiles} as they are in the virtual /etc, whichever generation installed them or none,
     * in the archive format of show-generation (a manifest of what is on disk, then the files). Read-only, no lock.
     */
    /**
     * An operator probe, as {@code pbr-agent.sh} runs ping(8): the same pattern is checked; every echo request is
     * answered unless the {@code fail-probe} fault is set (argument: the addresses that do not answer, separated by
     * commas; none: no address answers).
     */
    private LabReply probe(final List<String> args) {
        final String line = String.join(" ", args);
        if (args.size() != 4 || !Probe.isProbeLine(line)) {
            return usage("probe ping RDOMAIN COUNT ADDRESS");
        }
        final String count = args.get(2);
        final String unanswered = faults.get(LabFault.FAIL_PROBE);
        final boolean answered = unanswered == null || !unanswered.isEmpty()
            && !Arrays.asList(unanswered.split(",")).contains(args.get(3));
        return LabReply.ok(agentVersion, List.of("probe " + count + " " + (answered ? count : "0")));
    }

    private LabReply readFiles(final List<String> args) {
        if (!args.isEmpty()) {
            return usage("read-files");
        }
        final var manifest = new ArrayList<FileEntry>();
        final var files = new LinkedHashMap<String, byte[]>();
        etc.forEach((path, file) -> {
            if (RouterFiles.isRead(path)) {
                manifest.add(file.entry(path));
                files.put(path, file.content());
            }
        });
        return LabReply.raw(0, CandidateArchive.generation(manifest, files), "");
    }

    private LabReply uninstall(final List<String> args) {
        if (args.size() != 1 || !isHolder(args.get(0))) {
            return usage("uninstall HOLDER");
        }
        final LabReply refused = checkSettled(args.get(0));
        if (refused != null) {
            return refused;
        }
        final LabFile rcLocal = etc.get(ManagedFile.RC_LOCAL);
        if (rcLocal != null) {
            final String text;
            try {
                text = LineBlock.BOOT_HOOK.remove(rcLocal.text());
            } catch (IllegalArgumentException e) {
                return error(List.of(), "internal", "cannot remove the boot hook: " + ManagedFile.RC_LOCAL + ": "
                    + DAMAGED);
            }
            if (text.isEmpty()) {
                etc.remove(ManagedFile.RC_LOCAL);
            } else {
                etc.put(ManagedFile.RC_LOCAL, rcLocal.withText(text));
            }
        }
        // the generations, the lock, the script: the managed files stay as the router runs them
        final int version = agentVersion;
        generations.clear();
        generations.put(0, Generation.EMPTY);
        current = 0;
        lastRevert = null;
        lock = null;
        candidate = null;
        agentVersion = null;
        return LabReply.ok(version, List.of("removed " + AgentProtocol.STATE_DIR));
    }

    /** The confirm timer fired. */
    private synchronized void revertAfter(final int number) {
        recover();
        if (pending != null && pending.generation == number) {
            revert();
        }
    }

    private void revert() {
        final Pending reverted = pending;
        pending = null;
        reverted.timer.cancel(false);
        final Generation from = generations.get(reverted.generation);
        runPlan(from.revertPlan, true);
        final Map<String, LabFile> back = switched(generations.get(reverted.previous), from);
        if (back != null) {
            apply(back);
        }
        current = reverted.previous;
        runPlan(from.revertPlan, false);
        lastRevert = new RevertRecord(reverted.generation, reverted.previous, Instant.ofEpochSecond(now()));
        reverts++;
        restoreManagement();
    }

    /** Undo a switch a crash interrupted, as every operation that takes the script's mutex does first. */
    private void recover() {
        if (txn == null) {
            return;
        }
        final Map<String, LabFile> back = switched(generations.get(txn.from), generations.get(txn.generation));
        if (back != null) {
            apply(back);
        }
        current = txn.from;
        etc.keySet().removeIf(path -> path.endsWith(NEW));
        txn = null;
    }

    private String lastSwitchError;

    /**
     * The files on disk after switching from generation {@code from} to {@code target} (null keys: removed), or null
     * when a block of lines cannot be spliced ({@link #lastSwitchError} says why): install every file of the target
     * (a block of lines spliced into the file on disk, keeping its other lines, owner, group and mode; a file the
     * source owned whole starts from its backup), restore or remove what the source managed and the target does not,
     * and take a source's block of lines out.
     */
    private Map<String, LabFile> switched(final Generation target, final Generation from) {
        final var result = new LinkedHashMap<String, LabFile>();
        for (FileEntry entry : target.manifest) {
            final byte[] content = target.files.get(entry.path());
            if (entry.ownership() == Ownership.WHOLE) {
                result.put(entry.path(), new LabFile(entry.owner(), entry.group(), entry.mode(), content));
                continue;
            }
            LabFile base = etc.get(entry.path());
            if (from.entry(entry.path()).map(FileEntry::ownership).orElse(null) == Ownership.WHOLE) {
                base = from.backups.get(entry.path());
            }
            final String text;
            try {
                text = LineBlock.MANAGED.splice(Optional.ofNullable(base).map(LabFile::text), text(content));
            } catch (IllegalArgumentException e) {
                lastSwitchError = entry.path() + ": " + DAMAGED;
                return null;
            }
            final LabFile onDisk = etc.get(entry.path());
            result.put(entry.path(), onDisk != null ? onDisk.withText(text) : new LabFile(entry.owner(),
                entry.group(), entry.mode(), text.getBytes(StandardCharsets.UTF_8)));
        }
        for (FileEntry entry : from.manifest) {
            if (target.manages(entry.path())) {
                continue;
            }
            if (entry.ownership() == Ownership.LINES) {
                final LabFile onDisk = etc.get(entry.path());
                if (onDisk == null) {
                    continue;
                }
                final String text;
                try {
                    text = LineBlock.MANAGED.remove(onDisk.text());
                } catch (IllegalArgumentException e) {
                    lastSwitchError = entry.path() + ": " + DAMAGED;
                    return null;
                }
                result.put(entry.path(), text.isEmpty() ? null : onDisk.withText(text));
            } else {
                result.put(entry.path(), from.backups.get(entry.path()));
            }
        }
        return result;
    }

    private void apply(final Map<String, LabFile> files) {
        files.forEach((path, file) -> {
            if (file == null) {
                etc.remove(path);
            } else {
                etc.put(path, file);
            }
        });
    }

    /**
     * Run one phase of a plan: the "before" steps (run while the old files are in place; their failures do not count)
     * or the others; record the OpenBSD commands; the error of the first failing step, or null.
     */
    private String runPlan(final String plan, final boolean before) {
        for (String line : plan.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            final PlanStep step;
            try {
                step = PlanStep.parse(line);
            } catch (IllegalArgumentException e) {
                return line + ": not a plan step";
            }
            final boolean early = step instanceof PlanStep.BeforeFiles;
            if (early != before) {
                continue;
            }
            final PlanStep command = step instanceof PlanStep.BeforeFiles wrapped ? wrapped.step() : step;
            commandsRun.add(command.command());
            if (!before && command instanceof PlanStep.Rcctl rcctl && "ifstated".equals(rcctl.service())) {
                settleFailover(rcctl.action() != PlanStep.Rcctl.Action.STOP
                    && rcctl.action() != PlanStep.Rcctl.Action.DISABLE, true);
            }
            final Optional<String> failure = faults.containsKey(LabFault.FAIL_PLAN)
                ? Optional.of(faults.get(LabFault.FAIL_PLAN)).map(message -> message.isEmpty() ? "simulated failure"
                    : message)
                : LabValidator.runFailure(command, path -> Optional.ofNullable(etc.get(path)).map(LabFile::text));
            if (failure.isPresent() && !before) {
                return command.planLine() + ": " + failure.orElseThrow();
            }
        }
        return null;
    }

    /**
     * Sets an uplink interface down or up (its probes fail or answer) and lets the emulated ifstated settle.
     *
     * @return the state ifstated is in afterwards, or "not running"
     */
    public synchronized String setUplink(final String iface, final boolean down) {
        if (down) {
            downUplinks.add(iface);
        } else {
            downUplinks.remove(iface);
        }
        settleFailover(failoverState != null, false);
        return failoverState == null ? "not running" : failoverState;
    }

    /** The emulated ifstated's state, empty when it does not run. */
    public synchronized Optional<String> failoverState() {
        return Optional.ofNullable(failoverState);
    }

    /**
     * ifstated(8) as the rendered /etc/ifstated.conf runs it ({@link FailoverStates}, the analysis' reading of the
     * same file): a probe fails when its routing table routes its target through an uplink set down. Started or
     * reloaded, it begins in its init-state; then it settles where the probes lead, and each state it enters is
     * appended to the log as its init action does on a router.
     *
     * @param running whether ifstated runs (after the plan's rcctl step)
     * @param restart whether it (re)started: it begins again in its init-state
     */
    private void settleFailover(final boolean running, final boolean restart) {
        final LabFile conf = etc.get(IfstatedConf.PATH);
        if (!running || conf == null) {
            failoverState = null;
            return;
        }
        final Map<String, String> files = new TreeMap<>();
        etc.forEach((path, file) -> files.put(path, file.text()));
        final FailoverStates states;
        try {
            states = FailoverStates.of(RouterModel.of(files));
        } catch (ModelException | IllegalArgumentException e) {
            // a file the analysis does not read: ifstated -n refused it before the commit on a router
            failoverState = null;
            return;
        }
        if (states == null) {
            failoverState = null;
            return;
        }
        final List<String> commands = new ArrayList<>();
        String from = failoverState;
        if (restart || from == null) {
            from = states.conf().initState();
            commands.addAll(IfstatedConf.commands(states.conf().states().get(from).init()));
        }
        final TreeSet<String> down = new TreeSet<>(downUplinks);
        down.retainAll(states.probed());
        failoverState = states.settle(from, down, commands);
        // the actions that matter here: the init actions that log the state entered, as on a router
        for (String command : commands) {
            final var logged = STATE_LOG_ACTION.matcher(command);
            if (logged.matches()) {
                final LabFile log = etc.get(FAILOVER_LOG);
                etc.put(FAILOVER_LOG, LabFile.text((log == null ? "" : log.text()) + Instant.now().getEpochSecond()
                    + " " + logged.group(1) + "\n"));
            }
        }
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

    private static Optional<String> body(final String text, final LineBlock block) {
        try {
            return block.body(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean damaged(final String text, final LineBlock block) {
        try {
            block.body(text);
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static String text(final byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
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
