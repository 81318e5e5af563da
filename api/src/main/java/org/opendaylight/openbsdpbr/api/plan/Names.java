/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.api.plan;

import java.util.regex.Pattern;

/** The words a plan line may carry, checked here and again by the router-side script. */
final class Names {
    /** Interface names as OpenBSD writes them: driver name and unit number. */
    static final Pattern INTERFACE = Pattern.compile("[a-z]{1,10}[0-9]{1,4}");
    /** rc.d service names the plan may touch. */
    static final Pattern SERVICE = Pattern.compile("unwind|sshd|unbound|dhcpleased|slaacd|resolvd");

    private Names() {
        // utility
    }

    static void checkInterface(final String iface) {
        if (iface == null || !INTERFACE.matcher(iface).matches()) {
            throw new IllegalArgumentException("not an interface name: " + iface);
        }
    }

    static void checkService(final String service) {
        if (service == null || !SERVICE.matcher(service).matches()) {
            throw new IllegalArgumentException("not a managed service: " + service);
        }
    }
}
