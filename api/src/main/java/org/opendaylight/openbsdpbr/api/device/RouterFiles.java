/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.device;

import java.util.regex.Pattern;
import org.opendaylight.openbsdpbr.api.plan.PlanVocabulary;

/**
 * Which files {@link DeviceSession#readFiles()} returns: every file openbsd-pbr renders or shares with the admin, as
 * the router has it on disk, whether a generation manages it or not (the import of a router configured by hand reads
 * them). Defined once: the router-side script's {@code READ_RE} is this pattern (a test compares what the script
 * prints), and the lab of simulated routers filters its virtual {@code /etc} with {@link #isRead(String)}.
 *
 * <p>Why a fixed list rather than "everything under /etc": the answer carries file contents (a PPPoE secret among
 * them), so it holds nothing the controller has no use for: {@code master.passwd}, host keys and the like never
 * leave the router. A {@code hostname.*} whose suffix is no interface name ({@code hostname.em0.orig}) is left out
 * as netstart(8) leaves it out.
 */
public final class RouterFiles {
    /**
     * The paths, as a POSIX extended regular expression that means the same to {@link Pattern} and {@code grep -Ex}.
     */
    public static final String PATH = "/etc/(hostname\\." + PlanVocabulary.INTERFACE + "|pf\\.conf|pf/"
        + PlanVocabulary.ANCHOR_FILE + "|ssh/sshd_config|unwind\\.conf|rc\\.conf\\.local|sysctl\\.conf"
        + "|dhcp6leased\\.conf|rad\\.conf|ifstated\\.conf)";

    private static final Pattern PATH_PATTERN = Pattern.compile(PATH);

    private RouterFiles() {
        // constants only
    }

    /** Whether read-files returns the file at this router path. */
    public static boolean isRead(final String path) {
        return path != null && PATH_PATTERN.matcher(path).matches();
    }
}
