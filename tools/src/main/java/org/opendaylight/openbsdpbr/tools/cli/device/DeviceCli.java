/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli.device;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.api.device.DeviceException;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.device.HostKeyPolicy;
import org.opendaylight.openbsdpbr.impl.device.PushOptions;
import org.opendaylight.openbsdpbr.impl.device.PushResult;
import org.opendaylight.openbsdpbr.impl.ssh.SshKeys;
import org.opendaylight.openbsdpbr.impl.ssh.SshSettings;

/**
 * What the device commands (push, confirm, rollback, check-sync) share: the options naming one router and how to
 * reach it, and how results are printed.
 * <pre>
 *   --router NAME               the router's name (required)
 *   --target HOST[:PORT]        its sshd (required; port 22 by default; [IPv6]:PORT)
 *   --user USER                 the account the router-side script runs as (default root)
 *   --identity FILE             an OpenSSH private key file (unencrypted)
 *   --password-file FILE        or a file whose first line is the password
 *   --known-hosts FILE          accept the keys this known_hosts file lists for the target
 *   --fingerprint SHA256:...    or accept this key (repeatable)
 *   --trust-on-first-use        accept an unknown key and print its fingerprint (pin it afterwards)
 *   --timeout SECONDS           limit of each step (default 30)
 * </pre>
 * An unknown host key is refused before any credential is sent unless {@code --trust-on-first-use} is given.
 */
public final class DeviceCli {
    /** Options that take a value. */
    public static final Set<String> VALUED = Set.of("--router", "--target", "--user", "--identity", "--password-file",
        "--known-hosts", "--fingerprint", "--timeout");
    /** Flags. */
    public static final Set<String> FLAGS = Set.of("--trust-on-first-use");
    /** Options that may repeat. */
    public static final Set<String> REPEATABLE = Set.of("--fingerprint");
    /** The option lines of the help texts. */
    public static final String HELP = """
          --router NAME             the router's name
          --target HOST[:PORT]      its sshd address (port 22 by default)
          --user USER               account on the router (default root)
          --identity FILE           OpenSSH private key file, or
          --password-file FILE      a file whose first line is the password
          --known-hosts FILE        accept the host keys this file lists for the target, or
          --fingerprint SHA256:...  accept this host key (repeatable), or
          --trust-on-first-use      accept an unknown host key and print its fingerprint
          --timeout SECONDS         time limit of each step (default 30)
        """;

    private DeviceCli() {
        // utility
    }

    /** Union of the device options and a command's own. */
    public static Set<String> with(final Set<String> base, final String... more) {
        final var result = new LinkedHashSet<>(base);
        result.addAll(List.of(more));
        return result;
    }

