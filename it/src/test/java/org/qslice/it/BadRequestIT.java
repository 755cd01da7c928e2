/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qslice.tools.karaf.KarafInstance;

/**
 * Every malformed or invalid request to a qslice RPC or data path gets a 4xx with an RFC 8040 {@code errors} body
 * that names the field, and changes nothing: a full read of qslice's state (slices, reservations, provisioning
 * records, topology, KMS) is byte-identical before and after each one.
 */
@ExtendWith(ControllerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadRequestIT {
    private static final Path TESTBED = Path.of(System.getProperty("qslice.root", ".."), "testbed");
    private static final String JSON = "application/yang-data+json";
    private static final String XML = "application/yang-data+xml";
    private static final String CREATE = "operations/qslice-slice:create-slice";
    private static final String COMPUTE = "operations/qslice-slice:compute-slice";
    private static final String TOPOLOGY = "data/ietf-network:networks/network=qslice";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static String useCase1;
    private static String topology;
    private static KarafInstance controller;

    /**
     * One bad request: how it is sent, what must come back.
     *
     * @param name what is wrong
     * @param method HTTP method
     * @param path path below /rests/
     * @param contentType Content-Type
     * @param body the body
     * @param status the expected status
     * @param field a text the error-path or the message must contain (the field), or null
     */
    record Bad(String name, String method, String path, String contentType, byte[] body, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void files() throws Exception {
        useCase1 = Files.readString(TESTBED.resolve("use-case-1.json"), StandardCharsets.UTF_8);
        topology = Files.readString(TESTBED.resolve("paper-topology.json"), StandardCharsets.UTF_8);
    }

    private static Bad rpc(final String name, final String path, final String body, final int status,
            final String field) {
        return new Bad(name, "POST", path, JSON, body.getBytes(StandardCharsets.UTF_8), status, field);
    }

    // use-case-1 with one change, as create-slice (slice-id bad-probe, so that a wrongly accepted one is visible)
    private static Bad uc1(final String name, final UnaryOperator<String> change, final String field) {
        return rpc(name, CREATE, change.apply(useCase1.replace("\"use-case-1\"", "\"bad-probe\"")), 400, field);
    }

    private static Bad uc1Compute(final String name, final UnaryOperator<String> change, final String field) {
        return rpc(name, COMPUTE, change.apply(useCase1), 400, field);
    }

    private static String first(final String text, final String from, final String to) {
        final int at = text.indexOf(from);
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    static Stream<Bad> badRequests() {
        final var list = new ArrayList<Bad>();
        // values the YANG types refuse
        list.add(uc1("unknown security level", s -> first(s, "\"qra-aes\"", "\"qkd-aes2\""), "min-security-level"));
        list.add(uc1Compute("unknown security level (compute)", s -> first(s, "\"qra-aes\"", "\"QRA-AES\""),
            "min-security-level"));
        list.add(uc1("security level as a number", s -> first(s, "\"qra-aes\"", "3"), "min-security-level"));
        list.add(uc1("bandwidth with 4 fraction digits", s -> first(s, "\"bandwidth-gbps\": \"1\"",
            "\"bandwidth-gbps\": \"1.0001\""), "bandwidth-gbps"));
        list.add(uc1("bandwidth not a number", s -> first(s, "\"bandwidth-gbps\": \"1\"",
            "\"bandwidth-gbps\": \"fast\""), "bandwidth-gbps"));
        list.add(uc1("negative bandwidth", s -> first(s, "\"bandwidth-gbps\": \"1\"",
            "\"bandwidth-gbps\": \"-1\""), "bandwidth"));
        list.add(uc1("zero bandwidth", s -> first(s, "\"bandwidth-gbps\": \"1\"",
            "\"bandwidth-gbps\": \"0\""), "bandwidth"));
        list.add(uc1("negative latency", s -> first(s, "\"max-latency-us\": 5000", "\"max-latency-us\": -5"),
            "max-latency-us"));
        list.add(uc1("latency over uint32", s -> first(s, "\"max-latency-us\": 5000",
            "\"max-latency-us\": 4294967296"), "max-latency-us"));
        list.add(uc1("latency as a float", s -> first(s, "\"max-latency-us\": 5000", "\"max-latency-us\": 1.5"),
            "max-latency-us"));
        list.add(uc1("cpu cores as a word", s -> first(s, "\"cpu-cores\": 4", "\"cpu-cores\": \"four\""),
            "cpu-cores"));
        list.add(uc1("unknown role", s -> first(s, "\"user-plane\"", "\"data-plane\""), "role"));
        list.add(uc1("unknown site role", s -> first(s, "\"site-role\": \"metro\"", "\"site-role\": \"edge\""),
            "site-role"));
        list.add(uc1("boolean for a string", s -> first(s, "\"site\": \"cell-1\"", "\"site\": true"), "site"));
        // identifiers
        list.add(uc1("slice id with a slash", s -> s.replace("\"bad-probe\"", "\"bad/probe\""), "slice-id"));
        list.add(uc1("slice id with non-ASCII letters", s -> s.replace("\"bad-probe\"", "\"tranche-é\""),
            "slice-id"));
        list.add(uc1("slice id of 65 characters", s -> s.replace("\"bad-probe\"", "\"" + "s".repeat(65) + "\""),
            "slice-id"));
        list.add(uc1("empty slice id", s -> s.replace("\"bad-probe\"", "\"\""), "slice-id"));
        list.add(uc1("slice id starting with a dot", s -> s.replace("\"bad-probe\"", "\".probe\""), "slice-id"));
        list.add(uc1("null slice id", s -> s.replace("\"bad-probe\"", "null"), "slice-id"));
        list.add(uc1("connection name of 1000 characters", s -> first(s, "\"cell-1-app\"",
            "\"" + "c".repeat(1000) + "\""), "name"));
        list.add(uc1("connection name of 96 characters", s -> first(s, "\"cell-1-app\"",
            "\"" + "c".repeat(96) + "\""), "name"));
        list.add(uc1("connection name with a space", s -> first(s, "\"cell-1-app\"", "\"cell 1 app\""), "name"));
        list.add(uc1("connection name with a slash", s -> first(s, "\"cell-1-app\"", "\"cell/1\""), "name"));
        list.add(uc1("duplicate connection names", s -> first(s, "\"cell-2-app\"", "\"cell-1-app\""),
            "connection[name='cell-1-app']"));
        list.add(uc1("description of 2000 characters", s -> s.replaceFirst("\"description\": \"[^\"]*\"",
            "\"description\": \"" + "d".repeat(2000) + "\""), "description"));
        // structure
        list.add(uc1("unknown leaf in the input", s -> s.replace("\"slice-id\":", "\"colour\": \"red\", "
            + "\"slice-id\":"), "colour"));
        list.add(uc1("unknown leaf in a connection", s -> first(s, "\"role\":", "\"priority\": 1, \"role\":"),
            "priority"));
        list.add(uc1("unknown module prefix", s -> s.replace("\"input\"", "\"qslice-nothing:input\""), null));
        list.add(uc1("both cases of an endpoint choice", s -> first(s, "\"site\": \"cell-1\"",
            "\"site\": \"cell-1\", \"compute\": {\"site-role\": \"metro\"}"), "a-end"));
        list.add(uc1("connection is a string", s -> "{\"input\": {\"slice-id\": \"bad-probe\", \"connection\": "
            + "\"all\"}}", "connection"));
        list.add(uc1("duplicate member name", s -> s.replace("\"slice-id\": \"bad-probe\"",
            "\"slice-id\": \"bad-probe\", \"slice-id\": \"other\""), "slice-id"));
        list.add(uc1("no connections", s -> "{\"input\": {\"slice-id\": \"bad-probe\"}}", "connection"));
        list.add(uc1("empty connection list", s -> "{\"input\": {\"slice-id\": \"bad-probe\", \"connection\": []}}",
            "connection"));
        list.add(uc1("missing security level", s -> first(s, "\"min-security-level\": \"qra-aes\",", ""),
            "min-security-level"));
        list.add(uc1("missing z-end", s -> "{\"input\":{\"slice-id\":\"bad-probe\",\"connection\":[{\"name\":\"c\","
            + "\"a-end\":{\"site\":\"cell-1\"},\"min-security-level\":\"none\",\"bandwidth-gbps\":\"1\"}]}}", "z-end"));
        list.add(uc1("unknown site", s -> first(s, "\"site\": \"cell-1\"", "\"site\": \"cell-9\""), "cell-9"));
        list.add(uc1("unknown include link", s -> first(s, "\"role\":", "\"include\": {\"link\": [\"no-such\"]}, "
            + "\"role\":"), "no-such"));
        list.add(uc1("a-end equal z-end", s -> "{\"input\":{\"slice-id\":\"bad-probe\",\"connection\":[{\"name\":"
            + "\"c\",\"a-end\":{\"site\":\"cell-1\"},\"z-end\":{\"site\":\"cell-1\"},\"min-security-level\":\"none\","
            + "\"bandwidth-gbps\":\"1\"}]}}", "end"));
        // not JSON at all
        list.add(rpc("not JSON", CREATE, "hello", 400, null));
        list.add(rpc("truncated JSON", CREATE, useCase1.substring(0, useCase1.length() / 2), 400, null));
        list.add(rpc("JSON array", CREATE, "[1, 2, 3]", 400, null));
        list.add(rpc("JSON string", CREATE, "\"input\"", 400, null));
        list.add(rpc("nested 100000 deep", CREATE, "{\"input\":" + "[".repeat(100_000), 400, null));
        list.add(rpc("trailing garbage", CREATE, useCase1 + " }}}", 400, null));
        // encoding and size
        final byte[] invalidUtf8 = useCase1.replace("\"use-case-1\"", "\"bad-probe\"")
            .getBytes(StandardCharsets.UTF_8);
        invalidUtf8[useCase1.indexOf("use-case-1") + 3] = (byte) 0xC3;
        list.add(new Bad("invalid UTF-8", "POST", CREATE, JSON, invalidUtf8, 400, "UTF-8"));
        final byte[] latin1 = useCase1.replace("\"use-case-1\"", "\"bad-probé\"").getBytes(StandardCharsets.ISO_8859_1);
        list.add(new Bad("Latin-1 body", "POST", CREATE, JSON, latin1, 400, "UTF-8"));
        list.add(new Bad("5 MB body", "POST", CREATE, JSON, ("{\"input\":{\"description\":\"" + "x".repeat(5_000_000)
            + "\"}}").getBytes(StandardCharsets.UTF_8), 413, null));
        // XML bodies
        list.add(new Bad("XML unknown enum", "POST", CREATE, XML, ("<input xmlns=\"urn:qslice:slice\"><slice-id>"
            + "bad-probe</slice-id><connection><name>c</name><a-end><site>cell-1</site></a-end><z-end><site>core-1"
            + "</site></z-end><min-security-level>qkd</min-security-level><bandwidth-gbps>1</bandwidth-gbps>"
            + "</connection></input>").getBytes(StandardCharsets.UTF_8), 400, null));
        list.add(new Bad("XML unknown element", "POST", CREATE, XML, ("<input xmlns=\"urn:qslice:slice\">"
            + "<colour>red</colour></input>").getBytes(StandardCharsets.UTF_8), 400, "colour"));
        list.add(new Bad("XML not well-formed", "POST", CREATE, XML, "<input xmlns=\"urn:qslice:slice\"><slice-id>"
            .getBytes(StandardCharsets.UTF_8), 400, null));
        // the other RPCs
        for (String op : List.of("activate-slice", "deactivate-slice", "delete-slice")) {
            list.add(rpc(op + ": unknown leaf", "operations/qslice-slice:" + op,
                "{\"input\": {\"slice-id\": \"bad-probe\", \"force\": true}}", 400, "force"));
            list.add(rpc(op + ": not JSON", "operations/qslice-slice:" + op, "{\"input\": {", 400, null));
            list.add(rpc(op + ": empty slice id", "operations/qslice-slice:" + op,
                "{\"input\": {\"slice-id\": \"\"}}", 400, "slice-id"));
        }
        list.add(rpc("create-pool: unknown key type", "operations/qslice-kms:create-pool",
            "{\"input\": {\"channel-id\": \"bad-probe\", \"key-type\": \"rsa\"}}", 400, "key-type"));
        list.add(rpc("get-pool-statistics: unknown leaf", "operations/qslice-kms:get-pool-statistics",
            "{\"input\": {\"pool\": 1}}", 400, "pool"));
        list.add(rpc("get-info: unknown leaf", "operations/qslice-info:get-info", "{\"input\": {\"x\": 1}}", 400,
            "x"));
        // data paths
        list.add(new Bad("topology: not JSON", "PUT", TOPOLOGY, JSON, "{\"ietf-network:network\": ["
            .getBytes(StandardCharsets.UTF_8), 400, null));
        final byte[] badTopology = topology.getBytes(StandardCharsets.UTF_8);
        badTopology[topology.indexOf("cell-1") + 2] = (byte) 0xFF;
        list.add(new Bad("topology: invalid UTF-8", "PUT", TOPOLOGY, JSON, badTopology, 400, "UTF-8"));
        list.add(new Bad("topology: unknown leaf", "PUT", TOPOLOGY, JSON, first(topology, "\"network-id\"",
            "\"colour\": 1, \"network-id\"").getBytes(StandardCharsets.UTF_8), 400, "colour"));
        list.add(new Bad("topology: two nodes with one node-id", "PUT", TOPOLOGY, JSON, first(topology,
            "\"node-id\": \"cell-2\"", "\"node-id\": \"cell-1\"").getBytes(StandardCharsets.UTF_8), 400,
            "node[node-id='cell-1']"));
        // the orchestrator's own data: refused whatever the body
        list.add(new Bad("slices: not JSON", "PUT", "data/qslice-slice:slices", JSON, "{".getBytes(
            StandardCharsets.UTF_8), 403, "qslice-slice:slices"));
        list.add(new Bad("slices: a well-formed PUT", "PUT", "data/qslice-slice:slices", JSON,
            "{\"qslice-slice:slices\": {}}".getBytes(StandardCharsets.UTF_8), 403, "qslice-slice:slices"));
        list.add(new Bad("slices: DELETE of one slice", "DELETE", "data/qslice-slice:slices/slice=use-case-1", JSON,
            null, 403, "qslice-slice:slices"));
        list.add(new Bad("journal: DELETE", "DELETE", "data/qslice-slice:journal", JSON, null, 403,
            "qslice-slice:journal"));
        list.add(new Bad("unsupported media type", "POST", CREATE, "text/plain", useCase1.getBytes(
            StandardCharsets.UTF_8), 415, null));
        return list.stream();
    }

    private static java.net.http.HttpResponse<String> send(final String method, final String path,
            final String contentType, final byte[] body, final boolean credentials) throws Exception {
        final var builder = HttpRequest.newBuilder(URI.create(controller.restconfUri() + "/" + path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", contentType.contains("xml") ? XML : JSON);
        if (credentials) {
            builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                "admin:admin".getBytes(StandardCharsets.UTF_8)));
        }
        if (body != null) {
            builder.header("Content-Type", contentType).method(method, BodyPublishers.ofByteArray(body));
        } else {
            builder.method(method, BodyPublishers.noBody());
        }
        return CLIENT.send(builder.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    // everything qslice keeps: slices with their reservations and provisioning records, the topology with its
    // status, the KMS (configuration and state)
    private static String state() throws Exception {
        final var sb = new StringBuilder();
        for (String path : List.of("data/qslice-slice:slices?content=config", "data/qslice-slice:slices"
                + "?content=nonconfig", TOPOLOGY + "?content=config", TOPOLOGY + "?content=nonconfig",
                "data/qslice-kms:kms?content=config", "data/qslice-kms:kms?content=nonconfig")) {
            final var response = send("GET", path, JSON, null, true);
            sb.append(path).append(' ').append(response.statusCode()).append('\n').append(response.body())
                .append('\n');
        }
        return sb.toString();
    }

    @Test
    @Order(1)
    void aReservedSliceToProtect(final KarafInstance booted) throws Exception {
        controller = booted;
        final var put = send("PUT", TOPOLOGY, JSON, topology.getBytes(StandardCharsets.UTF_8), true);
        assertTrue(put.statusCode() == 201 || put.statusCode() == 204, put.body());
        final String request = useCase1.replace("\"use-case-1\"", "\"guarded\"");
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        java.net.http.HttpResponse<String> created;
        do {
            created = send("POST", CREATE, JSON, request.getBytes(StandardCharsets.UTF_8), true);
        } while (created.statusCode() != 200 && System.nanoTime() < deadline);
        assertEquals(200, created.statusCode(), created.body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    @Order(2)
    void isRefusedWithAnRfc8040ErrorAndChangesNothing(final Bad bad) throws Exception {
        assertNotNull(controller, "the controller is booted by the first test");
        final String before = state();
        final var response = send(bad.method(), bad.path(), bad.contentType(), bad.body(), true);
        assertEquals(bad.status(), response.statusCode(), bad.name() + ": " + response.body());
        final String errorPath;
        final String message;
        if (response.body().trim().startsWith("<")) {
            assertTrue(response.body().contains("<errors xmlns=\"urn:ietf:params:xml:ns:yang:ietf-restconf\""),
                response.body());
            errorPath = between(response.body(), "<error-path>", "</error-path>");
            message = between(response.body(), "<error-message>", "</error-message>");
            assertTrue(response.body().contains("<error-tag>"), response.body());
        } else {
            final JsonObject error = JsonParser.parseString(response.body()).getAsJsonObject()
                .getAsJsonObject("errors").getAsJsonArray("error").get(0).getAsJsonObject();
            assertTrue(error.has("error-type") && error.has("error-tag"), response.body());
            errorPath = error.has("error-path") ? error.get("error-path").getAsString() : "";
            message = error.get("error-message").getAsString();
        }
        assertTrue(message != null && !message.isBlank(), response.body());
        if (bad.field() != null) {
            assertTrue(errorPath.contains(bad.field()) || message.contains(bad.field()),
                bad.name() + ": the error names neither path nor field '" + bad.field() + "': " + response.body());
        }
        assertEquals(before, state(), bad.name() + " changed qslice's state");
    }

    private static String between(final String text, final String from, final String to) {
        final int start = text.indexOf(from);
        final int end = text.indexOf(to, start + 1);
        return start < 0 || end < 0 ? "" : text.substring(start + from.length(), end);
    }

    @Test
    @Order(3)
    void withoutCredentialsABadBodyGets401(final KarafInstance booted) throws Exception {
        final var response = send("POST", CREATE, JSON, first(useCase1, "\"qra-aes\"", "\"bogus\"")
            .getBytes(StandardCharsets.UTF_8), false);
        assertEquals(401, response.statusCode(), response.body());
    }

    @Test
    @Order(4)
    void aRefusalBecauseOfTheSliceStateIs409InUse(final KarafInstance booted) throws Exception {
        final String before = state();
        final var response = send("POST", "operations/qslice-slice:deactivate-slice", JSON,
            "{\"input\": {\"slice-id\": \"guarded\"}}".getBytes(StandardCharsets.UTF_8), true);
        assertEquals(409, response.statusCode(), response.body());
        final JsonObject error = JsonParser.parseString(response.body()).getAsJsonObject()
            .getAsJsonObject("errors").getAsJsonArray("error").get(0).getAsJsonObject();
        assertEquals("in-use", error.get("error-tag").getAsString(), response.body());
        assertTrue(error.get("error-message").getAsString().contains("reserved"), response.body());
        assertEquals(before, state());
    }

    @Test
    @Order(5)
    void theGoodRequestStillWorksAndTheProbeIsGone(final KarafInstance booted) throws Exception {
        final var compute = send("POST", COMPUTE, JSON, useCase1.getBytes(StandardCharsets.UTF_8), true);
        assertEquals(200, compute.statusCode(), compute.body());
        assertTrue(!state().contains("bad-probe"), "a bad request was stored");
        final var deleted = send("POST", "operations/qslice-slice:delete-slice", JSON,
            "{\"input\": {\"slice-id\": \"guarded\"}}".getBytes(StandardCharsets.UTF_8), true);
        assertEquals(200, deleted.statusCode(), deleted.body());
    }
}
