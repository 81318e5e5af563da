/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.Sshd;

/**
 * Whether the sshd_config a router is about to get still lets the controller log in the way it logs in now. A router
 * that refuses the controller after a commit cannot be confirmed, so it reverts every change; this says so before
 * anything is pushed, naming the sshd leaf to change (or the credentials to use instead).
 */
public final class ControllerAccess {
    private ControllerAccess() {
        // utility
    }

    /**
     * The ways the rendered sshd_config would refuse the controller's login.
     *
     * @param sshd the router's effective sshd intent; null when sshd_config is not managed (nothing to check)
     * @param user the user the controller logs in as
     * @param password whether it logs in with a password (rather than a key)
     * @return errors at {@code sshd/...}; empty when the controller can still log in
     */
    public static List<IntentError> check(final @Nullable Sshd sshd, final String user, final boolean password) {
        if (sshd == null) {
            return List.of();
        }
        final List<IntentError> errors = new ArrayList<>(2);
        if ("root".equals(user) && sshd.permitRootLogin() == Sshd.PermitRootLogin.NO) {
            errors.add(new IntentError("sshd/permit-root-login", "no: the controller logs in as root, which this "
                + "sshd_config refuses; every change would be reverted"));
        } else if ("root".equals(user) && password) {
            errors.add(new IntentError("sshd/permit-root-login", "prohibit-password: the controller logs in as root "
                + "with a password, which this sshd_config refuses; manage the router with a private key"));
        }
        if (password && !sshd.passwordAuthentication()) {
            errors.add(new IntentError("sshd/password-authentication", "false: the controller logs in with a "
                + "password, which this sshd_config refuses; manage the router with a private key or set it true"));
        }
        return errors;
    }
}
