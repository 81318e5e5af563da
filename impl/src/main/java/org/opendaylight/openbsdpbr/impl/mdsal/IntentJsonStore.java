/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Routers;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.Intent;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifierWithPredicates;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.codec.gson.JSONCodecFactorySupplier;
import org.opendaylight.yangtools.yang.data.codec.gson.JsonParserStream;
import org.opendaylight.yangtools.yang.data.impl.schema.ImmutableNormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.spi.node.ImmutableNodes;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;
import org.opendaylight.yangtools.yang.model.util.SchemaInferenceStack;

/**
 * Writes a router's intent given as the JSON body RESTCONF takes at {@code .../router=NAME/intent}: parsed by
 * yangtools' RFC 7951 codec against the running model (as RESTCONF parses it), then put into the configuration
 * datastore, where the commit cohorts judge it like any other write. Used by the import-router RPC.
 *
 * @param broker the DOM data broker
 * @param model the running model
 */
record IntentJsonStore(DOMDataBroker broker, Supplier<EffectiveModelContext> model)
        implements ImportRouterRpc.IntentStore {
    private static final QName NAME = QName.create(Router.QNAME, "name").intern();

    IntentJsonStore {
        requireNonNull(broker, "broker");
        requireNonNull(model, "model");
    }

    @Override
    public CompletionStage<Void> write(final String router, final String json) {
        final NormalizedNode intent;
        try {
            intent = parse(model.get(), router, json);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            return CompletableFuture.failedFuture(e);
        }
        final var tx = broker.newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, YangInstanceIdentifier.builder().node(Routers.QNAME)
            .node(Router.QNAME).nodeWithKey(Router.QNAME, NAME, router).node(Intent.QNAME).build(), intent);
        final var done = new CompletableFuture<Void>();
        tx.commit().addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                done.complete(null);
            }

            @Override
            public void onFailure(final Throwable cause) {
                done.completeExceptionally(cause);
            }
        }, MoreExecutors.directExecutor());
        return done;
    }

    /** The intent container of the body, parsed under {@code routers/router[name=ROUTER]}. */
    static NormalizedNode parse(final EffectiveModelContext context, final String router, final String json)
            throws IOException {
        final var entry = ImmutableNodes.newMapEntryBuilder()
            .withNodeIdentifier(NodeIdentifierWithPredicates.of(Router.QNAME, NAME, router))
            .withChild(ImmutableNodes.leafNode(NAME, router));
        try (var reader = new JsonReader(new StringReader(json));
             var parser = JsonParserStream.create(ImmutableNormalizedNodeStreamWriter.from(entry),
                 JSONCodecFactorySupplier.RFC7951.getShared(context),
                 SchemaInferenceStack.ofDataTreePath(context, Routers.QNAME, Router.QNAME).toInference())) {
            parser.parse(reader);
        }
        final MapEntryNode parsed = entry.build();
        final NormalizedNode intent = parsed.childByArg(new NodeIdentifier(Intent.QNAME));
        if (intent == null) {
            throw new IllegalArgumentException("the body holds no openbsd-pbr:intent");
        }
        return intent;
    }
}
