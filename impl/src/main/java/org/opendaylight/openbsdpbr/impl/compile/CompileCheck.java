/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.compile;

import java.util.List;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.impl.render.ControllerAccess;

/**
 * One more check of a router whose intent rendered, run by {@link IntentCompiler} on every compile: a problem makes
 * the result {@link Compiled.Invalid}, so the commit cohort refuses the write and nothing reaches the router. Checks
 * are pure and fast (they run inside the datastore's commit); each names the element to change.
 */
@FunctionalInterface
public interface CompileCheck {
    /**
     * The problems of a rendered router.
     *
     * @param inputs what was compiled
     * @param ready the merged intent, its files and lints
     * @return the problems, with element paths; empty when there are none
     */
    List<IntentError> check(CompileInputs inputs, Compiled.Ready ready);

    /**
     * The rendered sshd_config must still let the controller log in the way it does now: a commit it cannot confirm
     * is always reverted ({@link ControllerAccess}). The path names the layer the sshd settings came from.
     */
    CompileCheck CONTROLLER_LOGIN = (inputs, ready) -> inputs.login()
        .map(login -> ControllerAccess.check(ready.merged().effective().shared().sshd(), login.user(),
            login.password()).stream()
            .map(error -> new IntentError(ready.merged().origin(error.path()) + "/" + error.path(), error.message()))
            .toList())
        .orElse(List.of());
}
