/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli.device;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Options of a command line: {@code --name VALUE} or {@code --name=VALUE} for options with values, {@code --name}
 * for flags. Unknown options, missing values and repeats (except of repeatable options) are usage errors.
 */
public final class Options {
    private final Map<String, List<String>> values;
    private final Set<String> flags;

    private Options(final Map<String, List<String>> values, final Set<String> flags) {
        this.values = values;
        this.flags = flags;
    }

    /**
     * Parse arguments.
     *
     * @param args the arguments
     * @param valued options that take a value
     * @param flagNames options without a value
     * @param repeatable valued options that may be given more than once
     */
    public static Options parse(final List<String> args, final Set<String> valued, final Set<String> flagNames,
            final Set<String> repeatable) throws UsageException {
        final var values = new LinkedHashMap<String, List<String>>();
        final var flags = new HashSet<String>();
        for (int i = 0; i < args.size(); i++) {
            final String arg = args.get(i);
            final int equals = arg.indexOf('=');
            final String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            if (flagNames.contains(name) && equals < 0) {
                if (!flags.add(name)) {
                    throw new UsageException(name + " given twice");
                }
            } else if (valued.contains(name)) {
                final String value;
                if (equals > 0 && arg.startsWith("--")) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(name + " needs a value");
                }
                final List<String> list = values.computeIfAbsent(name, key -> new ArrayList<>());
                if (!list.isEmpty() && !repeatable.contains(name)) {
                    throw new UsageException(name + " given twice");
                }
                list.add(value);
            } else {
                throw new UsageException("unknown option " + arg);
            }
        }
        return new Options(values, flags);
    }

    public Optional<String> value(final String name) {
        final List<String> list = values.get(name);
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    public List<String> values(final String name) {
        return values.getOrDefault(name, List.of());
    }

    public String required(final String name) throws UsageException {
        return value(name).orElseThrow(() -> new UsageException("missing " + name));
    }

    public boolean flag(final String name) {
        return flags.contains(name);
    }

    /** An integer value within a range. */
    public Optional<Integer> intValue(final String name, final int min, final int max) throws UsageException {
        final Optional<String> text = value(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            final int value = Integer.parseInt(text.orElseThrow());
            if (value < min || value > max) {
                throw new UsageException(name + " must be " + min + ".." + max);
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number: " + text.orElseThrow(), e);
        }
    }
}
