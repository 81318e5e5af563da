/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.intent.Endpoint;
import org.opendaylight.openbsdpbr.api.intent.Family;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.Interface;
import org.opendaylight.openbsdpbr.api.intent.PolicyRoute;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.Sshd;
import org.opendaylight.openbsdpbr.api.intent.StaticUplink;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.api.intent.Via;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;

/**
 * The management-path proof as a check of every compile ({@link CompileCheck#MANAGEMENT_PATH}): each lock-out case of
 * issue 12 makes the compile invalid, naming the intent element to change (under the layer it came from), so that
 * the commit cohort refuses the write and the reconciler never pushes the files. The controller on the seed's LAN
 * (192.168.1.50) manages the router at 192.168.1.1 port 22 as root with a key, unless a case says otherwise.
 */
class ManagementPathCheckTest {
    private static final RouterIntent SEED = IntentCompilerTest.SEED;
    private static final CompileInputs.Login LAN = login("root", false, "192.168.1.50", "192.168.1.1");

    private static CompileInputs.Login login(final String user, final boolean password, final String controller,
            final String router) {
        return new CompileInputs.Login(user, password, Optional.ofNullable(controller).map(IpAddress::parse),
            Optional.ofNullable(router).map(IpAddress::parse), 22);
    }

    private static Compiled compile(final RouterIntent own, final CompileInputs.Login login) {
        return IntentCompiler.standard().compile(CompileInputs.of("seed-router", Optional.of(own), null, List.of(),
            name -> null, Optional.of(login)));
    }

    /** The errors of a compile that must be invalid. */
    private static List<IntentError> refused(final RouterIntent own, final CompileInputs.Login login) {
        final Compiled compiled = compile(own, login);
        assertThat(compiled).as("refused").isInstanceOf(Compiled.Invalid.class);
        return ((Compiled.Invalid) compiled).errors();
    }

    private static RouterIntent sshd(final UnaryOperator<Sshd> change) {
        final SharedIntent shared = SEED.shared();
        return SEED.withShared(new SharedIntent(shared.tables(), shared.hostGroups(), shared.policyRoutes(),
            shared.nat(), shared.inboundServices(), shared.dnsResolver(), change.apply(shared.sshd())));
    }

    private static Sshd sshd(final List<Sshd.Listen> listeners, final int port, final boolean password,
            final Sshd.PermitRootLogin root) {
        return new Sshd(listeners, port, password, root);
    }

    @Test
    void theSeedKeepsItsManagementPath() {
        assertThat(compile(SEED, LAN)).isInstanceOf(Compiled.Ready.class);
    }

