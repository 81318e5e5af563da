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
import java.util.regex.Pattern;

/**
 * One file the controller owns on a router: where it goes, who owns it, its mode and its content.
 *
 * @param path absolute path on the router, e.g. {@code /etc/hostname.pppoe0}
 * @param owner owning user, e.g. {@code root}
 * @param group owning group, e.g. {@code wheel}
 * @param mode permission bits, e.g. {@code 0600}
 * @param content the file's text, UTF-8, ending with a newline unless empty
 * @param secret whether the content holds a secret (masked in diffs and RPC output)
 */
public record ManagedFile(String path, String owner, String group, int mode, String content, boolean secret) {
    private static final Pattern PATH = Pattern.compile("/etc/[A-Za-z0-9._/-]{1,100}");
    private static final Pattern ACCOUNT = Pattern.compile("[a-z_][a-z0-9_]{0,31}");

    public ManagedFile {
        requireNonNull(path, "path");
        requireNonNull(owner, "owner");
        requireNonNull(group, "group");
        requireNonNull(content, "content");
        if (!PATH.matcher(path).matches() || path.contains("..") || path.contains("//")) {
            throw new IllegalArgumentException("managed files live under /etc: " + path);
        }
        if (!ACCOUNT.matcher(owner).matches() || !ACCOUNT.matcher(group).matches()) {
            throw new IllegalArgumentException("bad owner or group for " + path);
        }
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("bad mode for " + path);
        }
        if (content.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("NUL in the content of " + path);
        }
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
