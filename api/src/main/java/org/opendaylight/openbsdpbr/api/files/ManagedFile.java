/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.files;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * One file the controller owns on a router: where it goes, who owns it, its mode and its content.
 *
 * @param path absolute path on the router, e.g. {@code /etc/hostname.pppoe0}
 * @param owner owning user, e.g. {@code root}
 * @param group owning group, e.g. {@code wheel}
 * @param mode permission bits, e.g. {@code 0600}
 * @param content the file's text, UTF-8, ending with a newline unless empty
 * @param secret whether the content holds a secret (masked in diffs and RPC output)
 * @param ownership whether openbsd-pbr owns the whole file or only its own block of lines in it
 */
public record ManagedFile(String path, String owner, String group, int mode, String content, boolean secret,
        Ownership ownership) {
    /**
     * How much of a file openbsd-pbr owns on the router.
     *
     * <p>{@link #WHOLE}: the file is replaced as a whole and its content is exactly {@link #content()}.
     *
     * <p>{@link #LINES}: files that admins share with other tools ({@code /etc/rc.conf.local},
     * {@code /etc/sysctl.conf}): openbsd-pbr owns one block of lines in the file, between its begin and end marker
     * lines, and {@link #content()} is that block's body without the markers. The router-side agent replaces the block
     * in place (appending it when the file has none) and keeps every other line as the admin wrote it; read-back,
     * hashes and drift concern the block only. Owner, group and mode apply to the file when the agent creates it.
     * The markers and the splicing rules are {@link LineBlock#MANAGED}'s. A block cannot hold a secret (the rest of
     * the file, and its mode, are the admin's), and its body is whole lines.
     *
     * <p>{@code /etc/rc.local} can only be owned as {@link #LINES}: the agent keeps its boot hook there
     * ({@link LineBlock#BOOT_HOOK}), which a whole-file install would wipe.
     */
    public enum Ownership { WHOLE, LINES }

    /** The one file that may only be owned as lines: the agent's boot hook lives there. */
    public static final String RC_LOCAL = "/etc/rc.local";

    private static final String ETC = "/etc/";
    private static final int MAX_NAME = 100;
    private static final int MAX_ACCOUNT = 32;

    public ManagedFile {
        requireNonNull(path, "path");
        requireNonNull(ownership, "ownership");
        requireNonNull(owner, "owner");
        requireNonNull(group, "group");
        requireNonNull(content, "content");
        if (!isPath(path) || path.contains("..") || path.contains("//")) {
            throw new IllegalArgumentException("managed files live under /etc: " + path);
        }
        if (!isAccount(owner) || !isAccount(group)) {
            throw new IllegalArgumentException("bad owner or group for " + path);
        }
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("bad mode for " + path);
        }
        if (content.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("NUL in the content of " + path);
        }
        if (ownership == Ownership.LINES) {
            if (secret) {
                throw new IllegalArgumentException("a block of lines cannot hold a secret: " + path);
            }
            try {
                LineBlock.MANAGED.checkBody(content);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
            }
        } else if (RC_LOCAL.equals(path)) {
            throw new IllegalArgumentException(RC_LOCAL + " holds the agent's boot hook: own a block of lines in it, "
                + "not the whole file");
        }
    }

    // Character scans rather than regular expressions: every rendered file passes here (a third of a render's time
    // went to the two patterns these replace: /etc/[A-Za-z0-9._/-]{1,100} and [a-z_][a-z0-9_]{0,31}).
    private static boolean isPath(final String path) {
        final int length = path.length();
        if (length <= ETC.length() || length > ETC.length() + MAX_NAME || !path.startsWith(ETC)) {
            return false;
        }
        for (int i = ETC.length(); i < length; i++) {
            final char ch = path.charAt(i);
            if (!(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '.' || ch == '_'
                    || ch == '/' || ch == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAccount(final String name) {
        final int length = name.length();
        if (length == 0 || length > MAX_ACCOUNT) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            final char ch = name.charAt(i);
            if (!(ch >= 'a' && ch <= 'z' || ch == '_' || i > 0 && ch >= '0' && ch <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** A file owned as a whole. */
    public ManagedFile(final String path, final String owner, final String group, final int mode,
            final String content, final boolean secret) {
        this(path, owner, group, mode, content, secret, Ownership.WHOLE);
    }

    /** A root:wheel file with mode 0644 of which openbsd-pbr owns only its block of lines (see {@link Ownership}). */
    public static ManagedFile ownedLines(final String path, final String content) {
        return new ManagedFile(path, "root", "wheel", 0644, content, false, Ownership.LINES);
    }

    /** A root:wheel file with mode 0644. */
    public static ManagedFile of(final String path, final String content) {
        return new ManagedFile(path, "root", "wheel", 0644, content, false);
    }

    /** A root:wheel file with mode 0600 whose content holds a secret. */
    public static ManagedFile secretOf(final String path, final String content) {
        return new ManagedFile(path, "root", "wheel", 0600, content, true);
    }

    /** The mode as four octal digits, e.g. {@code 0600}. */
    public String modeString() {
        return String.format("%04o", mode);
    }

    /** SHA-256 of the content, lower-case hex. Computed on each call: callers that need it often keep it. */
    public String sha256() {
        return Hashing.sha256Hex(content.getBytes(StandardCharsets.UTF_8));
    }
}
