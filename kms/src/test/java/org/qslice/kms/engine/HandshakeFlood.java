/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * An unauthenticated TLS handshake flood, as cheap for the attacker as it gets: threads that connect, replay one
 * recorded ClientHello (the server does its half of the key exchange and signs), read the server's first flight and
 * go away. Used by {@code LimitsTest} and the benchmark's {@code flood} part. Stopped by {@link #close()}.
 */
public final class HandshakeFlood implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final ExecutorService threads;

    private HandshakeFlood(final int threadCount) {
        threads = Executors.newFixedThreadPool(threadCount, runnable -> {
            final var thread = new Thread(runnable, "handshake-flood");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts a flood.
     *
     * @param server the ETSI 014 server
     * @param threadCount flooding threads
     * @return the running flood
     * @throws GeneralSecurityException if no ClientHello can be made
     * @throws SSLException if no ClientHello can be made
     */
    public static HandshakeFlood start(final InetSocketAddress server, final int threadCount)
            throws GeneralSecurityException, SSLException {
        final byte[] hello = clientHello(server);
        final var flood = new HandshakeFlood(threadCount);
        for (int t = 0; t < threadCount; t++) {
            flood.threads.execute(() -> flood.replay(server, hello));
        }
        return flood;
    }

    private void replay(final InetSocketAddress server, final byte[] hello) {
        final byte[] buffer = new byte[4096];
        while (!stop.get()) {
            try (var socket = new Socket()) {
                socket.connect(server, 5_000);
                attempts.incrementAndGet();
                socket.setSoTimeout(200);
                final OutputStream out = socket.getOutputStream();
                out.write(hello);
                out.flush();
                if (socket.getInputStream().read(buffer) > 0) {
                    answered.incrementAndGet();
                }
            } catch (IOException e) {
                // refused, reset or timed out: the next one
            }
        }
    }

    /**
     * Returns the connections made so far.
     *
     * @return connection attempts that connected
     */
    public long attempts() {
        return attempts.get();
    }

    /**
     * Returns the ClientHellos the server answered (it did its key exchange and signed).
     *
     * @return answered replays
     */
    public long answered() {
        return answered.get();
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        threads.shutdown();
        if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the flood threads did not stop");
        }
    }

    private static byte[] clientHello(final InetSocketAddress server) throws GeneralSecurityException,
            SSLException {
        final SSLEngine engine = SSLContext.getDefault().createSSLEngine(server.getHostString(), server.getPort());
        engine.setUseClientMode(true);
        final ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        final byte[] hello = new byte[out.remaining()];
        out.get(hello);
        return hello;
    }
}
