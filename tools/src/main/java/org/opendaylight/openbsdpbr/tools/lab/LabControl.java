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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The lab's text control interface, one command per line. The same lines work on the lab's stdin and in the body of
 * {@code POST /} on its HTTP control port.
 * <pre>
 *   routers                                 one line per router: name, endpoint, fingerprint, generation, faults
 *   status ROUTER                           generation, pending confirm, last revert, lock, script version, faults
 *   fault ROUTER|all FAULT [ARGUMENT...]    e.g. fault r3 drop-commit, fault r2 slow 800, fault all lose-mgmt
 *   clear ROUTER|all [FAULT]                clear one fault or all of them
 *   cat ROUTER PATH                         a file of the router's /etc
 *   edit ROUTER PATH [TEXT...]              change a file by hand (drift); without text, remove it
 *   load ROUTER DIR                         write every file under DIR/etc by hand (a router set up before
 *                                           openbsd-pbr, e.g. examples/seed-handwritten): nothing else changes
 *   reboot ROUTER                           sessions drop, the confirm timer dies, the boot hook runs
 *   uplink ROUTER IF down|up                an uplink stops (or starts again) answering the failover probes:
 *                                           the emulated ifstated settles in the state its file leads to
 *   help
 * </pre>
 */
public final class LabControl {
    private final Lab lab;

    LabControl(final Lab lab) {
        this.lab = requireNonNull(lab);
    }

    /** Run one command line; the reply text, starting with {@code error:} when the command failed. */
    public String execute(final String line) {
        final List<String> words = Arrays.stream(line.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) {
            return "";
        }
        try {
            return switch (words.get(0)) {
                case "help" -> help();
                case "routers", "list" -> routers();
                case "status" -> status(lab.router(arg(words, 1)));
                case "fault" -> fault(arg(words, 1), LabFault.parse(arg(words, 2)),
                    String.join(" ", words.subList(Math.min(3, words.size()), words.size())));
                case "clear" -> clear(arg(words, 1), words.size() > 2 ? Optional.of(LabFault.parse(words.get(2)))
                    : Optional.empty());
                case "cat" -> lab.router(arg(words, 1)).file(arg(words, 2)).map(LabFile::text)
                    .orElse("error: no file " + arg(words, 2));
                case "reboot" -> lab.reboot(arg(words, 1)).orElse("ok");
                case "uplink" -> uplink(lab.router(arg(words, 1)), arg(words, 2), arg(words, 3));
                case "edit" -> {
                    lab.router(arg(words, 1)).editByHand(arg(words, 2),
                        words.size() > 3 ? String.join(" ", words.subList(3, words.size())) + "\n" : "");
                    yield "ok";
                }
                case "load" -> load(lab.router(arg(words, 1)), Path.of(arg(words, 2)));
                default -> "error: unknown command " + words.get(0) + "\n" + help();
            };
        } catch (IllegalArgumentException e) {
            return "error: " + e.getMessage();
        }
    }

    private static String uplink(final LabRouter router, final String iface, final String state) {
        if (!"down".equals(state) && !"up".equals(state)) {
            throw new IllegalArgumentException("uplink ROUTER IF down|up, not " + state);
        }
        return "failover " + router.setUplink(iface, "down".equals(state));
    }

    /** The files under DIR/etc, written into the router's /etc by hand (the generations stay as they are). */
    private static String load(final LabRouter router, final Path dir) {
        final Path etc = dir.resolve("etc");
        if (!Files.isDirectory(etc)) {
            return "error: no directory " + etc;
        }
        final var files = new TreeMap<String, String>();
        try (Stream<Path> walk = Files.walk(etc)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put("/" + dir.relativize(file).toString().replace('\\', '/'), Files.readString(file,
                    StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return "error: " + etc + ": " + e.getMessage();
        }
        files.forEach(router::editByHand);
        return "ok " + files.size() + " files";
    }

    private String fault(final String target, final LabFault fault, final String argument) {
        for (String name : targets(target)) {
            lab.setFault(name, fault, argument);
        }
        return "ok";
    }

    private String clear(final String target, final Optional<LabFault> fault) {
        for (String name : targets(target)) {
            if (fault.isPresent()) {
                lab.clearFault(name, fault.orElseThrow());
            } else {
                lab.clearFaults(name);
            }
        }
        return "ok";
    }

    private List<String> targets(final String target) {
        if ("all".equals(target)) {
            return lab.names();
        }
        lab.router(target);
        return List.of(target);
    }

    /** One line per router. */
    public String routers() {
        return lab.routers().stream().map(router -> router.name() + " " + lab.host() + ":" + lab.port(router.name())
            + " " + router.hostKeyFingerprint() + " generation=" + router.generation()
            + router.pending().map(p -> " pending=" + p.generation()).orElse("")
            + faults(router.faults())).collect(Collectors.joining("\n"));
    }

    private String status(final LabRouter router) {
        final var text = new StringBuilder();
        text.append("router ").append(router.name()).append(" at ").append(lab.host()).append(':')
            .append(lab.port(router.name())).append('\n');
        text.append("host key ").append(router.hostKeyFingerprint()).append('\n');
        text.append("generation ").append(router.generation()).append(" (kept: ")
            .append(router.generations().stream().sorted().map(String::valueOf).collect(Collectors.joining(" ")))
            .append(")\n");
        router.pending().ifPresent(p -> text.append("pending ").append(p.generation()).append(", reverts to ")
            .append(p.previous()).append(" at ").append(p.deadline()).append('\n'));
        router.lastRevert().ifPresent(r -> text.append("last revert ").append(r.generation()).append(" -> ")
            .append(r.restored()).append(" at ").append(r.at()).append('\n'));
        text.append("lock ").append(router.lockHolder().orElse("free")).append('\n');
        text.append("script ").append(router.agentVersion().isPresent()
            ? "version " + router.agentVersion().getAsInt() : "not installed").append('\n');
        text.append("management ").append(router.isManagementLost() ? "LOST" : "ok").append('\n');
        text.append("failover ").append(router.failoverState().orElse("not running")).append('\n');
        text.append("faults").append(router.faults().isEmpty() ? " none" : faults(router.faults())).append('\n');
        final List<String> commands = router.commandsRun();
        text.append("last commands:");
        commands.subList(Math.max(0, commands.size() - 5), commands.size())
            .forEach(command -> text.append("\n  ").append(command));
        return text.toString();
    }

    private static String faults(final Map<LabFault, String> faults) {
        return faults.entrySet().stream().map(e -> " " + e.getKey().id() + (e.getValue().isEmpty() ? ""
            : "=" + e.getValue())).collect(Collectors.joining());
    }

    private static String arg(final List<String> words, final int index) {
        if (index >= words.size()) {
            throw new IllegalArgumentException("missing argument; try help");
        }
        return words.get(index);
    }

    static String help() {
        return """
            commands:
              routers                                 list routers, endpoints, fingerprints, generations, faults
              status ROUTER                           one router in detail
              fault ROUTER|all FAULT [ARGUMENT...]    inject a fault
              clear ROUTER|all [FAULT]                clear one fault or all
              cat ROUTER PATH                         show a file of the router's /etc
              edit ROUTER PATH [TEXT...]              change (or, without text, remove) a file by hand
              load ROUTER DIR                         write every file under DIR/etc by hand
              reboot ROUTER                           reboot: sessions drop, the timer dies, the boot hook runs
              uplink ROUTER IF down|up                an uplink fails (or answers again) the failover probes
            faults: """ + LabFault.names() + """

            arguments: slow MILLISECONDS, fail-validate MESSAGE, fail-plan MESSAGE""";
    }
}
