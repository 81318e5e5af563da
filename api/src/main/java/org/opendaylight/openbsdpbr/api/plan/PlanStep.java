/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.plan;

import java.util.Locale;

/**
 * One command of an apply plan. Steps travel to the router as plan lines ({@link #planLine()}) in a small fixed
 * vocabulary that the router-side script checks word by word before running the matching base-system command
 * ({@link #command()}): no shell command line is ever built from intent values.
 */
public sealed interface PlanStep {
    /** The line the router-side script reads, e.g. {@code netstart pppoe0}. */
    String planLine();

    /** The OpenBSD command this step runs, e.g. {@code sh /etc/netstart pppoe0}. */
    String command();

    /** (Re)configure an interface from its hostname.if file: {@code sh /etc/netstart IF}. */
    record Netstart(String iface) implements PlanStep {
        public Netstart {
            Names.checkInterface(iface);
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
            Names.checkInterface(iface);
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

    /** An rc.d action on a service: enable, disable, start, stop, restart, reload. */
    record Rcctl(Action action, String service) implements PlanStep {
        public enum Action { ENABLE, DISABLE, START, STOP, RESTART, RELOAD }

        public Rcctl {
            Names.checkService(service);
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
