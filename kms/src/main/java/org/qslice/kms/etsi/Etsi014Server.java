/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.etsi;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ETSI GS QKD 014 HTTPS server on Netty: {@link io.netty.handler.ssl.SslHandler} (mutual TLS as configured in the
 * {@link SslContext}, which must require client authentication), {@link HttpServerCodec},
 * {@link HttpObjectAggregator} and {@link Etsi014Handler}. Owns its event loops.
 */
public final class Etsi014Server implements AutoCloseable {
    /**
     * Puts TLS first in the pipeline of each accepted connection: a handler named {@code tls} (an
     * {@link io.netty.handler.ssl.SslHandler}) and whatever observes it.
     */
    @FunctionalInterface
    public interface ServerTls {
        /**
         * Adds the TLS handlers to a new connection's (empty) pipeline.
         *
         * @param channel the accepted connection
         * @param handshakeTimeoutMillis the TLS handshake must complete within this (set on the handler before it
         *     is added: an accepted connection is active, so the handler starts its timer when added)
         */
        void addTo(SocketChannel channel, long handshakeTimeoutMillis);

        /**
         * How the SAE id is read from a verified client certificate.
         *
         * @return the rule (the common name unless configured otherwise)
         */
        default SaeIdentity saeIdentity() {
            return SaeIdentity.COMMON_NAME;
        }

        /**
         * TLS from a Netty context as it is.
         *
         * @param ssl server context requiring client certificates
         * @return the server TLS
         */
        static ServerTls of(final SslContext ssl) {
            requireNonNull(ssl);
            return (channel, handshakeTimeoutMillis) -> {
                final SslHandler handler = ssl.newHandler(channel.alloc());
                handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
                channel.pipeline().addLast("tls", handler);
            };
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Etsi014Server.class);
    private static final int MAX_BODY = 64 * 1024;
    private static final int IDLE_SECONDS = 120;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;
    private final String name;
    private final ConnectionGuard guard;

    private Etsi014Server(final String name, final EventLoopGroup boss, final EventLoopGroup workers,
            final Channel channel, final ConnectionGuard guard) {
        this.name = name;
        this.boss = boss;
        this.workers = workers;
        this.channel = channel;
        this.guard = guard;
    }

    /**
     * Binds and starts serving.
     *
     * @param name thread name prefix and log name, e.g. {@code kms} or {@code qkd-sim}
     * @param bind address and port (port 0: any free port)
     * @param ssl server TLS context requiring client certificates
     * @param backend what to serve
     * @param worker where backend calls run
     * @param ioThreads event loop threads
     * @return the running server
     * @throws InterruptedException if interrupted while binding
     */
    public static Etsi014Server start(final String name, final InetSocketAddress bind, final SslContext ssl,
            final Etsi014Backend backend, final Executor worker, final int ioThreads) throws InterruptedException {
        return start(name, bind, ServerTls.of(ssl), backend, worker, ioThreads);
    }

    /**
     * Binds and starts serving.
     *
     * @param name thread name prefix and log name, e.g. {@code kms} or {@code qkd-sim}
     * @param bind address and port (port 0: any free port)
     * @param tls adds the TLS handlers (requiring client certificates) to each connection
     * @param backend what to serve
     * @param worker where backend calls run
     * @param ioThreads event loop threads
     * @return the running server
     * @throws InterruptedException if interrupted while binding
     */
    public static Etsi014Server start(final String name, final InetSocketAddress bind, final ServerTls tls,
            final Etsi014Backend backend, final Executor worker, final int ioThreads) throws InterruptedException {
        return start(name, bind, tls, backend, worker, ioThreads, Etsi014Limits.NONE);
    }

    /**
     * Binds and starts serving, within limits.
     *
     * @param name thread name prefix and log name, e.g. {@code kms} or {@code qkd-sim}
     * @param bind address and port (port 0: any free port)
     * @param tls adds the TLS handlers (requiring client certificates) to each connection
     * @param backend what to serve
     * @param worker where backend calls run
     * @param ioThreads event loop threads
     * @param limits connection cap and rate, handshake timeout, per-SAE request rate
     * @return the running server
     * @throws InterruptedException if interrupted while binding
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    public static Etsi014Server start(final String name, final InetSocketAddress bind, final ServerTls tls,
            final Etsi014Backend backend, final Executor worker, final int ioThreads, final Etsi014Limits limits)
            throws InterruptedException {
        requireNonNull(tls);
        final var guard = new ConnectionGuard(requireNonNull(limits), System::nanoTime);
        requireNonNull(backend);
        requireNonNull(worker);
        final var boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("qslice-" + name + "-accept",
            true), NioIoHandler.newFactory());
        final var workers = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("qslice-" + name
            + "-io", true), NioIoHandler.newFactory());
        try {
            final Channel channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // unpooled heap buffers zeroed when released: a response's plaintext (keys in Base64) and Netty's
                // copies of it are never parked in a pooled arena; the handler zeroes its own body array once written
                .childOption(ChannelOption.ALLOCATOR, WipingAllocator.INSTANCE)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(final SocketChannel ch) {
                        // refused before any TLS work: a flood of new connections costs an accept and a close
                        if (!guard.admit()) {
                            ch.close();
                            return;
                        }
                        ch.closeFuture().addListener(closed -> guard.closed());
                        tls.addTo(ch, limits.handshakeTimeout().toMillis());
                        ch.pipeline()
                            .addLast("idle", new ReadTimeoutHandler(IDLE_SECONDS, TimeUnit.SECONDS))
                            .addLast("http", new HttpServerCodec())
                            .addLast("aggregate", new HttpObjectAggregator(MAX_BODY))
                            .addLast("etsi014", new Etsi014Handler(backend, worker, guard, tls.saeIdentity()));
                    }
                })
                .bind(bind).sync().channel();
            final var server = new Etsi014Server(name, boss, workers, channel, guard);
            LOG.info("ETSI GS QKD 014 server {} listening on https://{}", name, server.hostAndPort());
            return server;
        } catch (InterruptedException | RuntimeException e) {
            // release the event loops whatever went wrong, then rethrow
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /**
     * Returns the bound address.
     *
     * @return address and port
     */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /**
     * Returns {@code host:port} for URLs.
     *
     * @return host and port
     */
    public String hostAndPort() {
        final InetSocketAddress address = address();
        final String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * Returns the base URL, e.g. {@code https://127.0.0.1:9443}.
     *
     * @return the URL
     */
    public String url() {
        return "https://" + hostAndPort();
    }

    /**
     * Returns the open connections.
     *
     * @return how many
     */
    public int openConnections() {
        return guard.open();
    }

    /**
     * Returns the connections refused by the cap or the rate since the start.
     *
     * @return how many
     */
    public long refusedConnections() {
        return guard.refusedConnections();
    }

    /**
     * Returns the requests answered 429 (per-SAE rate) since the start.
     *
     * @return how many
     */
    public long throttledRequests() {
        return guard.throttledRequests();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        LOG.info("ETSI GS QKD 014 server {} stopped", name);
    }
}
