/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.ssh;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.opendaylight.netconf.shaded.sshd.client.channel.ChannelExec;
import org.opendaylight.netconf.shaded.sshd.client.session.ClientSession;
import org.opendaylight.openbsdpbr.api.device.Candidate;
import org.opendaylight.openbsdpbr.api.device.CommitRequest;
import org.opendaylight.openbsdpbr.api.device.CommitResult;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.api.device.DeviceConnector;
import org.opendaylight.openbsdpbr.api.device.DeviceException;
import org.opendaylight.openbsdpbr.api.device.DeviceSession;
import org.opendaylight.openbsdpbr.api.device.DeviceStep;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.device.HostKeyPolicy;
import org.opendaylight.openbsdpbr.api.device.Probe;
import org.opendaylight.openbsdpbr.api.device.ProbeResult;
import org.opendaylight.openbsdpbr.api.device.RollbackRequest;
import org.opendaylight.openbsdpbr.api.device.RunningConfig;
import org.opendaylight.openbsdpbr.api.device.StoredGeneration;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device session over one SSH connection: each operation is one exec channel running one subcommand of the
 * router-side script, with the candidate or plans on stdin. The first command of a session also proves the script's
 * version; a missing or older script is installed (uploaded on stdin, renamed into place) and the command re-run.
 */
final class SshDeviceSession implements DeviceSession {
    private static final Logger LOG = LoggerFactory.getLogger(SshDeviceSession.class);
    private static final byte[] NO_INPUT = new byte[0];

    private final SshDeviceConnector connector;
    private final DeviceTarget target;
    private final String holder;
    private final ClientSession session;
    /**
     * The fingerprint of the host key this connection verified, empty when unknown (then it is not reused); MINA's
     * own copy of the key is dropped after authentication ({@link SshDeviceConnector}).
     */
    private final String hostKey;
    private final int version;

    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private volatile boolean installed;
    private volatile DeviceException broken;

    SshDeviceSession(final SshDeviceConnector connector, final DeviceTarget target, final String holder,
            final ClientSession session, final String hostKey) {
        this.connector = requireNonNull(connector);
        this.target = requireNonNull(target);
        this.holder = requireNonNull(holder);
        this.session = requireNonNull(session);
        this.hostKey = requireNonNull(hostKey);
        version = connector.script().version();
        session.addCloseFutureListener(closed -> {
            if (broken == null) {
                broken = new DeviceException.ConnectionLost(target.name(), DeviceStep.CONNECT, "session closed",
                    null);
            }
        });
    }

    @Override
    public String router() {
        return target.name();
    }

    @Override
    public String holder() {
        return holder;
    }

    @Override
    public CompletionStage<Void> lock() {
        return enqueue(() -> agent(DeviceStep.LOCK, step(), NO_INPUT, "lock", holder,
            Long.toString(connector.settings().lockLifetime().toSeconds())).thenApply(reply -> null));
    }

    @Override
    public CompletionStage<Void> unlock() {
        return enqueue(() -> agent(DeviceStep.UNLOCK, step(), NO_INPUT, "unlock", holder).thenApply(reply -> null));
    }

    @Override
    public CompletionStage<Void> breakLock(final String staleHolder) {
        if (!DeviceConnector.HOLDER.matcher(staleHolder).matches()) {
            throw new IllegalArgumentException("bad lock holder name");
        }
        // the agent's unlock removes the lock only while the named holder has it
        return enqueue(() -> agent(DeviceStep.UNLOCK, step(), NO_INPUT, "unlock", staleHolder)
            .thenApply(reply -> null));
    }

    @Override
    public CompletionStage<Void> editCandidate(final Candidate candidate) {
        final byte[] archive = CandidateArchive.candidate(candidate);
        return enqueue(() -> agent(DeviceStep.EDIT_CANDIDATE, step(), archive, "edit-candidate", holder)
            .thenApply(reply -> null));
    }

    @Override
    public CompletionStage<Void> validate() {
        return enqueue(() -> agent(DeviceStep.VALIDATE, connector.settings().validateTimeout(), NO_INPUT, "validate",
            holder).thenApply(reply -> null));
    }

