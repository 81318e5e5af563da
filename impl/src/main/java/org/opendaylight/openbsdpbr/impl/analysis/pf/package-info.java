/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * pf.conf as pfctl reads it: a tokenizer faithful to pfctl's
 * ({@link org.opendaylight.openbsdpbr.impl.analysis.pf.PfLexer}, reusable by any reader of pf.conf), a strict
 * parser of the statements openbsd-pbr renders and the common forms around them
 * ({@link org.opendaylight.openbsdpbr.impl.analysis.pf.PfParser}), and the parsed model: tables, options, rules with
 * their criteria and actions, anchors and labels.
 */
package org.opendaylight.openbsdpbr.impl.analysis.pf;
