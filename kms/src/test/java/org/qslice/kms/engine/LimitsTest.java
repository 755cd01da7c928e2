/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.etsi.Etsi014Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ETSI 014 server's limits: a connection cap and a connection rate enforced before any TLS work, a handshake
 * timeout, a per-SAE request rate answered with 429 and Retry-After, and a legitimate SAE that keeps getting keys
 * while a flood of unauthenticated handshakes hits the server.
 */
class LimitsTest {
    private static final Logger LOG = LoggerFactory.getLogger(LimitsTest.class);
    private static final PoolId POOL_A = new PoolId("limits/a", KeyType.DH);
    private static final PoolId POOL_B = new PoolId("limits/b", KeyType.DH);

    private static KmsEngine start(final Path dir, final Etsi014Limits limits) throws Exception {
        final EngineConfig base = TestSupport.config(dir);
        final var engine = KmsEngine.start(base.withEtsi014(base.etsi014().withLimits(limits)), EngineListener.NOOP,
            Optional::empty, Clock.systemUTC());
        engine.applyPools(Map.of(POOL_A, TestSupport.settings("enc-a", "enc-z", 64),
            POOL_B, TestSupport.settings("enc-b", "enc-y", 64)));
        TestSupport.awaitFull(engine, POOL_A);
        return engine;
    }

    private static InetSocketAddress address(final KmsEngine engine) {
        return engine.etsi014Server().address();
    }

