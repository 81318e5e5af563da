/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * A router's intent as small immutable records, mirroring the YANG model ({@code yang/openbsd-pbr.yang}, groupings
 * {@code router-intent} and {@code shared-intent}). The mapping from the generated bindings produces these; the
 * renderer reads only these.
 *
 * <h2>Shape</h2>
 * <ul>
 *   <li>{@link org.opendaylight.openbsdpbr.api.intent.RouterIntent}: name, release, {@code Rdomain}s,
 *       {@code Interface}s, {@code Uplink}s and a {@link org.opendaylight.openbsdpbr.api.intent.SharedIntent}.</li>
 *   <li>{@code Uplink} holds a sealed {@link org.opendaylight.openbsdpbr.api.intent.UplinkKind}: {@code Pppoe},
 *       {@code MapE}, {@code Dhcp} or {@code StaticUplink}.</li>
 *   <li>{@code SharedIntent} (what a {@code Profile} holds): {@code PfTable}s, {@code HostGroup}s,
 *       {@code PolicyRoute}s (with {@code Endpoint}s and a sealed {@code Via}), {@code NatRule}s,
 *       {@code InboundService}s, an optional {@code DnsResolver} and an optional {@code Sshd}.</li>
 * </ul>
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Every constructor checks every value against the syntax of the file it ends up in
 *       ({@link org.opendaylight.openbsdpbr.api.intent.Syntax}) and throws an
 *       {@link org.opendaylight.openbsdpbr.api.intent.IntentException} naming the element in YANG terms. A record
 *       knows its own part of the path; wrap nested construction in {@code IntentException.at(parent, ...)} to get
 *       the full path, e.g. {@code intent/uplink[name=pppoe]/pppoe/username}.</li>
 *   <li>Null means "absent": optional leaves stay null (e.g. {@code Interface.mtu}), leaves with a YANG default take
 *       it when the type allows null (enums, endpoints, descriptions become ""), lists become empty. Primitive
 *       leaves ({@code int rdomain}, {@code boolean enabled}) need the YANG default from the caller; the records
 *       name the defaults as constants.</li>
 *   <li>Keyed lists carry no order in YANG: they are kept in key order (policy routes by sequence). Leaf-lists keep
 *       the given order.</li>
 *   <li>Secrets are {@link org.opendaylight.openbsdpbr.api.intent.Secret}s, masked by {@code toString()}; no
 *       message names a secret or a PPPoE user name.</li>
 *   <li>References between elements (a policy route naming an uplink) are checked after profiles are merged, by
 *       {@code IntentValidator}, which returns every problem as an
 *       {@link org.opendaylight.openbsdpbr.api.intent.IntentError}.</li>
 * </ul>
 */
package org.opendaylight.openbsdpbr.api.intent;