    /** The router the options name. */
    public static DeviceTarget target(final Options options, final PrintStream out) throws UsageException,
            IOException {
        final String name = options.required("--router");
        final String targetText = options.required("--target");
        final String host;
        int port = 22;
        if (targetText.startsWith("[")) {
            final int close = targetText.indexOf(']');
            if (close < 0) {
                throw new UsageException("--target: missing ] in " + targetText);
            }
            host = targetText.substring(1, close);
            if (targetText.length() > close + 1) {
                if (targetText.charAt(close + 1) != ':') {
                    throw new UsageException("--target: expected [HOST]:PORT, got " + targetText);
                }
                port = parsePort(targetText.substring(close + 2));
            }
        } else if (targetText.indexOf(':') >= 0 && targetText.indexOf(':') == targetText.lastIndexOf(':')) {
            host = targetText.substring(0, targetText.indexOf(':'));
            port = parsePort(targetText.substring(targetText.indexOf(':') + 1));
        } else {
            host = targetText;
        }
        final String user = options.value("--user").orElse("root");
        final Credentials credentials = credentials(options);
        final HostKeyPolicy policy = hostKeyPolicy(options, name, host, port, out);
        try {
            return new DeviceTarget(name, host, port, user, credentials, policy);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private static int parsePort(final String text) throws UsageException {
        try {
            final int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new UsageException("--target: port out of range: " + text);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--target: not a port: " + text, e);
        }
    }

    private static Credentials credentials(final Options options) throws UsageException, IOException {
        final Optional<String> identity = options.value("--identity");
        final Optional<String> passwordFile = options.value("--password-file");
        if (identity.isPresent() == passwordFile.isPresent()) {
            throw new UsageException("give one of --identity or --password-file");
        }
        if (identity.isPresent()) {
            return new Credentials.Key(SshKeys.readPrivateKey(Path.of(identity.orElseThrow()), Optional.empty()));
        }
        final Path file = Path.of(passwordFile.orElseThrow());
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return new Credentials.Password(lines.findFirst().orElseThrow(
                () -> new IOException(file + " is empty")));
        }
    }

    private static HostKeyPolicy hostKeyPolicy(final Options options, final String name, final String host,
            final int port, final PrintStream out) throws UsageException, IOException {
        final var pinned = new LinkedHashSet<String>();
        for (String fingerprint : options.values("--fingerprint")) {
            if (!HostKeyPolicy.FINGERPRINT.matcher(fingerprint).matches()) {
                throw new UsageException("--fingerprint: not an OpenSSH SHA256 fingerprint: " + fingerprint);
            }
            pinned.add(fingerprint);
        }
        final Optional<String> knownHosts = options.value("--known-hosts");
        if (knownHosts.isPresent()) {
            pinned.addAll(SshKeys.knownHostFingerprints(Path.of(knownHosts.orElseThrow()), host, port));
        }
        if (options.flag("--trust-on-first-use")) {
            return new HostKeyPolicy.TrustOnFirstUse(pinned, (router, fingerprint) -> out.println("router " + router
                + ": trusting host key " + fingerprint + " on first use (pin it: --fingerprint " + fingerprint
                + ")"));
        }
        if (pinned.isEmpty() && options.values("--fingerprint").isEmpty() && knownHosts.isEmpty()) {
            throw new UsageException("give --known-hosts, --fingerprint or --trust-on-first-use: unknown host keys "
                + "are refused");
        }
        return new HostKeyPolicy.Pinned(pinned);
    }

    /** Settings from {@code --timeout}. */
    public static SshSettings settings(final Options options) throws UsageException {
        final int seconds = options.intValue("--timeout", 1, 3600).orElse(30);
        return SshSettings.defaults().withTimeouts(Duration.ofSeconds(seconds)).withHolderPrefix("openbsd-pbr-cli");
    }

    /** MINA logs each session at INFO; the command line wants only warnings (unless the user set a level). */
    public static void quietLogs() {
        final String key = "org.slf4j.simpleLogger.log.org.opendaylight.netconf.shaded.sshd";
        if (System.getProperty(key) == null) {
            System.setProperty(key, "warn");
        }
    }

    /**
     * Print a result: its summary, then {@code generation N} (or {@code generation unknown}) as the last line.
     *
     * @return the exit status: 0 when the router runs what was asked, 1 otherwise
     */
    public static int report(final PushResult result, final PrintStream out, final PrintStream error) {
        (result.isSuccess() ? out : error).println(result.summary());
        printGeneration(result.generation(), out);
        return result.isSuccess() ? 0 : 1;
    }

    /**
     * Wait for a result, then {@link #report(PushResult, PrintStream, PrintStream) report} it.
     *
     * @return the exit status: 0 when the router runs what was asked, 1 otherwise
     * @throws ExecutionException when the operation failed before any result
     * @throws InterruptedException when interrupted
     */
    public static int report(final CompletionStage<PushResult> result, final PrintStream out,
            final PrintStream error) throws ExecutionException, InterruptedException {
        return report(result.toCompletableFuture().get(), out, error);
    }

    /** Print the last line of a device command: {@code generation N}, or {@code generation unknown}. */
    public static void printGeneration(final OptionalInt generation, final PrintStream out) {
        out.println(generation.isPresent() ? "generation " + generation.getAsInt() : "generation unknown");
    }

    /** The push options with {@code --confirm SECONDS} (1..86400) when given. */
    public static PushOptions withConfirm(final PushOptions pushOptions, final Options options)
            throws UsageException {
        final Optional<Integer> confirm = options.intValue("--confirm", 1, 86_400);
        return confirm.isPresent() ? pushOptions.withConfirm(Duration.ofSeconds(confirm.orElseThrow()))
            : pushOptions;
    }

    /** Print a failure that ended a command before any result. */
    public static int fail(final Throwable failure, final PrintStream error) {
        final Optional<DeviceException> device = DeviceException.find(failure);
        error.println("error: " + device.map(Throwable::getMessage).orElse(String.valueOf(failure.getMessage())));
        return 1;
    }
}
