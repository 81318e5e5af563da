/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.Sshd;

class ControllerAccessTest {
    private static Sshd sshd(final boolean passwords, final Sshd.PermitRootLogin root) {
        return new Sshd(List.of(), Sshd.DEFAULT_PORT, passwords, root);
    }

    private static List<String> paths(final List<IntentError> errors) {
        return errors.stream().map(IntentError::path).toList();
    }

    @Test
    void unmanagedSshdIsNeverALockout() {
        assertThat(ControllerAccess.check(null, "root", true)).isEmpty();
    }

    @Test
    void rootWithAKeyIsFineUnlessRootLoginsAreOff() {
        assertThat(ControllerAccess.check(sshd(false, Sshd.PermitRootLogin.PROHIBIT_PASSWORD), "root", false))
            .isEmpty();
        assertThat(paths(ControllerAccess.check(sshd(true, Sshd.PermitRootLogin.NO), "root", false)))
            .containsExactly("sshd/permit-root-login");
    }

    @Test
    void rootWithAPasswordIsRefusedByEverySshdThisModelRenders() {
        // the seed's own sshd: root only with keys, no passwords at all
        assertThat(paths(ControllerAccess.check(sshd(false, Sshd.PermitRootLogin.PROHIBIT_PASSWORD), "root", true)))
            .containsExactly("sshd/permit-root-login", "sshd/password-authentication");
        assertThat(ControllerAccess.check(sshd(true, Sshd.PermitRootLogin.PROHIBIT_PASSWORD), "root", true))
            .singleElement().satisfies(error -> assertThat(error.message()).contains("private key"));
    }

    @Test
    void anotherUserNeedsPasswordsOnlyWhenItUsesOne() {
        assertThat(ControllerAccess.check(sshd(true, Sshd.PermitRootLogin.NO), "pbr", true)).isEmpty();
        assertThat(paths(ControllerAccess.check(sshd(false, Sshd.PermitRootLogin.NO), "pbr", true)))
            .containsExactly("sshd/password-authentication");
        assertThat(ControllerAccess.check(sshd(false, Sshd.PermitRootLogin.NO), "pbr", false)).isEmpty();
    }
}
