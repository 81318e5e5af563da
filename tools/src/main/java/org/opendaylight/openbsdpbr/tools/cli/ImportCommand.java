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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.device.DeviceTarget;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.intent.IntentException;
import org.opendaylight.openbsdpbr.impl.importer.FileComparison;
import org.opendaylight.openbsdpbr.impl.importer.ImportReport;
import org.opendaylight.openbsdpbr.impl.importer.ImportResult;
import org.opendaylight.openbsdpbr.impl.importer.IntentJsonWriter;
import org.opendaylight.openbsdpbr.impl.importer.Unmapped;
import org.opendaylight.openbsdpbr.tools.cli.Inputs.CommandLine;
import org.opendaylight.openbsdpbr.tools.cli.Inputs.UsageException;
import org.opendaylight.openbsdpbr.tools.cli.device.DeviceCli;
import org.opendaylight.openbsdpbr.tools.cli.device.DeviceCommand;

/**
 * {@code openbsd-pbr import}: an existing router's files to intent JSON, offline.
 * <pre>
 * openbsd-pbr import DIR [--router NAME] --out INTENT.json
 * openbsd-pbr import --router NAME --target HOST[:PORT] [device options] --out INTENT.json
 * </pre>
 * {@code DIR} holds the router's files at their paths ({@code DIR/etc/pf.conf}, {@code DIR/etc/hostname.em0}, ...:
 * a copy of the router's {@code /etc}, or what {@code openbsd-pbr render --out DIR} wrote). Prints every line that
 * has no intent counterpart ({@code unmapped FILE:LINE: TEXT -- WHY}), what the import assumed ({@code note ...}) and
 * how each file compares with the rendering of the imported intent (identical, equivalent, different, on one side
 * only), then writes the body RESTCONF accepts at {@code .../router=NAME/intent} (mode 0600: it holds the PPPoE
 * secret in clear, as the router's file does; {@code openbsd-pbr apply} seals it). Exit status 0 when the intent was
 * written and renders; 1 when it was written but the renderer refuses it (the errors are printed: fix them in the
 * file) or nothing could be written; 2 on a usage error.
 *
 * <p>With {@code --target} the files come from the router itself, over the device protocol's read-files (read-only,
 * no lock: the same device code as the import-router RPC), instead of a copy in {@code DIR}.
 */
public final class ImportCommand {
    static final String USAGE = "usage: openbsd-pbr import DIR [--router NAME] --out INTENT.json\n"
        + "       openbsd-pbr import --router NAME --target HOST[:PORT] [--identity KEY | --password-file F]"
        + " [--known-hosts F | --fingerprint SHA256:...] --out INTENT.json";
    private static final String TARGET = "--target";
    private static final String ROUTER = "--router";
    private static final String OUT = "--out";
    private static final String HELP = USAGE + "\n"
        + "Imports a router's hand-written files (hostname.if, pf.conf, rc.conf.local, ssh/sshd_config, unwind.conf)\n"
        + "into intent, listing every line that has no intent counterpart, with why.\n"
        + "  DIR              the router's files at their paths: DIR/etc/pf.conf, DIR/etc/hostname.em0, ...\n"
        + "  --router NAME    the router's name (default: the name in openbsd-pbr's header of the files)\n"
        + "  --out FILE       the intent, as the JSON body RESTCONF accepts at .../router=NAME/intent (mode 0600)\n"
        + "  --target HOST[:PORT]  read the files from the router over SSH instead of DIR (read-only, no lock)\n"
        + DeviceCli.HELP;
    private static final DeviceCommand DEVICE = new DeviceCommand(USAGE, HELP, Set.of(OUT), Set.of());

