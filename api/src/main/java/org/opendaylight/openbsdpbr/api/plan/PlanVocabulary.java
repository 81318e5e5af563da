/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.plan;

import java.util.regex.Pattern;

/**
 * The plan vocabulary, defined once: the lines an apply plan may carry to a router, as POSIX extended regular
 * expressions that mean the same to {@link Pattern} and to {@code grep -E}. The router-side script checks every plan
 * line against {@link #LINE} word for word before it runs the matching base-system command (a test compares the
 * script's pattern with this one); the lab of simulated routers parses plan lines with {@link PlanStep#parse(String)}.
 * Nothing else defines plan lines.
 *
 * <p>Every variable word is narrow on purpose: it becomes an argument of a root command on the router.
 */
public final class PlanVocabulary {
    /** Interface names as OpenBSD writes them: driver name and unit number, e.g. {@code pppoe0}. */
    public static final String INTERFACE = "[a-z]{1,10}[0-9]{1,4}";
    /** rc.d(8) services a plan may touch. */
    public static final String SERVICE = "unwind|sshd|unbound|dhcpleased|slaacd|resolvd|ifstated|rad|dhcp6leased";
    /** rcctl(8) actions a plan may run. */
    public static final String RCCTL_ACTION = "enable|disable|start|stop|restart|reload";
    /**
     * sysctl(8) variable names: a top-level name of sysctl(2) that holds settable variables, then one to five
     * lower-case components, e.g. {@code net.inet.ip.forwarding}, {@code net.inet6.ip6.forwarding}.
     */
    public static final String SYSCTL_NAME = "(kern|net|vm|hw|machdep|ddb|fs|vfs)(\\.[a-z0-9_]{1,32}){1,5}";
    /** sysctl(8) values a plan may set: integers (every setting /etc/sysctl.conf needs here is one). */
    public static final String SYSCTL_VALUE = "-?[0-9]{1,10}";
    /**
     * pf anchor names: one to four components separated by {@code /}, none starting with {@code _} (pfctl reserves
     * those for anonymous anchors), e.g. {@code uplink/pppoe}.
     */
    public static final String ANCHOR = "[A-Za-z0-9][A-Za-z0-9_-]{0,31}(/[A-Za-z0-9][A-Za-z0-9_-]{0,31}){0,3}";
    /** Where anchor files live on the router. */
    public static final String ANCHOR_DIR = "/etc/pf/";
    /** Anchor file names under {@link #ANCHOR_DIR}, e.g. {@code uplink-pppoe.conf}. */
    public static final String ANCHOR_FILE = "[A-Za-z0-9][A-Za-z0-9_-]{0,59}\\.conf";
    /** One step: the verb and its words. */
    public static final String STEP = "netstart " + INTERFACE
        + "|destroy " + INTERFACE
        + "|pfctl-load"
        + "|pfctl-anchor " + ANCHOR + " " + ANCHOR_FILE
        + "|sysctl " + SYSCTL_NAME + "=" + SYSCTL_VALUE
        + "|rcctl (" + RCCTL_ACTION + ") (" + SERVICE + ")";
    /** One plan line: a step, or a step marked to run before the files change. */
    public static final String LINE = "(before )?(" + STEP + ")";

    static final Pattern LINE_PATTERN = Pattern.compile(LINE);
    static final Pattern INTERFACE_PATTERN = Pattern.compile(INTERFACE);
    static final Pattern SERVICE_PATTERN = Pattern.compile(SERVICE);
    static final Pattern SYSCTL_NAME_PATTERN = Pattern.compile(SYSCTL_NAME);
    static final Pattern SYSCTL_VALUE_PATTERN = Pattern.compile(SYSCTL_VALUE);
    static final Pattern ANCHOR_PATTERN = Pattern.compile(ANCHOR);
    static final Pattern ANCHOR_FILE_PATTERN = Pattern.compile(ANCHOR_FILE);

    private PlanVocabulary() {
        // constants only
    }

    /** Whether a line is a plan line of the vocabulary. */
    public static boolean isPlanLine(final String line) {
        return line != null && LINE_PATTERN.matcher(line).matches();
    }

    static String check(final Pattern pattern, final String word, final String what) {
        if (word == null || !pattern.matcher(word).matches()) {
            throw new IllegalArgumentException("not " + what + ": " + word);
        }
        return word;
    }
}
