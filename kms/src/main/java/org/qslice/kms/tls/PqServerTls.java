/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.tls;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.bouncycastle.tls.NamedGroup;
import org.qslice.kms.etsi.Etsi014Server;
import org.qslice.kms.etsi.SaeIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS of the ETSI 014 server through Bouncy Castle's JSSE provider: TLS 1.3 with X25519MLKEM768 as the preferred
 * group (the server's order decides), mutual authentication, and per connection:
 * <pre>
 *   pq-gate (pq-only)  inbound: refuses a ClientHello without X25519MLKEM768 with a handshake_failure alert
 *   tls-observe        outbound: reads the selected group from the server's ServerHello / ServerKeyExchange
 *   tls                the SslHandler (a BCSSLEngine with the policy's named groups, server order)
 *   tls-record         on handshake completion: records the group in {@link NegotiatedGroups}; under pq-only it
 *                      closes a connection that negotiated anything else
 * </pre>
 * The JDK's own TLS server (SunJSSE, JDK 25) does not negotiate X25519MLKEM768, hence the provider.
 */
public final class PqServerTls implements Etsi014Server.ServerTls {
    private static final Logger LOG = LoggerFactory.getLogger(PqServerTls.class);
    // BC JSSE logs every connection at INFO through java.util.logging ("accepting connection", "established
    // connection", "disconnected"): two to three lines per ETSI 014 request in karaf.log. Its loggers are held here
    // (a JUL logger's level lives only as long as a strong reference to it) and cut at WARNING; failures still log.
    private static final java.util.logging.Logger BC_JSSE_LOG = quiet("org.bouncycastle.jsse");
    private static final java.util.logging.Logger BC_TLS_LOG = quiet("org.bouncycastle.tls");
    // one provider for the bundle's lifetime: BC's JCA provider does the cryptography, the JDK's is not asked
    private static final Provider JSSE = new BouncyCastleJsseProvider(new BouncyCastleProvider());
    // TLS 1.2 alert record: fatal (2), handshake_failure (40)
    private static final byte[] HANDSHAKE_FAILURE_ALERT = { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28 };

    private final SslContext context;
    private final SaeIdentity identity;
    private final TlsGroupPolicy policy;
    private final NegotiatedGroups record;
    private final String[] namedGroups;

    private static java.util.logging.Logger quiet(final String name) {
        final var logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    private PqServerTls(final SslContext context, final NegotiatedGroups record, final SaeIdentity identity) {
        this.context = context;
        this.identity = identity;
        this.record = record;
        this.policy = record.policy();
        this.namedGroups = policy.namedGroups().toArray(new String[0]);
    }

    /**
     * Builds the server TLS.
     *
     * @param key server private key
     * @param chain server certificate chain, leaf first
     * @param anchors CA certificates client certificates must chain to
     * @param record where handshakes are recorded; its policy decides the groups
     * @return the server TLS
     * @throws SSLException if the context cannot be built
     */
    public static PqServerTls create(final PrivateKey key, final List<X509Certificate> chain,
            final List<X509Certificate> anchors, final NegotiatedGroups record) throws SSLException {
        final TrustManagerFactory trust;
        try {
            final KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, new char[0]);
            int index = 0;
            for (X509Certificate anchor : anchors) {
                store.setCertificateEntry("ca" + index++, anchor);
            }
            trust = TrustManagerFactory.getInstance("PKIX");
            trust.init(store);
        } catch (GeneralSecurityException | IOException e) {
            throw new SSLException("cannot hold the CA certificates for TLS", e);
        }
        return create(key, chain, (X509TrustManager) trust.getTrustManagers()[0], SaeIdentity.COMMON_NAME, record);
    }

    /**
     * Builds the server TLS with the operator's trust: which client certificates are accepted (CAs, CRL) and how
     * the SAE id is read from them.
     *
     * @param key server private key
     * @param chain server certificate chain, leaf first
     * @param clients decides about client certificates; its accepted issuers are named in the certificate request
     * @param identity how the SAE id is read from a client certificate
     * @param record where handshakes are recorded; its policy decides the groups
     * @return the server TLS
     * @throws SSLException if the context cannot be built
     */
    public static PqServerTls create(final PrivateKey key, final List<X509Certificate> chain,
            final X509TrustManager clients, final SaeIdentity identity, final NegotiatedGroups record)
            throws SSLException {
        final KeyManagerFactory keyManagers;
        try {
            // the provider's own key manager: it chooses credentials by the signature schemes BC negotiates
            final char[] password = new char[0];
            final KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, password);
            store.setKeyEntry("server", key, password, chain.toArray(new X509Certificate[0]));
            keyManagers = KeyManagerFactory.getInstance("PKIX", JSSE);
            keyManagers.init(store, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new SSLException("cannot hold the server key for TLS", e);
        }
        final SslContext context = SslContextBuilder.forServer(keyManagers)
            .sslProvider(SslProvider.JDK)
            .sslContextProvider(JSSE)
            .trustManager(clients)
            .clientAuth(ClientAuth.REQUIRE)
            .protocols(record.policy().protocols())
            .build();
        return new PqServerTls(context, requireNonNull(record), requireNonNull(identity));
    }

    /**
     * Returns the record of negotiated groups.
     *
     * @return the record
     */
    public NegotiatedGroups negotiated() {
        return record;
    }

    /**
     * A server engine with the policy's named groups, in the server's order.
     *
     * @param channel the connection
     * @return the engine
     */
    SSLEngine newEngine(final SocketChannel channel) {
        final SSLEngine engine = context.newEngine(channel.alloc());
        if (!(engine instanceof BCSSLEngine bc)) {
            throw new IllegalStateException("TLS engine " + engine.getClass().getName()
                + " is not Bouncy Castle's: the post-quantum group cannot be configured");
        }
        final BCSSLParameters parameters = bc.getParameters();
        parameters.setNamedGroups(namedGroups.clone());
        parameters.setUseNamedGroupsOrder(true);
        bc.setParameters(parameters);
        return engine;
    }

    @Override
    public SaeIdentity saeIdentity() {
        return identity;
    }

    @Override
    public void addTo(final SocketChannel channel, final long handshakeTimeoutMillis) {
        final var watch = new Watch();
        final var pipeline = channel.pipeline();
        if (policy.pqOnly()) {
            pipeline.addLast("pq-gate", new Gate(watch));
        }
        pipeline.addLast("tls-observe", new Observer(watch))
            .addLast("tls", handler(channel, handshakeTimeoutMillis))
            .addLast("tls-record", new Recorder(watch));
    }

    private SslHandler handler(final SocketChannel channel, final long handshakeTimeoutMillis) {
        final var handler = new SslHandler(newEngine(channel));
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        return handler;
    }

    /*
     * Per-connection state, touched only by the connection's event loop.
     */
    private static final class Watch {
        int group = HandshakeParser.MORE;
        boolean refused;
    }

    /*
     * Holds the inbound bytes until the ClientHello is complete, then passes them on or refuses the connection.
     */
    private final class Gate extends ChannelInboundHandlerAdapter {
        private final Watch watch;
        private ByteBuf received;

        Gate(final Watch watch) {
            this.watch = watch;
        }

        @Override
        public void handlerAdded(final ChannelHandlerContext ctx) {
            received = ctx.alloc().buffer(2048);
        }

        @Override
        public void handlerRemoved(final ChannelHandlerContext ctx) {
            if (received != null) {
                received.release();
                received = null;
            }
        }

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
            if (!(msg instanceof ByteBuf bytes) || received == null) {
                ctx.fireChannelRead(msg);
                return;
            }
            try {
                received.writeBytes(bytes);
            } finally {
                bytes.release();
            }
            final byte[] seen = new byte[Math.min(received.readableBytes(), HandshakeParser.MAX_BYTES)];
            received.getBytes(received.readerIndex(), seen);
            final Optional<int[]> hello = HandshakeParser.clientGroups(seen, seen.length);
            if (hello.isEmpty()) {
                return;
            }
            final int[] groups = hello.orElseThrow();
            if (Arrays.stream(groups).anyMatch(group -> group == NamedGroup.X25519MLKEM768)) {
                final ByteBuf clientHello = received;
                received = null;
                ctx.pipeline().remove(this);
                ctx.fireChannelRead(clientHello);
                return;
            }
            watch.refused = true;
            record.refused();
            LOG.debug("refused TLS client {}: pq-only and its ClientHello offers no {} (groups {})",
                ctx.channel().remoteAddress(), TlsGroupPolicy.HYBRID_GROUP, Arrays.stream(groups)
                    .mapToObj(NegotiatedGroups::name).toList());
            ctx.writeAndFlush(Unpooled.wrappedBuffer(HANDSHAKE_FAILURE_ALERT.clone()))
                .addListener(ChannelFutureListener.CLOSE);
        }
    }

    /*
     * Copies the server's outbound handshake bytes until the selected group is known.
     */
    private static final class Observer extends ChannelOutboundHandlerAdapter {
        private final Watch watch;
        private byte[] sent = new byte[4096];
        private int length;

        Observer(final Watch watch) {
            this.watch = watch;
        }

        @Override
        public void write(final ChannelHandlerContext ctx, final Object msg, final ChannelPromise promise) {
            if (msg instanceof ByteBuf bytes && watch.group == HandshakeParser.MORE) {
                final int count = Math.min(bytes.readableBytes(), HandshakeParser.MAX_BYTES - length);
                if (length + count > sent.length) {
                    sent = Arrays.copyOf(sent, Math.max(length + count, 2 * sent.length));
                }
                bytes.getBytes(bytes.readerIndex(), sent, length, count);
                length += count;
                watch.group = HandshakeParser.serverGroup(sent, length);
                if (watch.group != HandshakeParser.MORE) {
                    sent = null;
                    ctx.pipeline().remove(this);
                }
            }
            ctx.write(msg, promise);
        }
    }

    /*
     * Records the outcome of the handshake.
     */
    private final class Recorder extends ChannelDuplexHandler {
        private final Watch watch;

        Recorder(final Watch watch) {
            this.watch = watch;
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) throws Exception {
            if (evt instanceof SslHandshakeCompletionEvent completion) {
                ctx.pipeline().remove(this);
                if (!completion.isSuccess()) {
                    if (!watch.refused) {
                        record.failed();
                    }
                } else if (policy.pqOnly() && watch.group != NamedGroup.X25519MLKEM768) {
                    // cannot happen after the ClientHello check; never serve keys if it does
                    record.refused();
                    LOG.warn("closed TLS connection from {}: pq-only but it negotiated {}",
                        ctx.channel().remoteAddress(), NegotiatedGroups.name(watch.group));
                    ctx.close();
                    return;
                } else {
                    record.completed(NegotiatedGroups.name(watch.group));
                }
            }
            super.userEventTriggered(ctx, evt);
        }
    }
}
