/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.ssh;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The POSIX ustar archive format, small enough to write by hand: how files travel to and from the router-side script
 * (OpenBSD's tar(1) reads and writes it). Only regular files and directories, owned by uid 0. The reader also accepts
 * pax and GNU long-name headers, which other tars write for long names.
 */
public final class Ustar {
    /** Extracting tars read records of 20 blocks. */
    private static final int RECORD = 20 * 512;
    private static final int BLOCK = 512;

    /**
     * One archive member.
     *
     * @param name relative path, {@code /}-separated, without a trailing slash
     * @param mode permission bits
     * @param content the bytes of a file; empty for a directory
     * @param directory whether this is a directory
     */
    public record Entry(String name, int mode, byte[] content, boolean directory) {
        public Entry {
            requireNonNull(name, "name");
            requireNonNull(content, "content");
            if (name.isEmpty() || name.startsWith("/") || name.endsWith("/") || name.contains("..")) {
                throw new IllegalArgumentException("bad archive member name: " + name);
            }
            content = content.clone();
        }

        public static Entry file(final String name, final int mode, final byte[] content) {
            return new Entry(name, mode, content, false);
        }

        public static Entry directory(final String name) {
            return new Entry(name, 0700, new byte[0], true);
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }

    private Ustar() {
        // utility
    }

    /** An archive of these members, in this order, padded to whole records. */
    public static byte[] write(final List<Entry> entries) {
        final var out = new ByteArrayOutputStream();
        for (Entry entry : entries) {
            out.writeBytes(header(entry));
            final byte[] content = entry.content;
            out.write(content, 0, content.length);
            out.writeBytes(new byte[pad(content.length)]);
        }
        out.writeBytes(new byte[2 * BLOCK]);
        final int size = out.size();
        out.writeBytes(new byte[(RECORD - size % RECORD) % RECORD]);
        return out.toByteArray();
    }

    /** The members of an archive; directories included. */
    public static List<Entry> read(final byte[] archive) {
        return read(archive, false);
    }

    private static List<Entry> read(final byte[] archive, final boolean cutIsEnd) {
        final var entries = new ArrayList<Entry>();
        int offset = 0;
        String longName = null;
        while (offset + BLOCK <= archive.length) {
            final byte[] header = Arrays.copyOfRange(archive, offset, offset + BLOCK);
            if (isZero(header)) {
                return entries;
            }
            checkChecksum(header, offset);
            final long size = octal(header, 124, 12);
            final char type = (char) header[156];
            final int start = offset + BLOCK;
            // tar reads whole blocks: a cut inside a member's last block is a cut inside its content
            if (size < 0 || start + size + (cutIsEnd ? pad((int) size) : 0) > archive.length) {
                throw new IllegalArgumentException("truncated archive at offset " + offset);
            }
            final byte[] content = Arrays.copyOfRange(archive, start, start + (int) size);
            offset = start + (int) size + pad((int) size);
            switch (type) {
                case 'x' -> longName = paxPath(content);
                case 'L' -> longName = text(content, 0, content.length);
                case 'g' -> {
                    // global pax header: nothing we use
                }
                case '0', '\0', '5' -> {
                    String name = longName != null ? longName : memberName(header);
                    longName = null;
                    while (name.startsWith("./")) {
                        name = name.substring(2);
                    }
                    while (name.endsWith("/")) {
                        name = name.substring(0, name.length() - 1);
                    }
                    if (!name.isEmpty() && !".".equals(name)) {
                        entries.add(new Entry(name, (int) octal(header, 100, 8) & 07777, content, type == '5'));
                    }
                }
                default -> throw new IllegalArgumentException("unsupported archive member type '" + type + "'");
            }
        }
        if (cutIsEnd) {
            return entries;
        }
        throw new IllegalArgumentException("archive without its end blocks");
    }

    /**
     * The members of an archive that may end early, read as GNU tar reads a stream that stops: an archive cut at or
     * inside a member's header ends there (the members before it are whole), one cut inside a member's content is
     * refused (the lab of simulated routers unpacks candidates this way, as the router-side script's tar does).
     */
    public static List<Entry> readUntilCut(final byte[] archive) {
        return read(archive, true);
    }

    private static byte[] header(final Entry entry) {
        final byte[] header = new byte[BLOCK];
        final String name = entry.directory ? entry.name + "/" : entry.name;
        final byte[] full = name.getBytes(StandardCharsets.UTF_8);
        if (full.length <= 100) {
            put(header, 0, 100, full);
        } else {
            final int cut = name.lastIndexOf('/', 155);
            final byte[] prefix = cut > 0 ? name.substring(0, cut).getBytes(StandardCharsets.UTF_8) : null;
            final byte[] rest = cut > 0 ? name.substring(cut + 1).getBytes(StandardCharsets.UTF_8) : full;
            if (prefix == null || prefix.length > 155 || rest.length > 100) {
                throw new IllegalArgumentException("name too long for ustar: " + name);
            }
            put(header, 0, 100, rest);
            put(header, 345, 155, prefix);
        }
        putOctal(header, 100, 8, entry.mode & 07777);
        putOctal(header, 108, 8, 0);
        putOctal(header, 116, 8, 0);
        putOctal(header, 124, 12, entry.content.length);
        putOctal(header, 136, 12, 0);
        header[156] = (byte) (entry.directory ? '5' : '0');
        put(header, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(header, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        put(header, 265, 32, "root".getBytes(StandardCharsets.US_ASCII));
        put(header, 297, 32, "wheel".getBytes(StandardCharsets.US_ASCII));
        Arrays.fill(header, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, 8, String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII));
        return header;
    }

    private static void checkChecksum(final byte[] header, final int offset) {
        final long expected = octal(header, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : header[i] & 0xff;
        }
        if (sum != expected) {
            throw new IllegalArgumentException("bad header checksum at offset " + offset);
        }
    }

    private static String memberName(final byte[] header) {
        final String name = text(header, 0, 100);
        final boolean ustar = "ustar".equals(text(header, 257, 6).trim());
        final String prefix = ustar ? text(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String paxPath(final byte[] content) {
        // records: "LEN key=value\n"
        final String records = new String(content, StandardCharsets.UTF_8);
        String path = null;
        int pos = 0;
        while (pos < records.length()) {
            final int space = records.indexOf(' ', pos);
            if (space < 0) {
                break;
            }
            final int len = Integer.parseInt(records.substring(pos, space));
            final String record = records.substring(space + 1, pos + len - 1);
            if (record.startsWith("path=")) {
                path = record.substring(5);
            }
            pos += len;
        }
        return path;
    }

    private static int pad(final int length) {
        return (BLOCK - length % BLOCK) % BLOCK;
    }

    private static boolean isZero(final byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(final byte[] bytes, final int offset, final int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(final byte[] bytes, final int offset, final int length) {
        final String text = text(bytes, offset, length).trim();
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in archive header: " + text, e);
        }
    }

    private static void putOctal(final byte[] header, final int offset, final int length, final long value) {
        final String text = String.format("%0" + (length - 1) + "o", value);
        put(header, offset, length, (text + "\0").getBytes(StandardCharsets.US_ASCII));
    }

    private static void put(final byte[] header, final int offset, final int length, final byte[] value) {
        System.arraycopy(value, 0, header, offset, Math.min(length, value.length));
    }
}
