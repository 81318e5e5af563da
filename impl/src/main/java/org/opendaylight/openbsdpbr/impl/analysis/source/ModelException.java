/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.source;

import static java.util.Objects.requireNonNull;

/**
 * A router file that the analysis cannot read: a syntax error, or a statement outside the subset it models. The
 * message names the file and line ({@code /etc/pf.conf:12: ...}), as pfctl and netstart would.
 */
public final class ModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String problem;

    /**
     * A problem at a line of a file.
     *
     * @param file the path on the router
     * @param line the line, from 1 (0 when the problem concerns the whole file)
     * @param problem what is wrong
     */
    public ModelException(final String file, final int line, final String problem) {
        this(file, line, problem, null);
    }

    /**
     * A problem at a line of a file, found through another exception.
     *
     * @param file the path on the router
     * @param line the line, from 1 (0 when the problem concerns the whole file)
     * @param problem what is wrong
     * @param cause what revealed it, or null
     */
    public ModelException(final String file, final int line, final String problem, final Throwable cause) {
        super(line > 0 ? file + ":" + line + ": " + problem : file + ": " + problem, cause);
        this.file = requireNonNull(file);
        this.line = line;
        this.problem = requireNonNull(problem);
    }

    /** The path on the router. */
    public String file() {
        return file;
    }

    /** The line, from 1; 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }
}
