/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.intentjson;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.intent.Syntax;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.QNameModule;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;
import org.opendaylight.yangtools.yang.model.api.LeafListSchemaNode;
import org.opendaylight.yangtools.yang.model.api.ListSchemaNode;
import org.opendaylight.yangtools.yang.model.api.TypeDefinition;
import org.opendaylight.yangtools.yang.model.api.TypedDataSchemaNode;
import org.opendaylight.yangtools.yang.model.api.type.LengthRestrictedTypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.PatternConstraint;
import org.opendaylight.yangtools.yang.model.api.type.RangeRestrictedTypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.StringTypeDefinition;
import org.opendaylight.yangtools.yang.model.util.SchemaInferenceStack;

/**
 * Where in a JSON body the codec stopped, told in YANG terms: gson's JSON path ({@code $.openbsd-pbr:intent.uplink[0]
 * .pppoe.mtu}) becomes {@code intent/uplink[name=pppoe]/pppoe/mtu}, list entries named by their keys; and what was
 * wrong, with the YANG {@code error-message} of the leaf's type where it has one. The values of secret leaves are
 * never shown.
 */
final class JsonPlace {
    /** Leaves whose value is (half of) a credential: never shown in a message. */
    private static final Set<String> SECRET_LEAVES = Set.of("secret", "password", "private-key", "username");
    private static final Pattern SHOWABLE_KEY = Pattern.compile("[A-Za-z0-9_.:/=-]{1,64}");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+");
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|'[^']*'");

    private final String path;
    private final @Nullable String value;
    private final @Nullable TypedDataSchemaNode leaf;
    private final boolean secret;

    private JsonPlace(final String path, final @Nullable String value, final @Nullable TypedDataSchemaNode leaf,
            final boolean secret) {
        this.path = path;
        this.value = value;
        this.leaf = leaf;
        this.secret = secret;
    }

    /**
     * Locates a JSON path.
     *
     * @param context the model
     * @param parents the data-tree path of the node the body was parsed under (empty for a whole document)
     * @param prefix the YANG path of that node, ending with '/' (e.g. {@code routers/router[name=r]/}), or ""
     * @param json the body's text
     * @param jsonPath gson's path of the place, e.g. {@code $.openbsd-pbr:intent.uplink[0].pppoe.mtu}
     */
    static JsonPlace locate(final EffectiveModelContext context, final List<QName> parents, final String prefix,
            final String json, final String jsonPath) {
        JsonElement element;
        try {
            element = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            element = null;
        }
        final SchemaInferenceStack stack = SchemaInferenceStack.of(context);
        QNameModule module = null;
        for (QName parent : parents) {
            stack.enterDataTree(parent);
            module = parent.getModule();
        }
        final StringBuilder yang = new StringBuilder(prefix);
        boolean known = true;
        boolean secret = false;
        TypedDataSchemaNode leaf = null;
        for (Step step : steps(jsonPath)) {
            if (step.name() != null) {
                final String name = step.name();
                final int colon = name.lastIndexOf(':');
                final String local = name.substring(colon + 1);
                if (!yang.isEmpty() && yang.charAt(yang.length() - 1) != '/') {
                    yang.append('/');
                }
                yang.append(local);
                secret = SECRET_LEAVES.contains(local);
                element = element instanceof JsonObject object ? object.get(name) : null;
                if (known) {
                    if (colon > 0) {
                        final var modules = context.findModuleStatements(name.substring(0, colon)).iterator();
                        module = modules.hasNext() ? modules.next().localQNameModule() : null;
                    }
                    known = module != null && enter(stack, QName.create(module, local));
                    leaf = known && stack.currentStatement() instanceof TypedDataSchemaNode typed ? typed : null;
                }
            } else {
                final int index = step.index();
                final JsonElement entry = element != null && element.isJsonArray()
                    && index < element.getAsJsonArray().size() ? element.getAsJsonArray().get(index) : null;
                if (known && stack.currentStatement() instanceof LeafListSchemaNode) {
                    // a leaf-list value: the element is the leaf-list; gson already counts past the bad value
                    element = null;
                    continue;
                }
                element = entry;
                yang.append(keys(known ? stack.currentStatement() : null, entry, index));
            }
        }
        final String shownValue = element != null && element.isJsonPrimitive() ? element.getAsString() : null;
        return new JsonPlace(yang.toString(), shownValue, leaf, secret);
    }

    private static boolean enter(final SchemaInferenceStack stack, final QName qname) {
        try {
            stack.enterDataTree(qname);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code [name=x]} for a list entry with showable keys, else {@code [#n]} (1-based). */
    private static String keys(final @Nullable Object statement, final @Nullable JsonElement entry, final int index) {
        if (statement instanceof ListSchemaNode list && entry instanceof JsonObject object
                && !list.getKeyDefinition().isEmpty()) {
            final StringBuilder sb = new StringBuilder();
            for (QName key : list.getKeyDefinition()) {
                JsonElement value = object.get(key.getLocalName());
                if (value == null) {
                    value = object.entrySet().stream().filter(e -> e.getKey().endsWith(":" + key.getLocalName()))
                        .map(java.util.Map.Entry::getValue).findFirst().orElse(null);
                }
                if (value == null || !value.isJsonPrimitive()
                        || !SHOWABLE_KEY.matcher(value.getAsString()).matches()) {
                    return "[#" + (index + 1) + "]";
                }
                sb.append('[').append(key.getLocalName()).append('=').append(value.getAsString()).append(']');
            }
            return sb.toString();
        }
        return "[#" + (index + 1) + "]";
    }

    private record Step(@Nullable String name, int index) {
        // a name or an array index
    }

    private static List<Step> steps(final String jsonPath) {
        final List<Step> steps = new ArrayList<>();
        int at = jsonPath.startsWith("$") ? 1 : 0;
        while (at < jsonPath.length()) {
            final char ch = jsonPath.charAt(at);
            if (ch == '.') {
                int end = at + 1;
                while (end < jsonPath.length() && jsonPath.charAt(end) != '.' && jsonPath.charAt(end) != '[') {
                    end++;
                }
                steps.add(new Step(jsonPath.substring(at + 1, end), -1));
                at = end;
            } else if (ch == '[') {
                final int end = jsonPath.indexOf(']', at);
                if (end < 0) {
                    break;
                }
                try {
                    steps.add(new Step(null, Integer.parseInt(jsonPath.substring(at + 1, end))));
                } catch (NumberFormatException e) {
                    break;
                }
                at = end + 1;
            } else {
                at++;
            }
        }
        return steps;
    }

    /** The element in YANG terms, relative to the document (e.g. {@code routers/router[name=r]/intent/...}). */
    String path() {
        return path;
    }

    /**
     * What was wrong: the YANG error-message of each constraint the value breaks when the type says one, else the
     * codec's own words; the value in front when it may be shown.
     */
    String describe(final RuntimeException error) {
        final Set<String> messages = new LinkedHashSet<>();
        final TypedDataSchemaNode typed = leaf;
        if (typed != null && value != null) {
            collect(typed.getType(), value, messages);
        }
        String text;
        if (!messages.isEmpty()) {
            text = String.join("; ", messages);
        } else {
            final String raw = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
            text = firstLine(raw);
            if (secret) {
                text = QUOTED.matcher(text).replaceAll("\"********\"");
                if (value != null && text.contains(value)) {
                    text = "the value does not fit its type";
                }
            }
        }
        if (value != null && !secret && !messages.isEmpty()) {
            return Syntax.show(value) + ": " + text;
        }
        return text;
    }

    private static void collect(final TypeDefinition<?> type, final String value, final Set<String> messages) {
        if (type instanceof StringTypeDefinition string) {
            for (PatternConstraint pattern : string.getPatternConstraints()) {
                final boolean inverted = pattern.getModifier().isPresent();
                if (Pattern.compile(pattern.getJavaPatternString()).matcher(value).matches() == inverted) {
                    pattern.getErrorMessage().ifPresent(messages::add);
                }
            }
        }
        if (type instanceof LengthRestrictedTypeDefinition<?> length) {
            length.getLengthConstraint().ifPresent(constraint -> {
                if (!constraint.getAllowedRanges().contains(value.codePointCount(0, value.length()))) {
                    constraint.getErrorMessage().ifPresent(messages::add);
                }
            });
        }
        if (type instanceof RangeRestrictedTypeDefinition<?, ?> range && NUMBER.matcher(value).matches()) {
            range.getRangeConstraint().flatMap(constraint -> constraint.getErrorMessage()).ifPresent(messages::add);
        }
    }

    static String firstLine(final String text) {
        final int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }
}
