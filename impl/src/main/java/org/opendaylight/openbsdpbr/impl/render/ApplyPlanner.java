/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.plan.ApplyPlan;
import org.opendaylight.openbsdpbr.api.plan.PlanStep;
import org.opendaylight.openbsdpbr.api.plan.PlanStep.Rcctl.Action;
import org.opendaylight.openbsdpbr.api.plan.PlanVocabulary;

/**
 * The smallest ordered set of commands that takes a router from one file set to the next, run after the new files
 * are installed.
 *
 * <p>Rules, in the order the steps run:
 * <ol>
 *   <li><b>Destroy</b> every cloned interface whose {@code /etc/hostname.<if>} left the set, in the reverse of the
 *       start order below (bridges first, the rdomain loopbacks last). A physical interface cannot be destroyed and
 *       gets no step. {@code loN} is destroyed only when no remaining file puts an interface into rdomain N: the
 *       kernel refuses to destroy the loopback of an rdomain that is still in use.</li>
 *   <li><b>Netstart</b> every interface whose file is new or whose content changed (a change of mode or owner alone
 *       restarts nothing), in netstart(8)'s boot order: loopbacks; every interface netstart does not delay
 *       (physical, vport, vether, ...); then {@code aggr trunk svlan vlan carp pppoe}, in that order (they can
 *       provide a default route); then the tunnels that need a working network, {@code tun tap gif etherip gre
 *       egre nvgre eoip vxlan pflow wg}, in that order. Within a kind, names sort as netstart's glob sorts them.
 *       Bridges ({@code veb bridge tpmr}) come last: at boot netstart creates every pseudo-interface before it
 *       configures any, but {@code sh /etc/netstart veb0} creates only veb0, so its {@code add vport0} needs vport0
 *       to exist already.</li>
 *   <li><b>LoadPf</b> when {@code /etc/pf.conf} is new or changed: after the interfaces, since rules name them.</li>
 *   <li><b>unwind</b>, from the {@code unwind_*} lines of {@code /etc/rc.conf.local} and {@code /etc/unwind.conf}:
 *       {@code start} when it becomes enabled, {@code stop} when it no longer is; when its rtable changes,
 *       {@code stop} before the files change (rc.d finds the running daemon by its rc.conf.local rtable) and
 *       {@code start} after; {@code restart} when only its flags change, {@code reload} when only unwind.conf
 *       changed. Enabling and disabling travel as rc.conf.local itself.</li>
 *   <li><b>sysctl</b>: the settings of openbsd-pbr's block of {@code /etc/sysctl.conf} when it changed (e.g.
 *       {@code net.inet6.ip6.forwarding=1}), after pf.conf so that forwarding starts with the filter loaded; a
 *       variable that left the block goes back to OpenBSD's default.</li>
 *   <li><b>dhcp6leased</b> and <b>rad</b>, from their {@code _flags} lines of rc.conf.local: {@code start} when one
 *       becomes enabled, {@code stop} when it no longer is; when it stays enabled and its own file changed,
 *       dhcp6leased {@code restart}s (it requests the new split from the server anew) and rad {@code reload}s
 *       (rc.subr's SIGHUP: rad re-reads rad.conf). A change of one never touches the other.</li>
 *   <li><b>Anchors</b>: {@code pfctl -a NAME -f /etc/pf/FILE} for each file that pf.conf loads with
 *       {@code load anchor NAME from FILE} and that is new or changed, unless pf.conf is loaded anyway (which loads
 *       its anchors too): an anchor file that did not change is never reloaded.</li>
 *   <li><b>ifstated</b> (failover), from its {@code ifstated_flags} line of rc.conf.local: {@code start} when it
 *       becomes enabled, {@code stop} when it no longer is; {@code reload} (SIGHUP: ifstated re-reads
 *       {@code /etc/ifstated.conf} and starts again from its init-state) when ifstated.conf or any failover anchor
 *       file under {@code /etc/pf/} changed, since a state it is in may load a file that changed, and when pf.conf
 *       is loaded, since its {@code load anchor} puts the plain policy back into the anchor. Its init-state
 *       loads the anchor as pf.conf does, and the probes move it to the failure state again within a round.</li>
 *   <li><b>sshd</b>: {@code rcctl reload sshd} when {@code /etc/ssh/sshd_config} is new or changed (sshd re-executes
 *       on SIGHUP and binds its ListenAddress lines again).</li>
 * </ol>
 * A file that leaves the set without a replacement ({@code pf.conf}, {@code sshd_config}) triggers no load or
 * reload: the running configuration stays until the next change, rather than pfctl or sshd failing on a missing
 * file.
 */