    @Override
    public CompletionStage<CommitResult> commit(final CommitRequest request) {
        final long seconds = request.confirmTimeout().map(Duration::toSeconds).orElse(0L);
        return enqueue(() -> agent(DeviceStep.COMMIT, connector.settings().commitTimeout(), NO_INPUT, "commit",
            holder, Long.toString(seconds)).thenApply(reply -> commitResult(DeviceStep.COMMIT, reply)));
    }

    @Override
    public CompletionStage<CommitResult> confirm(final int generation) {
        if (generation < 0) {
            throw new IllegalArgumentException("negative generation");
        }
        return enqueue(() -> agent(DeviceStep.CONFIRM, connector.settings().commitTimeout(), NO_INPUT, "confirm",
            holder, Integer.toString(generation)).thenApply(reply -> commitResult(DeviceStep.CONFIRM, reply)));
    }

    @Override
    public CompletionStage<CommitResult> cancelCommit() {
        return enqueue(() -> agent(DeviceStep.CANCEL_COMMIT, connector.settings().commitTimeout(), NO_INPUT,
            "cancel-commit", holder).thenApply(reply -> commitResult(DeviceStep.CANCEL_COMMIT, reply)));
    }

    @Override
    public CompletionStage<CommitResult> rollback(final RollbackRequest request) {
        final byte[] archive = CandidateArchive.plans(request.plan(), request.revertPlan());
        final long seconds = request.commit().confirmTimeout().map(Duration::toSeconds).orElse(0L);
        return enqueue(() -> agent(DeviceStep.ROLLBACK, connector.settings().commitTimeout(), archive, "rollback",
            holder, Integer.toString(request.generation()), Long.toString(seconds))
            .thenApply(reply -> commitResult(DeviceStep.ROLLBACK, reply)));
    }

    @Override
    public CompletionStage<RunningConfig> getConfig() {
        return enqueue(() -> agent(DeviceStep.GET_CONFIG, step(), NO_INPUT, "get-config").thenApply(reply -> {
            try {
                return Replies.runningConfig(target.name(), reply);
            } catch (DeviceException.Protocol e) {
                throw new CompletionException(e);
            }
        }));
    }

    @Override
    public CompletionStage<StoredGeneration> getGeneration(final int generation) {
        if (generation < 0) {
            throw new IllegalArgumentException("negative generation");
        }
        return enqueue(() -> archive(DeviceStep.GET_GENERATION, "generation",
            contents -> new StoredGeneration(generation, contents.toFileSet()), false,
            Integer.toString(generation)));
    }

    @Override
    public CompletionStage<FileSet> readFiles() {
        return enqueue(() -> archive(DeviceStep.READ_FILES, "files", CandidateArchive.Contents::toFileSet, false));
    }

    @Override
    public CompletionStage<ProbeResult> probe(final Probe probe) {
        // ping sends COUNT requests a second apart and waits a second after the last: the step's timeout on top
        final Duration timeout = step().plusSeconds(probe.count() + 1L);
        return enqueue(() -> agent(DeviceStep.PROBE, timeout, NO_INPUT, "probe", probe.words().toArray(String[]::new))
            .thenApply(reply -> {
                try {
                    return Replies.probeResult(target.name(), reply);
                } catch (DeviceException.Protocol e) {
                    throw new CompletionException(e);
                }
            }));
    }

    /**
     * Open, not broken, the same endpoint, user and credentials (a key by its public half), and the host key this
     * connection verified is still one the target's policy accepts (pinned, or trust on first use with nothing
     * recorded yet): a rotated credential or a re-pinned host key never rides on a connection made under the old one.
     */
    @Override
    public boolean reusableFor(final DeviceTarget next) {
        if (broken != null || !session.isOpen() || session.isClosing() || !session.isAuthenticated()
                || !next.name().equals(target.name()) || !next.host().equals(target.host())
                || next.port() != target.port() || !next.user().equals(target.user())
                || !sameCredentials(target.credentials(), next.credentials())) {
            return false;
        }
        if (hostKey.isEmpty()) {
            return false;
        }
        final HostKeyPolicy policy = next.hostKeyPolicy();
        return policy.isPinned(hostKey)
            || policy instanceof HostKeyPolicy.TrustOnFirstUse tofu && tofu.known().isEmpty();
    }

