/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.web;

import java.io.IOException;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The operator page's response headers, and its front door.
 *
 * <ul>
 *   <li>A Content-Security-Policy that lets the page load scripts, styles and data from its own origin only, run no
 *       inline script and sit in no frame: whatever text a router or an operator put into the datastore (descriptions,
 *       labels, error messages) can at worst be shown, never run, and nothing can be sent elsewhere.</li>
 *   <li>{@code Cache-Control: no-cache}: a browser revalidates the files, so a new bundle's page is used at once.</li>
 *   <li>The context root ({@code /openbsd-pbr/}) answers with {@value #INDEX}: the OSGi HTTP whiteboard has no welcome
 *       files, and the address an operator types should be the short one.</li>
 * </ul>
 */
final class PageHeaders implements Filter {
    /** The page's entry point, relative to the context. */
    static final String INDEX = "/index.html";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
        + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
        + "frame-ancestors 'none'";

    @Override
    public void init(final FilterConfig filterConfig) {
        // nothing to configure
    }

    @Override
    public void doFilter(final ServletRequest request, final ServletResponse response, final FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer) {
            answer.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            answer.setHeader("X-Content-Type-Options", "nosniff");
            answer.setHeader("Referrer-Policy", "no-referrer");
            answer.setHeader("Cache-Control", "no-cache");
            if (isContextRoot(http)) {
                request.getRequestDispatcher(INDEX).forward(request, response);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The request names the context itself ({@code /openbsd-pbr/}), not a file in it. */
    static boolean isContextRoot(final HttpServletRequest request) {
        final String servletPath = request.getServletPath();
        final String pathInfo = request.getPathInfo();
        final String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        return path.isEmpty() || "/".equals(path);
    }

    @Override
    public void destroy() {
        // nothing held
    }
}
