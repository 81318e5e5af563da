/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.impl.analysis.host.InterfaceConfig;
import org.opendaylight.openbsdpbr.impl.analysis.host.Route;
import org.opendaylight.openbsdpbr.impl.analysis.host.RoutingTable;
import org.opendaylight.openbsdpbr.impl.analysis.host.SshdConfig;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpPrefix;
import org.opendaylight.openbsdpbr.impl.analysis.source.SourceLine;

/**
 * The management-path proof: will the controller still reach and log in to the router once it loads these files?
 * A change that breaks this is committed, then reverted by the router itself only after the confirm timeout; the
 * proof refuses it before anything is pushed, naming what breaks.
 *
 * <p>The path, in the candidate files, from the controller's address (as the router sees it) to the management
 * address and port:
 * <ol>
 *   <li>the interface holding the management address, up, and its rdomain R;</li>
 *   <li>rtable R's route back to the controller: the interface its packets arrive on (and the replies leave by);</li>
 *   <li>pf inbound on that interface: not blocked, not moved into another rdomain by {@code rtable} (where the address
 *       is not the router's), with state for the replies ({@link FlowEngine});</li>
 *   <li>an sshd listener in rdomain R that takes the address and port (ListenAddress, Port; sshd enabled in
 *       rc.conf.local);</li>
 *   <li>sshd's login settings for the controller's user and credential kind (PermitRootLogin,
 *       PasswordAuthentication, PubkeyAuthentication, AllowUsers/DenyUsers).</li>
 * </ol>
 * Each broken step is a {@link Breach} with what breaks ({@link Subject}, which {@link IntentElements} maps to the
 * intent element to change). What the model cannot tell makes the proof {@link Verdict#UNKNOWN} with the reason; an
 * unknown proof does not refuse (the router's confirm timeout remains the safety net). A management address on
 * loopback means the controller reaches the router through a local forward (the lab, an SSH tunnel): the path part
 * is then unknown unless the router's view is configured; the login settings are checked all the same.
 */
public final class ManagementPath {
    private ManagementPath() {
        // utility
    }

