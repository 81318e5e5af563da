/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.intentjson;

import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.intent.IntentException;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.Syntax;
import org.opendaylight.openbsdpbr.impl.mapping.IntentMapping;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Profiles;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Routers;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.Intent;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.ObjectName;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.data.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.yangtools.binding.data.codec.impl.BindingCodecContext;
import org.opendaylight.yangtools.binding.runtime.api.BindingRuntimeContext;
import org.opendaylight.yangtools.binding.runtime.spi.BindingRuntimeHelpers;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifierWithPredicates;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.DataContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.builder.DataContainerNodeBuilder;
import org.opendaylight.yangtools.yang.data.codec.gson.JSONCodecFactory;
import org.opendaylight.yangtools.yang.data.codec.gson.JSONCodecFactorySupplier;
import org.opendaylight.yangtools.yang.data.codec.gson.JsonParserStream;
import org.opendaylight.yangtools.yang.data.impl.schema.ImmutableNormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.spi.node.ImmutableNodes;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;
import org.opendaylight.yangtools.yang.model.api.SchemaContext;
import org.opendaylight.yangtools.yang.model.util.SchemaInferenceStack;

/**
 * Reads intent from the JSON that RESTCONF accepts, the way the controller does: yangtools' JSON codec against the
 * {@code openbsd-pbr} model (type, pattern and range errors), the binding codec to the generated bindings, then
 * {@link IntentMapping} to the intent records. No JSON is interpreted by hand.
 *
 * <p>Inputs ({@link #load(Path, String)}):
 * <ul>
 *   <li>a whole configuration document {@code {"openbsd-pbr:routers": {...}, "openbsd-pbr:profiles": {...}}};</li>
 *   <li>a body of {@code routers} ({@code {"openbsd-pbr:router": [...]}}), of {@code profiles}
 *       ({@code {"openbsd-pbr:profile": [...]}}), or of one router's {@code intent}
 *       ({@code {"openbsd-pbr:intent": {...}}});</li>
 *   <li>a directory of such files ({@code *.json}, like {@code examples/seed-router/}): an intent body in
 *       {@code intent<S>.json} belongs to the one router of {@code router<S>.json}.</li>
 * </ul>
 * An intent body without its router file names its router by {@code routerName}, else {@code router}.
 *
 * <p>Building an instance parses the model and generates the binding codec (about a second); keep one.
 */
public final class IntentJson {
    private static final String INTENT_PREFIX = "intent";
    private static final String ROUTER_PREFIX = "router";
    private static final String DEFAULT_ROUTER = "router";
    private static final QName ROUTER_NAME = QName.create(Router.QNAME, "name").intern();

    private final EffectiveModelContext context;
    private final JSONCodecFactory codecs;
    private final BindingNormalizedNodeSerializer serializer;

    private IntentJson(final BindingRuntimeContext runtime) {
        context = runtime.modelContext();
        codecs = JSONCodecFactorySupplier.RFC7951.getShared(context);
        serializer = new BindingCodecContext(runtime);
    }

    /** A reader for the {@code openbsd-pbr} model of the bindings on the class path. */
    public static IntentJson create() {
        return new IntentJson(BindingRuntimeHelpers.createRuntimeContext(Routers.class, Profiles.class));
    }

    /** What a JSON body holds, by its one top-level member. */
    private enum Kind {
        DOCUMENT, ROUTERS, PROFILES, INTENT;

        static @Nullable Kind of(final String member) {
            return switch (member) {
                case "openbsd-pbr:routers", "openbsd-pbr:profiles" -> DOCUMENT;
                case "openbsd-pbr:router" -> ROUTERS;
                case "openbsd-pbr:profile" -> PROFILES;
                case "openbsd-pbr:intent" -> INTENT;
                default -> null;
            };
        }
    }

