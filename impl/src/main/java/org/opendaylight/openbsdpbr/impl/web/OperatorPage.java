/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.web;

import javax.servlet.ServletException;
import org.opendaylight.aaa.web.FilterDetails;
import org.opendaylight.aaa.web.ResourceDetails;
import org.opendaylight.aaa.web.WebContext;
import org.opendaylight.aaa.web.WebContextSecurer;
import org.opendaylight.aaa.web.WebServer;
import org.opendaylight.yangtools.concepts.Registration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the operator page with AAA's web server, the way netconf registers its OpenAPI explorer
 * ({@code restconf-openapi}'s {@code WebInitializer}): a web context at {@value #CONTEXT_PATH} on the port RESTCONF
 * serves ({@code http://HOST:8181/openbsd-pbr/}), whose every path needs the same login as RESTCONF
 * ({@link WebContextSecurer#requireAuthentication}), serving this bundle's {@value #BUNDLE_DIRECTORY} directory.
 *
 * <p>Why static files and no servlet of our own: the page is a RESTCONF client like curl or the CLI, so whatever it
 * shows is what RESTCONF gives any client (status, RPC answers, errors with the element named, secrets sealed or
 * masked), and a user the controller's AAA refuses gets nothing, page included. Same origin only: the page's scripts
 * may talk to nothing but this origin (see {@link PageHeaders}).
 */
@Component(service = { })
public final class OperatorPage implements AutoCloseable {
    /** Where the page is served, relative to the web server's root. */
    public static final String CONTEXT_PATH = "/openbsd-pbr";
    /** The directory of this bundle that holds the page's files. */
    public static final String BUNDLE_DIRECTORY = "/operator-page";
    /** The web context's name (an OSGi symbolic name, as AAA's whiteboard server requires). */
    static final String CONTEXT_NAME = "openbsd-pbr-operator-page";

    private static final Logger LOG = LoggerFactory.getLogger(OperatorPage.class);

    private final Registration registration;

    @Activate
    public OperatorPage(@Reference final WebServer webServer, @Reference final WebContextSecurer securer)
            throws ServletException {
        registration = webServer.registerWebContext(webContext(securer));
        LOG.info("operator page served at {}/", CONTEXT_PATH);
    }

    /**
     * The page's web context. AAA's filter comes first, so a request without valid credentials is refused before
     * anything of the page is looked at; then {@link PageHeaders}; then the files.
     */
    static WebContext webContext(final WebContextSecurer securer) {
        final var builder = WebContext.builder()
            .name(CONTEXT_NAME)
            .contextPath(CONTEXT_PATH)
            // RESTCONF is stateless (HTTP Basic on every request); the page keeps no server-side session either
            .supportsSessions(false);
        securer.requireAuthentication(builder, "/*");
        return builder
            .addFilter(FilterDetails.builder().name("openbsd-pbr-page-headers").filter(new PageHeaders())
                .addUrlPattern("/*").build())
            .addResource(ResourceDetails.builder().name(BUNDLE_DIRECTORY).alias("/").build())
            .build();
    }

    @Override
    @Deactivate
    public void close() {
        registration.close();
    }
}
