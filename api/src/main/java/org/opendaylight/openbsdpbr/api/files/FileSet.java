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
import java.security.MessageDigest;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The complete set of files the controller owns on one router, keyed and ordered by path. Its {@link #revision()}
 * (a hash over every path, owner, group, mode, ownership and content) identifies what a router runs.
 */
public final class FileSet {
    private static final FileSet EMPTY = new FileSet(new TreeMap<>());

    private final NavigableMap<String, ManagedFile> files;

    private FileSet(final NavigableMap<String, ManagedFile> files) {
        this.files = Collections.unmodifiableNavigableMap(files);
    }

    public static FileSet empty() {
        return EMPTY;
    }

    /** A file set of these files; two files with one path are an error. */
    public static FileSet of(final Collection<ManagedFile> files) {
        final var map = new TreeMap<String, ManagedFile>();
        for (var file : files) {
            if (map.put(file.path(), requireNonNull(file)) != null) {
                throw new IllegalArgumentException("two files for " + file.path());
            }
        }
        return new FileSet(map);
    }

    /** Files by path, in path order. */
    public NavigableMap<String, ManagedFile> files() {
        return files;
    }

    public Optional<ManagedFile> get(final String path) {
        return Optional.ofNullable(files.get(path));
    }

    public int size() {
        return files.size();
    }

    /** The revision identity: SHA-256 over every file's path, owner, group, mode and content, in path order. */
    public String revision() {
        final MessageDigest digest = Hashing.sha256();
        for (Map.Entry<String, ManagedFile> entry : files.entrySet()) {
            final ManagedFile file = entry.getValue();
            final String header = file.path() + '\0' + file.owner() + '\0' + file.group() + '\0' + file.modeString()
                + '\0' + file.content().length() + '\0'
                + (file.ownership() == ManagedFile.Ownership.LINES ? "lines\0" : "");
            digest.update(header.getBytes(StandardCharsets.UTF_8));
            digest.update(file.content().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public boolean equals(final Object obj) {
        return this == obj || obj instanceof FileSet other && files.equals(other.files);
    }

    @Override
    public int hashCode() {
        return files.hashCode();
    }

    @Override
    public String toString() {
        return "FileSet" + files.keySet();
    }
}
