/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on, read from Linux's {@code /proc} as {@code ss -ltnp} does: the sockets in state
 * LISTEN of the process's network namespace ({@code /proc/PID/net/tcp}, {@code tcp6}) whose inode is one of the
 * process's open files ({@code /proc/PID/fd}).
 */
final class ListeningSockets {
    /** One listening socket: the address it is bound to (0.0.0.0 and :: for every address) and its port. */
    record Socket(InetAddress address, int port) {
        /** True for 127.0.0.0/8 and ::1 (Java reads ::ffff:127.0.0.1 as 127.0.0.1 too). */
        boolean loopback() {
            return address.isLoopbackAddress();
        }

        @Override
        public String toString() {
            return address.getHostAddress() + ":" + port;
        }
    }

    private static final String LISTEN = "0A";

    private ListeningSockets() {
        // utility
    }

    /** The sockets process {@code pid} listens on. */
    static List<Socket> of(final long pid) {
        final Set<String> inodes = socketInodes(pid);
        final List<Socket> sockets = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            final Path file = Path.of("/proc", Long.toString(pid), "net", table);
            try (Stream<String> lines = Files.lines(file)) {
                lines.skip(1).map(String::strip).map(line -> line.split("\\s+"))
                    .filter(fields -> fields.length > 9 && LISTEN.equals(fields[3]) && inodes.contains(fields[9]))
                    .map(fields -> socket(fields[1])).forEach(sockets::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sockets;
    }

    /** True when any process of this network namespace listens on TCP {@code port}, on any address. */
    static boolean portInUse(final int port) {
        for (String table : List.of("tcp", "tcp6")) {
            try (Stream<String> lines = Files.lines(Path.of("/proc/net", table))) {
                if (lines.skip(1).map(String::strip).map(line -> line.split("\\s+"))
                        .anyMatch(fields -> fields.length > 3 && LISTEN.equals(fields[3])
                            && socket(fields[1]).port() == port)) {
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }

    private static Set<String> socketInodes(final long pid) {
        final Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    final String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException e) {
                    // a file closed meanwhile
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inodes;
    }

    /** {@code 0100007F:1F95} (IPv4) or 32 hex digits (IPv6), each 32-bit word in the host's (little-endian) order. */
    static Socket socket(final String local) {
        final String[] parts = local.split(":");
        final byte[] hex = HexFormat.of().parseHex(parts[0]);
        final byte[] address = new byte[hex.length];
        for (int word = 0; word < hex.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                address[word + i] = hex[word + 3 - i];
            }
        }
        try {
            return new Socket(InetAddress.getByAddress(address), Integer.parseInt(parts[1], 16));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(local, e);
        }
    }
}
