/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.ssh;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * One reply of the router-side script: {@code pbr-agent VERSION}, data lines, then {@code @ok} or
 * {@code @error KIND DETAIL}. A reply without a status line means the script is missing or died.
 *
 * @param version the script's version, when it printed its first line
 * @param data the data lines between the version line and the status line
 * @param status the status: {@code ok}, the error kind, or empty when there was no status line
 * @param detail the text after the error kind
 */
public record AgentReply(OptionalInt version, List<String> data, String status, String detail) {
    /** Status of a successful reply. */
    public static final String OK = "ok";

    private static final String VERSION_PREFIX = "pbr-agent ";

    public AgentReply {
        requireNonNull(version, "version");
        data = List.copyOf(data);
        requireNonNull(status, "status");
        requireNonNull(detail, "detail");
    }

    /** Parse the script's standard output. */
    public static AgentReply parse(final String stdout) {
        OptionalInt version = OptionalInt.empty();
        final var data = new ArrayList<String>();
        String status = "";
        String detail = "";
        for (String line : stdout.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (version.isEmpty() && data.isEmpty() && line.startsWith(VERSION_PREFIX)) {
                try {
                    version = OptionalInt.of(Integer.parseInt(line.substring(VERSION_PREFIX.length()).trim()));
                    continue;
                } catch (NumberFormatException e) {
                    // not a version line: keep it as data
                }
            }
            if ("@ok".equals(line)) {
                status = OK;
            } else if (line.startsWith("@error ")) {
                final String rest = line.substring(7);
                final int space = rest.indexOf(' ');
                status = space < 0 ? rest : rest.substring(0, space);
                detail = space < 0 ? "" : rest.substring(space + 1).trim();
            } else {
                data.add(line);
            }
        }
        return new AgentReply(version, data, status, detail);
    }

    /** Text of a successful reply, as the script prints it (used by the lab of simulated routers). */
    public static String ok(final int version, final List<String> data) {
        return render(version, data, "@ok");
    }

    /** Text of a failed reply, as the script prints it (used by the lab of simulated routers). */
    public static String error(final int version, final List<String> data, final String kind, final String detail) {
        return render(version, data, "@error " + kind + (detail.isEmpty() ? "" : " " + detail.replace('\n', ' ')));
    }

    public boolean isOk() {
        return OK.equals(status);
    }

    /** Whether the output had a status line at all. */
    public boolean isComplete() {
        return !status.isEmpty();
    }

    /** The rest of the first data line starting with {@code key} and a space. */
    public Optional<String> value(final String key) {
        return values(key).stream().findFirst();
    }

    /** The rest of every data line starting with {@code key} and a space. */
    public List<String> values(final String key) {
        final String prefix = key + " ";
        return data.stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
            .toList();
    }

    /** An integer data value. */
    public OptionalInt intValue(final String key) {
        final Optional<String> value = value(key);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.orElseThrow().trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The {@code msg} lines joined with newlines, or the detail when there are none. */
    public String message() {
        final List<String> messages = values("msg");
        return messages.isEmpty() ? detail : messages.stream().collect(Collectors.joining("\n"));
    }

    private static String render(final int version, final List<String> data, final String status) {
        final var text = new StringBuilder(VERSION_PREFIX).append(version).append('\n');
        data.forEach(line -> text.append(line).append('\n'));
        return text.append(status).append('\n').toString();
    }
}