    private ImportCommand() {
        // static only
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code import}
     * @param out the report
     * @param error problems
     * @return 0 written and valid, 1 invalid or not written, 2 usage error
     */
    public static int run(final List<String> args, final PrintStream out, final PrintStream error) {
        if (args.contains(TARGET)) {
            return DEVICE.run(args, out, error, options -> {
                final Path target = Path.of(options.required(OUT));
                final DeviceTarget router = DeviceCli.target(options, out);
                return push -> {
                    final FileSet read = push.readFiles(router).toCompletableFuture().get();
                    out.println("read " + read.size() + " files from " + router.name() + " at " + router.endpoint());
                    final Map<String, String> files = new TreeMap<>();
                    read.files().values().forEach(file -> files.put(file.path(), file.content()));
                    return importFiles(files, router.name(), target, out, error);
                };
            });
        }
        final var parsed = CommandLine.parse("import", args, Set.of(ROUTER, OUT), Set.of(), given -> {
            if (given.positional().size() != 1) {
                throw new UsageException(given.positional().isEmpty() ? "missing the directory of the router's files"
                    : "one directory, got " + given.positional().size());
            }
            if (given.option(OUT) == null) {
                throw new UsageException("missing " + OUT);
            }
        }, HELP, out, error);
        final CommandLine line = parsed.line();
        if (line == null) {
            return parsed.exit();
        }
        final Path dir = Path.of(line.positional().get(0));
        final Map<String, String> files;
        try {
            files = read(dir);
        } catch (IOException e) {
            error.println("error: " + dir + ": " + e.getMessage());
            return 1;
        }
        if (files.isEmpty()) {
            error.println("error: no files under " + dir.resolve("etc"));
            return 1;
        }
        return importFiles(files, line.option(ROUTER), Path.of(line.option(OUT)), out, error);
    }

    /** Import, report and write the intent: the same for a copy of the files and for the router itself. */
    private static int importFiles(final Map<String, String> files, final @Nullable String routerName,
            final Path target, final PrintStream out, final PrintStream error) {
        if (files.isEmpty()) {
            error.println("error: none of the router's files openbsd-pbr reads is there");
            return 1;
        }
        final ImportReport report;
        try {
            report = ImportReport.of(routerName, files);
        } catch (IntentException e) {
            error.println("error: " + e.getMessage() + " (--router NAME)");
            return 1;
        }
        final ImportResult result = report.result();
        out.println("router " + result.intent().name() + ": " + files.size() + " files, "
            + result.intent().interfaces().size() + " interfaces, " + result.intent().uplinks().size() + " uplinks, "
            + result.intent().shared().policyRoutes().size() + " policy routes, " + result.unmapped().size()
            + " unmapped lines");
        for (Unmapped unmapped : result.unmapped()) {
            out.println("unmapped " + unmapped.file() + ":" + unmapped.line() + ": " + unmapped.text() + " -- "
                + unmapped.why());
        }
        result.notes().forEach(note -> out.println("note " + note));
        int status = 0;
        for (FileComparison.Difference difference : report.files()) {
            out.println("file " + difference.path() + ": " + ImportReport.describe(difference));
        }
        report.flows().ifPresent(flows -> {
            out.println("flows: " + flows.flows() + " compared, " + (flows.equivalent() ? "every one answered the"
                + " same by the router's files and the rendering"
                : flows.differing() + " answered differently, e.g.:"));
            flows.differences().forEach(difference -> out.println("flow " + difference));
        });
        if (!report.renders()) {
            report.invalid().forEach(problem -> error.println("invalid " + problem));
            error.println("error: the imported intent is written but the renderer refuses it: fix it in " + OUT);
            status = 1;
        }
        try {
            write(target, IntentJsonWriter.write(result.intent()));
        } catch (IOException e) {
            error.println("error: " + target + ": " + e.getMessage());
            return 1;
        }
        out.println("intent written to " + target + " (mode 0600: it holds the PPPoE secret in clear; openbsd-pbr"
            + " apply seals it)");
        return status;
    }

    /** The files under DIR/etc by their router path. */
    static Map<String, String> read(final Path dir) throws IOException {
        final Map<String, String> files = new TreeMap<>();
        final Path etc = dir.resolve("etc");
        if (!Files.isDirectory(etc)) {
            throw new IOException("no etc directory (DIR holds the router's files at their paths: DIR/etc/pf.conf)");
        }
        try (Stream<Path> walk = Files.walk(etc)) {
            for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put("/" + dir.relativize(path).toString().replace('\\', '/'),
                    Files.readString(path, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static void write(final Path target, final String text) throws IOException {
        final Path parent = target.toAbsolutePath().getParent();
        final Path temporary = Files.createTempFile(parent, ".import-", ".json",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
