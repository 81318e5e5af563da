/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.Test;

/**
 * The distribution as it first starts, before any operator opened anything up: every listener on loopback, AAA's
 * default login refused (and nothing at all reachable from another address), the Karaf console without a default
 * user, Jolokia off, and the files the controller writes private to its user.
 */
class SafeByDefaultE2E {
    /** RESTCONF on Jetty and on Netty, the Karaf console, JMX (registry and server), the Pekko cluster. */
    private static final Set<Integer> DEFAULT_PORTS = Set.of(8181, 8182, 8101, 1099, 44444, 2550);
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = Set.of(PosixFilePermission.GROUP_READ,
        PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Karaf karaf = Karaf.underTest();

    @Test
    void everyListenerOfTheControllerIsOnLoopback() {
        final long pid = karaf.pid().orElseThrow(() -> new AssertionError("no controller JVM"));
        final List<ListeningSockets.Socket> sockets = ListeningSockets.of(pid);
        assertThat(sockets.stream().map(ListeningSockets.Socket::port)).as("the default ports, listening")
            .containsAll(DEFAULT_PORTS);
        assertThat(sockets).as("every listening socket of JVM " + pid).allMatch(ListeningSockets.Socket::loopback);
    }

    @Test
    void aaasDefaultLoginIsRefusedAndTheGeneratedPasswordIsNotIt() {
        final String path = "/data/openbsd-pbr:routers?content=config";
        for (String base : List.of(karaf.restconf(), "http://127.0.0.1:8182/restconf")) {
            assertThat(new Restconf(base, "admin", "admin").get(path).status()).as(base + " admin/admin")
                .isEqualTo(401);
            assertThat(Restconf.admin(base, karaf.home()).get(path).status()).as(base + " the generated password")
                .isIn(200, 404, 409);
        }
        assertThat(Restconf.adminPassword(karaf.home())).matches("[A-Za-z0-9_-]{32}");
    }

    @Test
    void nothingAnswersOnThisMachinesOtherAddresses() throws SocketException {
        final List<InetAddress> addresses = NetworkInterface.networkInterfaces()
            .flatMap(NetworkInterface::inetAddresses)
            .filter(address -> !address.isLoopbackAddress() && !(address instanceof Inet6Address six
                && six.isLinkLocalAddress()))
            .toList();
        assumeFalse(addresses.isEmpty(), "this machine has no address but loopback");
        for (InetAddress address : addresses) {
            for (int port : DEFAULT_PORTS) {
                assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(address, port), 2_000);
                    }
                }).as(address.getHostAddress() + ":" + port).isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    void theKarafConsoleHasNoDefaultUser() throws IOException {
        try (SshClient client = SshClient.setUpDefaultClient()) {
            // loopback, the host key is the one the controller made at its first start: nothing to pin here
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            client.start();
            try (ClientSession session = client.connect("karaf", "127.0.0.1", 8101).verify(Duration.ofSeconds(10))
                    .getSession()) {
                session.addPasswordIdentity("karaf");
                assertThatThrownBy(() -> session.auth().verify(Duration.ofSeconds(10))).as("karaf/karaf")
                    .isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void jolokiaIsOff() {
        // the same server and login that serve RESTCONF: the path alone decides
        final String server = karaf.restconf().replaceFirst("/rests$", "");
        final var login = Restconf.admin(server, karaf.home());
        assertThat(login.get("/rests/data/openbsd-pbr:routers?content=config").status()).isIn(200, 404, 409);
        final var reply = login.get("/jolokia/version");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
    }

    @Test
    void theControllersFilesArePrivateToItsUser() throws IOException {
        final Path home = karaf.home();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("etc/admin-password"))))
            .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("console.log"))))
            .as("the console log").isEqualTo("rw-------");
        assertThat(home.resolve("data/idmlight.db.mv.db")).as("AAA's users").exists();
        assertThat(home.resolve("state")).as("the datastore's journal and snapshots (controller 12)").isDirectory();
        for (String directory : List.of("data", "state", "journal", "snapshots")) {
            if (!Files.exists(home.resolve(directory))) {
                continue;
            }
            try (Stream<Path> files = Files.walk(home.resolve(directory))) {
                assertThat(files.filter(file -> !Files.isSymbolicLink(file)).filter(file -> {
                    try {
                        return Files.getPosixFilePermissions(file).stream().anyMatch(GROUP_OR_OTHER::contains);
                    } catch (IOException e) {
                        return false;
                    }
                })).as("files under " + directory + "/ that others may use").isEmpty();
            }
        }
    }
}
