/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.etsi;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * An ETSI GS QKD 014 client (SAE side) over HTTPS with a client certificate: {@link java.net.http.HttpClient},
 * HTTP/1.1, bounded timeouts. Thread-safe; blocking (call it from a worker thread).
 */
public final class Etsi014Client implements AutoCloseable {
    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    /**
     * A client.
     *
     * @param baseUrl KME base URL, e.g. {@code https://127.0.0.1:9443}
     * @param tls TLS context holding this SAE's certificate and key and the KME's trust anchors
     * @param timeout connect and request timeout
     */
    public Etsi014Client(final URI baseUrl, final SSLContext tls, final Duration timeout) {
        this.base = requireNonNull(baseUrl);
        this.timeout = requireNonNull(timeout);
        this.http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(tls)
            .connectTimeout(timeout)
            .build();
    }

    /**
     * Get status.
     *
     * @param slaveSaeId slave SAE
     * @return the status
     * @throws Etsi014Exception on an error response
     * @throws IOException on a transport failure
     */
    public Etsi014Status status(final String slaveSaeId) throws Etsi014Exception, IOException {
        final JsonObject json = send(get(slaveSaeId, "status", ""));
        return new Etsi014Status(string(json, "source_KME_ID"), string(json, "target_KME_ID"),
            string(json, "master_SAE_ID"), string(json, "slave_SAE_ID"), integer(json, "key_size"),
            json.get("stored_key_count").getAsLong(), json.get("max_key_count").getAsLong(),
            integer(json, "max_key_per_request"), integer(json, "max_key_size"), integer(json, "min_key_size"),
            integer(json, "max_SAE_ID_count"));
    }

    /**
     * Get key (POST).
     *
     * @param slaveSaeId slave SAE
     * @param request the request
     * @return the keys; the caller destroys their material
     * @throws Etsi014Exception on an error response
     * @throws IOException on a transport failure
     */
    public List<DeliveredKey> encKeys(final String slaveSaeId, final KeyRequest request)
            throws Etsi014Exception, IOException {
        return keys(post(slaveSaeId, "enc_keys", Etsi014Json.keyRequest(request)));
    }

    /**
     * Get key (GET with query parameters).
     *
     * @param slaveSaeId slave SAE
     * @param number number of keys
     * @param size size in bits, or 0 for the default
     * @return the keys
     * @throws Etsi014Exception on an error response
     * @throws IOException on a transport failure
     */
    public List<DeliveredKey> encKeys(final String slaveSaeId, final int number, final int size)
            throws Etsi014Exception, IOException {
        return keys(get(slaveSaeId, "enc_keys", "?number=" + number + (size > 0 ? "&size=" + size : "")));
    }

    /**
     * Get key with key IDs (POST).
     *
     * @param masterSaeId master SAE
     * @param keyIds key ids
     * @return the keys in request order
     * @throws Etsi014Exception on an error response
     * @throws IOException on a transport failure
     */
    public List<DeliveredKey> decKeys(final String masterSaeId, final List<UUID> keyIds)
            throws Etsi014Exception, IOException {
        return keys(post(masterSaeId, "dec_keys", Etsi014Json.keyIds(keyIds)));
    }

    /**
     * Get key with key IDs (GET, one key).
     *
     * @param masterSaeId master SAE
     * @param keyId key id
     * @return the key
     * @throws Etsi014Exception on an error response
     * @throws IOException on a transport failure
     */
    public DeliveredKey decKey(final String masterSaeId, final UUID keyId) throws Etsi014Exception, IOException {
        final List<DeliveredKey> keys = keys(get(masterSaeId, "dec_keys", "?key_ID=" + keyId));
        if (keys.size() != 1) {
            keys.forEach(key -> key.material().destroy());
            throw new IOException("KME returned " + keys.size() + " keys for one key_ID");
        }
        return keys.get(0);
    }

    private HttpRequest get(final String sae, final String operation, final String query) {
        return HttpRequest.newBuilder(uri(sae, operation, query)).timeout(timeout).GET().build();
    }

    private HttpRequest post(final String sae, final String operation, final String body) {
        return HttpRequest.newBuilder(uri(sae, operation, "")).timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private URI uri(final String sae, final String operation, final String query) {
        return base.resolve("/api/v1/keys/" + URLEncoder.encode(sae, StandardCharsets.UTF_8) + "/" + operation
            + query);
    }

    /** The body of a 200 answer; any other status is thrown as the KME's ETSI error. */
    private byte[] exchange(final HttpRequest request) throws Etsi014Exception, IOException {
        final HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + request.uri(), e);
        }
        final byte[] body = response.body();
        if (response.statusCode() == 200) {
            return body;
        }
        // an error body holds no key
        final JsonElement json;
        try {
            json = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            throw new IOException("KME answered " + response.statusCode() + " with a body that is not JSON", e);
        }
        final String message = json.isJsonObject() && json.getAsJsonObject().has("message")
            ? json.getAsJsonObject().get("message").getAsString() : "HTTP " + response.statusCode();
        final JsonElement details = json.isJsonObject() ? json.getAsJsonObject().get("details") : null;
        throw new Etsi014Exception(response.statusCode(), message, details == null ? "" : details.toString());
    }

    /** A JSON answer that holds no key (status). */
    private JsonObject send(final HttpRequest request) throws Etsi014Exception, IOException {
        final byte[] body = exchange(request);
        final JsonElement json;
        try {
            json = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            throw new IOException("KME answered with a body that is not JSON", e);
        }
        if (!json.isJsonObject()) {
            throw new IOException("KME answered with a body that is not a JSON object");
        }
        return json.getAsJsonObject();
    }

    /** A Key container, read from its bytes without a String of any key; the body is zeroed on every path. */
    private List<DeliveredKey> keys(final HttpRequest request) throws Etsi014Exception, IOException {
        final byte[] body = exchange(request);
        try {
            return KeyContainerReader.read(body);
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    private static String string(final JsonObject json, final String name) throws IOException {
        final JsonElement element = json.get(name);
        if (element == null || !element.isJsonPrimitive()) {
            throw new IOException("KME answer lacks " + name);
        }
        return element.getAsString();
    }

    private static int integer(final JsonObject json, final String name) throws IOException {
        final JsonElement element = json.get(name);
        if (element == null || !element.isJsonPrimitive()) {
            throw new IOException("KME answer lacks " + name);
        }
        return element.getAsInt();
    }

    @Override
    public void close() {
        http.close();
    }
}
