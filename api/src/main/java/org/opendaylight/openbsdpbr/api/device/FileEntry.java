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

/**
 * A managed file as a router reports it: in a generation's manifest, or as found on disk.
 *
 * @param path absolute path, e.g. {@code /etc/pf.conf}
 * @param owner owning user
 * @param group owning group
 * @param mode permission bits
 * @param sha256 SHA-256 of the content, lower-case hex
 */
public record FileEntry(String path, String owner, String group, int mode, String sha256) {
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
    }

    /** The entry a managed file should have. */
    public static FileEntry of(final ManagedFile file) {
        return new FileEntry(file.path(), file.owner(), file.group(), file.mode(), file.sha256());
    }

    /** The mode as four octal digits. */
    public String modeString() {
        return String.format("%04o", mode);
    }
}
