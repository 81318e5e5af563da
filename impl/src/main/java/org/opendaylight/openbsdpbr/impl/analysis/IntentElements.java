/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.intent.InboundService;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.NatRule;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Rdomain;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.Sshd;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.Via;
import org.opendaylight.openbsdpbr.impl.analysis.ManagementPath.Subject;
import org.opendaylight.openbsdpbr.impl.analysis.source.SourceLine;

/**
 * From what the analysis finds in the files back to the intent element an operator changes: a pf rule to its policy
 * route, inbound service or uplink, an interface to its rdomain leaf, sshd's lines to the sshd leaves. Paths are
 * relative to the intent ({@code policy-route[name=x]}, {@code sshd/listen}), as {@code IntentError} paths before the
 * merge names their origin.
 *
 * <p>pf rules are found by the comment the renderer writes right above them ({@code # 10 to-via-pppoe: ...} for a
 * policy route, {@code # ssh-via-pppoe} for an inbound service) or by their shape ({@code block in on pppoe0} is the
 * uplink's); {@code IntentElementsTest} renders every golden intent and checks that each policy route and inbound
 * service maps back, so a change of the renderer's comments cannot silently break the names.
 */
public final class IntentElements {
    private static final Pattern ROUTE_COMMENT = Pattern.compile("(\\d+) ([^:\\s]+)(: .*)?");
    private static final Pattern ON_INTERFACE = Pattern.compile(".*\\bon ([a-z]+[0-9]+)\\b.*");

    private final RouterIntent intent;

    public IntentElements(final RouterIntent effective) {
        intent = requireNonNull(effective);
    }

    /**
     * The element a pf rule was rendered from.
     *
     * @param comments the comment lines right above the rule
     * @param rule the rule
     * @return the element's path relative to the intent, or null when the rule is the renderer's own
     */
    public @Nullable String rule(final List<String> comments, final SourceLine rule) {
        if (!comments.isEmpty()) {
            final String last = comments.get(comments.size() - 1);
            final Matcher route = ROUTE_COMMENT.matcher(last);
            if (route.matches()) {
                for (PolicyRoute policy : intent.shared().policyRoutes()) {
                    if (policy.name().equals(route.group(2))
                            && Long.toString(policy.sequence()).equals(route.group(1))) {
                        return PolicyRoute.path(policy.name());
                    }
                }
            }
            for (InboundService service : intent.shared().inboundServices()) {
                if (service.name().equals(last) && rule.text().startsWith("pass in on ")) {
                    return InboundService.path(service.name());
                }
            }
        }
        final Matcher on = ON_INTERFACE.matcher(rule.text());
        if (on.matches()) {
            final Uplink uplink = uplinkOn(on.group(1));
            if (uplink != null) {
                if (rule.text().contains(" nat-to ")) {
                    for (NatRule nat : intent.shared().nat()) {
                        if (nat.uplink().equals(uplink.name())) {
                            return NatRule.path(uplink.name());
                        }
                    }
                }
                return Uplink.path(uplink.name());
            }
        }
        return null;
    }

    /**
     * The element to change for a breach of the management path.
     *
     * @param subject what breaks
     * @return the element's path relative to the intent; {@code pf.conf} rules of the renderer's own name none and
     *     give null
     */
    public @Nullable String of(final Subject subject) {
        return switch (subject) {
            case Subject.PfRule rule -> rule(rule.comments(), rule.rule());
            case Subject.ManagementAddress address -> address.iface() == null ? "interface"
                : interfaceElement(address.iface(), "enabled");
            case Subject.NoRouteBack route -> noRouteBack(route);
            case Subject.SshdListen listen -> listen.moved() && interfaceElement(listen.iface(), "rdomain") != null
                ? interfaceElement(listen.iface(), "rdomain") : Sshd.PATH + "/listen";
            case Subject.SshdPort port -> Sshd.PATH + "/port";
            case Subject.SshdSetting setting -> switch (setting.keyword()) {
                case "permit-root-login", "password-authentication" -> Sshd.PATH + "/" + setting.keyword();
                default -> Sshd.PATH;
            };
            case Subject.SshdService service -> Sshd.PATH;
        };
    }

    private String noRouteBack(final Subject.NoRouteBack route) {
        final String moved = interfaceElement(route.iface(), "rdomain");
        if (route.rdomain() != 0 && moved != null) {
            return moved;
        }
        return Rdomain.path(route.rdomain()) + "/default-route-via";
    }

    /** {@code interface[name=X]/leaf}, or the uplink's when the interface is an uplink's own (pppoe0, gif0). */
    private @Nullable String interfaceElement(final String name, final String leaf) {
        for (Interface iface : intent.interfaces()) {
            if (iface.name().equals(name)) {
                return Interface.path(name) + "/" + leaf;
            }
        }
        final Uplink uplink = uplinkOn(name);
        return uplink == null ? null : Uplink.path(uplink.name()) + ("rdomain".equals(leaf) ? "/rdomain" : "");
    }

    private @Nullable Uplink uplinkOn(final String iface) {
        for (Uplink uplink : intent.uplinks()) {
            if (uplink.interfaceName().equals(iface)) {
                return uplink;
            }
        }
        return null;
    }

    /**
     * A policy route's via leaf ({@code policy-route[name=x]/via-uplink} or {@code /via-rdomain}), where lints about
     * its routing table belong.
     *
     * @param policyRoute the policy route's path
     * @return the via leaf's path
     */
    public String via(final String policyRoute) {
        for (PolicyRoute route : intent.shared().policyRoutes()) {
            if (PolicyRoute.path(route.name()).equals(policyRoute)) {
                return policyRoute + (route.via() instanceof Via.ViaUplink ? "/via-uplink" : "/via-rdomain");
            }
        }
        return policyRoute;
    }

    /**
     * The element of an egress interface: its uplink's NAT rule, the uplink, or the interface.
     *
     * @param iface the interface
     * @return the element's path relative to the intent
     */
    public String egress(final String iface) {
        final Uplink uplink = uplinkOn(iface);
        if (uplink == null) {
            return Interface.path(iface);
        }
        for (NatRule nat : intent.shared().nat()) {
            if (nat.uplink().equals(uplink.name())) {
                return NatRule.path(uplink.name());
            }
        }
        return Uplink.path(uplink.name());
    }

    /** The full path of an element relative to the intent ({@code intent/...}), for messages without a merge. */
    public static String full(final @Nullable String relative) {
        return relative == null ? RouterIntent.PATH : RouterIntent.PATH + "/" + relative;
    }
}
