/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.intent.DnsResolver;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.Sshd;

/**
 * A router's effective intent to the OpenBSD files an expert would write by hand. Pure: no I/O, no MD-SAL, no clock;
 * the same intent gives byte-identical files, and {@link FileSet#revision()} of the result identifies it.
 *
 * <p>Files (all root:wheel):
 * <ul>
 *   <li>{@code /etc/hostname.<if>} (0640; hostname.pppoeN 0600) per managed interface, PPPoE and MAP-E uplink, and
 *       rdomain loopback: see {@link HostnameRenderer}.</li>
 *   <li>{@code /etc/pf.conf} (0600, as OpenBSD installs it): see {@link PfRenderer}.</li>
 *   <li>{@code /etc/unwind.conf} (0644) when the intent has a dns-resolver, openbsd-pbr's block of lines in
 *       {@code /etc/rc.conf.local} when it runs unwind, rad or dhcp6leased, and {@code /etc/ssh/sshd_config} (0644)
 *       when it manages sshd: see {@link ServiceRenderer}.</li>
 *   <li>{@code /etc/dhcp6leased.conf} and {@code /etc/rad.conf} (0644) when the intent delegates a prefix or
 *       advertises IPv6 to a LAN: see {@link Ipv6Renderer}.</li>
 *   <li>openbsd-pbr's block of lines in {@code /etc/sysctl.conf}: forwarding (see {@link #sysctlBlock}).</li>
 *   <li>with failover (an uplink with a health monitor): {@code /etc/ifstated.conf} (0644) and the pf anchor files
 *       {@code /etc/pf/failover*.conf} (0600, like pf.conf), and {@code ifstated_flags=} in rc.conf.local's block:
 *       see {@link Failover} and {@link FailoverRenderer}.</li>
 * </ul>
 * Files shared with the router's admin ({@code rc.conf.local}, {@code sysctl.conf}) are owned by a block of lines
 * ({@link ManagedFile.Ownership#LINES}): the admin's other lines stay, and the block's marker lines say who owns it.
 * Every file owned whole starts with a comment naming the router. Every value was checked against its file's syntax
 * when the intent records were built; the renderer runs {@link IntentValidator} first and refuses an intent with a
 * dangling reference.
 */
public final class Renderer {
    /** The sysctl.conf(5) line that makes OpenBSD forward IPv4 between its interfaces. */
    static final String IPV4_FORWARDING = "net.inet.ip.forwarding=1";
    /** pf.conf's mode on a stock OpenBSD. */
    static final int PF_MODE = 0600;
    /** Mode of the daemons' files. */
    static final int SERVICE_MODE = 0644;
    /**
     * The {@code <martians>} table with its comment line, as pf.conf gets it when a rule names it and the intent
     * defines no table of that name: the import (impl/importer) recognises it as the renderer's own, not an admin's.
     */
    public static final String MARTIANS_TABLE = Martians.TABLE;
    /**
     * The lines of sshd_config's hardened base (after Port, the ListenAddress lines, PermitRootLogin and
     * PasswordAuthentication): the import maps an admin's line equal to one of them to the base, not to "unmapped".
     */
    public static final List<String> SSHD_BASE_LINES = ServiceRenderer.SSHD_BASE.lines().toList();

    private Renderer() {
        // utility
    }

    /**
     * Renders an effective intent.
     *
     * @param effective the router's intent merged with its profiles ({@link IntentMerger})
     * @return the files and the lints
     * @throws InvalidIntentException when {@link IntentValidator} finds a problem; nothing is rendered then
     */
    public static RenderResult render(final RouterIntent effective) {
        return render(effective, RouterPaths::intent);
    }

    /**
     * Renders a merged intent, validating it once: errors name the layer each element came from
     * ({@code profiles/profile[name=p]/...} or {@code intent/...}), as {@link IntentValidator#validate(
     * IntentMerger.Merged)} does. The intent compiler's entry point.
     *
     * @param merged the router's intent merged with its profiles
     * @return the files and the lints
     * @throws InvalidIntentException when {@link IntentValidator} finds a problem; nothing is rendered then
     */
    public static RenderResult render(final IntentMerger.Merged merged) {
        return render(merged.effective(), path -> merged.origin(path) + "/" + path);
    }

