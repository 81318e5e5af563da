/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Makes the directories that hold the datastore's persisted state private to the user the controller runs as (mode
 * 0700). Karaf starts with the umask of whoever launched it (022 as a rule), so ODL's journal and snapshot files are
 * 0644: every local user could read every value ever committed, the sealed secrets and whatever an earlier version
 * stored in clear. A private directory protects every file in it, those written later included, whatever their mode.
 */
public final class PrivateDirectories {
    /**
     * The directories, relative to the Karaf home, where ODL keeps what it persists: {@code state} (controller 12:
     * each shard's journal and snapshots under {@code state/odl.cluster.server/shards}), the journal and snapshot
     * directories of earlier layouts, and Karaf's data directory (AAA's user database among others).
     */
    public static final List<String> DATASTORE = List.of("state", "segmented-journal", "journal", "snapshots",
        "data");

    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
        PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private PrivateDirectories() {
        // utility
    }

    /**
     * Sets mode 0700 on those of the named directories under {@code home} that exist and give group or others any
     * permission (a symbolic link is left alone).
     *
     * @return the directories changed
     * @throws IOException when one cannot be changed
     */
    public static List<Path> restrict(final Path home, final List<String> names) throws IOException {
        final List<Path> changed = new ArrayList<>();
        for (String name : names) {
            final Path directory = home.resolve(name);
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            final var view = Files.getFileAttributeView(directory, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
            if (view != null && !OWNER_ONLY.containsAll(view.readAttributes().permissions())) {
                view.setPermissions(OWNER_ONLY);
                changed.add(directory);
            }
        }
        return changed;
    }
}
