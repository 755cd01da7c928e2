/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.rest;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.opendaylight.mdsal.dom.api.DOMSchemaService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.qslice.rest.RequestCheck.Encoding;
import org.qslice.rest.RestconfError.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A servlet filter in OpenDaylight's RESTCONF web context ({@code /rests}), registered through the OSGi HTTP
 * Whiteboard behind AAA's authentication filter (a lower service ranking runs later), that holds back a bad body
 * of a qslice RPC or data path and answers it with an RFC 8040 error ({@link RequestCheck}). Everything else, and
 * every body that passes, goes on to RESTCONF unchanged.
 *
 * <p>Guarded: {@code POST /rests/operations/qslice-*:*} (the full YANG parse of the input), and {@code PUT}, {@code
 * POST} and {@code PATCH} of {@code /rests/data/qslice-*:...} and {@code /rests/data/ietf-network:networks...} (the
 * qslice topology): size, UTF-8 and JSON syntax, RESTCONF parses those well itself.
 *
 * <p>Refused outright ({@code 403 access-denied}): {@code PUT}, {@code POST}, {@code PATCH} and {@code DELETE} of
 * {@code /rests/data/qslice-slice:slices} and {@code /rests/data/qslice-slice:journal} and below: the orchestrator
 * alone maintains them.
 */
@Component(service = Filter.class, configurationPid = "org.qslice.rest", property = {
    "osgi.http.whiteboard.filter.name=qslice-request-guard",
    "osgi.http.whiteboard.filter.pattern=/*",
    "osgi.http.whiteboard.filter.asyncSupported=true",
    "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=RESTCONF)",
    // after AAA's filter (ranking 0): unauthenticated requests get their 401 first
    "service.ranking:Integer=-1000"
})
@Designate(ocd = RequestGuard.Configuration.class)
public final class RequestGuard implements Filter {
    /**
     * Configuration ({@code etc/org.qslice.rest.cfg}).
     */
    @ObjectClassDefinition(name = "qslice RESTCONF request guard")
    public @interface Configuration {
        /**
         * Whether bodies are checked at all.
         *
         * @return false passes every request to RESTCONF unchecked (to reproduce RESTCONF's own answers)
         */
        @AttributeDefinition(description = "check the bodies of qslice's RESTCONF paths (false: pass everything "
            + "to RESTCONF unchecked)")
        boolean enabled() default true;

        /**
         * Largest RPC input.
         *
         * @return bytes
         */
        @AttributeDefinition(description = "largest body of a qslice RPC, bytes (larger: 413)", min = "1")
        long max$_$operation$_$body$_$bytes() default 1L << 20;

        /**
         * Largest data body.
         *
         * @return bytes
         */
        @AttributeDefinition(description = "largest body of a qslice data path (the topology), bytes (larger: 413)",
            min = "1")
        long max$_$data$_$body$_$bytes() default 32L << 20;
    }

