/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.ssh;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.io.IOException;
import java.net.ConnectException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.opendaylight.netconf.shaded.sshd.client.SshClient;
import org.opendaylight.netconf.shaded.sshd.client.auth.password.PasswordIdentityProvider;
import org.opendaylight.netconf.shaded.sshd.client.config.hosts.HostConfigEntryResolver;
import org.opendaylight.netconf.shaded.sshd.client.future.AuthFuture;
import org.opendaylight.netconf.shaded.sshd.client.future.ConnectFuture;
import org.opendaylight.netconf.shaded.sshd.client.session.AbstractClientSession;
import org.opendaylight.netconf.shaded.sshd.client.session.ClientSession;
import org.opendaylight.netconf.shaded.sshd.common.AttributeRepository;
import org.opendaylight.netconf.shaded.sshd.common.NamedFactory;
import org.opendaylight.netconf.shaded.sshd.common.OptionalFeature;
import org.opendaylight.netconf.shaded.sshd.common.cipher.BuiltinCiphers;
import org.opendaylight.netconf.shaded.sshd.common.compression.BuiltinCompressions;
import org.opendaylight.netconf.shaded.sshd.common.kex.KeyExchangeFactory;
import org.opendaylight.netconf.shaded.sshd.common.keyprovider.KeyIdentityProvider;
import org.opendaylight.netconf.shaded.sshd.common.mac.BuiltinMacs;
import org.opendaylight.netconf.shaded.sshd.common.signature.BuiltinSignatures;
import org.opendaylight.netconf.shaded.sshd.core.CoreModuleProperties;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.api.device.DeviceConnector;
import org.opendaylight.openbsdpbr.api.device.DeviceException;
import org.opendaylight.openbsdpbr.api.device.DeviceSession;
import org.opendaylight.openbsdpbr.api.device.DeviceStep;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;

/**
 * The device protocol over SSH (Apache MINA SSHD, the copy OpenDaylight ships relocated). One {@link SshClient} for
 * the process, started by the constructor and stopped by {@link #close()}; a few I/O threads serve every router, so a
 * thousand routers need no thousand threads. Every step is time-bounded (connect, key exchange, authentication, each
 * command); idle sessions send keepalives.
 *
 * <p>Host keys are checked during the key exchange against each router's
 * {@link org.opendaylight.openbsdpbr.api.device.HostKeyPolicy}: an unknown or changed key ends the connection before
 * any credential is sent. MINA's default verifier (accept everything) is never used. The client reads nothing from
 * {@code ~/.ssh}: no default identities, no ssh_config.
 */
public final class SshDeviceConnector implements DeviceConnector {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String MLKEM = "mlkem768x25519-sha256";
    /**
     * The host-key and signature types proposed: MINA's default order (ECDSA, Ed25519, RSA with SHA-2) less the
     * certificate, security-key and SHA-1 types; the order decides which of a router's host keys is presented.
     */
    static final List<BuiltinSignatures> SIGNATURES = List.of(BuiltinSignatures.nistp256, BuiltinSignatures.nistp384,
        BuiltinSignatures.nistp521, BuiltinSignatures.ed25519, BuiltinSignatures.rsaSHA512,
        BuiltinSignatures.rsaSHA256);
    /** Bytes of a session's socket read buffer. */
    private static final int READ_BUFFER = 1024;

    private final SshSettings settings;
    private final SshClient client;
    private final ScheduledExecutorService timer;
    private final ExecutorService writer;
    private final AgentScript script;
    private final String instance;
    private final AtomicLong holders = new AtomicLong();

    public SshDeviceConnector(final SshSettings settings) {
        this(settings, AgentScript.bundled());
    }

