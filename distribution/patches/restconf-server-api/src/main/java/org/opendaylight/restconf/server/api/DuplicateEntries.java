/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.restconf.server.api;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifierWithPredicates;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeWithValue;
import org.opendaylight.yangtools.yang.data.api.schema.stream.ForwardingNormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.api.schema.stream.NormalizedNodeStreamWriter;

/**
 * openbsd-pbr patch (distribution/patches/README.md): refuses a body that names one list entry, or one leaf-list
 * value, twice. The parsers hand every entry to a builder that keeps the last one of each key, so two entries with
 * one key were silently merged into one and the client never learned which of its two versions was stored. RFC 7950
 * (7.8.2, 7.7) makes keys and configuration leaf-list values unique; this says which list and key broke that.
 */
final class DuplicateEntries extends ForwardingNormalizedNodeStreamWriter {
    private final NormalizedNodeStreamWriter delegate;
    /** Per open node: the keys (or values) seen so far if it is a list or leaf-list, else null. */
    private final Deque<Seen> open = new ArrayDeque<>();

    private record Seen(NodeIdentifier list, Set<Object> keys) {
    }

    private static final Seen NOT_A_LIST = new Seen(null, null);

    DuplicateEntries(final NormalizedNodeStreamWriter delegate) {
        this.delegate = requireNonNull(delegate);
    }

    @Override
    protected NormalizedNodeStreamWriter delegate() {
        return delegate;
    }

    @Override
    public void startLeafNode(final NodeIdentifier name) throws IOException {
        open.push(NOT_A_LIST);
        super.startLeafNode(name);
    }

    @Override
    public void startLeafSet(final NodeIdentifier name, final int childSizeHint) throws IOException {
        open.push(new Seen(name, new HashSet<>()));
        super.startLeafSet(name, childSizeHint);
    }

    @Override
    public void startOrderedLeafSet(final NodeIdentifier name, final int childSizeHint) throws IOException {
        open.push(new Seen(name, new HashSet<>()));
        super.startOrderedLeafSet(name, childSizeHint);
    }

    @Override
    public void startLeafSetEntryNode(final NodeWithValue<?> name) throws IOException {
        final Seen list = open.peek();
        if (list != null && list.keys() != null && !list.keys().add(name.getValue())) {
            throw new IllegalArgumentException("leaf-list " + list.list().getNodeType().getLocalName()
                + " has the value " + name.getValue() + " twice: a value may be listed once");
        }
        open.push(NOT_A_LIST);
        super.startLeafSetEntryNode(name);
    }

    @Override
    public void startContainerNode(final NodeIdentifier name, final int childSizeHint) throws IOException {
        open.push(NOT_A_LIST);
        super.startContainerNode(name, childSizeHint);
    }

    @Override
    public void startUnkeyedList(final NodeIdentifier name, final int childSizeHint) throws IOException {
        open.push(NOT_A_LIST);
        super.startUnkeyedList(name, childSizeHint);
    }

    @Override
    public void startUnkeyedListItem(final NodeIdentifier name, final int childSizeHint) throws IOException {
        open.push(NOT_A_LIST);
        super.startUnkeyedListItem(name, childSizeHint);
    }

    @Override
    public void startMapNode(final NodeIdentifier name, final int childSizeHint) throws IOException {
        open.push(new Seen(name, new HashSet<>()));
        super.startMapNode(name, childSizeHint);
    }

    @Override
    public void startOrderedMapNode(final NodeIdentifier name, final int childSizeHint) throws IOException {
        open.push(new Seen(name, new HashSet<>()));
        super.startOrderedMapNode(name, childSizeHint);
    }

    @Override
    public void startMapEntryNode(final NodeIdentifierWithPredicates identifier, final int childSizeHint)
            throws IOException {
        final Seen list = open.peek();
        if (list != null && list.keys() != null && !list.keys().add(identifier)) {
            throw new IllegalArgumentException("list " + identifier.getNodeType().getLocalName()
                + " has two entries with the key " + identifier.entrySet().stream()
                    .map(key -> key.getKey().getLocalName() + "=" + key.getValue())
                    .collect(Collectors.joining(", ")) + ": one body may name an entry once");
        }
        open.push(NOT_A_LIST);
        super.startMapEntryNode(identifier, childSizeHint);
    }

    @Override
    public void startChoiceNode(final NodeIdentifier name, final int childSizeHint) throws IOException {
        open.push(NOT_A_LIST);
        super.startChoiceNode(name, childSizeHint);
    }

    @Override
    public boolean startAnydataNode(final NodeIdentifier name, final Class<?> objectModel) throws IOException {
        final boolean started = super.startAnydataNode(name, objectModel);
        if (started) {
            open.push(NOT_A_LIST);
        }
        return started;
    }

    @Override
    public boolean startAnyxmlNode(final NodeIdentifier name, final Class<?> objectModel) throws IOException {
        final boolean started = super.startAnyxmlNode(name, objectModel);
        if (started) {
            open.push(NOT_A_LIST);
        }
        return started;
    }

    @Override
    public void endNode() throws IOException {
        open.poll();
        super.endNode();
    }
}
