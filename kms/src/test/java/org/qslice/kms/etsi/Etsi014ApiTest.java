/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.etsi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.NoKeyInLogs;
import org.qslice.kms.engine.EngineListener;
import org.qslice.kms.engine.KmsEngine;
import org.qslice.kms.engine.TestSupport;
import org.qslice.kms.pki.LocalPki;

/**
 * The ETSI GS QKD 014 API of the KMS over real HTTPS with mutual TLS.
 */
@ExtendWith(NoKeyInLogs.class)
class Etsi014ApiTest {
    private static final PoolId DH = new PoolId("a/z#1", KeyType.DH);
    private static final PoolId QRA = new PoolId("a/z#1", KeyType.QRA);
    private static final PoolId TINY = new PoolId("b/y#2", KeyType.DH);

    @TempDir
    static Path dir;
    private static KmsEngine engine;
    private static HttpClient master;
    private static HttpClient slave;
    private static HttpClient stranger;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        engine = KmsEngine.start(TestSupport.config(dir), EngineListener.NOOP, Optional::empty, Clock.systemUTC());
        engine.applyPools(Map.of(DH, TestSupport.settings("enc-a", "enc-z", 16),
            QRA, TestSupport.settings("enc-a", "enc-z", 16),
            TINY, TestSupport.settings("enc-b", "enc-y", 2)));
        TestSupport.awaitFull(engine, DH);
        TestSupport.awaitFull(engine, QRA);
        TestSupport.awaitFull(engine, TINY);
        base = engine.etsi014Url();
        master = client(engine.pki().clientContext("enc-a"));
        slave = client(engine.pki().clientContext("enc-z"));
        stranger = client(engine.pki().clientContext("enc-x"));
    }

    @AfterAll
    static void stop() {
        master.close();
        slave.close();
        stranger.close();
        engine.close();
    }

    private static HttpClient client(final SSLContext tls) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
            .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> get(final HttpClient client, final String path)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET()
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(final HttpClient client, final String path, final String body)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(final HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static void assertError(final int status, final HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        final JsonObject body = json(response);
        assertTrue(body.has("message"), response.body());
        assertTrue(body.get("details").isJsonArray(), response.body());
    }

    @Test
    void statusHasTheStandardFields() throws Exception {
        final HttpResponse<String> response = get(master, "/api/v1/keys/enc-z/status");
        assertEquals(200, response.statusCode(), response.body());
        final JsonObject status = json(response);
        for (String field : List.of("source_KME_ID", "target_KME_ID", "master_SAE_ID", "slave_SAE_ID", "key_size",
                "stored_key_count", "max_key_count", "max_key_per_request", "max_key_size", "min_key_size",
                "max_SAE_ID_count")) {
            assertTrue(status.has(field), field);
        }
        assertEquals("enc-a", status.get("master_SAE_ID").getAsString());
        assertEquals("enc-z", status.get("slave_SAE_ID").getAsString());
        assertEquals(256, status.get("key_size").getAsInt());
        assertEquals(16, status.get("max_key_count").getAsInt());
    }

    @Test
    void keyGoesToMasterAndOnceToThePairedSlave() throws Exception {
        final HttpResponse<String> enc = get(master, "/api/v1/keys/enc-z/enc_keys?number=2&size=256");
        assertEquals(200, enc.statusCode(), enc.body());
        final var keys = json(enc).getAsJsonArray("keys");
        assertEquals(2, keys.size());
        final String id = keys.get(0).getAsJsonObject().get("key_ID").getAsString();
        final byte[] key = Base64.getDecoder().decode(keys.get(0).getAsJsonObject().get("key").getAsString());
        NoKeyInLogs.record(key);
        NoKeyInLogs.record(Base64.getDecoder().decode(keys.get(1).getAsJsonObject().get("key").getAsString()));
        assertEquals(32, key.length);
        assertEquals(id, UUID.fromString(id).toString());

        assertError(401, get(stranger, "/api/v1/keys/enc-a/dec_keys?key_ID=" + id));
        assertError(401, get(master, "/api/v1/keys/enc-a/dec_keys?key_ID=" + id));

        final HttpResponse<String> dec = get(slave, "/api/v1/keys/enc-a/dec_keys?key_ID=" + id);
        assertEquals(200, dec.statusCode(), dec.body());
        final var delivered = json(dec).getAsJsonArray("keys").get(0).getAsJsonObject();
        assertEquals(id, delivered.get("key_ID").getAsString());
        assertArrayEquals(key, Base64.getDecoder().decode(delivered.get("key").getAsString()));

        assertError(400, get(slave, "/api/v1/keys/enc-a/dec_keys?key_ID=" + id));

        final String second = keys.get(1).getAsJsonObject().get("key_ID").getAsString();
        final HttpResponse<String> viaPost = post(slave, "/api/v1/keys/enc-a/dec_keys",
            "{\"key_IDs\":[{\"key_ID\":\"" + second + "\"}]}");
        assertEquals(200, viaPost.statusCode(), viaPost.body());
        assertError(400, post(slave, "/api/v1/keys/enc-a/dec_keys", "{\"key_IDs\":[{\"key_ID\":\"" + second
            + "\"}]}"));
    }

    @Test
    void strictParsing() throws Exception {
        // an over-long request line is 414, not a 404 of a truncated path
        assertError(414, get(master, "/api/v1/keys/enc-z/enc_keys?number=1&x=" + "a".repeat(5000)));
        // size 0 is no key size
        assertError(400, get(master, "/api/v1/keys/enc-z/enc_keys?size=0"));
        assertError(400, post(master, "/api/v1/keys/enc-z/enc_keys", "{\"number\": 1, \"size\": 0}"));
        // invalid UTF-8 in a body is refused, not replaced
        final byte[] body = "{\"key_IDs\":[{\"key_ID\":\"x\"}]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        body[body.length - 5] = (byte) 0xC3;
        final HttpResponse<String> bad = master.send(HttpRequest.newBuilder(URI.create(base
            + "/api/v1/keys/enc-a/dec_keys")).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertError(400, bad);
        assertTrue(bad.body().contains("UTF-8"), bad.body());
    }

    @Test
    void aBatchWithARepeatedIdDeliversNothing() throws Exception {
        final HttpResponse<String> enc = get(master, "/api/v1/keys/enc-z/enc_keys?number=2");
        assertEquals(200, enc.statusCode(), enc.body());
        final var keys = json(enc).getAsJsonArray("keys");
        final String first = keys.get(0).getAsJsonObject().get("key_ID").getAsString();
        final String second = keys.get(1).getAsJsonObject().get("key_ID").getAsString();
        final HttpResponse<String> twice = post(slave, "/api/v1/keys/enc-a/dec_keys",
            "{\"key_IDs\":[{\"key_ID\":\"" + first + "\"},{\"key_ID\":\"" + first + "\"}]}");
        assertError(400, twice);
        assertTrue(twice.body().contains("twice"), twice.body());
        // a bad id after a good one: the good one is not consumed either
        assertError(400, post(slave, "/api/v1/keys/enc-a/dec_keys", "{\"key_IDs\":[{\"key_ID\":\"" + second
            + "\"},{\"key_ID\":\"" + UUID.randomUUID() + "\"}]}"));
        final HttpResponse<String> both = post(slave, "/api/v1/keys/enc-a/dec_keys",
            "{\"key_IDs\":[{\"key_ID\":\"" + first + "\"},{\"key_ID\":\"" + second + "\"}]}");
        assertEquals(200, both.statusCode(), both.body());
        assertEquals(2, json(both).getAsJsonArray("keys").size());
    }

    @Test
    void eachKeyIsDeliveredOnlyOnceToMasters() throws Exception {
        final var seen = new java.util.HashSet<String>();
        for (int i = 0; i < 10; i++) {
            final HttpResponse<String> enc = get(master, "/api/v1/keys/enc-z/enc_keys");
            assertEquals(200, enc.statusCode(), enc.body());
            final String id = json(enc).getAsJsonArray("keys").get(0).getAsJsonObject().get("key_ID")
                .getAsString();
            assertTrue(seen.add(id), "key " + id + " delivered twice");
        }
    }

    @Test
    void unpairedSaesAreRefused() throws Exception {
        assertError(401, get(slave, "/api/v1/keys/enc-a/enc_keys"));
        assertError(401, get(stranger, "/api/v1/keys/enc-z/enc_keys"));
        assertError(401, get(stranger, "/api/v1/keys/enc-z/status"));
    }

    @Test
    void malformedRequestsAre400() throws Exception {
        assertError(400, get(master, "/api/v1/keys/enc-z/enc_keys?number=abc"));
        assertError(400, get(master, "/api/v1/keys/enc-z/enc_keys?number=0"));
        assertError(400, get(master, "/api/v1/keys/enc-z/enc_keys?number=-3"));
        assertError(400, get(master, "/api/v1/keys/enc-z/enc_keys?number=1000"));
        assertError(400, get(master, "/api/v1/keys/enc-z/enc_keys?size=128"));
        assertError(400, get(master, "/api/v1/keys/enc-z/enc_keys?size=x"));
        assertError(400, get(master, "/api/v1/keys/enc-z/enc_keys?number=1&number=2"));
        assertError(400, get(master, "/api/v1/keys/enc-z/enc_keys?colour=blue"));
        assertError(400, get(slave, "/api/v1/keys/enc-a/dec_keys?key_ID=not-a-uuid"));
        assertError(400, get(slave, "/api/v1/keys/enc-a/dec_keys"));
        assertError(400, post(master, "/api/v1/keys/enc-z/enc_keys", "{not json"));
        assertError(400, post(master, "/api/v1/keys/enc-z/enc_keys", "{\"number\":\"two\"}"));
        assertError(400, post(master, "/api/v1/keys/enc-z/enc_keys", "{\"number\":1.5}"));
        assertError(400, post(slave, "/api/v1/keys/enc-a/dec_keys", "{\"key_IDs\":[]}"));
        assertError(400, get(slave, "/api/v1/keys/enc-a/dec_keys?key_ID=" + UUID.randomUUID()));
        assertError(404, get(master, "/api/v1/keys/enc-z/other"));
    }

    @Test
    void mandatoryExtensionPicksTheKeyType() throws Exception {
        assertError(400, post(master, "/api/v1/keys/enc-z/enc_keys",
            "{\"number\":1,\"extension_mandatory\":[{\"vendor_thing\":true}]}"));
        assertError(400, post(master, "/api/v1/keys/enc-z/enc_keys",
            "{\"number\":1,\"extension_mandatory\":[{\"qslice_key_type\":\"nope\"}]}"));
        assertError(400, post(master, "/api/v1/keys/enc-z/enc_keys",
            "{\"number\":1,\"extension_mandatory\":[{\"qslice_key_type\":\"qkd\"}]}"));
        final long before = engine.pool(QRA).orElseThrow().snapshot(java.time.Instant.now()).deliveredTotal();
        final HttpResponse<String> qra = post(master, "/api/v1/keys/enc-z/enc_keys",
            "{\"number\":1,\"extension_mandatory\":[{\"qslice_key_type\":\"qra\"}],"
                + "\"extension_optional\":[{\"anything\":1}]}");
        assertEquals(200, qra.statusCode(), qra.body());
        assertEquals(before + 1, engine.pool(QRA).orElseThrow().snapshot(java.time.Instant.now()).deliveredTotal());
    }

    @Test
    void emptyPoolIs503() throws Exception {
        final HttpClient b = client(engine.pki().clientContext("enc-b"));
        try {
            final HttpResponse<String> many = get(b, "/api/v1/keys/enc-y/enc_keys?number=3");
            assertError(503, many);
        } finally {
            b.close();
        }
    }

    @Test
    void clientWithoutCertificateIsRefused() throws GeneralSecurityException {
        // TLS 1.3: the client finishes its side, then reads the server's alert; a timeout is no refusal
        final SSLException refused = assertThrows(SSLException.class,
            () -> request(LocalPki.clientContext(null, engine.pki().trustAnchors())));
        assertTrue(String.valueOf(refused.getMessage()).contains("Received fatal alert: certificate_required"),
            refused.toString());
    }

    @Test
    void certificateFromAnotherCaIsRefused() throws Exception {
        final var random = new SecureRandom();
        final LocalPki.Identity rogueCa = LocalPki.newCa(random);
        final LocalPki.Identity rogue = LocalPki.issue(rogueCa, "enc-a", List.of(), KeyPurposeId.id_kp_clientAuth,
            random);
        // presented whatever the server's certificate_authorities say (the JDK would otherwise send none)
        final SSLException refused = assertThrows(SSLException.class,
            () -> request(TestSupport.presenting(rogue, engine.pki().trustAnchors())));
        assertTrue(String.valueOf(refused.getMessage()).contains("Received fatal alert: certificate_unknown"),
            refused.toString());
    }

    @Test
    void javaClientSpeaksTheApi() throws Exception {
        try (var client = new Etsi014Client(URI.create(base), engine.pki().clientContext("enc-a"),
                Duration.ofSeconds(5));
             var peer = new Etsi014Client(URI.create(base), engine.pki().clientContext("enc-z"),
                Duration.ofSeconds(5))) {
            final Etsi014Status status = client.status("enc-z");
            assertEquals("qslice-kms", status.sourceKmeId());
            final List<DeliveredKey> keys = client.encKeys("enc-z", KeyRequest.ofType(2, "dh"));
            final List<DeliveredKey> same = peer.decKeys("enc-a", keys.stream().map(DeliveredKey::keyId).toList());
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(keys.get(i).material().bytes(), same.get(i).material().bytes());
            }
            final Etsi014Exception error = assertThrows(Etsi014Exception.class,
                () -> peer.decKey("enc-a", keys.get(0).keyId()));
            assertEquals(400, error.status());
            assertNotNull(error.getMessage());
        }
    }

    /**
     * One status request over a raw TLS socket with a bounded read: returns the first response byte, or throws what
     * the TLS layer reports (an alert arrives as an {@link SSLException}, a silent server as a timeout).
     */
    private static int request(final SSLContext tls) throws IOException {
        final var address = engine.etsi014Server().address();
        try (var socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
            socket.connect(address, 5_000);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            socket.getOutputStream().write(("GET /api/v1/keys/enc-z/status HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return socket.getInputStream().read();
        }
    }
}
