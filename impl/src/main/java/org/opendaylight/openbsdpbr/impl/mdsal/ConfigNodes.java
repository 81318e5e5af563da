/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Profiles;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Routers;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.Profile;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.Intent;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.router.Management;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifierWithPredicates;
import org.opendaylight.yangtools.yang.data.api.schema.DataContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.LeafNode;
import org.opendaylight.yangtools.yang.data.api.schema.LeafSetNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapNode;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;

/**
 * The configuration trees as normalized nodes: the paths of routers and profiles and the few leaves read without
 * turning a whole entry into bindings (the profiles a router lists, its management endpoint and pinned host key), so
 * that questions about the whole fleet (who uses this profile, who else has this address) cost a scan of leaves, not a
 * mapping of every router.
 */
final class ConfigNodes {
    static final NodeIdentifier ROUTERS = NodeIdentifier.create(Routers.QNAME);
    static final NodeIdentifier ROUTER = NodeIdentifier.create(Router.QNAME);
    static final NodeIdentifier PROFILES = NodeIdentifier.create(Profiles.QNAME);
    static final NodeIdentifier PROFILE = NodeIdentifier.create(Profile.QNAME);
    static final NodeIdentifier INTENT = NodeIdentifier.create(Intent.QNAME);
    /** The key of routers and profiles. */
    static final QName NAME = QName.create(Router.QNAME, "name").intern();
    static final YangInstanceIdentifier ROUTER_LIST = YangInstanceIdentifier.of(ROUTERS, ROUTER);
    static final YangInstanceIdentifier PROFILE_LIST = YangInstanceIdentifier.of(PROFILES, PROFILE);

    private static final NodeIdentifier ROUTER_PROFILES = NodeIdentifier.create(QName.create(Router.QNAME, "profile"));
    private static final NodeIdentifier MANAGEMENT = NodeIdentifier.create(Management.QNAME);
    private static final NodeIdentifier ADDRESS = NodeIdentifier.create(QName.create(Management.QNAME, "address"));
    private static final NodeIdentifier PORT = NodeIdentifier.create(QName.create(Management.QNAME, "port"));
    private static final NodeIdentifier HOST_KEY = NodeIdentifier.create(QName.create(Management.QNAME,
        "host-key-fingerprint"));
    private static final NodeIdentifier PROFILE_APPLY = NodeIdentifier.create(QName.create(Profile.QNAME, "apply"));
    private static final int SSH_PORT = 22;

    private ConfigNodes() {
        // utility
    }

    /** The key of a router or profile entry. */
    static String name(final MapEntryNode entry) {
        return entry.name().getValue(NAME).toString();
    }

    /** The key of a router or profile entry. */
    static NodeIdentifierWithPredicates key(final NodeIdentifier list, final String name) {
        return NodeIdentifierWithPredicates.of(list.getNodeType(), NAME, name);
    }

    /**
     * The entries of a list under a container ({@code routers/router}, {@code profiles/profile}).
     *
     * @param container the container as the data tree has it, or null
     * @param list the list
     * @return the entries; empty when the container or the list is absent
     */
    static Collection<MapEntryNode> entries(final @Nullable NormalizedNode container, final NodeIdentifier list) {
        return map(container, list).map(MapNode::body).orElse(List.of());
    }

    /** One entry of a list under a container, if present. */
    static Optional<MapEntryNode> entry(final @Nullable NormalizedNode container, final NodeIdentifier list,
            final String name) {
        return map(container, list).map(map -> map.childByArg(key(list, name)));
    }

    private static Optional<MapNode> map(final @Nullable NormalizedNode container, final NodeIdentifier list) {
        return container instanceof DataContainerNode parent && parent.childByArg(list) instanceof MapNode map
            ? Optional.of(map) : Optional.empty();
    }

    /** The profiles a router lists, in order. */
    static List<String> profiles(final MapEntryNode router) {
        if (!(router.childByArg(ROUTER_PROFILES) instanceof LeafSetNode<?> names)) {
            return List.of();
        }
        final List<String> result = new ArrayList<>(names.size());
        names.body().forEach(name -> result.add(name.body().toString()));
        return result;
    }

    /** A router's management endpoint as {@code address:port} (the address in lower case), if it has one. */
    static Optional<String> endpoint(final MapEntryNode router) {
        if (!(router.childByArg(MANAGEMENT) instanceof DataContainerNode management)
                || !(management.childByArg(ADDRESS) instanceof LeafNode<?> address)) {
            return Optional.empty();
        }
        final Object port = management.childByArg(PORT) instanceof LeafNode<?> leaf ? leaf.body() : SSH_PORT;
        return Optional.of(address.body().toString().toLowerCase(Locale.ROOT) + ":" + port);
    }

    /** A router's pinned host key, if it has one. */
    static Optional<String> hostKey(final MapEntryNode router) {
        return router.childByArg(MANAGEMENT) instanceof DataContainerNode management
            && management.childByArg(HOST_KEY) instanceof LeafNode<?> key ? Optional.of(key.body().toString())
                : Optional.empty();
    }

    /** Whether a profile's, or a router's own intent's, changes are staged ({@code apply staged}: the same leaf). */
    static boolean staged(final MapEntryNode entry) {
        return entry.childByArg(PROFILE_APPLY) instanceof LeafNode<?> apply && "staged".equals(apply.body());
    }
}
