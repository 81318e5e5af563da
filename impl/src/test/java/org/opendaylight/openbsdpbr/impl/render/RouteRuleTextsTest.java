/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A policy route's kept text is byte for byte what the renderer writes anew: random intents rendered with nothing
 * kept, then again (each with its own routes kept) and again in reverse order (the table holding the routes of many
 * routers at once), give the same files and lints every time.
 */
class RouteRuleTextsTest {
    private static final int CASES = 400;

    @AfterEach
    void forget() {
        Renderer.forgetRenderedRoutes();
    }

    @Test
    void keptTextsRenderTheSameFilesAsTextsWrittenAnew() {
        final List<RandomIntents.Case> cases = RandomIntents.cases(RandomIntents.baseSeed(), CASES)
            .filter(one -> one.mistake() == null).toList();
        assertThat(cases).hasSizeGreaterThan(CASES / 4);
        final List<RenderResult> fresh = new ArrayList<>();
        for (RandomIntents.Case one : cases) {
            Renderer.forgetRenderedRoutes();
            fresh.add(Renderer.render(one.effective()));
            // the second render of the same router takes its routes' texts from the table
            final RenderResult again = Renderer.render(one.effective());
            assertThat(again.files()).as(one.toString()).isEqualTo(fresh.getLast().files());
            assertThat(again.lints()).as(one.toString()).isEqualTo(fresh.getLast().lints());
        }
        Renderer.forgetRenderedRoutes();
        for (RandomIntents.Case one : cases) {
            Renderer.render(one.effective());
        }
        for (int i = cases.size() - 1; i >= 0; i--) {
            final RenderResult kept = Renderer.render(cases.get(i).effective());
            assertThat(kept.files()).as(cases.get(i).toString()).isEqualTo(fresh.get(i).files());
        }
    }

    @Test
    void aRouteIsKeptPerRoutingTable() {
        final RandomIntents.Case one = RandomIntents.cases(RandomIntents.baseSeed(), CASES)
            .filter(c -> c.mistake() == null && !c.effective().shared().policyRoutes().isEmpty())
            .findFirst().orElseThrow();
        final var route = one.effective().shared().policyRoutes().get(0);
        RouteRuleTexts.put(route, 7, "seven\n");
        assertThat(RouteRuleTexts.get(route, 7)).isEqualTo("seven\n");
        assertThat(RouteRuleTexts.get(route, 8)).isNull();
        Renderer.forgetRenderedRoutes();
        assertThat(RouteRuleTexts.get(route, 7)).isNull();
    }
}
