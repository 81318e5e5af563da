/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.impl.render.RenderResult;
import org.opendaylight.openbsdpbr.tools.intentjson.IntentJsonException;

/**
 * {@code openbsd-pbr push INTENT.json|DIR --router NAME --target HOST[:PORT] ...}: renders the router's intent exactly
 * as {@code render} does (the JSON RESTCONF accepts, merged with its profiles and validated), then pushes the files
 * like {@code push --files}: lock, upload, validate on the router, commit (confirmed when asked, then confirmed after
 * checking the router can still be reached), unlock. Invalid intent touches no router.
 */
final class IntentPush {
    private IntentPush() {
        // utility
    }

    /** Whether the push arguments start with an intent path rather than an option. */
    static boolean applies(final List<String> args) {
        return !args.isEmpty() && !args.get(0).startsWith("-");
    }

    static int run(final List<String> args, final PrintStream out, final PrintStream error) {
        final String input = args.get(0);
        final List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        final int at = rest.indexOf("--router");
        if (at < 0 || at + 1 >= rest.size()) {
            error.println("error: push INTENT needs --router NAME (the router whose intent is pushed)");
            return 2;
        }
        final String router = rest.get(at + 1);
        final var document = Inputs.load(Path.of(input), router, "", error);
        if (document == null) {
            return 1;
        }
        final RenderResult result = Inputs.render(document, router, "", error);
        if (result == null) {
            return 1;
        }
        out.println("rendered " + router + ": revision " + result.files().revision());
        RouterIntent effective;
        try {
            effective = document.effective(router);
        } catch (IntentJsonException e) {
            // rendering it succeeded: cannot happen; the proof then names file lines instead of elements
            effective = null;
        }
        return PushCommand.pushFiles(result.files(), effective, rest, out, error);
    }
}