public final class ApplyPlanner {
    /** The prefix of every interface file. */
    public static final String HOSTNAME_PREFIX = "/etc/hostname.";
    /** pf's rule set. */
    public static final String PF_CONF = "/etc/pf.conf";
    /** Local rc.conf(8) settings: the {@code unwind_*} lines. */
    public static final String RC_CONF_LOCAL = "/etc/rc.conf.local";
    /** unwind(8)'s configuration. */
    public static final String UNWIND_CONF = "/etc/unwind.conf";
    /** sshd(8)'s configuration. */
    public static final String SSHD_CONFIG = "/etc/ssh/sshd_config";
    /** dhcp6leased(8)'s configuration. */
    public static final String DHCP6LEASED_CONF = "/etc/dhcp6leased.conf";
    /** rad(8)'s configuration. */
    public static final String RAD_CONF = "/etc/rad.conf";
    /** Kernel settings at boot; openbsd-pbr owns a block of lines in it. */
    public static final String SYSCTL_CONF = "/etc/sysctl.conf";

    private static final String UNWIND = "unwind";
    private static final String SSHD = "sshd";
    private static final String DHCP6LEASED = "dhcp6leased";
    private static final String RAD = "rad";
    private static final String IFSTATED = "ifstated";
    /** ifstated(8)'s configuration: failover. */
    public static final String IFSTATED_CONF = "/etc/ifstated.conf";
    /** OpenBSD's defaults of the kernel variables openbsd-pbr sets in sysctl.conf (sysctl(2)). */
    private static final Map<String, String> SYSCTL_DEFAULTS = Map.of("net.inet.ip.forwarding", "0",
        "net.inet6.ip6.forwarding", "0");
    private static final String UNWIND_RTABLE = "unwind_rtable=";

    /** Kinds netstart starts after the others, before the default route, in this order. */
    private static final List<String> EARLY_DELAYED = List.of("aggr", "trunk", "svlan", "vlan", "carp", "pppoe");
    /** Kinds netstart starts last, once routes exist, in this order. */
    private static final List<String> LATE_DELAYED = List.of("tun", "tap", "gif", "etherip", "gre", "egre", "nvgre",
        "eoip", "vxlan", "pflow", "wg");
    /** Bridges: started after every possible member. */
    private static final Set<String> BRIDGES = Set.of("veb", "bridge", "tpmr");
    /** Interface kinds that ifconfig can create and destroy (ifconfig -C), besides loN with N > 0. */
    private static final Set<String> CLONERS = Set.of("aggr", "bpe", "bridge", "carp", "egre", "enc", "eoip",
        "etherip", "gif", "gre", "mgre", "mpe", "mpip", "mpw", "nvgre", "pair", "pflog", "pflow", "pfsync", "ppp",
        "pppoe", "sec", "svlan", "tap", "tpmr", "trunk", "tun", "veb", "vether", "vlan", "vport", "vxlan", "wg");

    /** netstart(8)'s boot order, with bridges last (see the class comment). */
    static final Comparator<String> BOOT_ORDER = Comparator.comparingInt(ApplyPlanner::bootRank)
        .thenComparing(Comparator.naturalOrder());

    private ApplyPlanner() {
        // utility
    }

