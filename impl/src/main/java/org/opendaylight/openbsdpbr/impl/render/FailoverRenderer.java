/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.intent.HealthMonitor;
import org.opendaylight.openbsdpbr.api.intent.Uplink;

/**
 * The failover files ({@link Failover}): {@code /etc/ifstated.conf} and one pf anchor file per failure state under
 * {@code /etc/pf/} (the state with every uplink up, and the one where every path's uplinks are down, share
 * {@value Failover#ANCHOR_FILE}, which pf.conf loads).
 *
 * <p>ifstated.conf(5), written for ifstated's own grammar (usr.sbin/ifstated/parse.y):
 * <ul>
 *   <li>{@code init-state normal}, then one {@code state} per combination of monitored uplinks that are down. Its
 *       {@code init} block loads the state's anchor file and appends {@code EPOCH STATE} to
 *       {@value Failover#STATE_LOG}: it runs whenever the state is entered, so after a reload or a reboot too.</li>
 *   <li>Per monitored uplink, a transition: in a state where it is up, {@code if ! (ROUND_T1 every I || ROUND_T2
 *       every I)}, where a round is answered when a target answered one of {@code down-after} probes; in a state
 *       where it is down, {@code if (ROUND_T1 every I || ...)}, where a round is answered when a target answered all
 *       {@code up-after} probes. The block first loads the next state's anchor, then kills the labels
 *       ({@code pfctl -V RDOMAIN -k label -k LABEL}) of the states the change strands, then {@code set-state}:
 *       states killed before the new rules are in place would come back on the old path with the flow's next
 *       packet.</li>
 *   <li>Only external tests, never {@code IF.link.up}: ifstated refuses a link test on an interface that does not
 *       exist when it parses the file ({@code if_nametoindex}), and pppoe0 or gif0 do not exist before their first
 *       commit, when the router validates the file with {@code ifstated -n}. A PPPoE session that drops takes its
 *       default route down with it (RTP_DOWN), so the ping probes fail as fast as the next round.</li>
 *   <li>Every command is written out in its quotes: ifstated does not expand {@code $macros} inside quoted
 *       strings, and no {@code $} appears in one (sh would expand it).</li>
 * </ul>
 * Probes: ICMP {@code ping -q -c N -i 1 -w 1 -V RTABLE TARGET} (ping(8): status 0 when one reply came), TCP
 * {@code nc -z -w 1 -V RTABLE TARGET PORT} (nc(1)) in a loop; MAP-E must be probed with TCP (the validator refuses
 * ICMP there: pf NAT does not keep ICMP echo ids in the port set).
 */
final class FailoverRenderer {
    private FailoverRenderer() {
        // utility
    }

    /** Adds ifstated.conf and the anchor files. */
    static void render(final Resolution resolution, final Failover failover, final String header,
            final List<ManagedFile> files) {
        files.add(new ManagedFile(Failover.IFSTATED_CONF, "root", "wheel", Renderer.SERVICE_MODE,
            ifstatedConf(resolution, failover, header), false));
        final Set<String> written = new LinkedHashSet<>();
        for (Failover.State state : failover.states) {
            if (written.add(state.file())) {
                files.add(new ManagedFile(state.file(), "root", "wheel", Renderer.PF_MODE,
                    PfRenderer.anchor(resolution, header, failover, state), false));
            }
        }
    }

    static String ifstatedConf(final Resolution resolution, final Failover failover, final String header) {
        final StringBuilder sb = new StringBuilder(4096).append(header);
        sb.append("# Failover (ifstated.conf(5)): a state per combination of monitored uplinks that are down."
            + " Entering\n# a state loads its rules into pf anchor \"").append(Failover.ANCHOR)
            .append("\" and appends \"EPOCH STATE\" to ")
            .append(Failover.STATE_LOG).append(".\n# Probes leave through the uplink they test (-V: its rdomain).\n");
        for (Uplink uplink : failover.monitored) {
            final HealthMonitor health = uplink.health();
            sb.append("# ").append(uplink.name()).append(": ").append(health.method() == HealthMonitor.Method.TCP
                ? "tcp port " + health.port() : "icmp").append(" to ").append(String.join(", ", health.targets()))
                .append(" in rtable ").append(uplink.rdomain()).append(" every ").append(health.interval())
                .append(" s; down when no target answers ").append(health.downAfter()).append(", up when one answers ")
                .append(health.upAfter()).append(" of ").append(health.upAfter()).append('\n');
        }
        sb.append("\ninit-state ").append(Failover.NORMAL).append('\n');
        for (Failover.State state : failover.states) {
            sb.append("\nstate ").append(state.name()).append(" {\n\tinit {\n");
            load(sb, state);
            sb.append("\t\trun \"date '+%s ").append(state.name()).append("' >> ").append(Failover.STATE_LOG)
                .append("\"\n\t}\n");
            for (Uplink uplink : failover.monitored) {
                final boolean down = state.down().contains(uplink.name());
                final Set<String> next = new LinkedHashSet<>();
                for (Uplink other : failover.monitored) {
                    if (other == uplink ? !down : state.down().contains(other.name())) {
                        next.add(other.name());
                    }
                }
                final Failover.State to = failover.state(next, true);
                sb.append("\tif ").append(down ? "(" : "! (");
                final List<String> tests = new ArrayList<>();
                for (String target : uplink.health().targets()) {
                    tests.add('"' + probe(uplink, target, !down) + "\" every " + uplink.health().interval());
                }
                sb.append(String.join(" || ", tests)).append(") {\n");
                if (!to.file().equals(state.file())) {
                    load(sb, to);
                }
                for (Failover.Kill kill : down ? failover.killsOnFailback(state, to, uplink.name())
                        : failover.killsOnFailover(state, uplink.name())) {
                    sb.append("\t\trun \"pfctl -V ").append(kill.rdomain()).append(" -k label -k ")
                        .append(kill.label()).append("\"\n");
                }
                sb.append("\t\tset-state ").append(to.name()).append("\n\t}\n");
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    private static void load(final StringBuilder sb, final Failover.State state) {
        sb.append("\t\trun \"pfctl -a ").append(Failover.ANCHOR).append(" -f ").append(state.file()).append("\"\n");
    }

    /**
     * One probe round's command: {@code failing} is the round that decides "down" (exit 0 when one of
     * {@code down-after} probes was answered), else the round that decides "up" (exit 0 when all {@code up-after}
     * were).
     */
    static String probe(final Uplink uplink, final String target, final boolean failing) {
        final HealthMonitor health = uplink.health();
        final int rtable = uplink.rdomain();
        final int count = failing ? health.downAfter() : health.upAfter();
        final String one = health.method() == HealthMonitor.Method.TCP
            ? "nc -z -w 1 -V " + rtable + " " + target + " " + health.port()
            : "ping -q -c 1 -w 1 -V " + rtable + " " + target + " > /dev/null";
        if (failing && health.method() == HealthMonitor.Method.ICMP) {
            return "ping -q -c " + count + " -i 1 -w 1 -V " + rtable + " " + target + " > /dev/null";
        }
        final StringBuilder loop = new StringBuilder("for i in");
        for (int i = 1; i <= count; i++) {
            loop.append(' ').append(i);
        }
        loop.append("; do ").append(one)
            .append(failing ? " && exit 0; sleep 1; done; exit 1" : " || exit 1; sleep 1; done");
        return loop.toString();
    }
}
