/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.device;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.files.ManagedFile.Ownership;

/**
 * A managed file as a router reports it: in a generation's manifest, or as found on disk. For a file owned as
 * {@link Ownership#LINES} the hash is the hash of openbsd-pbr's block only, and owner, group and mode are the ones the
 * agent gives the file when it creates it (the rest of the file and its attributes are the admin's, so they are not
 * part of what the router reports or of drift).
 *
 * @param path absolute path, e.g. {@code /etc/pf.conf}
 * @param owner owning user
 * @param group owning group
 * @param mode permission bits
 * @param sha256 SHA-256 of the content (of the block, for {@link Ownership#LINES}), lower-case hex
 * @param ownership the whole file, or openbsd-pbr's block of lines in it
 */
public record FileEntry(String path, String owner, String group, int mode, String sha256, Ownership ownership) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public FileEntry {
        requireNonNull(path, "path");
        requireNonNull(owner, "owner");
        requireNonNull(group, "group");
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("bad mode for " + path);
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("bad sha256 for " + path);
        }
        requireNonNull(ownership, "ownership");
    }

    /** An entry of a file owned as a whole. */
    public FileEntry(final String path, final String owner, final String group, final int mode, final String sha256) {
        this(path, owner, group, mode, sha256, Ownership.WHOLE);
    }

    /** The entry a managed file should have. */
    public static FileEntry of(final ManagedFile file) {
        return new FileEntry(file.path(), file.owner(), file.group(), file.mode(), file.sha256(), file.ownership());
    }

    /** The mode as four octal digits. */
    public String modeString() {
        return String.format("%04o", mode);
    }
}
