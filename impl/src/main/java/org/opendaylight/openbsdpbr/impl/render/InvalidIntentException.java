/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.io.Serial;
import java.util.List;
import java.util.stream.Collectors;
import org.opendaylight.openbsdpbr.api.intent.IntentError;

/** An effective intent that cannot be rendered: every problem {@link IntentValidator} found. */
public final class InvalidIntentException extends IllegalArgumentException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final IntentError[] errors;

    public InvalidIntentException(final List<IntentError> errors) {
        super(errors.stream().map(IntentError::toString).collect(Collectors.joining("; ")));
        this.errors = errors.toArray(new IntentError[0]);
    }

    /** The problems, each with its element path. */
    public List<IntentError> errors() {
        return List.of(errors);
    }
}
