/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.files;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A block of lines that openbsd-pbr owns inside a file it shares with the router's admin: every line from the
 * {@link #begin()} marker line to the {@link #end()} marker line. The router-side agent ({@code pbr-agent.sh}, in awk)
 * and the lab of simulated routers (this class) splice blocks the same way; the conformance suite proves it.
 *
 * <p>A file is read as lines (a missing final newline is added back when the file is rewritten). It holds no block
 * (no marker at all) or exactly one (one begin marker, then one end marker); anything else is damaged, and the agent
 * refuses to touch the file rather than guess which lines are whose.
 *
 * <p>Two blocks exist: {@link #MANAGED}, the block of a {@link ManagedFile.Ownership#LINES} file (e.g. the settings
 * openbsd-pbr keeps in {@code /etc/rc.conf.local} or {@code /etc/sysctl.conf}), and {@link #BOOT_HOOK}, the agent's
 * own line in {@code /etc/rc.local} that reverts a confirmed commit left pending by a reboot. Their markers differ, so
 * both live in {@code /etc/rc.local} side by side.
 *
 * @param begin the begin marker line, without its newline
 * @param end the end marker line, without its newline
 */
public record LineBlock(String begin, String end) {
    /** The block of a {@link ManagedFile.Ownership#LINES} file. */
    public static final LineBlock MANAGED = new LineBlock(
        "# BEGIN openbsd-pbr: lines managed by the controller, edits here are replaced",
        "# END openbsd-pbr");
    /** The agent's boot hook in {@code /etc/rc.local}. */
    public static final LineBlock BOOT_HOOK = new LineBlock(
        "# BEGIN openbsd-pbr boot-check: reverts a commit that a reboot left unconfirmed",
        "# END openbsd-pbr boot-check");

    public LineBlock {
        requireNonNull(begin, "begin");
        requireNonNull(end, "end");
        if (!begin.startsWith("#") || !end.startsWith("#") || begin.equals(end) || begin.indexOf('\n') >= 0
                || end.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("markers are two different comment lines");
        }
    }

    /** Whether a line (without its newline) is one of this block's markers. */
    public boolean isMarker(final String line) {
        return begin.equals(line) || end.equals(line);
    }

    /**
     * The block's body (its lines between the markers, each with its newline) in a file's text.
     *
     * @return the body, empty when the file has no block
     * @throws IllegalArgumentException when the block is damaged
     */
    public Optional<String> body(final String text) {
        final Place place = place(text);
        if (place.begin < 0) {
            return Optional.empty();
        }
        return Optional.of(join(place.lines.subList(place.begin + 1, place.end)));
    }

    /**
     * A file's text with this block's body replaced by {@code body} (in place), or appended at the end when the file
     * has no block; {@code text} empty means the file does not exist yet.
     *
     * @throws IllegalArgumentException when the block is damaged or the body is not whole lines without markers
     */
    public String splice(final Optional<String> text, final String body) {
        checkBody(body);
        final Place place = place(text.orElse(""));
        final var out = new ArrayList<String>();
        final List<String> bodyLines = lines(body);
        if (place.begin < 0) {
            out.addAll(place.lines);
            out.add(begin);
            out.addAll(bodyLines);
            out.add(end);
        } else {
            out.addAll(place.lines.subList(0, place.begin));
            out.add(begin);
            out.addAll(bodyLines);
            out.add(end);
            out.addAll(place.lines.subList(place.end + 1, place.lines.size()));
        }
        return join(out);
    }

    /**
     * A file's text without this block (unchanged lines when it has none); an empty result means the file is removed.
     *
     * @throws IllegalArgumentException when the block is damaged
     */
    public String remove(final String text) {
        final Place place = place(text);
        if (place.begin < 0) {
            return join(place.lines);
        }
        final var out = new ArrayList<>(place.lines.subList(0, place.begin));
        out.addAll(place.lines.subList(place.end + 1, place.lines.size()));
        return join(out);
    }

    /**
     * Throws unless {@code body} can be a block's body: empty or whole lines (ending with a newline), none of them a
     * marker of this block.
     */
    public void checkBody(final String body) {
        if (!body.isEmpty() && body.charAt(body.length() - 1) != '\n') {
            throw new IllegalArgumentException("a block of lines must end with a newline");
        }
        for (String line : lines(body)) {
            if (isMarker(line)) {
                throw new IllegalArgumentException("a block of lines cannot contain its own marker line: " + line);
            }
        }
    }

    private record Place(List<String> lines, int begin, int end) {
    }

    private Place place(final String text) {
        final List<String> lines = lines(text);
        int begins = 0;
        int ends = 0;
        int first = -1;
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (begin.equals(lines.get(i))) {
                begins++;
                first = i;
            } else if (end.equals(lines.get(i))) {
                ends++;
                last = i;
            }
        }
        if (begins == 0 && ends == 0) {
            return new Place(lines, -1, -1);
        }
        if (begins != 1 || ends != 1 || first > last) {
            throw new IllegalArgumentException("the openbsd-pbr block is damaged (" + begins + " begin and " + ends
                + " end markers" + (begins == 1 && ends == 1 ? ", out of order" : "") + ")");
        }
        return new Place(lines, first, last);
    }

    /** The lines of a text, without their newlines; a final line without a newline counts as a line. */
    private static List<String> lines(final String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        final String[] parts = text.split("\n", -1);
        final int count = parts[parts.length - 1].isEmpty() ? parts.length - 1 : parts.length;
        return Arrays.asList(parts).subList(0, count);
    }

    private static String join(final List<String> lines) {
        final var text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }
}