    /**
     * The commands that apply {@code to} on a router that runs {@code from}.
     *
     * @param from the file set the router runs ({@link FileSet#empty()} for a new router)
     * @param to the file set just installed
     * @return the ordered steps; empty when nothing changed
     */
    public static ApplyPlan plan(final FileSet from, final FileSet to) {
        final List<PlanStep> steps = new ArrayList<>();
        planInterfaces(from, to, steps);
        if (changed(from, to, PF_CONF) && to.get(PF_CONF).isPresent()) {
            steps.add(new PlanStep.LoadPf());
        }
        planAnchors(from, to, steps);
        planSysctl(from, to, steps);
        planUnwind(from, to, steps);
        planDaemon(from, to, DHCP6LEASED, DHCP6LEASED_CONF, Action.RESTART, steps);
        planDaemon(from, to, RAD, RAD_CONF, Action.RELOAD, steps);
        planIfstated(from, to, steps);
        if (changed(from, to, SSHD_CONFIG) && to.get(SSHD_CONFIG).isPresent()) {
            steps.add(new PlanStep.Rcctl(Action.RELOAD, SSHD));
        }
        return steps.isEmpty() ? ApplyPlan.empty() : new ApplyPlan(steps);
    }

    private static void planInterfaces(final FileSet from, final FileSet to, final List<PlanStep> steps) {
        final Set<String> removed = new TreeSet<>(BOOT_ORDER.reversed());
        final Set<String> started = new TreeSet<>(BOOT_ORDER);
        for (String path : from.files().keySet()) {
            final String iface = interfaceOf(path);
            if (iface != null && to.get(path).isEmpty()) {
                removed.add(iface);
            }
        }
        for (Map.Entry<String, ManagedFile> entry : to.files().entrySet()) {
            final String iface = interfaceOf(entry.getKey());
            if (iface != null && changed(from, to, entry.getKey())) {
                started.add(iface);
            }
        }
        for (String iface : removed) {
            if (destroyable(iface, to)) {
                steps.add(new PlanStep.Destroy(iface));
            }
        }
        for (String iface : started) {
            steps.add(new PlanStep.Netstart(iface));
        }
    }

    /** Anchors pf.conf loads from a changed file, when pf.conf itself is not loaded (see the class comment). */
    private static void planAnchors(final FileSet from, final FileSet to, final List<PlanStep> steps) {
        final Optional<ManagedFile> pf = to.get(PF_CONF);
        if (pf.isEmpty() || changed(from, to, PF_CONF)) {
            return;
        }
        for (String line : pf.orElseThrow().content().split("\n", -1)) {
            final String[] words = line.strip().split("\\s+");
            if (words.length == 5 && "load".equals(words[0]) && "anchor".equals(words[1]) && "from".equals(words[3])) {
                final String anchor = unquote(words[2]);
                final String path = unquote(words[4]);
                if (path.startsWith(PlanVocabulary.ANCHOR_DIR) && to.get(path).isPresent()
                        && changed(from, to, path)) {
                    steps.add(new PlanStep.LoadAnchor(anchor, path.substring(PlanVocabulary.ANCHOR_DIR.length())));
                }
            }
        }
    }

    private static String unquote(final String word) {
        return word.length() >= 2 && word.charAt(0) == '"' && word.charAt(word.length() - 1) == '"'
            ? word.substring(1, word.length() - 1) : word;
    }

    /** ifstated: {@link #planDaemon}, and a reload when an anchor file under /etc/pf/ changed too. */
    private static void planIfstated(final FileSet from, final FileSet to, final List<PlanStep> steps) {
        final boolean wasEnabled = enabled(daemonLines(from, IFSTATED), IFSTATED);
        final boolean isEnabled = enabled(daemonLines(to, IFSTATED), IFSTATED);
        if (wasEnabled && isEnabled && !changed(from, to, IFSTATED_CONF)
                && daemonLines(from, IFSTATED).equals(daemonLines(to, IFSTATED))
                && (anchorFilesChanged(from, to) || changed(from, to, PF_CONF))) {
            steps.add(new PlanStep.Rcctl(Action.RELOAD, IFSTATED));
            return;
        }
        planDaemon(from, to, IFSTATED, IFSTATED_CONF, Action.RELOAD, steps);
    }

    private static boolean anchorFilesChanged(final FileSet from, final FileSet to) {
        final Set<String> paths = new TreeSet<>();
        for (FileSet files : List.of(from, to)) {
            for (String path : files.files().keySet()) {
                if (path.startsWith(PlanVocabulary.ANCHOR_DIR)) {
                    paths.add(path);
                }
            }
        }
        return paths.stream().anyMatch(path -> changed(from, to, path));
    }

