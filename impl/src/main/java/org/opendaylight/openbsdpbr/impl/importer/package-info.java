/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Import of an existing router: its hand-written files (hostname.if(5), pf.conf(5), rc.conf.local(8),
 * sshd_config(5), unwind.conf(5)) read as an admin writes them and mapped to intent records, with every line that
 * has no intent counterpart listed as {@link org.opendaylight.openbsdpbr.impl.importer.Unmapped} (file, line, text,
 * why). Nothing is silently dropped: a line is either mapped, implied by what was mapped (the renderer writes it
 * again from the intent), a comment, or unmapped. Pure: no I/O, no MD-SAL, no clock.
 *
 * <p>pf.conf is cut into statements by the analysis' tokenizer ({@link
 * org.opendaylight.openbsdpbr.impl.analysis.pf.PfLexer}, pfctl's rules for comments, continuations, quotes and macros),
 * never by a second lexer; each statement is then matched against the shapes the intent can express.
 *
 * <p>Entry point: {@link org.opendaylight.openbsdpbr.impl.importer.RouterImporter#importFiles}.
 */
package org.opendaylight.openbsdpbr.impl.importer;