    /**
     * Reads a file or a directory of files.
     *
     * @param input a JSON file, or a directory of {@code *.json} files
     * @param routerName the name of the router a lone intent body belongs to; null for {@code router}
     * @return the routers and profiles, each mapped to records (not merged, not validated)
     * @throws IntentJsonException listing every problem found, each with its file and element
     */
    public IntentDocument load(final Path input, final @Nullable String routerName) throws IntentJsonException {
        final Collector collector = new Collector();
        final List<Path> files = new ArrayList<>();
        if (Files.isDirectory(input)) {
            try (Stream<Path> listing = Files.list(input)) {
                listing.filter(file -> file.getFileName().toString().endsWith(".json") && Files.isRegularFile(file))
                    .sorted().forEach(files::add);
            } catch (IOException e) {
                throw new IntentJsonException(input + ": cannot list: " + e.getMessage(), e);
            }
            if (files.isEmpty()) {
                throw new IntentJsonException(List.of(input + ": no *.json file"));
            }
        } else {
            files.add(input);
        }
        final List<Source> intents = new ArrayList<>();
        final Map<Path, List<String>> routersByFile = new LinkedHashMap<>();
        for (Path file : files) {
            final Source source = read(collector, file);
            if (source == null) {
                continue;
            }
            switch (source.kind()) {
                case INTENT -> intents.add(source);
                case ROUTERS -> routersByFile.put(file, routers(collector, source, parse(collector, source,
                    List.of(Routers.QNAME), "routers/", container(Routers.QNAME))));
                case PROFILES -> profiles(collector, source, parse(collector, source, List.of(Profiles.QNAME),
                    "profiles/", container(Profiles.QNAME)));
                case DOCUMENT -> document(collector, source);
                default -> throw new IllegalStateException(source.kind().name());
            }
        }
        for (Source source : intents) {
            intent(collector, source, routersByFile, routerName);
        }
        return collector.finish();
    }

    private record Source(Path file, String text, Kind kind) {
        String name() {
            return file.toString();
        }
    }

