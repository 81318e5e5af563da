/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The settings the provider reads from etc/org.opendaylight.openbsdpbr.cfg, each checked on its own.
 *
 * <p>Why not the component property type alone: Karaf hands every value of a .cfg file over as text, and Felix SCR
 * converts it to the annotation's {@code int} only when the provider asks; a typo ({@code idle-sessions = 5l2}) or a
 * negative number then threw out of the provider's constructor, the whole feature failed to start, and the log named
 * an exception rather than the line to fix. Here a value that is not a whole number in its range is reported by its
 * setting's name, its value and the range, and the setting's default is used (a number above a bound of the
 * setting's own, concurrency's 1,024, is capped to it instead: the most allowed is what was meant): the controller
 * starts (its RESTCONF stays reachable to fix the file), and every default is a safe one (it is what a deployment
 * without the file runs).
 * The defaults are the constants below, which the metatype description ({@link OpenbsdPbrProvider.Configuration})
 * names too, so they are written once.
 *
 * @param confirmTimeoutSeconds {@code confirm-timeout-seconds}, 1 or more
 * @param concurrency {@code concurrency}, 1..1024
 * @param checkSyncIntervalSeconds {@code check-sync-interval-seconds}, 0 (off) or more
 * @param sshTimeoutSeconds {@code ssh-timeout-seconds}, 1 or more
 * @param retryRefusedSeconds {@code retry-refused-seconds}, 1 or more
 * @param idleSessionSeconds {@code idle-session-seconds}, 0 (close at once) or more
 * @param idleSessions {@code idle-sessions}, 0 (keep none) or more
 * @param ownershipGroups {@code ownership-groups}, 0 (a singleton per router) or more
 * @param secretKeyFile {@code secret-key-file}, empty for the default place
 */
record ProviderSettings(int confirmTimeoutSeconds, int concurrency, int checkSyncIntervalSeconds,
        int sshTimeoutSeconds, int retryRefusedSeconds, int idleSessionSeconds, int idleSessions, int ownershipGroups,
        String secretKeyFile) {
    static final String FILE = "etc/org.opendaylight.openbsdpbr.cfg";
    static final int CONFIRM_TIMEOUT_SECONDS = 120;
    static final int CONCURRENCY = 32;
    static final int MAX_CONCURRENCY = 1024;
    static final int CHECK_SYNC_INTERVAL_SECONDS = 300;
    static final int SSH_TIMEOUT_SECONDS = 20;
    static final int RETRY_REFUSED_SECONDS = 900;
    /** The device layer's IDLE_LIFETIME (this glue names no device type; ProviderSettingsTest checks they agree). */
    static final int IDLE_SESSION_SECONDS = 120;
    /** The device layer's IDLE_CAPACITY (checked equal by ProviderSettingsTest). */
    static final int IDLE_SESSIONS = 512;
    static final int OWNERSHIP_GROUPS = 64;
    /** The names of the settings read, in the file's vocabulary (tests check the metatype against it). */
    static final List<String> NAMES = List.of("confirm-timeout-seconds", "concurrency", "check-sync-interval-seconds",
        "ssh-timeout-seconds", "retry-refused-seconds", "idle-session-seconds", "idle-sessions", "ownership-groups",
        "secret-key-file");

    ProviderSettings {
        requireNonNull(secretKeyFile, "secretKeyFile");
    }

    /** Every setting at its default (no .cfg file). */
    static ProviderSettings defaults() {
        return read(Map.of(), error -> {
            throw new IllegalStateException(error);
        });
    }

    /**
     * The settings in the component's properties; each value that is not valid is reported to {@code errors} (a
     * message naming the setting, the value and what it must be) and replaced by its default.
     */
    static ProviderSettings read(final Map<String, ?> properties, final Consumer<String> errors) {
        final var reader = new Reader(properties, errors);
        return new ProviderSettings(
            reader.number("confirm-timeout-seconds", CONFIRM_TIMEOUT_SECONDS, 1, Integer.MAX_VALUE),
            reader.number("concurrency", CONCURRENCY, 1, MAX_CONCURRENCY),
            reader.number("check-sync-interval-seconds", CHECK_SYNC_INTERVAL_SECONDS, 0, Integer.MAX_VALUE),
            reader.number("ssh-timeout-seconds", SSH_TIMEOUT_SECONDS, 1, Integer.MAX_VALUE),
            reader.number("retry-refused-seconds", RETRY_REFUSED_SECONDS, 1, Integer.MAX_VALUE),
            reader.number("idle-session-seconds", IDLE_SESSION_SECONDS, 0, Integer.MAX_VALUE),
            reader.number("idle-sessions", IDLE_SESSIONS, 0, Integer.MAX_VALUE),
            reader.number("ownership-groups", OWNERSHIP_GROUPS, 0, Integer.MAX_VALUE),
            reader.text("secret-key-file"));
    }

    private record Reader(Map<String, ?> properties, Consumer<String> errors) {
        int number(final String name, final int fallback, final int min, final int max) {
            final Object value = properties.get(name);
            if (value == null) {
                return fallback;
            }
            final String text = value instanceof Object[] array && array.length == 1 ? String.valueOf(array[0])
                : String.valueOf(value);
            final String range = max == Integer.MAX_VALUE ? min + " or more" : min + " to " + max;
            try {
                final long number = Long.parseLong(text.strip());
                if (number >= min && number <= max) {
                    return (int) number;
                }
                if (number > max && max < Integer.MAX_VALUE) {
                    // a bound of the setting's own (concurrency): the most it allows is what was meant
                    errors.accept(FILE + ": " + name + " = '" + text + "' is more than " + max + "; using " + max);
                    return max;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            errors.accept(FILE + ": " + name + " = '" + text + "' is not a whole number " + range + "; using the "
                + "default " + fallback);
            return fallback;
        }

        String text(final String name) {
            final Object value = properties.get(name);
            return value == null ? "" : String.valueOf(value).strip();
        }
    }
}
