/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * IP arithmetic for the analysis: addresses as numbers
 * ({@link org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress}), prefixes, and the longest-prefix lookup of pf
 * tables ({@link org.opendaylight.openbsdpbr.impl.analysis.ip.PrefixSet}). Literals only: nothing here resolves a
 * name.
 */
package org.opendaylight.openbsdpbr.impl.analysis.ip;
