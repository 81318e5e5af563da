/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.intent.Syntax;
import org.opendaylight.yangtools.binding.ScalarTypeObject;

/**
 * Plain values out of binding values. Binding getters return null for a leaf that was not written, also when the
 * leaf has a YANG default (yangtools does not fill defaults in), so every caller names the default it applies.
 */
final class Values {
    private Values() {
        // utility
    }

    /** The string of a string typedef, or null. */
    static @Nullable String text(final @Nullable ScalarTypeObject<String> value) {
        return value == null ? null : value.getValue();
    }

    /** The string of a string typedef, or {@code otherwise} when it is absent. */
    static String text(final @Nullable ScalarTypeObject<String> value, final String otherwise) {
        return value == null ? otherwise : value.getValue();
    }

    /** The string of a union value (an address or prefix) by its {@code stringValue} method, or null. */
    static <T> @Nullable String union(final @Nullable T value, final Function<T, String> stringValue) {
        return value == null ? null : stringValue.apply(value);
    }

    /** A number typedef's value as an int, or {@code otherwise} when it is absent. */
    static int number(final @Nullable ScalarTypeObject<? extends Number> value, final int otherwise) {
        return value == null ? otherwise : value.getValue().intValue();
    }

    /** A number as an int, or {@code otherwise} when it is absent. */
    static int number(final @Nullable Number value, final int otherwise) {
        return value == null ? otherwise : value.intValue();
    }

    /** A number as an Integer, or null when it is absent. */
    static @Nullable Integer optional(final @Nullable Number value) {
        return value == null ? null : value.intValue();
    }

    /** A boolean, or {@code otherwise} when it is absent. */
    static boolean flag(final @Nullable Boolean value, final boolean otherwise) {
        return value == null ? otherwise : value;
    }

    /**
     * The strings of a leaf-list of string typedefs; null is an empty list. An {@code ordered-by user} leaf-list (a
     * {@link List} in the bindings) keeps its order; an {@code ordered-by system} one (a {@link Set}) is put in
     * {@code order}.
     */
    static List<String> texts(final @Nullable Collection<? extends ScalarTypeObject<String>> values,
            final Comparator<String> order) {
        return unions(values, ScalarTypeObject::getValue, order);
    }

    /** The strings of a leaf-list of union values by their {@code stringValue} method, ordered as {@link #texts}. */
    static <T> List<String> unions(final @Nullable Collection<T> values, final Function<? super T, String> stringValue,
            final Comparator<String> order) {
        if (values == null) {
            return List.of();
        }
        final List<String> result = new ArrayList<>(values.size());
        for (T value : values) {
            result.add(stringValue.apply(value));
        }
        if (values instanceof Set) {
            result.sort(order);
        }
        return result;
    }

    /** The numbers of a leaf-list of number typedefs; null is empty. Ordered as {@link #texts}, by value. */
    static List<Integer> numbers(final @Nullable Collection<? extends ScalarTypeObject<? extends Number>> values) {
        if (values == null) {
            return List.of();
        }
        final List<Integer> result = new ArrayList<>(values.size());
        for (ScalarTypeObject<? extends Number> value : values) {
            result.add(value.getValue().intValue());
        }
        if (values instanceof Set) {
            result.sort(Comparator.naturalOrder());
        }
        return result;
    }

    /** A mandatory value: {@code value}, else an error at {@code path} saying it is missing. */
    static <T> T required(final String path, final @Nullable T value) {
        return Syntax.required(path, value);
    }
}
