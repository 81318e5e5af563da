/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.openbsdpbr.api.intent.Pppoe;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.impl.importer.ImportReport;
import org.opendaylight.openbsdpbr.impl.importer.IntentJsonWriter;
import org.opendaylight.openbsdpbr.impl.mapping.IntentMapping;
import org.opendaylight.openbsdpbr.impl.secret.SealedSecret;
import org.opendaylight.openbsdpbr.impl.secret.SecretKeys;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Routers;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.RouterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.RouterKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.ObjectName;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;

/**
 * The import-router RPC's write: the seed's hand-written files, imported and their secret sealed, written as the JSON
 * body through yangtools' codec into a datastore, read back as bindings and mapped: the same intent, written out to
 * the same JSON, the secret still sealed.
 */
class IntentJsonStoreTest {
    private final Broker broker = new Broker();

    /** An in-memory data broker with the project's model. */
    private static final class Broker extends AbstractDataBrokerTest {
        EffectiveModelContext context() throws Exception {
            return modelContext();
        }

        IntentJsonStore store() throws Exception {
            final EffectiveModelContext context = modelContext();
            return new IntentJsonStore(getDomBroker(), () -> context);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        broker.setup();
    }

    @Test
    void theImportedSeedIsWrittenAndReadsBackAsTheSameIntent() throws Exception {
        final RouterIntent imported = ImportReport.of("seed-router", files(Path.of("..", "examples",
            "seed-handwritten"))).result().intent();
        final SealedSecret secrets = new SealedSecret(SecretKeys.generate(), null);
        final String json = IntentJsonWriter.write(ImportRouterRpc.sealed(imported, secrets::seal));
        final String clear = ((Pppoe) imported.uplinks().get(0).kind()).secret().value();
        assertThat(json).contains(SealedSecret.PREFIX).doesNotContain("\"secret\": \"" + clear + "\"");
        registered("seed-router");

        broker.store().write("seed-router", json).toCompletableFuture().get(30, TimeUnit.SECONDS);

        final Router stored = broker.getDataBroker().newReadOnlyTransaction().read(LogicalDatastoreType.CONFIGURATION,
            path("seed-router")).get(30, TimeUnit.SECONDS).orElseThrow();
        assertThat(IntentMapping.routerIntent(stored, secrets)).isEqualTo(imported);
    }

    @Test
    void aBodyWithoutIntentIsRefused() {
        assertThatThrownBy(() -> IntentJsonStore.parse(broker.context(), "r1", "{}"))
            .hasMessageContaining("openbsd-pbr:intent");
    }

    private void registered(final String name) throws Exception {
        final var tx = broker.getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, path(name), new RouterBuilder().withKey(new RouterKey(
            new ObjectName(name))).setName(new ObjectName(name)).build());
        tx.commit().get(30, TimeUnit.SECONDS);
    }

    private static DataObjectIdentifier<Router> path(final String name) {
        return DataObjectIdentifier.builder(Routers.class).child(Router.class, new RouterKey(new ObjectName(name)))
            .build();
    }

    private static Map<String, String> files(final Path dir) throws IOException {
        final Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir.resolve("etc"))) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                files.put("/" + dir.relativize(path).toString(), Files.readString(path));
            }
        }
        return files;
    }
}
