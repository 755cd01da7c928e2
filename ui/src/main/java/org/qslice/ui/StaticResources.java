/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.ui;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Serves the page's static files from the bundle ({@value #ROOT}/ on the class path): {@code GET} and {@code HEAD}
 * only, a fixed set of media types, no directory listing and no path outside {@value #ROOT}. The context root
 * redirects to its trailing-slash form so that the page's relative links resolve; {@code /} is {@code index.html}.
 */
final class StaticResources extends HttpServlet {
    /** Where the files are in the bundle. */
    static final String ROOT = "qslice-ui";

    private static final long serialVersionUID = 1L;
    private static final Pattern SAFE_NAME = Pattern.compile("(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*"
        + "[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Map<String, String> MEDIA_TYPES = Map.of(
        "html", "text/html; charset=utf-8",
        "js", "text/javascript; charset=utf-8",
        "css", "text/css; charset=utf-8",
        "json", "application/json",
        "svg", "image/svg+xml",
        "png", "image/png");
    // the page talks to RESTCONF on the same origin only, loads nothing from elsewhere and is never framed
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
        + "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'";

    private final String contextPath;

    StaticResources(final String contextPath) {
        this.contextPath = requireNonNull(contextPath);
    }

    @Override
    protected void doGet(final HttpServletRequest request, final HttpServletResponse response) throws IOException {
        final String path = request.getPathInfo();
        if (path == null || path.isEmpty()) {
            response.sendRedirect(contextPath + "/");
            return;
        }
        final Optional<String> name = resourceName(path);
        final String type = name.map(StaticResources::mediaType).orElse(null);
        if (type == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        final ClassLoader loader = StaticResources.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(ROOT + "/" + name.orElseThrow())) {
            if (in == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            final byte[] body = in.readAllBytes();
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(type);
            response.setContentLength(body.length);
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            if (!"HEAD".equals(request.getMethod())) {
                response.getOutputStream().write(body);
            }
        }
    }

    /**
     * Maps a request path below the context to a file name under {@value #ROOT}.
     *
     * @param path the path info, starting with {@code /}
     * @return the file name, or empty for anything that is not a plain relative file name
     */
    static Optional<String> resourceName(final String path) {
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        final String name = "/".equals(path) ? "index.html" : path.substring(1);
        return SAFE_NAME.matcher(name).matches() && !name.contains("..") ? Optional.of(name) : Optional.empty();
    }

    private static String mediaType(final String name) {
        final int dot = name.lastIndexOf('.');
        return dot < 0 ? null : MEDIA_TYPES.get(name.substring(dot + 1));
    }
}