    @Test
    void connectionsBeyondTheCapAreClosedAndASlotThatFreesIsReused(@TempDir final Path dir) throws Exception {
        try (var engine = start(dir, Etsi014Limits.NONE.withMaxConnections(3))) {
            final var held = new ArrayList<Socket>();
            try {
                for (int i = 0; i < 3; i++) {
                    held.add(connect(engine));
                }
                TestSupport.await(Duration.ofSeconds(5), "3 open", () -> engine.etsi014Server().openConnections() == 3);
                try (Socket fourth = connect(engine)) {
                    // closed by the server before any TLS byte: end of stream, not a timeout
                    assertEquals(-1, fourth.getInputStream().read());
                }
                assertEquals(1, engine.etsi014Server().refusedConnections());
                held.remove(0).close();
                TestSupport.await(Duration.ofSeconds(5), "2 open", () -> engine.etsi014Server().openConnections() == 2);
                try (Socket again = connect(engine)) {
                    again.setSoTimeout(500);
                    // admitted: the server waits for a ClientHello
                    assertThrows(SocketTimeoutException.class, () -> again.getInputStream().read());
                }
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aSilentConnectionIsClosedAtTheHandshakeTimeout(@TempDir final Path dir) throws Exception {
        try (var engine = start(dir, Etsi014Limits.NONE.withHandshakeTimeout(Duration.ofMillis(300)))) {
            try (Socket silent = connect(engine)) {
                silent.setSoTimeout(10_000);
                final long start = System.nanoTime();
                final int read = readUntilClosed(silent.getInputStream());
                final long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(-1, read);
                assertTrue(millis >= 250 && millis < 5_000, "closed after " + millis + " ms");
            }
        }
    }

    @Test
    void anSaeBeyondItsRateGets429WithRetryAfterAndOthersAreServed(@TempDir final Path dir) throws Exception {
        try (var engine = start(dir, Etsi014Limits.NONE.withSaeRequestsPerSecond(5))) {
            final HttpClient a = client(engine, "enc-a");
            final HttpClient b = client(engine, "enc-b");
            final var statuses = new ArrayList<Integer>();
            HttpResponse<String> throttled = null;
            for (int i = 0; i < 30; i++) {
                final var response = a.send(get(engine, "/api/v1/keys/enc-z/status"),
                    HttpResponse.BodyHandlers.ofString());
                statuses.add(response.statusCode());
                if (response.statusCode() == 429) {
                    throttled = response;
                }
            }
            // a burst of twice the rate passes, then the bucket refills at 5/s
            assertTrue(statuses.subList(0, 10).stream().allMatch(status -> status == 200), statuses.toString());
            assertTrue(throttled != null, statuses.toString());
            assertEquals("1", throttled.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(throttled.body().contains("\"message\":\"too many requests\""), throttled.body());
            assertTrue(throttled.body().contains("\"details\":"), throttled.body());
            // another SAE has its own bucket
            assertEquals(200, b.send(get(engine, "/api/v1/keys/enc-y/status"), HttpResponse.BodyHandlers.ofString())
                .statusCode());
            assertTrue(engine.etsi014Server().throttledRequests() >= 1);
        }
    }

    /**
     * A flood of ClientHellos that make the server do its side of the key exchange and sign, then go away, from
     * threads that cost the attacker nearly nothing. With the connection rate on, the legitimate SAE's keep-alive
     * connection keeps getting keys; its latency under the flood is measured and bounded (see docs/kms.md, Limits).
     */
    @Test
    void aHandshakeFloodDoesNotStarveAnEstablishedSae(@TempDir final Path dir) throws Exception {
        final var limits = Etsi014Limits.NONE.withMaxConnections(256).withConnectionsPerSecond(50)
            .withHandshakeTimeout(Duration.ofSeconds(2));
        try (var engine = start(dir, limits)) {
            final HttpClient master = client(engine, "enc-a");
            assertEquals(200, master.send(get(engine, "/api/v1/keys/enc-z/status"),
                HttpResponse.BodyHandlers.ofString()).statusCode());
            final long[] idle = latencies(engine, master, 200);
            final long[] latencies;
            final long attempts;
            try (var flood = HandshakeFlood.start(address(engine), 4)) {
                TestSupport.await(Duration.ofSeconds(10), "flood under way", () -> flood.attempts() > 200);
                latencies = latencies(engine, master, 200);
                attempts = flood.attempts();
            }
            final double p99 = percentile(latencies, 99);
            LOG.info("handshake flood: {} connection attempts, {} refused; legitimate SAE p50 {} ms, p99 {} ms (idle"
                + " before the flood: p50 {} ms, p99 {} ms)", attempts, engine.etsi014Server()
                .refusedConnections(), percentile(latencies, 50), p99, percentile(idle, 50), percentile(idle, 99));
            assertTrue(engine.etsi014Server().refusedConnections() > attempts / 2,
                "the flood was not limited: " + engine.etsi014Server().refusedConnections() + " of " + attempts);
            assertTrue(p99 < 250, "legitimate SAE p99 " + p99 + " ms under the flood");
        }
    }

    /** Sorted latencies (ns) of {@code count} sequential enc_keys requests on one keep-alive connection. */
    private static long[] latencies(final KmsEngine engine, final HttpClient master, final int count)
            throws Exception {
        final long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            final long start = System.nanoTime();
            final var response = master.send(get(engine, "/api/v1/keys/enc-z/enc_keys?number=1"),
                HttpResponse.BodyHandlers.ofString());
            latencies[i] = System.nanoTime() - start;
            assertTrue(response.statusCode() == 200 || response.statusCode() == 503, response.body());
        }
        Arrays.sort(latencies);
        return latencies;
    }

    private static double percentile(final long[] sorted, final int percent) {
        return Math.round(sorted[sorted.length * percent / 100] / 1e5) / 10.0;
    }

    private static Socket connect(final KmsEngine engine) throws IOException {
        final var socket = new Socket();
        socket.connect(address(engine), 5_000);
        return socket;
    }

    private static int readUntilClosed(final InputStream in) throws IOException {
        int read;
        do {
            try {
                read = in.read();
            } catch (java.net.SocketException e) {
                // a reset is a close too
                return -1;
            }
        } while (read >= 0);
        return read;
    }

    /** The first flight of a JDK TLS client: a ClientHello offering TLS 1.3 with an x25519 key share. */
    private static HttpClient client(final KmsEngine engine, final String sae) throws Exception {
        return HttpClient.newBuilder().sslContext(engine.pki().clientContext(sae))
            .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpRequest get(final KmsEngine engine, final String path) {
        return HttpRequest.newBuilder(URI.create(engine.etsi014Url() + path)).timeout(Duration.ofSeconds(30)).GET()
            .build();
    }
}