    SshDeviceConnector(final SshSettings settings, final AgentScript script) {
        this.settings = requireNonNull(settings);
        this.script = requireNonNull(script);
        final byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        instance = HexFormat.of().formatHex(random);
        // every command arms a timeout and cancels it when the answer comes: a cancelled task must leave the queue
        // then, not wait there for its deadline (at 1,000 routers, thousands of dead tasks at any time)
        final var timeouts = new ScheduledThreadPoolExecutor(1, daemon("pbr-ssh-timer"));
        timeouts.setRemoveOnCancelPolicy(true);
        timer = timeouts;
        writer = Executors.newFixedThreadPool(2, daemon("pbr-ssh-stdin"));

        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(new HostKeyCheck());
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setPasswordIdentityProvider(PasswordIdentityProvider.EMPTY_PASSWORDS_PROVIDER);
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        // MINA's lists without SHA-1 (hmac-sha1, ssh-rsa), CBC, certificate and security-key types, in MINA's order:
        // every session keeps its KEXINIT and the proposal lists for life, and MINA's full lists were ~1 KiB of each
        // idle session's ~19 KiB (FleetHeap). The order of the host-key types is never changed: a stock OpenBSD sshd
        // has RSA, ECDSA and Ed25519 host keys and presents the one the client lists first, so another order would
        // present another key than the one trust-on-first-use recorded, and the router would be refused as changed.
        client.setCipherFactories(supported(List.of(BuiltinCiphers.cc20p1305_openssh, BuiltinCiphers.aes128ctr,
            BuiltinCiphers.aes192ctr, BuiltinCiphers.aes256ctr, BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256gcm)));
        client.setMacFactories(supported(List.of(BuiltinMacs.hmacsha256etm, BuiltinMacs.hmacsha512etm,
            BuiltinMacs.hmacsha256, BuiltinMacs.hmacsha512)));
        client.setSignatureFactories(supported(SIGNATURES));
        client.setCompressionFactories(supported(List.of(BuiltinCompressions.none)));
        client.setKeyExchangeFactories(keyExchanges(client.getKeyExchangeFactories()));
        CoreModuleProperties.NIO_WORKERS.set(client, settings.ioThreads());
        // every step is a small request and a small reply: Nagle plus delayed ACKs would add 40 ms to each
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        // each session keeps its socket read buffer for life (MINA's default 32 KiB): with a router's session kept
        // idle between transactions (DevicePush), that alone would double the heap a managed router costs; the
        // protocol's replies are small, and a larger one (a generation's archive) just takes a few more reads
        CoreModuleProperties.NIO2_READ_BUFFER_SIZE.set(client, READ_BUFFER);
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, settings.keepalive());
        CoreModuleProperties.HEARTBEAT_REPLY_WAIT.set(client, settings.keepalive());
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, 3);
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, settings.connectTimeout());
        CoreModuleProperties.AUTH_TIMEOUT.set(client, settings.authTimeout().plus(settings.connectTimeout()));
        client.start();
    }

    /**
     * MINA's key exchanges with ML-KEM's post-quantum hybrid first.
     *
     * <p>Why: MINA proposes sntrup761x25519 first, which every OpenSSH since 9.0 accepts, and its key generation is
     * pure Java here: measured 65-85 ms of CPU per connection against 5-7 ms for mlkem768x25519 or curve25519 (client
     * and server in one JVM with Bouncy Castle, as the controller runs in Karaf), so a fan-out to 1,000 real routers,
     * about 1,500 connections, would cost the controller minutes of CPU in key generation. mlkem768x25519-sha256 is as
     * post-quantum; OpenSSH 10 prefers the same order (mlkem768x25519, sntrup761x25519, curve25519). A router's sshd
     * older than 9.9 still gets sntrup761, then curve25519: nothing is dropped, only the order changes. The lab offers
     * neither hybrid (no Bouncy Castle in its JVM) and agrees on curve25519-sha256 as before.
     */
    static List<KeyExchangeFactory> keyExchanges(final List<KeyExchangeFactory> mina) {
        final List<KeyExchangeFactory> ordered = new ArrayList<>(mina.size());
        mina.stream().filter(kex -> MLKEM.equals(kex.getName())).forEach(ordered::add);
        mina.stream().filter(kex -> !MLKEM.equals(kex.getName())).forEach(ordered::add);
        return ordered;
    }


    /** The factories this JVM supports, in the order given. */
    private static <T, F extends NamedFactory<T> & OptionalFeature> List<NamedFactory<T>> supported(
            final List<F> factories) {
        return factories.stream().filter(OptionalFeature::isSupported).<NamedFactory<T>>map(factory -> factory)
            .toList();
    }

    /** A connector with {@link SshSettings#defaults()}. */
    public static SshDeviceConnector withDefaults() {
        return new SshDeviceConnector(SshSettings.defaults());
    }

    public SshSettings settings() {
        return settings;
    }

    @Override
    public String newHolder() {
        return settings.holderPrefix() + ":" + instance + "-" + holders.incrementAndGet();
    }

    @Override
    public boolean isOwnKind(final String holder) {
        return holder.startsWith(settings.holderPrefix() + ":");
    }

    @Override
    public CompletionStage<DeviceSession> open(final DeviceTarget target, final String holder) {
        requireNonNull(target, "target");
        if (holder == null || !HOLDER.matcher(holder).matches()) {
            throw new IllegalArgumentException("bad lock holder name: " + holder);
        }
        final var result = new CompletableFuture<DeviceSession>();
        final var attempt = new HostKeyCheck.Attempt(target);
        final ConnectFuture connect;
        try {
            connect = client.connect(target.user(), target.host(), target.port(),
                AttributeRepository.ofKeyValuePair(HostKeyCheck.ATTEMPT, attempt), null);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new DeviceException.Connect(target.name(),
                "cannot connect to " + target.endpoint() + ": " + describe(e), e));
        }
        final ScheduledFuture<?> connectTimer = schedule(() -> {
            if (result.completeExceptionally(new DeviceException.Timeout(target.name(), DeviceStep.CONNECT,
                    settings.connectTimeout()))) {
                connect.cancel();
            }
        }, settings.connectTimeout());
        connect.addListener(done -> {
            connectTimer.cancel(false);
            if (!done.isConnected()) {
                final Throwable cause = done.getException();
                result.completeExceptionally(new DeviceException.Connect(target.name(), "cannot connect to "
                    + target.endpoint() + ": " + (cause == null ? "cancelled" : describe(cause)), cause));
                return;
            }
            final ClientSession session = done.getClientSession();
            if (result.isDone()) {
                session.close(true);
                return;
            }
            authenticate(target, holder, session, attempt, result);
        });
        return result;
    }

    private void authenticate(final DeviceTarget target, final String holder, final ClientSession session,
            final HostKeyCheck.Attempt attempt, final CompletableFuture<DeviceSession> result) {
        switch (target.credentials()) {
            case Credentials.Password password -> {
                session.setUserAuthFactoriesNames(List.of("password", "keyboard-interactive"));
                session.addPasswordIdentity(password.password());
            }
            case Credentials.Key key -> {
                session.setUserAuthFactoriesNames(List.of("publickey"));
                session.addPublicKeyIdentity(key.keyPair());
            }
        }
        final Duration limit = settings.connectTimeout().plus(settings.authTimeout());
        final AuthFuture auth;
        try {
            auth = session.auth();
        } catch (IOException e) {
            session.close(true);
            result.completeExceptionally(authFailure(target, session, attempt, e));
            return;
        }
        final ScheduledFuture<?> authTimer = schedule(() -> {
            final DeviceStep step = session.getServerVersion() == null ? DeviceStep.CONNECT : DeviceStep.AUTH;
            if (result.completeExceptionally(new DeviceException.Timeout(target.name(), step, limit))) {
                session.close(true);
            }
        }, limit);
        auth.addListener(done -> {
            authTimer.cancel(false);
            if (done.isSuccess()) {
                if (!result.complete(new SshDeviceSession(this, target, holder, session, hostKey(session)))) {
                    session.close(true);
                }
                return;
            }
            result.completeExceptionally(authFailure(target, session, attempt, done.getException()));
            session.close(true);
        });
    }

    /**
     * The fingerprint of the host key the session verified ({@link HostKeyCheck}), and MINA's copy of the key let go:
     * a parsed Ed25519 key keeps its precomputed points, 3-4 KiB of the ~19 KiB an idle session costs (measured with
     * {@code tools/bench FleetHeap}: Ed25519FieldElement, GroupElement and their int arrays), and sessions stay idle
     * for a router's next transaction by the hundreds. After authentication MINA reads the key only for host-bound
     * public-key authentication, which is over, and sets it anew on a key re-exchange after checking it again.
     */
    private static String hostKey(final ClientSession session) {
        final PublicKey key = session.getServerKey();
        if (key == null) {
            return "";
        }
        final String fingerprint = SshKeys.fingerprint(key);
        if (session instanceof AbstractClientSession client) {
            client.setServerKey(null);
        }
        return fingerprint;
    }

    private static DeviceException authFailure(final DeviceTarget target, final ClientSession session,
            final HostKeyCheck.Attempt attempt, final Throwable cause) {
        final DeviceException.HostKey rejection = attempt.rejection();
        if (rejection != null) {
            return rejection;
        }
        if (session.getServerVersion() == null) {
            return new DeviceException.Connect(target.name(), "no SSH greeting from " + target.endpoint() + ": "
                + (cause == null ? "connection closed" : describe(cause)), cause);
        }
        final String message = cause == null ? "" : String.valueOf(cause.getMessage());
        if (message.contains("No more authentication methods") || message.contains("authentication")
                || session.isOpen() && !session.isAuthenticated()) {
            return new DeviceException.Auth(target.name(), "the router refused the credentials of user "
                + target.user());
        }
        return new DeviceException.Connect(target.name(), "SSH handshake with " + target.endpoint() + " failed: "
            + (cause == null ? "connection closed" : describe(cause)), cause);
    }

    @Override
    public void close() {
        try {
            client.stop();
        } finally {
            timer.shutdownNow();
            writer.shutdownNow();
        }
    }

    ScheduledFuture<?> schedule(final Runnable task, final Duration delay) {
        return timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    ExecutorService writer() {
        return writer;
    }

    AgentScript script() {
        return script;
    }

    static String describe(final Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof ConnectException) {
                break;
            }
            root = root.getCause();
        }
        if (root instanceof ConnectException) {
            return "connection refused";
        }
        final String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + Secrets.scrub(message));
    }

    private static ThreadFactory daemon(final String name) {
        return new ThreadFactoryBuilder().setNameFormat(name + "-%d").setDaemon(true).build();
    }
}