    /**
     * How the controller and the router see each other.
     *
     * @param controller the controller's address as the router sees it (the source of its SSH connection), or null
     *     when it is not known: the proof then takes a host on the network of the interface holding the management
     *     address (the usual case: the controller on the LAN or a management network) and says so in
     *     {@link Proof#assumptions()}
     * @param router the management address as the router sees it, or null when it is not known (a host name): the
     *     path is then unknown and only the login settings are checked
     * @param port the port sshd must listen on, as the router sees it
     * @param user the user the controller logs in as
     * @param password whether it logs in with a password (else with a key)
     */
    public record View(@Nullable IpAddress controller, @Nullable IpAddress router, int port, String user,
            boolean password) {
        public View {
            requireNonNull(user, "user");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("a port is 1 to 65535: " + port);
            }
            if (controller != null && router != null && controller.v6() != router.v6()) {
                throw new IllegalArgumentException("the controller " + controller + " and the router " + router
                    + " are of different address families");
            }
        }
    }

    /** The outcome. */
    public enum Verdict {
        /** Every step holds. */
        PROVEN,
        /** A step breaks: see the breaches. */
        REFUTED,
        /** The model cannot tell (and nothing breaks that it can tell). */
        UNKNOWN
    }

    /** What breaks, so that it can be named in the intent. */
    public sealed interface Subject {
        /** A pf rule blocks the connection, or its {@code rtable} moves it away. */
        record PfRule(SourceLine rule, List<String> comments) implements Subject {
        }

        /** No interface holds the management address (or it is down). */
        record ManagementAddress(IpAddress address, @Nullable String iface) implements Subject {
        }

        /** The rdomain of the management interface has no route to the controller. */
        record NoRouteBack(int rdomain, String iface) implements Subject {
        }

        /**
         * No sshd listener in the rdomain takes the address; {@code moved} when the interface holding it changed
         * rdomain (then that is what to change back), else a listener is missing.
         */
        record SshdListen(int rdomain, String iface, boolean moved) implements Subject {
        }

        /** sshd listens there, on another port. */
        record SshdPort(int port) implements Subject {
        }

        /** An sshd_config setting refuses the controller's login; {@code keyword} as the intent names it. */
        record SshdSetting(String keyword, @Nullable SourceLine line) implements Subject {
        }

        /** sshd does not run (rc.conf.local sshd_flags=NO). */
        record SshdService(@Nullable SourceLine line) implements Subject {
        }
    }

    /**
     * One broken step.
     *
     * @param subject what breaks
     * @param message why, in the operator's words, with the file and line where it helps
     */
    public record Breach(Subject subject, String message) {
        public Breach {
            requireNonNull(subject, "subject");
            requireNonNull(message, "message");
        }
    }

    /**
     * The proof's outcome.
     *
     * @param verdict proven, refuted or unknown
     * @param breaches every broken step (refuted)
     * @param unknowns why the model cannot tell (unknown, or notes next to a refutation)
     * @param assumptions what the proof took for granted where the view was not given (the controller's address)
     * @param answer the inbound flow's answer, or null when the path was not followed
     */
    public record Proof(Verdict verdict, List<Breach> breaches, List<String> unknowns, List<String> assumptions,
            @Nullable FlowAnswer answer) {
        public Proof {
            requireNonNull(verdict, "verdict");
            breaches = List.copyOf(breaches);
            unknowns = List.copyOf(unknowns);
            assumptions = List.copyOf(assumptions);
        }

        /** One line for logs and status. */
        public String summary() {
            return switch (verdict) {
                case PROVEN -> "the controller keeps its management path";
                case REFUTED -> "the controller would be locked out: " + String.join("; ", breaches.stream()
                    .map(Breach::message).toList());
                case UNKNOWN -> "the management path is not proven: " + String.join("; ", unknowns);
            };
        }
    }

    /**
     * Proves (or refutes) the management path through a router's candidate files.
     *
     * @param candidate the files the router is about to load
     * @param view how the controller and the router see each other
     * @return the proof
     */
    public static Proof prove(final RouterModel candidate, final View view) {
        return prove(candidate, null, view);
    }

    /**
     * Proves the management path, telling apart what changed from the files the router runs: an interface that
     * moved to another rdomain, or a listener that went away.
     *
     * @param candidate the files the router is about to load
     * @param running the files it runs now, or null when unknown (a first push)
     * @param view how the controller and the router see each other
     * @return the proof
     */
    public static Proof prove(final RouterModel candidate, final @Nullable RouterModel running, final View view) {
        final List<Breach> breaches = new ArrayList<>();
        final List<String> unknowns = new ArrayList<>();
        final List<String> assumptions = new ArrayList<>();
        final FlowAnswer answer = path(candidate, running, view, breaches, unknowns, assumptions);
        login(candidate, view, breaches, unknowns);
        final Verdict verdict = !breaches.isEmpty() ? Verdict.REFUTED : unknowns.isEmpty() ? Verdict.PROVEN
            : Verdict.UNKNOWN;
        return new Proof(verdict, breaches, unknowns, assumptions, answer);
    }

    private static @Nullable FlowAnswer path(final RouterModel model, final @Nullable RouterModel running,
            final View given, final List<Breach> breaches, final List<String> unknowns,
            final List<String> assumptions) {
        if (given.router() == null) {
            unknowns.add("the management address is a host name, not an address: the path the router sees is not"
                + " known; configure the router's view of the controller to prove it");
            return null;
        }
        final View view = given;
        if (isLoopback(view.router())) {
            unknowns.add("the controller reaches the router at " + view.router() + ", a local forward (a lab or an SSH"
                + " tunnel): the path the router sees is not known; configure the router's view of the controller to"
                + " prove it");
            return null;
        }
        final InterfaceConfig holder = model.holder(view.router());
        if (holder == null) {
            final List<String> dynamic = model.interfaces().values().stream().filter(iface -> iface.up()
                && iface.dynamic(view.router().v6())).map(InterfaceConfig::name).toList();
            if (!dynamic.isEmpty()) {
                unknowns.add("no interface has " + view.router() + " as a static address; " + String.join(", ",
                    dynamic) + " get their addresses at run time and may hold it");
            } else {
                breaches.add(new Breach(new Subject.ManagementAddress(view.router(), null), "no interface holds the"
                    + " management address " + view.router() + ": the controller cannot reach the router there"));
            }
            return null;
        }
        if (!holder.up()) {
            breaches.add(new Breach(new Subject.ManagementAddress(view.router(), holder.name()), holder.name()
                + ", which holds the management address " + view.router() + ", is down"));
            return null;
        }
        if (view.controller() == null) {
            final IpAddress assumed = neighbour(holder, view.router());
            if (assumed == null) {
                unknowns.add("the controller's address is not configured and " + holder.name() + "'s network has no"
                    + " other host to take for it");
                return null;
            }
            assumptions.add("the controller's address is not configured: taken to be " + assumed + ", a host on "
                + holder.name() + "'s network (the controller on the LAN or a management network)");
            return reach(model, running, new View(assumed, view.router(), view.port(), view.user(),
                view.password()), holder, breaches, unknowns);
        }
        return reach(model, running, view, holder, breaches, unknowns);
    }

    /** The path from a known controller address through the interface holding the management address. */
    private static @Nullable FlowAnswer reach(final RouterModel model, final @Nullable RouterModel running,
            final View view, final InterfaceConfig holder, final List<Breach> breaches, final List<String> unknowns) {
        final int rdomain = holder.rdomain();
        final RoutingTable table = model.tables().get(rdomain);
        final Route back = table == null ? null : table.lookup(view.controller());
        if (back == null || back.kind() == Route.Kind.REJECT || back.kind() == Route.Kind.BLACKHOLE) {
            breaches.add(new Breach(new Subject.NoRouteBack(rdomain, holder.name()), "rdomain " + rdomain + " (where "
                + holder.name() + " holds the management address " + view.router() + ") has no route to the"
                + " controller's address " + view.controller() + ": its packets cannot come in nor the replies go"
                + " out"));
            return null;
        }
        final String ingress = back.iface();
        final FlowAnswer answer = new FlowEngine(model).answer(new FlowQuestion(ingress, view.controller(),
            view.router(), FlowQuestion.Protocol.TCP, -1, view.port(), Map.of()));
        switch (answer.disposition()) {
            case UNKNOWN -> unknowns.add("the controller's connection entering " + ingress + ": " + answer.reason());
            case BLOCKED -> breaches.add(new Breach(new Subject.PfRule(answer.rule(), comments(model, answer.rule())),
                answer.rule().where() + " (" + answer.rule().text() + ") blocks the controller's SSH connection from "
                    + view.controller() + " to " + view.router() + " port " + view.port() + " entering " + ingress));
            case FORWARDED, NO_ROUTE, NOT_FORWARDED -> {
                final SourceLine moved = rtableRule(answer);
                if (moved != null) {
                    breaches.add(new Breach(new Subject.PfRule(moved, comments(model, moved)), moved.where() + " ("
                        + moved.text() + ") moves the controller's connection into rtable " + answer.rtable()
                        + ", where " + view.router() + " is not the router's address: it never reaches sshd"));
                } else {
                    unknowns.add("the controller's connection is not delivered locally: " + answer.reason());
                }
            }
            case DELIVERED -> listener(model, view, answer, holder, moved(holder, running, view), breaches,
                unknowns);
            default -> throw new IllegalStateException("unexpected disposition " + answer.disposition());
        }
        return answer;
    }

    /** Whether the interface holding the management address is in another rdomain than before. */
    private static boolean moved(final InterfaceConfig holder, final @Nullable RouterModel running, final View view) {
        if (running == null) {
            // without the running files: an interface outside rdomain 0 was put there
            return holder.rdomain() != 0;
        }
        final InterfaceConfig before = running.holder(view.router());
        return before != null && before.rdomain() != holder.rdomain();
    }

    private static void listener(final RouterModel model, final View view, final FlowAnswer answer,
            final InterfaceConfig holder, final boolean moved, final List<Breach> breaches,
            final List<String> unknowns) {
        final int rdomain = holder.rdomain();
        final FlowAnswer.Delivery delivery = answer.delivery();
        if (delivery != null && "sshd".equals(delivery.service())) {
            final FlowAnswer.Reply reply = answer.reply();
            if (reply != null && reply.known() && reply.leaves() == null) {
                breaches.add(new Breach(new Subject.NoRouteBack(delivery.rdomain(), "sshd"), "sshd's replies: "
                    + reply.note()));
            } else if (reply != null && !reply.known()) {
                unknowns.add("sshd's replies: " + reply.note());
            } else if (reply != null && reply.note().contains(", not ")) {
                unknowns.add("sshd's replies " + reply.note().substring(reply.note().lastIndexOf("they leave")));
            }
            return;
        }
        if (!model.rc().enabled("sshd", true)) {
            breaches.add(new Breach(new Subject.SshdService(model.rc().line("sshd_flags")), "sshd does not run"
                + " (rc.conf.local sshd_flags=NO)"));
            return;
        }
        final SshdConfig sshd = model.sshd();
        if (sshd == null) {
            unknowns.add("sshd_config is not among the router's files: whether sshd listens on " + view.router()
                + " port " + view.port() + " in rdomain " + rdomain + " is unknown");
            return;
        }
        final int where = delivery == null ? rdomain : delivery.rdomain();
        for (SshdConfig.Listener listener : sshd.listeners()) {
            if (listener.rdomain() == where && listener.address().v6() == view.router().v6()
                    && (listener.wildcard() || listener.address().equals(view.router()))) {
                breaches.add(new Breach(new Subject.SshdPort(listener.port()), "sshd listens on port "
                    + listener.port() + " (" + (listener.source() == null ? "its default"
                        : listener.source().where()) + "), the controller connects to port " + view.port()));
                return;
            }
        }
        breaches.add(new Breach(new Subject.SshdListen(where, holder.name(), moved), "no sshd ListenAddress in"
            + " rdomain " + where + " takes " + view.router() + " (sshd listens on " + String.join(", ",
                sshd.listeners().stream().map(SshdConfig.Listener::toString).toList()) + ")"
            + (moved ? "; " + holder.name() + " is in rdomain " + rdomain + (holder.rdomainSource() == null ? ""
                : " (" + holder.rdomainSource().where() + ")") : "")));
    }

    private static void login(final RouterModel model, final View view, final List<Breach> breaches,
            final List<String> unknowns) {
        final SshdConfig sshd = model.sshd();
        if (sshd == null) {
            return;
        }
        if (!sshd.unmodelled().isEmpty()) {
            unknowns.add("sshd_config uses " + sshd.unmodelled().get(0).text() + " (" + sshd.unmodelled().get(0)
                .where() + "), which the proof does not follow");
            return;
        }
        final boolean root = "root".equals(view.user());
        final SshdConfig.Setting rootLogin = sshd.permitRootLogin();
        if (root && "no".equals(rootLogin.value())) {
            breaches.add(new Breach(new Subject.SshdSetting("permit-root-login", rootLogin.source()),
                "PermitRootLogin no" + at(rootLogin) + ": the controller logs in as root, which sshd refuses; every"
                    + " change would be reverted"));
        } else if (root && view.password() && !"yes".equals(rootLogin.value())) {
            breaches.add(new Breach(new Subject.SshdSetting("permit-root-login", rootLogin.source()),
                "PermitRootLogin " + rootLogin.value() + at(rootLogin) + ": the controller logs in as root with a"
                    + " password, which sshd refuses; manage the router with a private key"));
        }
        final SshdConfig.Setting password = sshd.passwordAuthentication();
        if (view.password() && !"yes".equals(password.value())) {
            breaches.add(new Breach(new Subject.SshdSetting("password-authentication", password.source()),
                "PasswordAuthentication " + password.value() + at(password) + ": the controller logs in with a"
                    + " password, which sshd refuses; manage the router with a private key or allow passwords"));
        }
        final SshdConfig.Setting pubkey = sshd.pubkeyAuthentication();
        if (!view.password() && !"yes".equals(pubkey.value())) {
            breaches.add(new Breach(new Subject.SshdSetting("pubkey-authentication", pubkey.source()),
                "PubkeyAuthentication " + pubkey.value() + at(pubkey) + ": the controller logs in with a key,"
                    + " which sshd refuses"));
        }
        if (!sshd.userPatternsModelled()) {
            unknowns.add("AllowUsers/DenyUsers name hosts, which the proof does not follow");
        } else if (!sshd.admitsUser(view.user())) {
            breaches.add(new Breach(new Subject.SshdSetting("allow-users", null), "AllowUsers/DenyUsers refuse the"
                + " controller's user " + view.user()));
        }
    }

    private static String at(final SshdConfig.Setting setting) {
        return setting.source() == null ? " (sshd's default)" : " (" + setting.source().where() + ")";
    }

    /** The rule whose rtable the inbound evaluation used. */
    private static @Nullable SourceLine rtableRule(final FlowAnswer answer) {
        return answer.rtableRule();
    }

    private static List<String> comments(final RouterModel model, final @Nullable SourceLine line) {
        if (line == null || model.pf() == null) {
            return List.of();
        }
        for (org.opendaylight.openbsdpbr.impl.analysis.pf.PfRule rule : model.pf().rules()) {
            if (rule.source().equals(line)) {
                return rule.comments();
            }
        }
        return List.of();
    }

    /**
     * A host on the network of the interface's address {@code own} other than the router: the network's first host
     * address, or its second when the first is the router's. Null for a network without another host (/31, /32).
     */
    static @Nullable IpAddress neighbour(final InterfaceConfig iface, final IpAddress own) {
        for (InterfaceConfig.Address address : iface.addresses(own.v6())) {
            final IpPrefix prefix = address.prefix();
            if (prefix.address().equals(own) && prefix.length() < own.bits() - 1) {
                final IpAddress network = prefix.network().address();
                final IpAddress first = new IpAddress(network.v6(), network.hi(), network.lo() + 1);
                return first.equals(own) ? new IpAddress(network.v6(), network.hi(), network.lo() + 2) : first;
            }
        }
        return null;
    }

    private static boolean isLoopback(final IpAddress address) {
        return address.v6() ? address.hi() == 0 && address.lo() == 1 : address.lo() >>> 24 == 127;
    }
}