    @Test
    void anSshdPortChangeIsRefusedAtTheSshdPort() {
        final var errors = refused(sshd(old -> sshd(old.listeners(), 2222, false, null)), LAN);
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("intent/sshd/port");
            assertThat(error.message()).startsWith("locks the controller out: sshd listens on port 2222")
                .contains("the controller connects to port 22");
        });
    }

    @Test
    void theListenAddressOfTheManagementRdomainRemovedIsRefusedAtTheListeners() {
        final var errors = refused(sshd(old -> sshd(old.listeners().stream()
            .filter(listen -> !(listen.rdomain() == 0 && !listen.isV6())).toList(), 22, false, null)), LAN);
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("intent/sshd/listen");
            assertThat(error.message()).contains("no sshd ListenAddress in rdomain 0 takes 192.168.1.1");
        });
    }

    @Test
    void theManagementInterfaceMovedToAnotherRdomainIsRefusedAtItsRdomain() {
        final List<Interface> interfaces = new ArrayList<>();
        for (Interface iface : SEED.interfaces()) {
            interfaces.add(!"vport0".equals(iface.name()) ? iface : new Interface(iface.name(), iface.kind(),
                iface.description(), 2, iface.ipv4Addresses(), iface.ipv6Addresses(), iface.mtu(), iface.members(),
                iface.enabled()));
        }
        final RouterIntent moved = new RouterIntent(SEED.name(), SEED.openbsdRelease(), SEED.rdomains(), interfaces,
            SEED.uplinks(), SEED.shared());
        assertThat(refused(moved, LAN)).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("intent/interface[name=vport0]/rdomain");
            assertThat(error.message()).contains("no sshd ListenAddress in rdomain 2 takes 192.168.1.1");
        });
        // without the controller's address the proof takes a host on vport0's network, and says so
        assertThat(refused(moved, login("root", false, null, "192.168.1.1"))).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("intent/interface[name=vport0]/rdomain");
            assertThat(error.message()).contains("taken to be 192.168.1.2, a host on vport0's network");
        });
    }

    @Test
    void aPolicyRouteThatMovesTheControllersConnectionAwayIsRefusedAtThePolicyRoute() {
        final SharedIntent shared = SEED.shared();
        final List<PolicyRoute> routes = new ArrayList<>(shared.policyRoutes());
        // destination any: the router's own address is then moved into rtable 1 with the rest
        routes.add(new PolicyRoute("all-via-pppoe", 30, null, "vport0", Family.INET, null,
            Endpoint.of(new Endpoint.InterfaceNetwork("vport0:network")), Endpoint.ANY, new Via.ViaUplink("pppoe")));
        final RouterIntent intent = SEED.withShared(new SharedIntent(shared.tables(), shared.hostGroups(), routes,
            shared.nat(), shared.inboundServices(), shared.dnsResolver(), shared.sshd()));
        assertThat(refused(intent, LAN)).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("intent/policy-route[name=all-via-pppoe]");
            assertThat(error.message()).contains("moves the controller's connection into rtable 1");
        });
        // the same route from a profile is named where it comes from
        final Profile profile = new Profile("everything-via-pppoe", "", new SharedIntent(null, null, List.of(
            routes.get(routes.size() - 1)), null, null, null, null));
        final Compiled compiled = IntentCompiler.standard().compile(CompileInputs.of("seed-router",
            Optional.of(SEED), null, List.of(profile.name()), Map.of(profile.name(), profile)::get,
            Optional.of(LAN)));
        assertThat(((Compiled.Invalid) compiled).errors()).extracting(IntentError::path)
            .containsExactly("profiles/profile[name=everything-via-pppoe]/policy-route[name=all-via-pppoe]");
    }

    @Test
    void theDefaultDenyOfAnUplinkOnTheManagementNetworkIsRefusedAtTheUplink() {
        final List<Interface> interfaces = new ArrayList<>(SEED.interfaces());
        interfaces.add(new Interface("em3", Interface.Kind.PHYSICAL, null, 0, null, null, null, null, true));
        final List<Uplink> uplinks = new ArrayList<>(SEED.uplinks());
        uplinks.add(new Uplink("mgmt", null, 0, null, new StaticUplink("em3", "10.0.0.1/24", "10.0.0.254")));
        final RouterIntent intent = new RouterIntent(SEED.name(), SEED.openbsdRelease(), SEED.rdomains(),
            interfaces, uplinks, SEED.shared());
        assertThat(refused(intent, login("root", false, "10.0.0.50", "10.0.0.1"))).singleElement()
            .satisfies(error -> {
                assertThat(error.path()).isEqualTo("intent/uplink[name=mgmt]");
                assertThat(error.message()).contains("(block in on em3) blocks the controller's SSH connection from"
                    + " 10.0.0.50 to 10.0.0.1 port 22 entering em3");
            });
        // managed from the LAN, the same intent keeps the path
        assertThat(compile(intent, LAN)).isInstanceOf(Compiled.Ready.class);
    }

    @Test
    void rootLoginsRefusedAreRefusedAtPermitRootLogin() {
        final var errors = refused(sshd(old -> sshd(old.listeners(), 22, false, Sshd.PermitRootLogin.NO)), LAN);
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("intent/sshd/permit-root-login");
            assertThat(error.message()).contains("PermitRootLogin no");
        });
        // another account logs in all the same
        assertThat(compile(sshd(old -> sshd(old.listeners(), 22, false, Sshd.PermitRootLogin.NO)),
            login("pbr", false, "192.168.1.50", "192.168.1.1"))).isInstanceOf(Compiled.Ready.class);
    }

    @Test
    void passwordLoginsAreCheckedWhateverThePathTheRouterSees() {
        // as root with a password: sshd's prohibit-password and PasswordAuthentication no refuse it, even where the
        // path is unknown (the management address on loopback: the lab, an SSH tunnel)
        for (CompileInputs.Login login : List.of(new CompileInputs.Login("root", true),
                login("root", true, null, "127.0.0.1"), login("root", true, "192.168.1.50", "192.168.1.1"))) {
            final var errors = refused(SEED, login);
            assertThat(errors).extracting(IntentError::path).as(login.toString())
                .containsExactly("intent/sshd/permit-root-login", "intent/sshd/password-authentication");
            assertThat(errors.get(0).message()).contains("manage the router with a private key");
        }
        // another account with a password needs PasswordAuthentication yes, and nothing else
        assertThat(refused(SEED, login("pbr", true, "192.168.1.50", "192.168.1.1")))
            .extracting(IntentError::path).containsExactly("intent/sshd/password-authentication");
        assertThat(compile(sshd(old -> sshd(old.listeners(), 22, true, Sshd.PermitRootLogin.NO)),
            login("pbr", true, "192.168.1.50", "192.168.1.1"))).isInstanceOf(Compiled.Ready.class);
    }

    @Test
    void whatThePathCannotTellRefusesNothing() {
        final RouterIntent noListener = sshd(old -> sshd(old.listeners().stream()
            .filter(listen -> listen.rdomain() != 0).toList(), 22, false, null));
        // a local forward (the lab on 127.0.0.1), or a host name: the path the router sees is unknown
        assertThat(compile(noListener, login("root", false, null, "127.0.0.1"))).isInstanceOf(Compiled.Ready.class);
        assertThat(compile(noListener, new CompileInputs.Login("root", false))).isInstanceOf(Compiled.Ready.class);
        // an address no interface holds statically while pppoe0's comes from PPP: it may be pppoe0's
        assertThat(compile(SEED, login("root", false, "198.51.100.7", "203.0.113.9")))
            .isInstanceOf(Compiled.Ready.class);
        // sshd_config not managed: nothing to check
        assertThat(compile(sshd(old -> null), login("root", true, "192.168.1.50", "192.168.1.1")))
            .isInstanceOf(Compiled.Ready.class);
        // the offline compiler has no controller to lock out
        assertThat(IntentCompiler.offline().compile(CompileInputs.of("seed-router", Optional.of(noListener), null,
            List.of(), name -> null, Optional.of(LAN)))).isInstanceOf(Compiled.Ready.class);
    }

    @Test
    void theLoginTakesTheRoutersViewOverTheManagementSettings() {
        final var view = new CompileInputs.RouterView(Optional.of(IpAddress.parse("192.168.1.50")),
            Optional.of(IpAddress.parse("192.168.1.1")), java.util.OptionalInt.of(22));
        assertThat(CompileInputs.Login.of("root", false, "127.0.0.1", 2201, view))
            .isEqualTo(login("root", false, "192.168.1.50", "192.168.1.1"));
        assertThat(CompileInputs.Login.of("root", false, "192.168.1.1", 22, CompileInputs.RouterView.NONE))
            .isEqualTo(login("root", false, null, "192.168.1.1"));
        assertThat(CompileInputs.Login.of("root", false, "router.example", 2222, CompileInputs.RouterView.NONE))
            .isEqualTo(new CompileInputs.Login("root", false, Optional.empty(), Optional.empty(), 2222));
    }
}
