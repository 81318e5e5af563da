/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The management-path proof in the commit cohort (issue 12): every lock-out case is refused over RESTCONF with a 400
 * that names the intent element to change, and the stored intent stays as it was. The router is the seed, managed
 * with a key; its management address is a local forward (127.0.0.1, unused ports 11 and 12: nothing here talks
 * to a router), so its {@code management/router-view} says how the router sees the controller: from 192.168.1.50 on the
 * LAN, to 192.168.1.1 port 22.
 */
class LockOutE2E {
    private static final String ROUTERS = "/data/openbsd-pbr:routers/router=";
    private static final String ROUTER = ROUTERS + "lockout-seed";
    private static final Restconf RESTCONF = Restconf.admin();

    /**
     * The seed's router payload under another name, on an unused port of its own (one management endpoint is one
     * router), managed with a key, with a router view.
     */
    private static JsonObject router(final String name, final int port, final String controller,
            final String address) {
        final JsonObject document = JsonParser.parseString(ControllerE2E.withLabKey(Restconf.seedRouter(name, port)))
            .getAsJsonObject();
        final JsonObject view = new JsonObject();
        view.addProperty("controller-address", controller);
        view.addProperty("address", address);
        view.addProperty("port", 22);
        management(document).add("router-view", view);
        return document;
    }

    private static JsonObject management(final JsonObject routerDocument) {
        return routerDocument.getAsJsonArray("openbsd-pbr:router").get(0).getAsJsonObject()
            .getAsJsonObject("management");
    }

    /** The seed's intent with a change. */
    private static String seedWith(final Consumer<JsonObject> change) {
        final JsonObject document = JsonParser.parseString(Restconf.example("seed-router/intent.json"))
            .getAsJsonObject();
        change.accept(document.getAsJsonObject("openbsd-pbr:intent"));
        return Sealing.sealAll(RESTCONF, document.toString());
    }

    private static JsonObject named(final JsonArray list, final String value) {
        for (var element : list) {
            if (element.getAsJsonObject().get("name").getAsString().equals(value)) {
                return element.getAsJsonObject();
            }
        }
        throw new IllegalArgumentException(value);
    }

    private static JsonObject object(final String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }

    @BeforeAll
    static void putTheSeedWithItsRouterView() {
        final var router = RESTCONF.put(ROUTER, Sealing.sealAll(RESTCONF, router("lockout-seed", 11, "192.168.1.50",
            "192.168.1.1").toString()));
        assertThat(router.status()).as(router.toString()).isIn(200, 201, 204);
        // the seed keeps the path: accepted
        final var intent = RESTCONF.put(ROUTER + "/intent", seedWith(unchanged -> { }));
        assertThat(intent.status()).as(intent.toString()).isIn(200, 201, 204);
    }

    @AfterAll
    static void deleteRouters() {
        RESTCONF.delete(ROUTER);
        RESTCONF.delete(ROUTERS + "lockout-mgmt");
    }

    static Stream<Arguments> lockOuts() {
        return Stream.of(
            Arguments.of("a policy route whose rtable takes the controller's connection away",
                (Consumer<JsonObject>) intent -> intent.getAsJsonArray("policy-route").add(object("""
                    {"name": "all-via-pppoe", "sequence": 30, "ingress-interface": "vport0", "family": "inet",
                     "source": {"interface-network": "vport0:network"}, "destination": {"any": [null]},
                     "via-uplink": "pppoe"}""")),
                "intent/policy-route[name=all-via-pppoe]", "moves the controller's connection into rtable 1"),
            Arguments.of("the management interface moved to another rdomain",
                (Consumer<JsonObject>) intent -> named(intent.getAsJsonArray("interface"), "vport0")
                    .addProperty("rdomain", 2),
                "intent/interface[name=vport0]/rdomain", "no sshd ListenAddress in rdomain 2 takes 192.168.1.1"),
            Arguments.of("the ListenAddress of the management rdomain removed",
                (Consumer<JsonObject>) intent -> intent.getAsJsonObject("sshd").getAsJsonArray("listen").remove(0),
                "intent/sshd/listen", "no sshd ListenAddress in rdomain 0 takes 192.168.1.1"),
            Arguments.of("sshd's port changed",
                (Consumer<JsonObject>) intent -> intent.getAsJsonObject("sshd").addProperty("port", 2222),
                "intent/sshd/port", "sshd listens on port 2222"),
            Arguments.of("root logins refused",
                (Consumer<JsonObject>) intent -> intent.getAsJsonObject("sshd").addProperty("permit-root-login",
                    "no"),
                "intent/sshd/permit-root-login", "PermitRootLogin no"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lockOuts")
    void refusedNamingTheElementAndNothingStored(final String label, final Consumer<JsonObject> change,
            final String element, final String says) {
        final String before = RESTCONF.get(ROUTER + "/intent?content=config").body();

        final var reply = RESTCONF.put(ROUTER + "/intent", seedWith(change));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.body()).contains("router lockout-seed: " + element + ": locks the controller out: ")
            .contains(says);
        assertThat(RESTCONF.get(ROUTER + "/intent?content=config").body()).as("the stored intent").isEqualTo(before);
    }

    @Test
    void managingTheRouterAsRootWithAPasswordIsRefusedNamingTheSshdSettings() {
        final String before = RESTCONF.get(ROUTER + "?content=config").body();
        final JsonObject management = management(router("lockout-seed", 11, "192.168.1.50", "192.168.1.1"));
        management.remove("private-key");
        management.addProperty("password", "root-Passw0rd");
        final JsonObject document = new JsonObject();
        document.add("openbsd-pbr:management", management);

        // the management container alone: the stored intent stays, and is compiled with the new login
        final var reply = RESTCONF.put(ROUTER + "/management", Sealing.sealAll(RESTCONF, document.toString()));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.body()).contains("intent/sshd/permit-root-login: locks the controller out:")
            .contains("intent/sshd/password-authentication: locks the controller out:").contains("private key")
            .doesNotContain("root-Passw0rd");
        assertThat(RESTCONF.get(ROUTER + "?content=config").body()).as("the stored router").isEqualTo(before);
    }

    @Test
    void theDefaultDenyOfAnUplinkOnTheManagementNetworkIsRefusedAtTheUplink() {
        // managed over a static uplink's network: the ISP side is default-deny (block in on em3)
        final var router = RESTCONF.put(ROUTERS + "lockout-mgmt", Sealing.sealAll(RESTCONF, router("lockout-mgmt", 12,
            "10.0.0.50", "10.0.0.1").toString()));
        assertThat(router.status()).as(router.toString()).isIn(200, 201, 204);

        final var reply = RESTCONF.put(ROUTERS + "lockout-mgmt/intent", seedWith(intent -> {
            intent.getAsJsonArray("interface").add(object("{\"name\": \"em3\", \"kind\": \"physical\"}"));
            intent.getAsJsonArray("uplink").add(object("""
                {"name": "mgmt", "rdomain": 0, "static": {"interface": "em3", "address": "10.0.0.1/24",
                 "gateway": "10.0.0.254"}}"""));
        }));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.body()).contains("router lockout-mgmt: intent/uplink[name=mgmt]: locks the controller out:")
            .contains("(block in on em3) blocks the controller's SSH connection from 10.0.0.50 to 10.0.0.1 port 22");
        assertThat(RESTCONF.get(ROUTERS + "lockout-mgmt/intent?content=config").status()).as("nothing stored")
            .isIn(404, 409);
    }
}