    private static RenderResult render(final RouterIntent effective, final UnaryOperator<String> fullPath) {
        final IntentValidator.Checked checked = IntentValidator.check(effective, fullPath);
        if (!checked.errors().isEmpty()) {
            throw new InvalidIntentException(checked.errors());
        }
        final Resolution resolution = checked.resolution();
        final String header = "# Rendered by openbsd-pbr for router " + effective.name()
            + "; local changes are overwritten.\n";
        final List<ManagedFile> files = new ArrayList<>(effective.interfaces().size() + 8);
        final List<Lint> lints = new ArrayList<>();
        HostnameRenderer.render(resolution, header, files, lints);
        final Failover failover = Failover.of(resolution);
        files.add(new ManagedFile(ApplyPlanner.PF_CONF, "root", "wheel", PF_MODE,
            PfRenderer.render(resolution, header, failover), false));
        if (failover != null) {
            FailoverRenderer.render(resolution, failover, header, files);
        }
        final DnsResolver resolver = resolution.shared.dnsResolver();
        final boolean dhcp6leased = !resolution.delegations.isEmpty();
        final boolean rad = !Ipv6Renderer.advertising(resolution).isEmpty();
        if (resolver != null || dhcp6leased || rad || failover != null) {
            // the admin's own lines (daemons openbsd-pbr does not run) stay: openbsd-pbr owns only its block
            files.add(ManagedFile.ownedLines(ApplyPlanner.RC_CONF_LOCAL,
                ServiceRenderer.rcConfLocal(resolver, dhcp6leased, failover != null, rad)));
        }
        if (resolver != null) {
            files.add(service(ApplyPlanner.UNWIND_CONF, ServiceRenderer.unwindConf(resolver, header)));
        }
        if (dhcp6leased) {
            files.add(service(ApplyPlanner.DHCP6LEASED_CONF, Ipv6Renderer.dhcp6leasedConf(resolution, header)));
        }
        if (rad) {
            files.add(service(ApplyPlanner.RAD_CONF, Ipv6Renderer.radConf(resolution, header)));
        }
        files.add(ManagedFile.ownedLines(ApplyPlanner.SYSCTL_CONF, sysctlBlock(resolution)));
        final Sshd sshd = resolution.shared.sshd();
        if (sshd != null) {
            files.add(service(ApplyPlanner.SSHD_CONFIG, ServiceRenderer.sshdConfig(sshd, header)));
        }
        Lints.collect(resolution, lints);
        return new RenderResult(FileSet.of(files), lints);
    }

    /**
     * Forget what was kept of policy routes, tables and host groups rendered before ({@link RouteRuleTexts},
     * {@link RouteSection}, {@link TableSection}), so that the next render checks and writes them anew: for
     * benchmarks that measure a router whose profile no router had before, and tests. Output never depends on it.
     */
    public static void forgetRenderedRoutes() {
        RouteRuleTexts.clear();
        RouteSection.clear();
        TableSection.clear();
    }

    /**
     * openbsd-pbr's block of {@code /etc/sysctl.conf}: IPv4 forwarding always (OpenBSD installs with
     * {@code net.inet.ip.forwarding} 0, so a router whose files say nothing forwards nothing, whatever pf.conf says),
     * IPv6 forwarding when the intent routes IPv6 ({@link Ipv6Renderer#routesIpv6}). The admin's other lines stay.
     */
    static String sysctlBlock(final Resolution resolution) {
        return IPV4_FORWARDING + "\n" + (Ipv6Renderer.routesIpv6(resolution) ? Ipv6Renderer.FORWARDING + "\n" : "");
    }

    private static ManagedFile service(final String path, final String content) {
        return new ManagedFile(path, "root", "wheel", SERVICE_MODE, content, false);
    }
}