    private static @Nullable Source read(final Collector collector, final Path file) {
        final String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            collector.problem(file + ": cannot read: " + e.getMessage());
            return null;
        }
        final String member;
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.beginObject();
            member = reader.hasNext() ? reader.nextName() : "";
        } catch (IOException | JsonParseException | IllegalStateException e) {
            collector.problem(file + ": not a JSON object: " + JsonPlace.firstLine(String.valueOf(e.getMessage())));
            return null;
        }
        final Kind kind = Kind.of(member);
        if (kind == null) {
            collector.problem(file + ": " + (member.isEmpty() ? "an empty object" : "'" + member + "'")
                + " is none of openbsd-pbr:routers, openbsd-pbr:profiles, openbsd-pbr:router, openbsd-pbr:profile,"
                + " openbsd-pbr:intent");
            return null;
        }
        return new Source(file, text, kind);
    }

    private static DataContainerNodeBuilder<NodeIdentifier, ContainerNode> container(final QName name) {
        return ImmutableNodes.newContainerBuilder().withNodeIdentifier(new NodeIdentifier(name));
    }

    /** Parses a body under {@code parents} into {@code builder}; on error notes where and why, and returns null. */
    private <R extends DataContainerNode> @Nullable R parse(final Collector collector, final Source source,
            final List<QName> parents, final String prefix, final DataContainerNodeBuilder<?, R> builder) {
        final JsonReader reader = new JsonReader(new StringReader(source.text()));
        final var writer = ImmutableNormalizedNodeStreamWriter.from(builder);
        final JsonParserStream parser = parents.isEmpty() ? JsonParserStream.create(writer, codecs)
            : JsonParserStream.create(writer, codecs,
                SchemaInferenceStack.ofDataTreePath(context, parents.toArray(QName[]::new)).toInference());
        try {
            parser.parse(reader);
            return builder.build();
        } catch (JsonParseException e) {
            if (e.getCause() instanceof NumberFormatException number) {
                // the parser wraps a number codec's complaint as a syntax error: it is about a value
                valueProblem(collector, source, parents, prefix, reader, number);
            } else {
                collector.problem(source.name() + ": not valid JSON: " + JsonPlace.firstLine(String.valueOf(
                    e.getMessage())));
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            valueProblem(collector, source, parents, prefix, reader, e);
        }
        return null;
    }

    private void valueProblem(final Collector collector, final Source source, final List<QName> parents,
            final String prefix, final JsonReader reader, final RuntimeException error) {
        final JsonPlace place = JsonPlace.locate(context, parents, prefix, source.text(), reader.getPath());
        String path = place.path();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        collector.problem(source.name() + ": " + (path.isEmpty() ? "" : path + ": ") + place.describe(error));
    }

    /** The binding of a data node at {@code path}, or null with a problem noted. */
    private @Nullable DataObject binding(final Collector collector, final Source source,
            final YangInstanceIdentifier path, final @Nullable DataContainerNode node) {
        if (node == null) {
            return null;
        }
        try {
            final var entry = serializer.fromNormalizedNode(path, node);
            return entry == null ? null : entry.getValue();
        } catch (IllegalArgumentException | IllegalStateException e) {
            collector.problem(source.name() + ": " + JsonPlace.firstLine(String.valueOf(e.getMessage())));
            return null;
        }
    }

    private List<String> routers(final Collector collector, final Source source, final @Nullable ContainerNode node) {
        final List<String> names = new ArrayList<>();
        if (binding(collector, source, YangInstanceIdentifier.of(Routers.QNAME), node) instanceof Routers routers) {
            for (Router router : routers.nonnullRouter().values()) {
                names.add(collector.addRouter(source, router));
            }
        }
        return names;
    }

    private void profiles(final Collector collector, final Source source, final @Nullable ContainerNode node) {
        if (binding(collector, source, YangInstanceIdentifier.of(Profiles.QNAME), node) instanceof Profiles profiles) {
            for (var profile : profiles.nonnullProfile().values()) {
                collector.addProfile(source, profile);
            }
        }
    }

    private void document(final Collector collector, final Source source) {
        final ContainerNode root = parse(collector, source, List.of(), "", container(SchemaContext.NAME));
        if (root == null) {
            return;
        }
        if (root.childByArg(new NodeIdentifier(Routers.QNAME)) instanceof ContainerNode routers) {
            routers(collector, source, routers);
        }
        if (root.childByArg(new NodeIdentifier(Profiles.QNAME)) instanceof ContainerNode profiles) {
            profiles(collector, source, profiles);
        }
    }

    /** An intent body: parsed under its router, then given to that router (created when it has no router file). */
    private void intent(final Collector collector, final Source source, final Map<Path, List<String>> routersByFile,
            final @Nullable String routerName) {
        final String fileName = source.file().getFileName().toString();
        String name = routerName == null ? DEFAULT_ROUTER : routerName;
        if (fileName.startsWith(INTENT_PREFIX)) {
            final Path routerFile = source.file().resolveSibling(ROUTER_PREFIX
                + fileName.substring(INTENT_PREFIX.length()));
            final List<String> paired = routersByFile.get(routerFile);
            if (paired != null && paired.size() > 1) {
                collector.problem(source.name() + ": " + routerFile + " holds " + paired.size()
                    + " routers; an intent file pairs with a router file of one router");
                return;
            }
            if (paired != null && paired.size() == 1) {
                name = paired.get(0);
            }
        }
        if (!Syntax.isObjectName(name)) {
            collector.problem(source.name() + ": " + Syntax.show(name) + " is not a router name (lower-case letters,"
                + " digits, '-' and '_', starting with a letter or digit)");
            return;
        }
        final String prefix = RouterEntry.path(name) + "/";
        final MapEntryNode entry = parse(collector, source, List.of(Routers.QNAME, Router.QNAME), prefix,
            ImmutableNodes.newMapEntryBuilder()
                .withNodeIdentifier(NodeIdentifierWithPredicates.of(Router.QNAME, ROUTER_NAME, name))
                .withChild(ImmutableNodes.leafNode(ROUTER_NAME, name)));
        if (entry == null) {
            return;
        }
        final ContainerNode routers = container(Routers.QNAME).withChild(ImmutableNodes.newSystemMapBuilder()
            .withNodeIdentifier(new NodeIdentifier(Router.QNAME)).withChild(entry).build()).build();
        if (binding(collector, source, YangInstanceIdentifier.of(Routers.QNAME), routers) instanceof Routers parsed) {
            final Intent intent = parsed.nonnullRouter().values().iterator().next().getIntent();
            collector.addIntent(source, name, intent);
        }
    }

    /** Gathers bindings from every file, then maps them; problems are kept, not thrown, so all are reported. */
    private static final class Collector {
        private final List<String> problems = new ArrayList<>();
        private final Map<String, Router> routers = new TreeMap<>();
        private final Map<String, String> routerFiles = new TreeMap<>();
        private final Map<String, String> intentFiles = new TreeMap<>();
        private final Map<String, org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles
            .Profile> profiles = new TreeMap<>();
        private final Map<String, String> profileFiles = new TreeMap<>();

        void problem(final String problem) {
            problems.add(problem);
        }

        String addRouter(final Source source, final Router router) {
            final String name = router.requireName().getValue();
            final String earlier = routerFiles.putIfAbsent(name, source.name());
            if (earlier != null) {
                problem(source.name() + ": " + RouterEntry.path(name) + ": also defined in " + earlier);
            } else {
                routers.put(name, router);
            }
            return name;
        }

        void addProfile(final Source source,
                final org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.Profile profile) {
            final String name = profile.requireName().getValue();
            final String earlier = profileFiles.putIfAbsent(name, source.name());
            if (earlier != null) {
                problem(source.name() + ": " + Profile.path(name) + ": also defined in " + earlier);
            } else {
                profiles.put(name, profile);
            }
        }

        void addIntent(final Source source, final String name, final @Nullable Intent intent) {
            final Router router = routers.get(name);
            intentFiles.putIfAbsent(name, source.name());
            if (router == null) {
                routers.put(name, new RouterBuilder().setName(new ObjectName(name)).setIntent(intent).build());
                routerFiles.put(name, source.name());
            } else if (router.getIntent() != null) {
                problem(source.name() + ": " + RouterEntry.path(name) + "/intent: the router already has an intent in "
                    + routerFiles.get(name));
            } else {
                routers.put(name, new RouterBuilder(router).setIntent(intent).build());
            }
        }

        IntentDocument finish() throws IntentJsonException {
            final Map<String, RouterEntry> entries = new TreeMap<>();
            for (var router : routers.entrySet()) {
                final String name = router.getKey();
                final String at = routerFiles.get(name) + ": " + RouterEntry.path(name);
                try {
                    entries.put(name, new RouterEntry(IntentMapping.routerIntent(router.getValue()),
                        IntentMapping.profileNames(router.getValue())));
                } catch (IntentException e) {
                    // an error inside the intent is in the intent's own file when it has one
                    final String file = e.path().startsWith(RouterIntent.PATH + "/")
                        ? intentFiles.getOrDefault(name, routerFiles.get(name)) : routerFiles.get(name);
                    problem(file + ": " + RouterEntry.path(name) + "/" + e.path() + ": " + e.detail());
                } catch (IllegalArgumentException e) {
                    problem(at + ": " + masked(e));
                }
            }
            final Map<String, Profile> mapped = new TreeMap<>();
            for (var profile : profiles.entrySet()) {
                final String file = profileFiles.get(profile.getKey()) + ": ";
                try {
                    mapped.put(profile.getKey(), IntentMapping.profile(profile.getValue()));
                } catch (IntentException e) {
                    problem(file + (e.path().startsWith("profiles/") ? "" : Profile.path(profile.getKey()) + "/")
                        + e.path() + ": " + e.detail());
                } catch (IllegalArgumentException e) {
                    problem(file + Profile.path(profile.getKey()) + ": " + masked(e));
                }
            }
            if (!problems.isEmpty()) {
                throw new IntentJsonException(problems);
            }
            return new IntentDocument(new TreeMap<>(entries), new TreeMap<>(mapped));
        }

        /** A codec's message without any quoted value in it: it might be a secret. */
        private static String masked(final IllegalArgumentException error) {
            return JsonPlace.firstLine(String.valueOf(error.getMessage())).replaceAll("\"[^\"]*\"|'[^']*'", "'...'");
        }
    }
}
