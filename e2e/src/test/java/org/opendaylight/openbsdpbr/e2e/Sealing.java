/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.Map;

/**
 * Seals the clear secrets of a RESTCONF payload with the controller's seal-secret RPC, as every client must before it
 * writes them: the controller refuses clear secrets (they would stay in the datastore's journal). The secret leaves
 * are the management {@code password} and {@code private-key} and a PPPoE uplink's {@code secret}.
 */
final class Sealing {
    private Sealing() {
        // utility
    }

    /** The sealed form of one clear value, from the RPC (kind: password, pppoe-secret, private-key or null). */
    static String seal(final Restconf restconf, final String clear, final String kind) {
        final JsonObject input = new JsonObject();
        input.addProperty("value", clear);
        if (kind != null) {
            input.addProperty("kind", kind);
        }
        final JsonObject body = new JsonObject();
        body.add("input", input);
        final var reply = restconf.post("/operations/openbsd-pbr:seal-secret", body.toString());
        if (reply.status() != 200) {
            throw new IllegalStateException("seal-secret: HTTP " + reply.status() + " " + reply.body());
        }
        return reply.json().getAsJsonObject().getAsJsonObject("openbsd-pbr:output").get("sealed").getAsString();
    }

    /**
     * The payload with every clear secret leaf replaced by its sealed form (sealed without a kind: not checked); a
     * payload that is not JSON as it is, for the controller to refuse.
     */
    static String sealAll(final Restconf restconf, final String json) {
        final JsonElement document;
        try {
            document = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            return json;
        }
        walk(restconf, document, null);
        return document.toString();
    }

    private static void walk(final Restconf restconf, final JsonElement element, final String parent) {
        if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(child -> walk(restconf, child, parent));
        } else if (element.isJsonObject()) {
            final JsonObject object = element.getAsJsonObject();
            for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
                final String name = entry.getKey().substring(entry.getKey().indexOf(':') + 1);
                final JsonElement value = entry.getValue();
                if (isSecret(parent, name) && value.isJsonPrimitive() && !isSealed(value.getAsString())) {
                    entry.setValue(new JsonPrimitive(seal(restconf, value.getAsString(), null)));
                } else {
                    walk(restconf, value, name);
                }
            }
        }
    }

    private static boolean isSecret(final String parent, final String name) {
        return "password".equals(name) || "private-key".equals(name) || "secret".equals(name) && "pppoe".equals(parent);
    }

    static boolean isSealed(final String value) {
        return value.startsWith("$pbr1$") || value.startsWith("$aaa$");
    }
}
