/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.ssh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The command lines the adapter sends over SSH: only these fixed shapes, whose variable words are subcommand names,
 * numbers and lock holder names matching {@link #WORD}. Nothing from an intent ever becomes command-line text: files
 * and plans travel on stdin. {@code ${PBR_ROOT:-}} is empty on a router; the real-sshd test sets it to a sandbox.
 */
public final class AgentProtocol {
    /** The directory of the router-side state. */
    public static final String STATE_DIR = "/var/pbr";
    /** Where the script lives on the router. */
    public static final String SCRIPT_PATH = STATE_DIR + "/pbr-agent.sh";
    /**
     * The line the agent keeps in {@code /etc/rc.local} (between {@code LineBlock.BOOT_HOOK}'s markers): at the end of
     * every boot it reverts a confirmed commit whose timer died with the reboot.
     */
    public static final String BOOT_HOOK = "[ -f '" + SCRIPT_PATH + "' ] && /bin/sh '" + SCRIPT_PATH + "' boot-check";
    /** A variable word of a command line. */
    public static final Pattern WORD = Pattern.compile("[A-Za-z0-9._@:+-]{1,80}");

    private static final String ROOTED_DIR = "\"${PBR_ROOT:-}" + STATE_DIR;
    private static final String ROOTED_SCRIPT = "\"${PBR_ROOT:-}" + SCRIPT_PATH + "\"";
    private static final String RUN_PREFIX = "exec /bin/sh " + ROOTED_SCRIPT + " ";
    private static final String INSTALL_PREFIX = "umask 077 && mkdir -p " + ROOTED_DIR + "\" && cat > "
        + ROOTED_DIR + "/pbr-agent.sh.new.$$\" && mv -f " + ROOTED_DIR + "/pbr-agent.sh.new.$$\" " + ROOTED_SCRIPT
        + " && " + RUN_PREFIX;

    private AgentProtocol() {
        // utility
    }

    /** {@code exec /bin/sh "${PBR_ROOT:-}/var/pbr/pbr-agent.sh" -v VERSION SUBCOMMAND ARGS...}. */
    public static String command(final int version, final String subcommand, final String... args) {
        final var words = new ArrayList<String>();
        words.add("-v");
        words.add(Integer.toString(version));
        words.add(subcommand);
        words.addAll(Arrays.asList(args));
        for (String word : words) {
            if (!WORD.matcher(word).matches()) {
                throw new IllegalArgumentException("not a safe command word: " + word);
            }
        }
        return RUN_PREFIX + String.join(" ", words);
    }

    /** Store the script from stdin (atomically, by rename) and print its version. */
    public static String installCommand(final int version) {
        return INSTALL_PREFIX + "-v " + version + " version";
    }

    /** The words after the script path ({@code -v VERSION SUBCOMMAND ARGS...}) of a command this class built. */
    public static Optional<List<String>> parseCommand(final String command) {
        if (!command.startsWith(RUN_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(List.of(command.substring(RUN_PREFIX.length()).split(" ")));
    }

    /** The version an install command asks for, if this is one. */
    public static Optional<Integer> parseInstall(final String command) {
        if (!command.startsWith(INSTALL_PREFIX)) {
            return Optional.empty();
        }
        final String[] words = command.substring(INSTALL_PREFIX.length()).split(" ");
        if (words.length != 3 || !"-v".equals(words[0]) || !"version".equals(words[2])) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(words[1]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
