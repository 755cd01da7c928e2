/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLHandshakeException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.NamedGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.engine.EngineConfig;
import org.qslice.kms.engine.EngineListener;
import org.qslice.kms.engine.KmsEngine;
import org.qslice.kms.engine.TestSupport;

/**
 * The ETSI 014 server's post-quantum TLS, over real TLS on loopback: a client offering only X25519MLKEM768 gets keys,
 * the server prefers the hybrid group over the client's order, pq-only refuses classical clients with a
 * {@code handshake_failure} alert, and each negotiated group is recorded and reported.
 */
class PqTlsTest {
    private static final PoolId POOL = new PoolId("a/z#1", KeyType.DH);
    private static final String ENC_KEYS = "/api/v1/keys/enc-z/enc_keys?number=1";
    private static final String HYBRID = TlsGroupPolicy.HYBRID_GROUP;

    @TempDir
    static Path dirDefault;
    @TempDir
    static Path dirPqOnly;
    private static final CopyOnWriteArrayList<NegotiatedGroups.Snapshot> REPORTS = new CopyOnWriteArrayList<>();
    private static KmsEngine engine;
    private static KmsEngine pqOnly;

    @BeforeAll
    static void start() throws Exception {
        final var listener = new EngineListener() {
            @Override
            public void engineChanged(final org.qslice.kms.engine.EngineInfo info) {
                // not needed
            }

            @Override
            public void poolsChanged(final java.util.List<org.qslice.kms.store.PoolDelta> deltas,
                    final java.util.List<PoolId> removed) {
                // not needed
            }

            @Override
            public void channelsChanged(final java.util.List<org.qslice.kms.engine.ChannelSnapshot> changed,
                    final java.util.List<String> removed) {
                // not needed
            }

            @Override
            public void starvation(final org.qslice.kms.store.KeyPool.Starvation event,
                    final java.time.Instant at) {
                // not needed
            }

            @Override
            public void rotationFailed(final String channelId, final KeyType keyType, final String reason,
                    final java.time.Instant at) {
                // not needed
            }

            @Override
            public void keyDeliveryTlsChanged(final NegotiatedGroups.Snapshot tls) {
                REPORTS.add(tls);
            }
        };
        engine = KmsEngine.start(TestSupport.config(dirDefault), listener, Optional::empty, Clock.systemUTC());
        pqOnly = KmsEngine.start(pqOnly(TestSupport.config(dirPqOnly)),
            EngineListener.NOOP, Optional::empty, Clock.systemUTC());
        for (KmsEngine running : new KmsEngine[] { engine, pqOnly }) {
            running.applyPools(Map.of(POOL, TestSupport.settings("enc-a", "enc-z", 16)));
            TestSupport.awaitFull(running, POOL);
        }
    }

    @AfterAll
    static void stop() {
        engine.close();
        pqOnly.close();
    }

    private static InetSocketAddress address(final KmsEngine kms) {
        final URI url = URI.create(kms.etsi014Url());
        return new InetSocketAddress(url.getHost(), url.getPort());
    }

    private static TlsTestClient master(final KmsEngine kms, final int... groups) throws IOException {
        return new TlsTestClient(kms.pki().saeIdentity("enc-a"), kms.pki().trustAnchors(), groups);
    }

    private static TlsTestClient.Response getKey(final KmsEngine kms, final int... groups) throws IOException {
        try (var connection = master(kms, groups).connect(address(kms))) {
            return connection.get(ENC_KEYS);
        }
    }

    private static void assertKeyDelivered(final TlsTestClient.Response response) {
        assertEquals(200, response.status(), response.body());
        assertTrue(response.body().contains("\"key_ID\""), response.body());
    }

    @Test
    void aClientOfferingOnlyTheHybridGroupGetsKeys() throws IOException {
        assertKeyDelivered(getKey(engine, NamedGroup.X25519MLKEM768));
        assertEquals(HYBRID, engine.negotiatedGroups().snapshot().lastGroup());
    }

