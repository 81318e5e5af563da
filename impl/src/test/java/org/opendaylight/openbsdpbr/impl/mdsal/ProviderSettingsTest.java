/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.impl.device.DevicePush;

class ProviderSettingsTest {
    private final List<String> errors = new ArrayList<>();

    @Test
    void withoutAFileEverySettingIsItsDefault() {
        final var settings = ProviderSettings.read(Map.of(), errors::add);
        assertEquals(List.of(), errors);
        assertEquals(new ProviderSettings(120, 32, 300, 20, 900, 120, 512, 64, ""), settings);
        assertEquals(settings, ProviderSettings.defaults());
    }

    @Test
    void valuesAsKarafGivesThemAreRead() {
        // Karaf's .cfg values arrive as text; typed configurations as numbers
        final var settings = ProviderSettings.read(Map.of("confirm-timeout-seconds", "60", "concurrency", 8,
            "check-sync-interval-seconds", "0", "ssh-timeout-seconds", " 30 ", "retry-refused-seconds", 10L,
            "idle-session-seconds", "0", "idle-sessions", "1024", "ownership-groups", "0",
            "secret-key-file", "/etc/pbr.keys"), errors::add);
        assertEquals(List.of(), errors);
        assertEquals(new ProviderSettings(60, 8, 0, 30, 10, 0, 1024, 0, "/etc/pbr.keys"), settings);
    }

    @Test
    void aNegativeIdleLifetimeIsNamedAndTheDefaultUsed() {
        final var settings = ProviderSettings.read(Map.of("idle-session-seconds", "-5"), errors::add);
        assertEquals(List.of("etc/org.opendaylight.openbsdpbr.cfg: idle-session-seconds = '-5' is not a whole number "
            + "0 or more; using the default 120"), errors);
        assertEquals(120, settings.idleSessionSeconds());
    }

    @Test
    void aNonNumericCapIsNamedAndTheDefaultUsed() {
        final var settings = ProviderSettings.read(Map.of("idle-sessions", "5l2", "idle-session-seconds", "90"),
            errors::add);
        assertEquals(List.of("etc/org.opendaylight.openbsdpbr.cfg: idle-sessions = '5l2' is not a whole number "
            + "0 or more; using the default 512"), errors);
        assertEquals(512, settings.idleSessions());
        assertEquals(90, settings.idleSessionSeconds());
    }

    @Test
    void everyBadSettingIsNamedAndTheOthersKept() {
        final var settings = ProviderSettings.read(Map.of("confirm-timeout-seconds", "0", "concurrency", "2000",
            "check-sync-interval-seconds", "-1", "ssh-timeout-seconds", "1.5", "retry-refused-seconds", "",
            "ownership-groups", "99999999999", "idle-sessions", "7"), errors::add);
        assertEquals(6, errors.size(), errors::toString);
        for (String name : List.of("confirm-timeout-seconds = '0'", "concurrency = '2000' is more than 1024; using "
                + "1024", "check-sync-interval-seconds = '-1'", "ssh-timeout-seconds = '1.5'",
                "retry-refused-seconds = ''", "ownership-groups = '99999999999'")) {
            assertTrue(errors.stream().anyMatch(error -> error.contains(name)), () -> name + " not in " + errors);
        }
        assertEquals(new ProviderSettings(120, 1024, 300, 20, 900, 120, 7, 64, ""), settings);
    }

    @Test
    void theIdleSessionDefaultsAreTheDeviceLayers() {
        assertEquals(DevicePush.IDLE_LIFETIME.toSeconds(), ProviderSettings.IDLE_SESSION_SECONDS);
        assertEquals(DevicePush.IDLE_CAPACITY, ProviderSettings.IDLE_SESSIONS);
    }

    @Test
    void theMetatypeNamesTheSettingsRead() {
        // OSGi maps a '$_$' in a property type's method name to '-': the metatype documents exactly these settings
        final List<String> documented = Arrays.stream(OpenbsdPbrProvider.Configuration.class.getDeclaredMethods())
            .map(Method::getName).map(name -> name.replace("$_$", "-")).sorted().toList();
        assertEquals(ProviderSettings.NAMES.stream().sorted().toList(), documented);
    }
}
