/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Locations in a router's files ({@link org.opendaylight.openbsdpbr.impl.analysis.source.SourceLine}) and the error
 * every parser of the analysis throws ({@link org.opendaylight.openbsdpbr.impl.analysis.source.ModelException}), with
 * file and line.
 */
package org.opendaylight.openbsdpbr.impl.analysis.source;
