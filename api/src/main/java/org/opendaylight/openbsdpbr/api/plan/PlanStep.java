/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One command of an apply plan. Steps travel to the router as plan lines ({@link #planLine()}) in a small fixed
 * vocabulary ({@link PlanVocabulary}) that the router-side script checks word by word before running the matching
 * base-system command ({@link #command()}): no shell command line is ever built from intent values.
 */
public sealed interface PlanStep {
    /** The line the router-side script reads, e.g. {@code netstart pppoe0}. */
    String planLine();

    /** The OpenBSD command this step runs, e.g. {@code sh /etc/netstart pppoe0}. */
    String command();

    /**
     * The step a plan line stands for: the inverse of {@link #planLine()}.
     *
     * @throws IllegalArgumentException when the line is outside the {@link PlanVocabulary}
     */
    static PlanStep parse(final String line) {
        if (!PlanVocabulary.isPlanLine(line)) {
            throw new IllegalArgumentException("plan line outside the vocabulary: " + line);
        }
        final String before = "before ";
        if (line.startsWith(before)) {
            return new BeforeFiles(parse(line.substring(before.length())));
        }
        final String[] words = line.split(" ");
        return switch (words[0]) {
            case "netstart" -> new Netstart(words[1]);
            case "destroy" -> new Destroy(words[1]);
            case "pfctl-load" -> new LoadPf();
            case "pfctl-anchor" -> new LoadAnchor(words[1], words[2]);
            case "sysctl" -> Sysctl.parse(words[1]);
            case "rcctl" -> new Rcctl(Rcctl.Action.valueOf(words[1].toUpperCase(Locale.ROOT)), words[2]);
            default -> throw new IllegalStateException("the vocabulary has a verb this parser lacks: " + line);
        };
    }

    /** (Re)configure an interface from its hostname.if file: {@code sh /etc/netstart IF}. */
    record Netstart(String iface) implements PlanStep {
        public Netstart {
            PlanVocabulary.check(PlanVocabulary.INTERFACE_PATTERN, iface, "an interface name");
        }

        @Override
        public String planLine() {
            return "netstart " + iface;
        }

        @Override
        public String command() {
            return "sh /etc/netstart " + iface;
        }
    }

    /** Remove an interface that left the intent: {@code ifconfig IF destroy} (its file is removed by the commit). */
    record Destroy(String iface) implements PlanStep {
        public Destroy {
            PlanVocabulary.check(PlanVocabulary.INTERFACE_PATTERN, iface, "an interface name");
        }

        @Override
        public String planLine() {
            return "destroy " + iface;
        }

        @Override
        public String command() {
            return "ifconfig " + iface + " destroy";
        }
    }

    /** Load /etc/pf.conf atomically: {@code pfctl -f /etc/pf.conf}. */
    record LoadPf() implements PlanStep {
        @Override
        public String planLine() {
            return "pfctl-load";
        }

        @Override
        public String command() {
            return "pfctl -f /etc/pf.conf";
        }
    }

    /**
     * Load one pf anchor from its file under {@code /etc/pf/} without reloading the main ruleset:
     * {@code pfctl -a ANCHOR -f /etc/pf/FILE} (pf.conf(5) {@code load anchor ... from}; pfctl(8) {@code -a}). The
     * router checks the file the same way before the commit ({@code pfctl -a ANCHOR -nf}), so an anchor file must be
     * self-contained: it is parsed on its own, without pf.conf's macros.
     *
     * @param anchor the anchor's name, e.g. {@code uplink/pppoe}
     * @param file the file's name under {@code /etc/pf/}, e.g. {@code uplink-pppoe.conf}
     */
    record LoadAnchor(String anchor, String file) implements PlanStep {
        public LoadAnchor {
            PlanVocabulary.check(PlanVocabulary.ANCHOR_PATTERN, anchor, "a pf anchor name");
            PlanVocabulary.check(PlanVocabulary.ANCHOR_FILE_PATTERN, file, "an anchor file name under /etc/pf/");
        }

        /** The file's path on the router. */
        public String path() {
            return PlanVocabulary.ANCHOR_DIR + file;
        }

        @Override
        public String planLine() {
            return "pfctl-anchor " + anchor + " " + file;
        }

        @Override
        public String command() {
            return "pfctl -a " + anchor + " -f " + path();
        }
    }

    /**
     * Set one kernel variable now, as the managed lines of {@code /etc/sysctl.conf} set it at boot:
     * {@code sysctl NAME=VALUE} (e.g. {@code net.inet.ip.forwarding=1}, which OpenBSD leaves off).
     *
     * @param name the variable, e.g. {@code net.inet6.ip6.forwarding}
     * @param value its value, an integer
     */
    record Sysctl(String name, String value) implements PlanStep {
        public Sysctl {
            PlanVocabulary.check(PlanVocabulary.SYSCTL_NAME_PATTERN, name, "a settable sysctl variable");
            PlanVocabulary.check(PlanVocabulary.SYSCTL_VALUE_PATTERN, value, "an integer sysctl value for " + name);
        }

        /** The step of one {@code NAME=VALUE} setting. */
        public static Sysctl parse(final String setting) {
            final int equals = setting.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("not a NAME=VALUE sysctl setting: " + setting);
            }
            return new Sysctl(setting.substring(0, equals), setting.substring(equals + 1));
        }

        /**
         * The steps that apply {@code /etc/sysctl.conf} lines now, in file order: one per {@code NAME=VALUE} line;
         * blank lines and comments (a {@code #} to the end of the line, sysctl.conf(5)) are skipped.
         *
         * @throws IllegalArgumentException naming the first line that is not a setting of the vocabulary
         */
        public static List<Sysctl> fromConf(final String text) {
            final var steps = new ArrayList<Sysctl>();
            for (String line : text.split("\n")) {
                final int hash = line.indexOf('#');
                final String setting = (hash < 0 ? line : line.substring(0, hash)).strip();
                if (!setting.isEmpty()) {
                    steps.add(parse(setting));
                }
            }
            return steps;
        }

        @Override
        public String planLine() {
            return "sysctl " + name + "=" + value;
        }

        @Override
        public String command() {
            return planLine();
        }
    }

    /**
     * A step that runs before the new files are installed, while the old ones are in place: rc.d(8) finds a running
     * daemon by its rc.conf.local settings ({@code daemon_rtable}), so a daemon whose rtable changes is stopped under
     * the old settings and started under the new ones. Its failure does not fail the commit (stopping a daemon that
     * does not run must not block one); the steps after the switch report what did not come up.
     */
    record BeforeFiles(PlanStep step) implements PlanStep {
        public BeforeFiles {
            if (step instanceof BeforeFiles || step == null) {
                throw new IllegalArgumentException("a before-files step wraps one ordinary step");
            }
        }

        @Override
        public String planLine() {
            return "before " + step.planLine();
        }

        @Override
        public String command() {
            return step.command() + "   # before the files change";
        }
    }

    /**
     * An rc.d action on a service: enable, disable, start, stop, restart, reload. {@code reload} is rc.subr(8)'s
     * default reload, a SIGHUP to the daemon: for ifstated(8) that re-reads {@code /etc/ifstated.conf}.
     */
    record Rcctl(Action action, String service) implements PlanStep {
        public enum Action { ENABLE, DISABLE, START, STOP, RESTART, RELOAD }

        public Rcctl {
            if (action == null) {
                throw new IllegalArgumentException("no rcctl action");
            }
            PlanVocabulary.check(PlanVocabulary.SERVICE_PATTERN, service, "a managed service");
        }

        @Override
        public String planLine() {
            return "rcctl " + action.name().toLowerCase(Locale.ROOT) + " " + service;
        }

        @Override
        public String command() {
            return planLine();
        }
    }
}
