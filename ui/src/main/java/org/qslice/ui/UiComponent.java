/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.ui;

import javax.servlet.ServletException;
import org.opendaylight.aaa.web.ServletDetails;
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
 * Registers the web view's context ({@value #CONTEXT_PATH}) with OpenDaylight's web server and secures all of it
 * with AAA, like RESTCONF's own context: a request without valid credentials gets {@code 401}.
 */
@Component(service = { })
public final class UiComponent implements AutoCloseable {
    /** Where the page is served, on the RESTCONF port. */
    public static final String CONTEXT_PATH = "/qslice/ui";

    private static final Logger LOG = LoggerFactory.getLogger(UiComponent.class);

    private final Registration registration;

    /**
     * Registers the context.
     *
     * @param webServer OpenDaylight's web server (this bundle's instance)
     * @param securer AAA's authentication for web contexts
     * @throws ServletException if the web server refuses the context
     */
    @Activate
    public UiComponent(@Reference final WebServer webServer, @Reference final WebContextSecurer securer)
            throws ServletException {
        final var context = WebContext.builder()
            .name("qslice-ui")
            .contextPath(CONTEXT_PATH)
            .supportsSessions(false)
            .addServlet(ServletDetails.builder()
                .name("qslice-ui-resources")
                .servlet(new StaticResources(CONTEXT_PATH))
                .addUrlPattern("/*")
                .build());
        securer.requireAuthentication(context, "/*");
        registration = webServer.registerWebContext(context.build());
        LOG.info("qslice web view at {}{}/", webServer.getBaseURL(), CONTEXT_PATH);
    }

    @Deactivate
    @Override
    public void close() {
        registration.close();
    }
}
