/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.lab;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import org.opendaylight.openbsdpbr.api.device.FileEntry;
import org.opendaylight.openbsdpbr.api.files.Hashing;

/**
 * A file in a lab router's virtual {@code /etc}.
 *
 * @param owner owning user
 * @param group owning group
 * @param mode permission bits
 * @param content its bytes
 */
public record LabFile(String owner, String group, int mode, byte[] content) {
    public LabFile {
        requireNonNull(owner, "owner");
        requireNonNull(group, "group");
        content = content.clone();
    }

    /** A root:wheel 0644 text file. */
    public static LabFile text(final String text) {
        return new LabFile("root", "wheel", 0644, text.getBytes(StandardCharsets.UTF_8));
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public String sha256() {
        return Hashing.sha256Hex(content);
    }

    /** The same file (owner, group, mode) with another text. */
    public LabFile withText(final String text) {
        return new LabFile(owner, group, mode, text.getBytes(StandardCharsets.UTF_8));
    }

    /** This file as a manifest entry for a path. */
    public FileEntry entry(final String path) {
        return new FileEntry(path, owner, group, mode, sha256());
    }
}