    private static void planUnwind(final FileSet from, final FileSet to, final List<PlanStep> steps) {
        final String oldLines = unwindLines(from);
        final String newLines = unwindLines(to);
        final boolean wasEnabled = enabled(oldLines);
        final boolean isEnabled = enabled(newLines);
        if (!wasEnabled && isEnabled) {
            steps.add(new PlanStep.Rcctl(Action.START, UNWIND));
        } else if (wasEnabled && !isEnabled) {
            steps.add(new PlanStep.Rcctl(Action.STOP, UNWIND));
        } else if (isEnabled) {
            if (!rtable(oldLines).equals(rtable(newLines))) {
                // rc.d finds the running unwind by its rtable: stop it under the old settings, start it under the new
                steps.add(new PlanStep.BeforeFiles(new PlanStep.Rcctl(Action.STOP, UNWIND)));
                steps.add(new PlanStep.Rcctl(Action.START, UNWIND));
            } else if (!oldLines.equals(newLines)) {
                steps.add(new PlanStep.Rcctl(Action.RESTART, UNWIND));
            } else if (changed(from, to, UNWIND_CONF)) {
                steps.add(new PlanStep.Rcctl(Action.RELOAD, UNWIND));
            }
        }
    }

    /**
     * The kernel variables of openbsd-pbr's sysctl.conf block, set now: each setting of the new block whose value the
     * old block did not already set (the minimal commands: turning IPv6 forwarding on does not set IPv4 forwarding
     * again), and a variable that left the block back to OpenBSD's default ({@link #SYSCTL_DEFAULTS}). After pf.conf
     * is loaded: forwarding starts with the filter in place.
     */
    private static void planSysctl(final FileSet from, final FileSet to, final List<PlanStep> steps) {
        if (!changed(from, to, SYSCTL_CONF)) {
            return;
        }
        final List<PlanStep.Sysctl> now = sysctls(to);
        final List<PlanStep.Sysctl> before = sysctls(from);
        for (PlanStep.Sysctl setting : now) {
            if (!before.contains(setting)) {
                steps.add(setting);
            }
        }
        for (PlanStep.Sysctl old : before) {
            final String fallback = SYSCTL_DEFAULTS.get(old.name());
            if (fallback != null && now.stream().noneMatch(setting -> setting.name().equals(old.name()))) {
                steps.add(new PlanStep.Sysctl(old.name(), fallback));
            }
        }
    }

    private static List<PlanStep.Sysctl> sysctls(final FileSet files) {
        return files.get(SYSCTL_CONF).map(file -> PlanStep.Sysctl.fromConf(file.content())).orElse(List.of());
    }

    /**
     * A daemon that an rc.conf.local {@code NAME_flags=} line enables and one file configures (rad, dhcp6leased):
     * {@code start} when it becomes enabled, {@code stop} when it no longer is, {@code onChange} (restart or reload)
     * when it stays enabled and its file changed; nothing otherwise, so that a change elsewhere never touches it.
     */
    private static void planDaemon(final FileSet from, final FileSet to, final String daemon, final String conf,
            final Action onChange, final List<PlanStep> steps) {
        final boolean wasEnabled = enabled(daemonLines(from, daemon), daemon);
        final boolean isEnabled = enabled(daemonLines(to, daemon), daemon);
        if (!wasEnabled && isEnabled) {
            steps.add(new PlanStep.Rcctl(Action.START, daemon));
        } else if (wasEnabled && !isEnabled) {
            steps.add(new PlanStep.Rcctl(Action.STOP, daemon));
        } else if (isEnabled && (changed(from, to, conf)
                || !daemonLines(from, daemon).equals(daemonLines(to, daemon)))) {
            steps.add(new PlanStep.Rcctl(onChange, daemon));
        }
    }

    /** The value of the {@code unwind_rtable=} line among unwind's rc.conf.local lines; "0" when there is none. */
    private static String rtable(final String unwindLines) {
        for (String line : unwindLines.split("\n")) {
            if (line.startsWith(UNWIND_RTABLE)) {
                return line.substring(UNWIND_RTABLE.length()).strip();
            }
        }
        return "0";
    }

