/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.lab;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.opendaylight.netconf.shaded.sshd.common.keyprovider.KeyPairProvider;
import org.opendaylight.netconf.shaded.sshd.common.session.Session;
import org.opendaylight.netconf.shaded.sshd.common.session.SessionContext;
import org.opendaylight.netconf.shaded.sshd.common.session.helpers.AbstractSession;
import org.opendaylight.netconf.shaded.sshd.core.CoreModuleProperties;
import org.opendaylight.netconf.shaded.sshd.server.ServerBuilder;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.device.HostKeyPolicy;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lab of simulated OpenBSD routers on loopback: one MINA SSH server, one port per router (so that each router has
 * its own host key, presented before authentication), routers {@code r1} .. {@code rN} emulating the router-side
 * script in memory, with per-router fault injection ({@link LabFault}) through {@link #control()}, an optional HTTP
 * control port, or this class. A few I/O threads and one timer thread serve every router.
 */
public final class Lab implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lab.class);

    /** What a router's port does now. */
    private enum Binding { SSH, STALL, NONE }

    private final LabConfig config;
    private final ScheduledExecutorService timers;
    private final LabSshServer server = (LabSshServer) ServerBuilder.builder().factory(LabSshServer::new).build();
    private final Map<String, LabRouter> routers = new LinkedHashMap<>();
    private final Map<Integer, LabRouter> byPort = new ConcurrentHashMap<>();
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();
    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();
    private final Map<String, LabStaller> stallers = new ConcurrentHashMap<>();
    private final LabControl control = new LabControl(this);
    private LabHttpControl http;

    private Lab(final LabConfig config) {
        this.config = config;
        final var count = new AtomicInteger();
        timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final var thread = new Thread(runnable, "lab-timer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Start a lab: keys loaded or generated, every router listening, files written to the state directory. */
    public static Lab start(final LabConfig config) throws IOException {
        final var lab = new Lab(requireNonNull(config));
        try {
            lab.open();
        } catch (IOException | GeneralSecurityException e) {
            lab.close();
            throw e instanceof IOException io ? io : new IOException("cannot start the lab", e);
        }
        return lab;
    }

    private void open() throws IOException, GeneralSecurityException {
        final LabRouter.Listener listener = this::reconcile;
        for (int i = 1; i <= config.routers(); i++) {
            final String name = "r" + i;
            routers.put(name, new LabRouter(name, hostKey(name), timers, listener));
        }
        server.setHost(config.host());
        server.setPort(config.basePort());
        server.setKeyPairProvider(new KeyPairProvider() {
            @Override
            public Iterable<KeyPair> loadKeys(final SessionContext session) {
                final LabRouter router = routerOf(session);
                return List.of((router != null ? router : routers.values().iterator().next()).presentedHostKey());
            }
        });
        server.setPasswordAuthenticator((user, password, session) -> {
            final LabRouter router = routerOf(session);
            if (router != null) {
                router.countAuthAttempt();
            }
            return config.user().equals(user) && config.password().map(password::equals).orElse(false);
        });
        server.setPublickeyAuthenticator((user, key, session) -> {
            final LabRouter router = routerOf(session);
            if (router != null) {
                router.countAuthAttempt();
            }
            return config.user().equals(user) && (config.authorizedKeys().isEmpty()
                || config.authorizedKeys().contains(SshKeys.fingerprint(key)));
        });
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((channel, command) -> {
            final LabRouter router = routerOf(channel.getSession());
            if (router == null) {
                throw new IOException("no router on this port");
            }
            return new LabShellCommand(this, router, command);
        });
        CoreModuleProperties.NIO_WORKERS.set(server, config.ioThreads());
        CoreModuleProperties.TCP_NODELAY.set(server, true);
        server.start();

        final var first = routers.values().iterator().next();
        final InetSocketAddress firstBound = (InetSocketAddress) server.getBoundAddresses().iterator().next();
        register(first, firstBound.getPort());
        int index = 1;
        for (LabRouter router : routers.values()) {
            if (router != first) {
                final int wanted = config.basePort() == 0 ? 0 : config.basePort() + index;
                register(router, server.bind(new InetSocketAddress(config.host(), wanted)).getPort());
                index++;
            }
        }
        if (config.controlPort() >= 0) {
            http = new LabHttpControl(control, new InetSocketAddress(config.host(), config.controlPort()));
        }
        writeStateFiles();
        LOG.info("lab: {} routers on {} ports {}..{}", routers.size(), config.host(), port(first.name()),
            port("r" + routers.size()));
    }

    private void register(final LabRouter router, final int port) {
        ports.put(router.name(), port);
        byPort.put(port, router);
        bindings.put(router.name(), Binding.SSH);
    }

    private KeyPair hostKey(final String name) throws IOException, GeneralSecurityException {
        if (config.stateDir().isEmpty()) {
            return SshKeys.generateEd25519();
        }
        final Path dir = Files.createDirectories(config.stateDir().orElseThrow().resolve("hostkeys"));
        final Path file = dir.resolve(name + ".key");
        if (Files.exists(file)) {
            return SshKeys.readPrivateKey(file, Optional.empty());
        }
        final KeyPair key = SshKeys.generateEd25519();
        SshKeys.writePrivateKey(key, file, name);
        return key;
    }

    private void writeStateFiles() throws IOException {
        if (config.stateDir().isEmpty()) {
            return;
        }
        final Path dir = config.stateDir().orElseThrow();
        final var endpoints = new StringBuilder();
        final var knownHosts = new StringBuilder();
        for (LabRouter router : routers.values()) {
            final int port = port(router.name());
            endpoints.append(router.name()).append(' ').append(config.host()).append(':').append(port).append(' ')
                .append(router.hostKeyFingerprint()).append(' ').append(config.user()).append('\n');
            final PublicKey key = router.presentedHostKey().getPublic();
            knownHosts.append('[').append(config.host()).append("]:").append(port).append(' ')
                .append(SshKeys.publicKeyLine(key)).append('\n');
        }
        if (http != null) {
            Files.writeString(dir.resolve("control.url"), controlUri().orElseThrow() + "\n");
        }
        Files.writeString(dir.resolve("known_hosts"), knownHosts, StandardCharsets.UTF_8);
        final Path tmp = dir.resolve("endpoints.txt.tmp");
        Files.writeString(tmp, endpoints, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve("endpoints.txt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The routers, in name order r1 .. rN. */
    public List<LabRouter> routers() {
        return List.copyOf(routers.values());
    }

    /** A router by name. */
    public LabRouter router(final String name) {
        final LabRouter router = routers.get(name);
        if (router == null) {
            throw new IllegalArgumentException("no router " + name + " in this lab (r1..r" + routers.size() + ")");
        }
        return router;
    }

    public String host() {
        return config.host();
    }

    public LabConfig config() {
        return config;
    }

    /** A router's port. */
    public int port(final String name) {
        router(name);
        return ports.get(name);
    }

    /** The text control interface (also behind the HTTP control port). */
    public LabControl control() {
        return control;
    }

    /** The HTTP control endpoint, if one runs. */
    public Optional<URI> controlUri() {
        return http == null ? Optional.empty() : Optional.of(http.uri());
    }

    /** A device target for a router, its host key pinned. */
    public DeviceTarget target(final String name, final Credentials credentials) {
        final LabRouter router = router(name);
        return new DeviceTarget(name, config.host(), port(name), config.user(), credentials,
            HostKeyPolicy.Pinned.of(router.hostKeyFingerprint()));
    }

    /** Set a fault on a router; connection faults take effect at once (open sessions are dropped). */
    public void setFault(final String name, final LabFault fault, final String argument) {
        final LabRouter router = router(name);
        router.setFault(fault, argument);
        reconcile(router);
    }

    /** Clear one fault of a router. */
    public void clearFault(final String name, final LabFault fault) {
        final LabRouter router = router(name);
        router.clearFault(fault);
        reconcile(router);
    }

    /** Clear every fault of a router. */
    public void clearFaults(final String name) {
        final LabRouter router = router(name);
        router.clearFaults();
        reconcile(router);
    }

    /**
     * Reboot a router: its SSH sessions drop, its confirm timer dies, and the end of its boot runs the agent's boot
     * hook (a confirmed commit left pending is reverted).
     *
     * @return what the boot hook printed, empty when it did nothing
     */
    public Optional<String> reboot(final String name) {
        final LabRouter router = router(name);
        dropSessions(router);
        return router.boot();
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    /**
     * A commit took the router's management path down: refuse new connections at once; drop the open ones a moment
     * later, once the commit's reply is out.
     */
    void loseManagement(final LabRouter router) {
        reconcile(router, false);
        timers.schedule(() -> dropSessions(router), 100, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Make a router's port do what its faults say: speak SSH, stall, or refuse. */
    private void reconcile(final LabRouter router) {
        reconcile(router, true);
    }

    private synchronized void reconcile(final LabRouter router, final boolean dropNow) {
        final Binding wanted = router.hasFault(LabFault.REFUSE) || router.isManagementLost() ? Binding.NONE
            : router.hasFault(LabFault.STALL) ? Binding.STALL : Binding.SSH;
        final Binding now = bindings.get(router.name());
        if (wanted == now) {
            return;
        }
        final var address = new InetSocketAddress(config.host(), ports.get(router.name()));
        if (now == Binding.SSH) {
            server.unbind(address);
            if (dropNow) {
                dropSessions(router);
            }
        } else if (now == Binding.STALL) {
            final LabStaller staller = stallers.remove(router.name());
            if (staller != null) {
                staller.close();
            }
        }
        try {
            if (wanted == Binding.SSH) {
                server.bind(address);
            } else if (wanted == Binding.STALL) {
                stallers.put(router.name(), new LabStaller(address));
            }
            bindings.put(router.name(), wanted);
        } catch (IOException e) {
            LOG.warn("lab: router {} cannot listen on {} again", router.name(), address, e);
            bindings.put(router.name(), Binding.NONE);
        }
    }

    private void dropSessions(final LabRouter router) {
        for (AbstractSession session : server.getActiveSessions()) {
            if (routerOf(session) == router) {
                session.close(true);
            }
        }
    }

    private LabRouter routerOf(final SessionContext context) {
        if (!(context instanceof Session session) || session.getIoSession() == null) {
            return null;
        }
        final SocketAddress local = session.getIoSession().getLocalAddress();
        return local instanceof InetSocketAddress inet ? byPort.get(inet.getPort()) : null;
    }

    /** Stop everything. */
    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        stallers.values().forEach(LabStaller::close);
        try {
            server.stop(true);
        } catch (IOException e) {
            LOG.debug("lab: stopping the SSH server", e);
        }
        timers.shutdownNow();
    }

    /** Router names, for messages. */
    List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(routers.keySet()));
    }

    static long millis(final String text) {
        if (text.isEmpty()) {
            return 500;
        }
        try {
            return Math.max(0, Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return 500;
        }
    }
}