    @Test
    void theServerPrefersTheHybridGroupOverTheClientsOrder() throws IOException {
        // classical groups first, key share for x25519 only: the server asks for a hybrid key share (HelloRetryRequest)
        assertKeyDelivered(getKey(engine, NamedGroup.x25519, NamedGroup.secp256r1, NamedGroup.X25519MLKEM768));
        assertEquals(HYBRID, engine.negotiatedGroups().snapshot().lastGroup());
    }

    @Test
    void classicalClientsAreServedUnlessPqOnly() throws IOException {
        final long before = engine.negotiatedGroups().snapshot().handshakes().getOrDefault("x25519", 0L);
        assertKeyDelivered(getKey(engine, NamedGroup.x25519, NamedGroup.secp256r1));
        assertEquals(before + 1, engine.negotiatedGroups().snapshot().handshakes().get("x25519"));
    }

    @Test
    void pqOnlyServesTheHybridGroup() throws IOException {
        assertKeyDelivered(getKey(pqOnly, NamedGroup.X25519MLKEM768));
        assertKeyDelivered(getKey(pqOnly, NamedGroup.secp256r1, NamedGroup.X25519MLKEM768));
        assertEquals(HYBRID, pqOnly.negotiatedGroups().snapshot().lastGroup());
        assertEquals(Map.of(HYBRID, 2L), pqOnly.negotiatedGroups().snapshot().handshakes());
    }

    @Test
    void pqOnlyRefusesClassicalClientsWithAHandshakeFailureAlert() throws IOException {
        final long refused = pqOnly.negotiatedGroups().snapshot().refused();
        final TlsTestClient classical = master(pqOnly, NamedGroup.x25519, NamedGroup.secp256r1);
        final IOException failure = assertThrows(IOException.class, () -> classical.connect(address(pqOnly)).close());
        assertEquals(AlertDescription.handshake_failure, TlsTestClient.receivedAlert(failure), failure.toString());
        assertEquals(refused + 1, pqOnly.negotiatedGroups().snapshot().refused());
        assertTrue(pqOnly.negotiatedGroups().snapshot().handshakes().keySet().stream().allMatch(HYBRID::equals));
    }

    @Test
    void pqOnlyRefusesTheJdkClientWithAHandshakeFailureAlert() throws Exception {
        // SunJSSE (JDK 25) offers classical groups only
        final HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .sslContext(pqOnly.pki().clientContext("enc-a")).connectTimeout(Duration.ofSeconds(5)).build();
        try {
            final HttpRequest request = HttpRequest.newBuilder(URI.create(pqOnly.etsi014Url() + ENC_KEYS))
                .timeout(Duration.ofSeconds(10)).GET().build();
            final SSLHandshakeException failure = assertThrows(SSLHandshakeException.class,
                () -> jdk.send(request, HttpResponse.BodyHandlers.ofString()));
            assertTrue(String.valueOf(failure.getMessage()).contains("handshake_failure"), failure.toString());
        } finally {
            jdk.close();
        }
    }

    @Test
    void theJdkClientStillGetsKeysByDefault() throws Exception {
        final HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .sslContext(engine.pki().clientContext("enc-a")).connectTimeout(Duration.ofSeconds(5)).build();
        try {
            final HttpResponse<String> response = jdk.send(HttpRequest.newBuilder(URI.create(engine.etsi014Url()
                + ENC_KEYS)).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
        } finally {
            jdk.close();
        }
    }

    @Test
    void theNegotiatedGroupIsReported() throws IOException {
        assertKeyDelivered(getKey(engine, NamedGroup.X25519MLKEM768));
        TestSupport.await(Duration.ofSeconds(10), "a report of the hybrid handshake",
            () -> !REPORTS.isEmpty() && HYBRID.equals(REPORTS.get(REPORTS.size() - 1).lastGroup()));
        final NegotiatedGroups.Snapshot last = REPORTS.get(REPORTS.size() - 1);
        assertEquals(HYBRID, last.policy().keyExchangeGroups().get(0));
        assertTrue(last.handshakes().get(HYBRID) >= 1, last.toString());
        assertTrue(last.lastHandshake() != null, last.toString());
    }

    private static EngineConfig pqOnly(final EngineConfig config) {
        return config.withEtsi014(config.etsi014().withTls(TlsGroupPolicy.DEFAULT.withPqOnly(true)));
    }
}
