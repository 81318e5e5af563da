/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.intent;

import static java.util.Objects.requireNonNull;

import java.io.Serial;
import java.util.function.Supplier;

/**
 * A value of the intent that cannot be carried into an OpenBSD file. It names the element in YANG terms
 * ({@link #path()}, e.g. {@code intent/uplink[name=pppoe]/pppoe/username}) and says what is wrong
 * ({@link #detail()}); the message never contains a secret.
 *
 * <p>A record's constructor knows only its own part of the path: {@code Pppoe} reports {@code pppoe/username},
 * {@code Uplink} reports {@code uplink[name=pppoe]/rdomain}. Code that builds nested records puts each step inside
 * {@link #at(String, Supplier)} so that the path grows to the full one as the exception travels out:
 * <pre>
 *   at("intent", () -&gt; new Uplink(name, ..., at("uplink[name=" + name + "]", () -&gt; new Pppoe(...))))
 * </pre>
 */
public final class IntentException extends IllegalArgumentException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String detail;

    public IntentException(final String path, final String detail) {
        super(requireNonNull(path) + ": " + requireNonNull(detail));
        this.path = path;
        this.detail = detail;
    }

    /** The element in YANG terms, e.g. {@code intent/uplink[name=pppoe]/pppoe/username}. */
    public String path() {
        return path;
    }

    /** What is wrong, without the path. */
    public String detail() {
        return detail;
    }

    /** An error with the failure that caused it (whose message must not hold a secret either). */
    public IntentException(final String path, final String detail, final Throwable cause) {
        super(requireNonNull(path) + ": " + requireNonNull(detail), cause);
        this.path = path;
        this.detail = detail;
    }

    /** This error seen from {@code parent}: the same detail at {@code parent/path}. */
    public IntentException under(final String parent) {
        final IntentException outer = new IntentException(parent + "/" + path, detail, this);
        return outer;
    }

    /** The error as a list entry of {@code IntentValidator}'s kind. */
    public IntentError toError() {
        return new IntentError(path, detail);
    }

    /**
     * Builds a value whose errors are reported under {@code parent}.
     *
     * @param parent the path of the element being built, e.g. {@code intent} or {@code uplink[name=pppoe]}
     * @param factory builds the element
     * @return what {@code factory} built
     * @throws IntentException with {@code parent/} in front of the path of any error the factory reported
     */
    public static <T> T at(final String parent, final Supplier<T> factory) {
        try {
            return factory.get();
        } catch (IntentException e) {
            final IntentException outer = new IntentException(parent + "/" + e.path, e.detail, e);
            throw outer;
        }
    }
}
