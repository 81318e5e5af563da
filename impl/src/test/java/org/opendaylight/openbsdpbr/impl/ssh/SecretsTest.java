/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void valuesAfterSecretKeywordsAreMasked() {
        assertThat(Secrets.scrub("ifconfig pppoe0 authname 'u' authkey 'my pass' up"))
            .isEqualTo("ifconfig pppoe0 authname 'u' authkey ******** up")
            .doesNotContain("my pass");
        assertThat(Secrets.scrub("wgkey abc= wgpsk \"x y\" password=hunter2"))
            .isEqualTo("wgkey ******** wgpsk ******** password=********");
        assertThat(Secrets.scrub("/etc/pf.conf:3: syntax error")).isEqualTo("/etc/pf.conf:3: syntax error");
    }
}
