/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.device.Credentials;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.impl.analysis.IntentElements;
import org.opendaylight.openbsdpbr.impl.analysis.ManagementPath;
import org.opendaylight.openbsdpbr.impl.analysis.RouterModel;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.analysis.source.ModelException;
import org.opendaylight.openbsdpbr.tools.cli.device.Options;
import org.opendaylight.openbsdpbr.tools.cli.device.UsageException;

/**
 * The management-path proof before a push from the command line ({@link ManagementPath}): refuses files through
 * which this machine could no longer reach the router's sshd and log in, naming what breaks (the intent element when
 * the files were rendered from intent), before anything is uploaded.
 *
 * <p>How the router sees this machine: {@code --controller-address} (default: the source address this machine would
 * use towards the router, asked of the kernel without sending anything), {@code --router-address} (default: the
 * target's address) and {@code --router-port} (default: the target's port). {@code --skip-path-check} pushes without
 * the proof.
 */
final class PathCheck {
    /** The options of the check. */
    static final String CONTROLLER_ADDRESS = "--controller-address";
    static final String ROUTER_ADDRESS = "--router-address";
    static final String ROUTER_PORT = "--router-port";
    static final String SKIP = "--skip-path-check";
    static final String HELP = ""
        + "  --controller-address A    this machine's address as the router sees it (default: the source address\n"
        + "                            towards the router), for the management-path proof\n"
        + "  --router-address A        the router's address as it sees it (default: the target's)\n"
        + "  --router-port N           the port sshd must listen on, as the router sees it (default: the target's)\n"
        + "  --skip-path-check         push without proving that the router stays reachable over SSH\n";

    private PathCheck() {
        // utility
    }

    /**
     * Proves the management path through the files.
     *
     * @param files the files to push
     * @param target the router
     * @param options the command line
     * @param intent the effective intent the files were rendered from, or null
     * @param out where the outcome is printed
     * @return why the push is refused, or null to go on
     * @throws UsageException when an option's value is bad
     */
    static @Nullable String refusal(final FileSet files, final DeviceTarget target, final Options options,
            final @Nullable RouterIntent intent, final PrintStream out) throws UsageException {
        if (options.flag(SKIP)) {
            out.println("management path: not checked (" + SKIP + ")");
            return null;
        }
        final ManagementPath.View view;
        try {
            view = view(target, options);
        } catch (IOException e) {
            out.println("management path: not proven: no way to " + target.host() + " (" + e.getMessage() + ")");
            return null;
        }
        final ManagementPath.Proof proof;
        try {
            proof = ManagementPath.prove(RouterModel.of(files), view);
        } catch (ModelException e) {
            out.println("management path: not proven: the files are outside what the analysis reads: "
                + e.getMessage());
            return null;
        }
        switch (proof.verdict()) {
            case PROVEN -> out.println("management path: proven (" + view.controller() + " to " + view.router()
                + " port " + view.port() + ", " + proof.answer().delivery().listener() + ")");
            case UNKNOWN -> out.println("management path: not proven: " + String.join("; ", proof.unknowns()));
            default -> {
                final IntentElements elements = intent == null ? null : new IntentElements(intent);
                final StringBuilder sb = new StringBuilder("refused: the router would lock this machine out"
                    + " (nothing was pushed):");
                for (ManagementPath.Breach breach : proof.breaches()) {
                    sb.append("\n  ");
                    if (elements != null) {
                        sb.append(IntentElements.full(elements.of(breach.subject()))).append(": ");
                    }
                    sb.append(breach.message());
                }
                return sb.toString();
            }
        }
        return null;
    }

    private static ManagementPath.View view(final DeviceTarget target, final Options options)
            throws UsageException, IOException {
        final IpAddress router = options.value(ROUTER_ADDRESS).isPresent()
            ? address(ROUTER_ADDRESS, options.value(ROUTER_ADDRESS).orElseThrow())
            : IpAddress.parse(InetAddress.getByName(target.host()).getHostAddress());
        final int port = options.intValue(ROUTER_PORT, 1, 65535).orElse(target.port());
        final IpAddress controller = options.value(CONTROLLER_ADDRESS).isPresent()
            ? address(CONTROLLER_ADDRESS, options.value(CONTROLLER_ADDRESS).orElseThrow())
            : localAddressToward(target.host(), target.port());
        try {
            return new ManagementPath.View(controller, router, port, target.user(),
                target.credentials() instanceof Credentials.Password);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private static IpAddress address(final String option, final String value) throws UsageException {
        final IpAddress address = IpAddress.tryParse(value);
        if (address == null) {
            throw new UsageException(option + " takes an IP address, not '" + value + "'");
        }
        return address;
    }

    /**
     * The source address the kernel picks towards a host: a connected UDP socket sends nothing, it only binds the
     * route's source address.
     */
    static IpAddress localAddressToward(final String host, final int port) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(host), port));
            return IpAddress.parse(socket.getLocalAddress().getHostAddress().replaceFirst("%.*", ""));
        }
    }
}
