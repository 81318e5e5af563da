/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * How a benchmark logs in to a controller's RESTCONF: as {@code admin}, with the password the distribution generated at
 * its first start and keeps in {@code etc/admin-password} (mode 0600; distribution/first-boot). There is no default
 * password to fall back on. The launcher's scripts pass the file with {@code --password-file}.
 */
final class ControllerLogin {
    private ControllerLogin() {
        // utility
    }

    /**
     * The value of an HTTP {@code Authorization} header for {@code admin} with the password in {@code passwordFile}.
     *
     * @throws IOException if the file cannot be read or is empty
     */
    static String authorization(final Path passwordFile) throws IOException {
        final String password = Files.readString(passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        if (password.isEmpty()) {
            throw new IOException(passwordFile + ": no password in it");
        }
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The password file named by {@code --password-file}, else the one {@code ./openbsd-pbr start} uses. */
    static Path passwordFile(final String[] args) {
        return Path.of(DeviceBenchmark.stringArg(args, "--password-file",
            System.getenv().getOrDefault("OPENBSD_PBR_PASSWORD_FILE", ".run/karaf/etc/admin-password")));
    }
}