    private static boolean sameCredentials(final Credentials one, final Credentials other) {
        return switch (one) {
            case Credentials.Password password -> password.equals(other);
            case Credentials.Key key -> other instanceof Credentials.Key otherKey
                && key.keyPair().getPublic().equals(otherKey.keyPair().getPublic());
        };
    }

    @Override
    public void close() {
        session.close(false);
    }

    @Override
    public String toString() {
        return "SshDeviceSession[" + target.name() + " at " + target.endpoint() + ", holder " + holder + "]";
    }

    private Duration step() {
        return connector.settings().stepTimeout();
    }

    private CommitResult commitResult(final DeviceStep step, final AgentReply reply) {
        try {
            return Replies.commitResult(target.name(), step, reply);
        } catch (DeviceException.Protocol e) {
            throw new CompletionException(e);
        }
    }

    /** Operations run one at a time, in call order; each starts outside any lock. */
    @SuppressWarnings("checkstyle:IllegalCatch")
    private <T> CompletableFuture<T> enqueue(final Supplier<CompletableFuture<T>> operation) {
        final var mine = new CompletableFuture<T>();
        final CompletableFuture<?> previous;
        synchronized (this) {
            previous = tail;
            tail = mine;
        }
        previous.whenComplete((ignored, failure) -> {
            final CompletableFuture<T> started;
            try {
                started = operation.get();
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
                return;
            }
            started.whenComplete((value, error) -> {
                if (error != null) {
                    mine.completeExceptionally(unwrap(error));
                } else {
                    mine.complete(value);
                }
            });
        });
        return mine;
    }

    /** Run a subcommand; install or upgrade the script first when the router does not have this version. */
    private CompletableFuture<AgentReply> agent(final DeviceStep step, final Duration timeout, final byte[] stdin,
            final String subcommand, final String... args) {
        final String command = AgentProtocol.command(version, subcommand, args);
        return exec(step, command, stdin, timeout).thenCompose(result -> {
            final AgentReply reply = AgentReply.parse(result.stdoutText());
            if (!needsInstall(reply)) {
                return finish(step, reply, result);
            }
            return install(step).thenCompose(done -> exec(step, command, stdin, timeout))
                .thenCompose(again -> finish(step, AgentReply.parse(again.stdoutText()), again));
        });
    }

    private CompletableFuture<AgentReply> finish(final DeviceStep step, final AgentReply reply,
            final ExecResult result) {
        if (reply.isOk()) {
            return CompletableFuture.completedFuture(reply);
        }
        if ("version".equals(reply.status())) {
            return CompletableFuture.failedFuture(new DeviceException.Protocol(target.name(), step,
                "the router runs pbr-agent version " + reply.version().orElse(-1) + ", this controller ships "
                    + version));
        }
        return CompletableFuture.failedFuture(Replies.failure(target.name(), step, reply, result));
    }

    /** The script is missing (no version line), or older than ours. A newer one is left alone and reported. */
    private boolean needsInstall(final AgentReply reply) {
        if (installed) {
            return false;
        }
        if (reply.version().isEmpty()) {
            return true;
        }
        return "version".equals(reply.status()) && reply.version().getAsInt() < version;
    }

    private CompletableFuture<Void> install(final DeviceStep step) {
        installed = true;
        LOG.info("router {}: installing the router-side script, version {}", target.name(), version);
        return exec(DeviceStep.INSTALL_AGENT, AgentProtocol.installCommand(version), connector.script().content(),
            step()).thenCompose(result -> {
                final AgentReply reply = AgentReply.parse(result.stdoutText());
                if (reply.isOk() && reply.version().orElse(-1) == version) {
                    return CompletableFuture.<Void>completedFuture(null);
                }
                return CompletableFuture.failedFuture(new DeviceException.Protocol(target.name(),
                    DeviceStep.INSTALL_AGENT, "could not install the router-side script (exit status "
                        + result.exitStatus() + "): " + Secrets.scrub(result.stderrText()).strip()));
            });
    }