    /** The interface an {@code /etc/hostname.<if>} path configures, or null for any other file. */
    static String interfaceOf(final String path) {
        if (!path.startsWith(HOSTNAME_PREFIX)) {
            return null;
        }
        final String iface = path.substring(HOSTNAME_PREFIX.length());
        // netstart(8) skips names that are not letters followed by digits (backups, MAC-address names)
        return isInterfaceName(iface) ? iface : null;
    }

    private static boolean isInterfaceName(final String name) {
        final int digits = unitStart(name);
        if (digits <= 0 || digits == name.length()) {
            return false;
        }
        for (int i = digits; i < name.length(); i++) {
            final char ch = name.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }

    /** Index of the first character after the leading lower-case letters. */
    private static int unitStart(final String name) {
        int index = 0;
        while (index < name.length() && name.charAt(index) >= 'a' && name.charAt(index) <= 'z') {
            index++;
        }
        return index;
    }

    /** The driver part of an interface name: {@code pppoe} for {@code pppoe0}. */
    static String kindOf(final String iface) {
        return iface.substring(0, unitStart(iface));
    }

    private static int bootRank(final String iface) {
        final String kind = kindOf(iface);
        if ("lo".equals(kind)) {
            return 0;
        }
        final int early = EARLY_DELAYED.indexOf(kind);
        if (early >= 0) {
            return 100 + early;
        }
        final int late = LATE_DELAYED.indexOf(kind);
        if (late >= 0) {
            return 200 + late;
        }
        return BRIDGES.contains(kind) ? 300 : 1;
    }

    private static boolean destroyable(final String iface, final FileSet to) {
        final String kind = kindOf(iface);
        if (!"lo".equals(kind)) {
            return CLONERS.contains(kind);
        }
        final String unit = iface.substring(kind.length());
        if ("0".equals(unit)) {
            return false;
        }
        // the loopback of an rdomain that still holds an interface cannot go
        final String rdomainLine = "rdomain " + Integer.parseInt(unit);
        for (Map.Entry<String, ManagedFile> entry : to.files().entrySet()) {
            if (interfaceOf(entry.getKey()) != null && hasLine(entry.getValue().content(), rdomainLine)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasLine(final String content, final String line) {
        for (String candidate : content.split("\n", -1)) {
            if (candidate.strip().equals(line)) {
                return true;
            }
        }
        return false;
    }

    private static boolean changed(final FileSet from, final FileSet to, final String path) {
        final Optional<ManagedFile> before = from.get(path);
        final Optional<ManagedFile> after = to.get(path);
        if (before.isEmpty() || after.isEmpty()) {
            return before.isPresent() != after.isPresent();
        }
        return !before.orElseThrow().content().equals(after.orElseThrow().content());
    }

    /** The {@code unwind_*} lines of rc.conf.local, in file order, one per line. */
    private static String unwindLines(final FileSet files) {
        return daemonLines(files, UNWIND);
    }

    /** A daemon's {@code NAME_*} lines of rc.conf.local, in file order, one per line. */
    private static String daemonLines(final FileSet files, final String daemon) {
        final Optional<ManagedFile> file = files.get(RC_CONF_LOCAL);
        if (file.isEmpty()) {
            return "";
        }
        final String prefix = daemon + "_";
        final StringBuilder sb = new StringBuilder();
        for (String line : file.orElseThrow().content().split("\n", -1)) {
            final String stripped = line.strip();
            if (stripped.startsWith(prefix)) {
                sb.append(stripped).append('\n');
            }
        }
        return sb.toString();
    }

    private static boolean enabled(final String unwindLines) {
        return enabled(unwindLines, UNWIND);
    }

    /** rc.subr(8): a daemon is enabled when its {@code _flags} variable is set to anything but NO. */
    private static boolean enabled(final String daemonLines, final String daemon) {
        final String flags = daemon + "_flags=";
        boolean enabled = false;
        for (String line : daemonLines.split("\n", -1)) {
            if (line.startsWith(flags)) {
                // the last assignment wins, as in sh
                enabled = !"NO".equals(line.substring(flags.length()));
            }
        }
        return enabled;
    }
}
