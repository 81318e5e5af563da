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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.opendaylight.openbsdpbr.impl.secret.SecretKeys;
import org.opendaylight.openbsdpbr.tools.cli.Inputs.CommandLine;
import org.opendaylight.openbsdpbr.tools.cli.Inputs.UsageException;

/**
 * {@code openbsd-pbr secret-keys FILE [--rotate]}: makes the controller's key file (etc/openbsd-pbr.keys) before a
 * cluster's first start, so that the one file can be copied to every member (each member would otherwise create a key
 * of its own at its first start, and none could open what another sealed); with {@code --rotate}, puts a new seal key
 * in front of an existing file's (the controller seals under it from its next start and seals every stored secret
 * again; the old keys still open). Prints the key ids, never a key.
 */
public final class SecretKeysCommand {
    static final String USAGE = "usage: openbsd-pbr secret-keys FILE [--rotate]";
    private static final String ROTATE = "--rotate";
    private static final String HELP = USAGE + "\n"
        + "Creates the controller's secret key file (mode 0600) to copy to every cluster member before they start.\n"
        + "  --rotate   add a new seal key in front of an existing file's: it seals from the controller's next\n"
        + "             start on, and the controller seals every stored secret again under it\n";

    private SecretKeysCommand() {
        // static only
    }

    /**
     * Runs the command.
     *
     * @return 0 on success, 1 when the file cannot be made, 2 on a usage error
     */
    public static int run(final List<String> args, final PrintStream out, final PrintStream error) {
        final var parsed = CommandLine.parse("secret-keys", args, Set.of(), Set.of(ROTATE), given -> {
            if (given.positional().size() != 1) {
                throw new UsageException("one key file is expected");
            }
        }, HELP, out, error);
        final CommandLine line = parsed.line();
        if (line == null) {
            return parsed.exit();
        }
        final Path file = Path.of(line.positional().get(0));
        try {
            if (line.has(ROTATE)) {
                final SecretKeys rotated = SecretKeys.load(file).withNewSealKey();
                rotated.write(file);
                out.println(file + ": sealing under new key " + rotated.currentId() + "; keys " + rotated.ids());
                return 0;
            }
            if (Files.exists(file)) {
                error.println("secret-keys: " + file + " exists (--rotate adds a new key to it)");
                return 1;
            }
            final var created = SecretKeys.loadOrCreate(file);
            out.println(file + ": created, sealing under key " + created.keys().currentId());
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            error.println("secret-keys: " + e.getMessage());
            return 1;
        }
    }
}