    /**
     * A subcommand whose success is a tar archive on stdout (show-generation, read-files) rather than a reply: an
     * error comes on stdout like every other reply; a missing or older script is installed and the command re-run.
     */
    private <T> CompletableFuture<T> archive(final DeviceStep step, final String what,
            final Function<CandidateArchive.Contents, T> read, final boolean retried, final String... args) {
        final String command = AgentProtocol.command(version, step.operation(), args);
        return exec(step, command, NO_INPUT, step()).thenCompose(result -> {
            if (result.exitStatus() == 0) {
                try {
                    return CompletableFuture.completedFuture(read.apply(CandidateArchive.read(result.stdout())));
                } catch (IllegalArgumentException e) {
                    return CompletableFuture.failedFuture(new DeviceException.Protocol(target.name(), step,
                        "unreadable " + what + " archive: " + e.getMessage()));
                }
            }
            // errors come on stdout like every other reply (an older agent wrote them to stderr)
            final AgentReply reply = AgentReply.parse(result.stdoutText());
            if (!retried && (reply.version().isEmpty() && reply.status().isEmpty()
                    || needsInstall(reply))) {
                return install(step).thenCompose(done -> archive(step, what, read, true, args));
            }
            return finish(step, reply, result).thenApply(ignored -> (T) null);
        });
    }

    private CompletableFuture<ExecResult> exec(final DeviceStep step, final String command, final byte[] stdin,
            final Duration timeout) {
        final DeviceException gone = broken;
        if (gone != null) {
            return CompletableFuture.failedFuture(new DeviceException.ConnectionLost(target.name(), step,
                "the session is closed", gone));
        }
        final var result = new CompletableFuture<ExecResult>();
        final ChannelExec channel;
        try {
            channel = session.createExecChannel(command);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new DeviceException.ConnectionLost(target.name(), step,
                SshDeviceConnector.describe(e), e));
        } catch (IllegalStateException e) {
            // MINA refuses to register a channel on a session that is closing ("not registered because session is
            // being closed"): the router dropped the connection (a reboot) between two commands; any other state
            // problem is a bug here and stays one
            if (session.isOpen() && !session.isClosing()) {
                throw e;
            }
            return CompletableFuture.failedFuture(new DeviceException.ConnectionLost(target.name(), step,
                "the session is closing", e));
        }
        final var out = new ByteArrayOutputStream();
        final var err = new ByteArrayOutputStream();
        channel.setOut(out);
        channel.setErr(err);
        final ScheduledFuture<?> timer = connector.schedule(() -> {
            final var failure = new DeviceException.Timeout(target.name(), step, timeout);
            if (result.completeExceptionally(failure)) {
                broken = failure;
                session.close(true);
            }
        }, timeout);
        result.whenComplete((value, failure) -> timer.cancel(false));
        channel.addCloseFutureListener(closed -> {
            final Integer status = channel.getExitStatus();
            if (status == null) {
                result.completeExceptionally(new DeviceException.ConnectionLost(target.name(), step,
                    "the router closed the channel without an exit status", null));
            } else {
                result.complete(new ExecResult(status, out.toByteArray(), err.toByteArray()));
            }
        });
        try {
            channel.open().addListener(opened -> {
                if (!opened.isOpened()) {
                    final Throwable cause = opened.getException();
                    result.completeExceptionally(new DeviceException.ConnectionLost(target.name(), step,
                        cause == null ? "channel refused" : SshDeviceConnector.describe(cause), cause));
                    channel.close(true);
                    return;
                }
                if (stdin.length == 0) {
                    writeInput(channel, stdin);
                } else {
                    try {
                        connector.writer().execute(() -> writeInput(channel, stdin));
                    } catch (RejectedExecutionException e) {
                        channel.close(true);
                    }
                }
            });
        } catch (IOException e) {
            channel.close(true);
            result.completeExceptionally(new DeviceException.ConnectionLost(target.name(), step,
                SshDeviceConnector.describe(e), e));
        }
        return result;
    }

    private static void writeInput(final ChannelExec channel, final byte[] stdin) {
        try (OutputStream in = channel.getInvertedIn()) {
            if (stdin.length > 0) {
                in.write(stdin);
            }
        } catch (IOException e) {
            // the channel's close listener reports the failure
            channel.close(true);
        }
    }

    private static Throwable unwrap(final Throwable failure) {
        Throwable current = failure;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