    private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);
    private static final String OPERATIONS = "/operations/";
    private static final String DATA = "/data/";
    private static final List<String> ORCHESTRATOR_OWNED = List.of("qslice-slice:slices",
        "qslice-slice:journal");

    private final RequestCheck check;
    private final boolean enabled;

    /**
     * Creates the guard.
     *
     * @param schema the controller's model
     * @param configuration the limits
     */
    @Activate
    public RequestGuard(@Reference final DOMSchemaService schema, final Configuration configuration) {
        this(new RequestCheck(requireNonNull(schema)::getGlobalContext, new RequestCheck.Limits(
            configuration.max$_$operation$_$body$_$bytes(), configuration.max$_$data$_$body$_$bytes())),
            configuration.enabled());
    }

    /**
     * Creates the guard around a check.
     *
     * @param check the check
     * @param enabled false: pass every request on unchecked
     */
    public RequestGuard(final RequestCheck check, final boolean enabled) {
        this.check = requireNonNull(check);
        this.enabled = enabled;
        if (enabled) {
            LOG.info("qslice RESTCONF request guard active: RPC bodies up to {} bytes, data bodies up to {} bytes",
                check.limits().maxOperationBody(), check.limits().maxDataBody());
        } else {
            LOG.warn("qslice RESTCONF request guard disabled (org.qslice.rest enabled=false): bad bodies reach "
                + "RESTCONF unchecked");
        }
    }

    @Override
    public void init(final FilterConfig filterConfig) {
        // nothing to set up
    }

    @Override
    public void destroy() {
        // nothing held
    }

    @Override
    public void doFilter(final ServletRequest request, final ServletResponse response, final FilterChain chain)
            throws IOException, ServletException {
        if (!enabled || !(request instanceof HttpServletRequest http)
                || !(response instanceof HttpServletResponse out)) {
            chain.doFilter(request, response);
            return;
        }
        final Optional<Rejection> owned = ownedByOrchestrator(http);
        if (owned.isPresent()) {
            reject(http, out, Encoding.of(http.getContentType()).orElse(Encoding.JSON), owned.orElseThrow());
            return;
        }
        final Optional<Target> target = Target.of(http);
        if (target.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        final Optional<Encoding> encoding = Encoding.of(http.getContentType());
        if (encoding.isEmpty()) {
            reject(http, out, Encoding.JSON, Rejection.of(415, new RestconfError("protocol", "invalid-value", null,
                "Content-Type " + http.getContentType() + " is not accepted here: send application/yang-data+json "
                    + "or application/yang-data+xml")));
            return;
        }
        final long limit = target.orElseThrow().operation() != null ? check.limits().maxOperationBody()
            : check.limits().maxDataBody();
        Optional<Rejection> rejection = RequestCheck.size(http.getContentLengthLong(), limit);
        Optional<byte[]> body = Optional.empty();
        if (rejection.isEmpty()) {
            body = read(http.getInputStream(), limit);
            final String operation = target.orElseThrow().operation();
            rejection = body.isEmpty() ? RequestCheck.size(limit + 1, limit)
                : operation != null ? check.operation(operation, encoding.orElseThrow(), body.orElseThrow())
                    : check.data(http.getMethod(), isYangPatch(http) ? "" : Target.rawDataPath(http),
                        encoding.orElseThrow(), body.orElseThrow());
        }
        if (rejection.isPresent()) {
            reject(http, out, encoding.orElseThrow(), rejection.orElseThrow());
            return;
        }
        chain.doFilter(new BufferedRequest(http, body.orElseThrow()), response);
    }

    /**
     * Refuses a client's write to the data the orchestrator alone maintains: the slices (changed through the
     * {@code qslice-slice} RPCs) and the provisioning journal. Reads pass.
     */
    static Optional<Rejection> ownedByOrchestrator(final HttpServletRequest request) {
        final String method = request.getMethod();
        if (!"PUT".equals(method) && !"POST".equals(method) && !"PATCH".equals(method) && !"DELETE".equals(method)) {
            return Optional.empty();
        }
        final String uri = request.getRequestURI();
        if (uri == null) {
            return Optional.empty();
        }
        final String context = request.getContextPath();
        final String path = Target.decode(context != null && uri.startsWith(context)
            ? uri.substring(context.length()) : uri);
        for (String owned : ORCHESTRATOR_OWNED) {
            final String prefix = DATA + owned;
            if (path.equals(prefix) || path.startsWith(prefix + "/") || path.startsWith(prefix + "=")
                    || path.startsWith(prefix + "?")) {
                return Optional.of(Rejection.of(403, new RestconfError("protocol", "access-denied", "/" + owned,
                    owned + " is maintained by the qslice orchestrator alone: " + method + " is refused. Change "
                        + "slices with the qslice-slice RPCs (create-slice, activate-slice, deactivate-slice, "
                        + "delete-slice); reads are allowed")));
            }
        }
        return Optional.empty();
    }

    private static void reject(final HttpServletRequest request, final HttpServletResponse response,
            final Encoding encoding, final Rejection rejection) throws IOException {
        LOG.debug("refused {} {}: {}", request.getMethod(), request.getRequestURI(), rejection);
        final boolean xml = encoding == Encoding.XML || acceptsOnlyXml(request.getHeader("Accept"));
        final byte[] body = (xml ? rejection.xml() : rejection.json()).getBytes(StandardCharsets.UTF_8);
        response.setStatus(rejection.status());
        response.setContentType(xml ? "application/yang-data+xml" : "application/yang-data+json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        if (rejection.status() == 413) {
            // the rest of an oversize body is not read: the client must not reuse the connection
            response.setHeader("Connection", "close");
        }
        response.getOutputStream().write(body);
    }

    // a YANG Patch body (RFC 8072) is not data of the target: only its size, UTF-8 and syntax are checked
    private static boolean isYangPatch(final HttpServletRequest request) {
        final String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).contains("yang-patch");
    }

    private static boolean acceptsOnlyXml(final String accept) {
        return accept != null && accept.contains("xml") && !accept.contains("json");
    }

    // reads at most limit bytes; empty if there is more
    private static Optional<byte[]> read(final InputStream in, final long limit) throws IOException {
        final var out = new ByteArrayOutputStream();
        final byte[] buffer = new byte[8192];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > limit) {
                return Optional.empty();
            }
            out.write(buffer, 0, read);
        }
        return Optional.of(out.toByteArray());
    }

    /**
     * What a request addresses: a qslice RPC ({@code operation} set) or a qslice data path.
     *
     * @param operation {@code module:rpc}, or null for a data path
     */
    record Target(String operation) {
        static Optional<Target> of(final HttpServletRequest request) {
            final String method = request.getMethod();
            final String uri = request.getRequestURI();
            final String context = request.getContextPath();
            if (uri == null) {
                return Optional.empty();
            }
            final String path = decode(context != null && uri.startsWith(context) ? uri.substring(context.length())
                : uri);
            return of(method, path);
        }

        static Optional<Target> of(final String method, final String path) {
            if ("POST".equals(method) && path.startsWith(OPERATIONS)) {
                final String operation = path.substring(OPERATIONS.length());
                return operation.startsWith("qslice-") ? Optional.of(new Target(operation)) : Optional.empty();
            }
            if (("PUT".equals(method) || "POST".equals(method) || "PATCH".equals(method))
                    && path.startsWith(DATA)) {
                final String first = path.substring(DATA.length());
                if (first.startsWith("qslice-") || first.startsWith("ietf-network:networks")) {
                    return Optional.of(new Target(null));
                }
            }
            return Optional.empty();
        }

        // the data path below /data/ as sent (percent-encoded), without the query
        static String rawDataPath(final HttpServletRequest request) {
            final String uri = request.getRequestURI();
            final String context = request.getContextPath();
            final String path = context != null && uri.startsWith(context) ? uri.substring(context.length()) : uri;
            final int at = path.indexOf(DATA);
            return at < 0 ? "" : path.substring(at + DATA.length());
        }

        static String decode(final String path) {
            try {
                return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return path;
            }
        }
    }

    /**
     * The request with its body already read.
     */
    private static final class BufferedRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedRequest(final HttpServletRequest request, final byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            final var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(final byte[] buffer, final int offset, final int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(final ReadListener listener) {
                    throw new IllegalStateException("the body is already read: use blocking reads");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(new ByteArrayInputStream(body),
                StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
