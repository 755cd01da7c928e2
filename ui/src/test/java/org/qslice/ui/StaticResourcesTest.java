/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StaticResourcesTest {
    private final StaticResources servlet = new StaticResources("/qslice/ui");

    @Test
    void theRootIsThePage() {
        assertEquals(Optional.of("index.html"), StaticResources.resourceName("/"));
        assertEquals(Optional.of("lib/cytoscape/cytoscape.min.js"),
            StaticResources.resourceName("/lib/cytoscape/cytoscape.min.js"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/../org/qslice/ui/UiComponent.class", "/lib/../../x.js", "/.hidden.js", "//app.js",
        "/lib//app.js", "/app.js/", "/a\\b.js", "/%2e%2e/x.js", "app.js", "/..", "/lib/./app.js" })
    void nothingOutsideThePagesFilesIsAName(final String path) {
        assertEquals(Optional.empty(), StaticResources.resourceName(path), path);
    }

    @Test
    void aFileIsServedWithItsTypeAndTheSecurityHeaders() throws IOException {
        final Served served = get("/app.js");
        verify(served.response).setStatus(200);
        verify(served.response).setContentType("text/javascript; charset=utf-8");
        verify(served.response).setHeader("X-Content-Type-Options", "nosniff");
        verify(served.response).setHeader(org.mockito.ArgumentMatchers.eq("Content-Security-Policy"),
            org.mockito.ArgumentMatchers.contains("default-src 'self'"));
        try (InputStream in = StaticResources.class.getClassLoader().getResourceAsStream("qslice-ui/app.js")) {
            assertArrayEquals(in.readAllBytes(), served.body.toByteArray());
        }
    }

    @Test
    void thePinnedGraphLibraryIsInTheBundle() throws IOException {
        final Served served = get("/lib/cytoscape/cytoscape.min.js");
        verify(served.response).setStatus(200);
        assertTrue(served.body.size() > 100_000, "cytoscape.min.js: " + served.body.size() + " bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/missing.js", "/org/qslice/ui/UiComponent.class", "/../LICENSE", "/LICENSE" })
    void anythingElseIsNotFound(final String path) throws IOException {
        final Served served = get(path);
        verify(served.response).sendError(404);
        verify(served.response, never()).setStatus(anyInt());
        assertEquals(0, served.body.size());
    }

    @Test
    void theContextRootRedirectsToItsSlashForm() throws IOException {
        final Served served = get(null);
        verify(served.response).sendRedirect("/qslice/ui/");
        verify(served.response, never()).setHeader(anyString(), anyString());
    }

    private Served get(final String pathInfo) throws IOException {
        final HttpServletRequest request = mock(HttpServletRequest.class);
        doReturn(pathInfo).when(request).getPathInfo();
        doReturn("GET").when(request).getMethod();
        final HttpServletResponse response = mock(HttpServletResponse.class);
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        doReturn(new ServletOutputStream() {
            @Override
            public void write(final int octet) {
                body.write(octet);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(final WriteListener listener) {
                // blocking only
            }
        }).when(response).getOutputStream();
        servlet.doGet(request, response);
        return new Served(response, body);
    }

    private record Served(HttpServletResponse response, ByteArrayOutputStream body) {
    }
}
