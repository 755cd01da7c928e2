/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.etsi;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.SslHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes ETSI GS QKD 014 requests to an {@link Etsi014Backend}: parses the path, the query and the JSON body,
 * authenticates the caller by its client certificate's common name, and runs the backend call on the worker
 * executor. Responses are JSON; errors are {@code {"message", "details"}} with 400, 401, 404, 405, 414, 429 (with
 * {@code Retry-After}: the SAE passed its request rate), 431 or 503.
 */
final class Etsi014Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(Etsi014Handler.class);
    private static final String PREFIX = "/api/v1/keys/";
    private static final Pattern SAE_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
    private static final Set<String> ENC_PARAMETERS = Set.of("number", "size");
    private static final Set<String> DEC_PARAMETERS = Set.of("key_ID");

    private final Etsi014Backend backend;
    private final Executor worker;
    private final ConnectionGuard guard;
    private final SaeIdentity identity;

    Etsi014Handler(final Etsi014Backend backend, final Executor worker, final ConnectionGuard guard,
            final SaeIdentity identity) {
        this.backend = requireNonNull(backend);
        this.worker = requireNonNull(worker);
        this.guard = requireNonNull(guard);
        this.identity = requireNonNull(identity);
    }

    private record Route(String sae, String operation) {
    }

    /**
     * A response body; a secret one (keys) is zeroed once written.
     */
    private record Body(byte[] bytes, boolean secret) {
    }

    @FunctionalInterface
    private interface Call {
        Body respond() throws Etsi014Exception, IOException;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request) {
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            // Netty marks a request it could not decode (over-long line or headers, bad syntax): answer it as such,
            // never route it, and close the connection (the rest of the request is not read)
            final Throwable cause = request.decoderResult().cause();
            final int status = cause instanceof TooLongHttpLineException ? 414
                : cause instanceof TooLongHttpHeaderException ? 431 : 400;
            error(ctx, false, new Etsi014Exception(status, status == 414 ? "request line too long"
                : status == 431 ? "request headers too large" : "malformed HTTP request", String.valueOf(
                    cause == null ? "" : cause.getMessage())));
            return;
        }
        final Call call;
        try {
            final long wait = guard.admitRequest(callerSaeId(ctx));
            if (wait > 0) {
                throttled(ctx, keepAlive, wait);
                return;
            }
            call = parse(ctx, request);
        } catch (Etsi014Exception e) {
            error(ctx, keepAlive, e);
            return;
        }
        try {
            worker.execute(() -> run(ctx, keepAlive, call));
        } catch (RejectedExecutionException e) {
            error(ctx, keepAlive, new Etsi014Exception(Etsi014Exception.UNAVAILABLE, "server is shutting down", "",
                e));
        }
    }

    private Call parse(final ChannelHandlerContext ctx, final FullHttpRequest request) throws Etsi014Exception {
        final var decoder = new QueryStringDecoder(request.uri(), StandardCharsets.UTF_8);
        final Route route = route(decoder.path());
        final HttpMethod method = request.method();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.POST.equals(method)) {
            throw new Etsi014Exception(405, "method " + method + " not allowed", "use GET or POST");
        }
        final String caller = callerSaeId(ctx);
        final String sae = route.sae();
        final Map<String, List<String>> query = decoder.parameters();
        return switch (route.operation()) {
            case "status" -> {
                checkParameters(query, Set.of());
                yield () -> {
                    final var out = new ByteArrayOutputStream();
                    Etsi014Json.writeStatus(out, backend.status(caller, sae));
                    return new Body(out.toByteArray(), false);
                };
            }
            case "enc_keys" -> {
                final KeyRequest keyRequest;
                if (HttpMethod.POST.equals(method)) {
                    checkParameters(query, Set.of());
                    keyRequest = Etsi014Json.parseKeyRequest(utf8(request));
                } else {
                    checkParameters(query, ENC_PARAMETERS);
                    keyRequest = KeyRequest.of(intParameter(query, "number", 1), intParameter(query, "size", 0));
                    if (query.containsKey("size") && keyRequest.size() < 1) {
                        throw Etsi014Exception.badRequest("size must be a positive number of bits", "size");
                    }
                }
                if (keyRequest.number() < 1) {
                    throw Etsi014Exception.badRequest("number must be at least 1", "number");
                }
                yield () -> new Body(Etsi014Json.keysBody(backend.encKeys(caller, sae, keyRequest)), true);
            }
            case "dec_keys" -> {
                final List<UUID> ids;
                if (HttpMethod.POST.equals(method)) {
                    checkParameters(query, Set.of());
                    ids = Etsi014Json.parseKeyIds(utf8(request));
                } else {
                    checkParameters(query, DEC_PARAMETERS);
                    final List<String> values = query.get("key_ID");
                    if (values == null || values.size() != 1) {
                        throw Etsi014Exception.badRequest("exactly one key_ID parameter is required", "key_ID");
                    }
                    ids = List.of(Etsi014Json.parseUuid(values.get(0)));
                }
                yield () -> new Body(Etsi014Json.keysBody(backend.decKeys(caller, sae, ids)), true);
            }
            default -> throw new Etsi014Exception(404, "no such resource", decoder.path());
        };
    }

    private static Route route(final String path) throws Etsi014Exception {
        if (!path.startsWith(PREFIX)) {
            throw new Etsi014Exception(404, "no such resource", path);
        }
        final String rest = path.substring(PREFIX.length());
        final int slash = rest.indexOf('/');
        if (slash <= 0 || rest.indexOf('/', slash + 1) >= 0) {
            throw new Etsi014Exception(404, "no such resource", path);
        }
        final String sae = QueryStringDecoder.decodeComponent(rest.substring(0, slash), StandardCharsets.UTF_8);
        if (!SAE_ID.matcher(sae).matches()) {
            throw Etsi014Exception.badRequest("SAE_ID in the path is malformed", "SAE_ID");
        }
        return new Route(sae, rest.substring(slash + 1));
    }

    private static void checkParameters(final Map<String, List<String>> query, final Set<String> allowed)
            throws Etsi014Exception {
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                throw Etsi014Exception.badRequest("unknown query parameter " + entry.getKey(), entry.getKey());
            }
            if (entry.getValue().size() != 1) {
                throw Etsi014Exception.badRequest("query parameter " + entry.getKey() + " given more than once",
                    entry.getKey());
            }
        }
    }

    // a body must be UTF-8 (RFC 8259): invalid bytes are refused, never replaced before a key is looked up
    private static String utf8(final FullHttpRequest request) throws Etsi014Exception {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(request.content().nioBuffer())
                .toString();
        } catch (CharacterCodingException e) {
            throw Etsi014Exception.badRequest("request body is not valid UTF-8", "body", e);
        }
    }

    private static int intParameter(final Map<String, List<String>> query, final String name, final int absent)
            throws Etsi014Exception {
        final List<String> values = query.get(name);
        if (values == null) {
            return absent;
        }
        try {
            return Integer.parseInt(values.get(0));
        } catch (NumberFormatException e) {
            throw Etsi014Exception.badRequest(name + " must be an integer", name, e);
        }
    }

    /**
     * The caller's SAE id from the verified client certificate: its common name, or a SAN URI (see
     * {@link SaeIdentity}).
     */
    private String callerSaeId(final ChannelHandlerContext ctx) throws Etsi014Exception {
        final SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null) {
            throw Etsi014Exception.unauthorized("no TLS session", "");
        }
        final Certificate[] chain;
        try {
            chain = ssl.engine().getSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            throw new Etsi014Exception(Etsi014Exception.UNAUTHORIZED, "no client certificate", "", e);
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
            throw Etsi014Exception.unauthorized("no client certificate", "");
        }
        try {
            return identity.saeId(cert);
        } catch (IllegalArgumentException e) {
            throw new Etsi014Exception(Etsi014Exception.UNAUTHORIZED, e.getMessage(), "", e);
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private static void run(final ChannelHandlerContext ctx, final boolean keepAlive, final Call call) {
        // any failure of the backend must still answer the request (503), not leave the client waiting
        final Body body;
        try {
            body = call.respond();
        } catch (Etsi014Exception e) {
            error(ctx, keepAlive, e);
            return;
        } catch (IOException | RuntimeException e) {
            LOG.warn("ETSI 014 request failed", e);
            error(ctx, keepAlive, new Etsi014Exception(Etsi014Exception.UNAVAILABLE, "internal error", "", e));
            return;
        }
        final ChannelFuture written = send(ctx, keepAlive, HttpResponseStatus.OK, Unpooled.wrappedBuffer(
            body.bytes()));
        if (body.secret()) {
            // the keys' Base64 lives in this array only (no pooled copy); zero it once the write is done or failed
            written.addListener(done -> Arrays.fill(body.bytes(), (byte) 0));
        }
    }

    private void throttled(final ChannelHandlerContext ctx, final boolean keepAlive, final long retryAfterSeconds) {
        final ByteBuf body = ctx.alloc().buffer();
        try (var out = new ByteBufOutputStream(body)) {
            Etsi014Json.writeError(out, "too many requests", "this SAE may send " + guard.limits()
                .saeRequestsPerSecond() + " requests per second; retry after " + retryAfterSeconds + " s");
        } catch (IOException e) {
            LOG.debug("error body incomplete", e);
        }
        final FullHttpResponse response = response(keepAlive, HttpResponseStatus.TOO_MANY_REQUESTS, body);
        response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
        write(ctx, keepAlive, response);
    }

    private static void error(final ChannelHandlerContext ctx, final boolean keepAlive, final Etsi014Exception error) {
        final ByteBuf body = ctx.alloc().buffer();
        try (var out = new ByteBufOutputStream(body)) {
            Etsi014Json.writeError(out, error.getMessage(), error.details());
        } catch (IOException e) {
            // cannot happen with a heap buffer; send what was written
            LOG.debug("error body incomplete", e);
        }
        send(ctx, keepAlive, HttpResponseStatus.valueOf(error.status()), body);
    }

    private static ChannelFuture send(final ChannelHandlerContext ctx, final boolean keepAlive,
            final HttpResponseStatus status, final ByteBuf body) {
        return write(ctx, keepAlive, response(keepAlive, status, body));
    }

    private static FullHttpResponse response(final boolean keepAlive, final HttpResponseStatus status,
            final ByteBuf body) {
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
            .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return response;
    }

    private static ChannelFuture write(final ChannelHandlerContext ctx, final boolean keepAlive,
            final FullHttpResponse response) {
        final ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
        return written;
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
        LOG.debug("ETSI 014 connection {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
