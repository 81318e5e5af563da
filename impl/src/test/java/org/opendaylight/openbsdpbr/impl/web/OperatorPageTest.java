/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.ArrayList;
import java.util.List;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.RequestDispatcher;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.opendaylight.aaa.web.FilterDetails;
import org.opendaylight.aaa.web.WebContext;
import org.opendaylight.aaa.web.WebContextSecurer;
import org.opendaylight.aaa.web.WebServer;
import org.opendaylight.yangtools.concepts.Registration;

/** The web context the page is registered with, and its front door. */
class OperatorPageTest {
    /** Stands in for AAA's securer: adds a filter over the patterns, as ShiroWebContextSecurer does. */
    private static final class RecordingSecurer implements WebContextSecurer {
        final Filter login = mock(Filter.class);
        final List<String> patterns = new ArrayList<>();

        @Override
        public void requireAuthentication(final WebContext.Builder builder, final boolean asyncSupported,
                final String... urlPatterns) {
            patterns.addAll(List.of(urlPatterns));
            final var filter = FilterDetails.builder().filter(login);
            patterns.forEach(filter::addUrlPattern);
            builder.addFilter(filter.build());
        }
    }

    @Test
    void everyPathNeedsTheLoginBeforeAnythingElseRuns() {
        final var securer = new RecordingSecurer();
        final WebContext context = OperatorPage.webContext(securer);
        assertThat(context.contextPath()).isEqualTo("/openbsd-pbr");
        assertThat(securer.patterns).containsExactly("/*");
        // AAA's filter first: the page's own filter and its files only see authenticated requests
        assertThat(context.filters()).hasSize(2);
        assertThat(context.filters().get(0).filter()).isSameAs(securer.login);
        assertThat(context.filters().get(0).urlPatterns()).containsExactly("/*");
        assertThat(context.filters().get(1).filter()).isInstanceOf(PageHeaders.class);
        assertThat(context.resources()).singleElement().satisfies(resource -> {
            assertThat(resource.name()).isEqualTo("/operator-page");
            assertThat(resource.alias()).isEqualTo("/");
        });
        assertThat(context.servlets()).isEmpty();
        assertThat(context.supportsSessions()).isFalse();
        assertThat(OperatorPage.class.getResource(OperatorPage.BUNDLE_DIRECTORY + PageHeaders.INDEX)).isNotNull();
    }

    @Test
    void registersWithTheWebServerAndUnregistersOnClose() throws Exception {
        final WebServer server = mock(WebServer.class);
        final Registration registration = mock(Registration.class);
        doReturn(registration).when(server).registerWebContext(any());
        try (var page = new OperatorPage(server, new RecordingSecurer())) {
            verify(server).registerWebContext(any());
            verify(registration, never()).close();
        }
        verify(registration).close();
    }

    @Test
    void theContextRootAnswersWithTheIndexAndEveryAnswerCarriesThePolicy() throws Exception {
        final var filter = new PageHeaders();
        final HttpServletRequest root = request("", "/");
        final HttpServletResponse response = mock(HttpServletResponse.class);
        final RequestDispatcher dispatcher = mock(RequestDispatcher.class);
        doReturn(dispatcher).when(root).getRequestDispatcher("/index.html");
        final FilterChain chain = mock(FilterChain.class);
        filter.doFilter(root, response, chain);
        verify(dispatcher).forward(root, response);
        verify(chain, never()).doFilter(any(), any());
        verify(response).setHeader("Content-Security-Policy", PageHeaders.CONTENT_SECURITY_POLICY);
        verify(response).setHeader("X-Content-Type-Options", "nosniff");

        final HttpServletRequest file = request("/js", "/main.js");
        final HttpServletResponse fileResponse = mock(HttpServletResponse.class);
        filter.doFilter(file, fileResponse, chain);
        verify(chain).doFilter(file, fileResponse);
        verify(fileResponse).setHeader("Content-Security-Policy", PageHeaders.CONTENT_SECURITY_POLICY);
        assertThat(PageHeaders.CONTENT_SECURITY_POLICY).contains("script-src 'self'").contains("connect-src 'self'")
            .doesNotContain("unsafe");
    }

    @Test
    void onlyTheContextRootIsTheContextRoot() {
        assertThat(PageHeaders.isContextRoot(request("", null))).isTrue();
        assertThat(PageHeaders.isContextRoot(request("", "/"))).isTrue();
        assertThat(PageHeaders.isContextRoot(request("/", null))).isTrue();
        assertThat(PageHeaders.isContextRoot(request("", "/index.html"))).isFalse();
        assertThat(PageHeaders.isContextRoot(request("/js", "/main.js"))).isFalse();
    }

    private static HttpServletRequest request(final String servletPath, final String pathInfo) {
        final HttpServletRequest request = mock(HttpServletRequest.class);
        doReturn(servletPath).when(request).getServletPath();
        doReturn(pathInfo).when(request).getPathInfo();
        return request;
    }
}
