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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.tools.sandbox.SandboxSshd;

/**
 * The way a fleet is often changed by hand, as the fleet benchmark's baseline: per router, {@code scp} the files, then
 * one {@code ssh} that runs the router's checks ({@code pfctl -nf}, {@code sshd -t}, {@code unwind -n},
 * {@code netstart -n}) on them, then one {@code ssh} that installs them with their owner, group and mode and loads pf;
 * {@code xargs -P} runs routers in parallel. It is the same work the agent's plain commit does (upload, validate,
 * install, the same files and tools), without its lock, staging, generations or read-back. OpenSSH's client and
 * Debian's sshd, the routers' sandbox and stand-in tools are the agent benchmark's own.
 */
final class ScpSshLoop {
    /**
     * What a loop took.
     *
     * @param seconds wall time
     * @param failures routers whose loop failed or whose files did not arrive
     */
    record Result(double seconds, int failures) {
    }

    private final SandboxSshd sshd;
    private final FileSet files;
    private final int parallel;

    ScpSshLoop(final SandboxSshd sshd, final FileSet files, final int parallel) {
        this.sshd = sshd;
        this.files = files;
        this.parallel = parallel;
    }

    Result run() throws IOException, InterruptedException {
        final Path dir = Files.createDirectories(sshd.dir().resolve("loop"));
        final Path upload = dir.resolve("upload");
        for (ManagedFile file : files.files().values()) {
            final Path local = upload.resolve(file.path().substring(1));
            Files.createDirectories(local.getParent());
            Files.writeString(local, file.content(), StandardCharsets.UTF_8);
        }
        final Path failed = dir.resolve("failed");
        Files.deleteIfExists(failed);
        final Path script = dir.resolve("loop.sh");
        Files.writeString(script, script(failed), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        final var indexes = new StringBuilder();
        for (int i = 0; i < sshd.routers().size(); i++) {
            indexes.append(sshd.routers().get(i).user()).append('\n');
        }
        final long start = System.nanoTime();
        final Process xargs = new ProcessBuilder("xargs", "-P", Integer.toString(parallel), "-n", "1", "sh",
            script.toString()).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(dir.resolve("loop.log").toFile()).start();
        try (var in = xargs.getOutputStream()) {
            in.write(indexes.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (!xargs.waitFor(60, TimeUnit.MINUTES)) {
            xargs.destroyForcibly();
            throw new IOException("the scp + ssh loop did not finish within an hour");
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        int failures = Files.exists(failed) ? Files.readAllLines(failed).size() : 0;
        final ManagedFile pf = files.get("/etc/pf.conf").orElseThrow();
        for (SandboxSshd.Router router : sshd.routers()) {
            final Path installed = router.root().resolve("etc/pf.conf");
            if (!Files.exists(installed) || !Files.readString(installed).equals(pf.content())) {
                failures++;
            }
        }
        return new Result(seconds, Math.min(failures, sshd.routers().size()));
    }

    private String script(final Path failed) throws IOException {
        final String options = "-o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="
            + sshd.knownHosts() + " -o LogLevel=ERROR -i " + sshd.clientKeyFile();
        final var validate = new ArrayList<String>();
        final var install = new ArrayList<String>();
        for (ManagedFile file : files.files().values()) {
            final String local = file.path().substring(1);
            final String name = file.path().substring(file.path().lastIndexOf('/') + 1);
            switch (file.path()) {
                case "/etc/pf.conf" -> validate.add("pfctl -nf " + local);
                case "/etc/ssh/sshd_config" -> validate.add("sshd -t -f " + local);
                case "/etc/unwind.conf" -> validate.add("unwind -n -f " + local);
                default -> {
                    if (name.startsWith("hostname.")) {
                        validate.add("sh \"$PBR_ROOT/etc/netstart\" -n " + name.substring("hostname.".length()));
                    }
                }
            }
            install.add("mkdir -p \"$PBR_ROOT" + file.path().substring(0, file.path().lastIndexOf('/'))
                + "\" && install -o " + file.owner() + " -g " + file.group() + " -m " + file.modeString() + " "
                + local + " \"$PBR_ROOT" + file.path() + "\"");
        }
        install.add("pfctl -f \"$PBR_ROOT/etc/pf.conf\"");
        return "#!/bin/sh\n"
            + "# one router of the scp + ssh loop: $1 is its account\n"
            + "u=$1\n"
            + "scp -q -r -P " + sshd.port() + " " + options + " upload \"$u@127.0.0.1:\" &&\n"
            + "ssh -p " + sshd.port() + " " + options + " \"$u@127.0.0.1\" '" + "cd upload && "
            + String.join(" && ", validate) + "' &&\n"
            + "ssh -p " + sshd.port() + " " + options + " \"$u@127.0.0.1\" '" + "cd upload && "
            + String.join(" && ", install) + "' || echo \"$u\" >> " + failed + "\n";
    }
}
