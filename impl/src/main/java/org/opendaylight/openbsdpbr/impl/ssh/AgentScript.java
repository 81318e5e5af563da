/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The router-side script shipped in this bundle ({@code router/pbr-agent.sh}) and its version. The adapter installs it
 * on first contact and upgrades a router whose copy is older.
 */
public final class AgentScript {
    /** Where the script is in this bundle. */
    public static final String RESOURCE = "/router/pbr-agent.sh";

    private static final Pattern VERSION_LINE = Pattern.compile("(?m)^VERSION=([0-9]{1,6})$");
    private static final AgentScript BUNDLED = load();

    private final byte[] content;
    private final int version;

    private AgentScript(final byte[] content, final int version) {
        this.content = content;
        this.version = version;
    }

    /** The script of this bundle. */
    public static AgentScript bundled() {
        return BUNDLED;
    }

    /** The version a script declares on its {@code VERSION=N} line. */
    public static int versionOf(final String script) {
        final Matcher matcher = VERSION_LINE.matcher(script);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no VERSION= line in the router-side script");
        }
        return Integer.parseInt(matcher.group(1));
    }

    public int version() {
        return version;
    }

    /** The script's bytes. */
    public byte[] content() {
        return content.clone();
    }

    private static AgentScript load() {
        try (InputStream in = AgentScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            final byte[] bytes = in.readAllBytes();
            return new AgentScript(bytes, versionOf(new String(bytes, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
