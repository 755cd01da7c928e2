/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools.http;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * RESTCONF client: {@code /rests/data} and {@code /rests/operations} with JSON bodies and basic authentication.
 */
public final class Restconf {
    private static final String JSON = "application/json";

    private final URI root;
    private final String authorization;
    private final HttpClient client;
    private final Duration timeout;

    /**
     * Creates a client.
     *
     * @param root RESTCONF root, e.g. {@code http://127.0.0.1:8181/rests}
     * @param user user name
     * @param password password
     */
    public Restconf(final URI root, final String user, final String password) {
        this(root, user, password, Duration.ofSeconds(60));
    }

    /**
     * Creates a client with a per-request timeout.
     *
     * @param root RESTCONF root
     * @param user user name
     * @param password password
     * @param timeout per-request bound
     */
    public Restconf(final URI root, final String user, final String password, final Duration timeout) {
        this.root = requireNonNull(root);
        authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
            .getBytes(StandardCharsets.UTF_8));
        this.timeout = requireNonNull(timeout);
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Returns the RESTCONF root this client talks to.
     *
     * @return the root
     */
    public URI root() {
        return root;
    }

    /**
     * An HTTP response.
     *
     * @param status the status code
     * @param body the body text (may be empty)
     */
    public record Response(int status, String body) {
        /**
         * Tells whether the status is 2xx.
         *
         * @return true on success
         */
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /**
         * Parses the body as JSON.
         *
         * @return the JSON value, or an empty object for an empty body
         */
        public JsonObject json() {
            if (body.isBlank()) {
                return new JsonObject();
            }
            final JsonElement parsed = JsonParser.parseString(body);
            return parsed.isJsonObject() ? parsed.getAsJsonObject() : new JsonObject();
        }

        /**
         * Returns this response if successful.
         *
         * @param what what was attempted, for the message
         * @return this
         * @throws IOException with status and body otherwise
         */
        public Response expectOk(final String what) throws IOException {
            if (!ok()) {
                throw new IOException(what + " failed: HTTP " + status + " " + body);
            }
            return this;
        }
    }

    /**
     * Invokes an RPC: {@code POST /operations/<module>:<rpc>} with {@code {"input": ...}}.
     *
     * @param rpc module-qualified RPC name, e.g. {@code qslice-slice:create-slice}
     * @param input the input object (the value of "input"), or null for none
     * @return the response
     * @throws IOException on I/O failure
     * @throws InterruptedException if interrupted
     */
    public Response rpc(final String rpc, final JsonObject input) throws IOException, InterruptedException {
        if (input == null) {
            return send("POST", "/operations/" + rpc, null);
        }
        final var body = new JsonObject();
        body.add("input", input);
        return send("POST", "/operations/" + rpc, body.toString());
    }

    /**
     * Sends a raw body to an RPC, e.g. a request file as it is.
     *
     * @param rpc module-qualified RPC name
     * @param body the complete JSON body
     * @return the response
     * @throws IOException on I/O failure
     * @throws InterruptedException if interrupted
     */
    public Response rpcRaw(final String rpc, final String body) throws IOException, InterruptedException {
        return send("POST", "/operations/" + rpc, body);
    }

    /**
     * Reads data: {@code GET /data/<path>}.
     *
     * @param path path below {@code /data/}, may carry a query
     * @return the response
     * @throws IOException on I/O failure
     * @throws InterruptedException if interrupted
     */
    public Response get(final String path) throws IOException, InterruptedException {
        return send("GET", "/data/" + path, null);
    }

    /**
     * Replaces data: {@code PUT /data/<path>}.
     *
     * @param path path below {@code /data/}
     * @param body JSON body
     * @return the response
     * @throws IOException on I/O failure
     * @throws InterruptedException if interrupted
     */
    public Response put(final String path, final String body) throws IOException, InterruptedException {
        return send("PUT", "/data/" + path, body);
    }

    /**
     * Deletes data: {@code DELETE /data/<path>}.
     *
     * @param path path below {@code /data/}
     * @return the response
     * @throws IOException on I/O failure
     * @throws InterruptedException if interrupted
     */
    public Response delete(final String path) throws IOException, InterruptedException {
        return send("DELETE", "/data/" + path, null);
    }

    /**
     * Sends any request below the RESTCONF root.
     *
     * @param method HTTP method
     * @param path path below the root, starting with '/'
     * @param body JSON body or null
     * @return the response
     * @throws IOException on I/O failure
     * @throws InterruptedException if interrupted
     */
    public Response send(final String method, final String path, final String body)
            throws IOException, InterruptedException {
        final var builder = HttpRequest.newBuilder(URI.create(root + path))
            .timeout(timeout)
            .header("Authorization", authorization)
            .header("Accept", JSON);
        if (body != null) {
            builder.header("Content-Type", JSON).method(method, BodyPublishers.ofString(body));
        } else {
            builder.method(method, BodyPublishers.noBody());
        }
        final var response = client.send(builder.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(response.statusCode(), response.body() == null ? "" : response.body());
    }

    /**
     * Tells whether an RPC answers 200 now (a readiness probe; errors count as not ready).
     *
     * @param rpc the RPC
     * @return true if it answered 200
     */
    public boolean answers(final String rpc) {
        try {
            return rpc(rpc, null).status() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
