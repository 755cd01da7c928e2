/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qslice.tools.http.Restconf;
import org.qslice.tools.karaf.KarafInstance;

/**
 * The orchestrator end to end over RESTCONF on the booted distribution, with the shipped testbed files as they are.
 */
@ExtendWith(ControllerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SliceIT {
    private static final Path TESTBED = Path.of(System.getProperty("qslice.root", ".."), "testbed");
    private static final String TOPOLOGY_PATH = "ietf-network:networks/network=qslice";

    private static String file(final String name) throws Exception {
        return Files.readString(TESTBED.resolve(name), StandardCharsets.UTF_8);
    }

    private static JsonObject output(final Restconf.Response response) {
        return response.json().getAsJsonObject("qslice-slice:output");
    }

    private static Map<String, List<String>> paths(final JsonObject output) {
        final var result = new HashMap<String, List<String>>();
        for (JsonElement element : output.getAsJsonArray("connection")) {
            final var connection = element.getAsJsonObject();
            final var hops = new ArrayList<JsonObject>();
            connection.getAsJsonArray("hop").forEach(hop -> hops.add(hop.getAsJsonObject()));
            hops.sort((x, y) -> Integer.compare(x.get("index").getAsInt(), y.get("index").getAsInt()));
            result.put(connection.get("name").getAsString(), hops.stream()
                .map(hop -> hop.get("link-id").getAsString()).toList());
        }
        return result;
    }

    private static String error(final Restconf.Response response) {
        final JsonArray errors = response.json().getAsJsonObject("errors").getAsJsonArray("error");
        final var first = errors.get(0).getAsJsonObject();
        return first.get("error-tag").getAsString() + ": " + first.get("error-message").getAsString();
    }

    private static JsonObject request(final String file, final String sliceId) throws Exception {
        final var body = JsonParser.parseString(file(file)).getAsJsonObject();
        body.getAsJsonObject("input").addProperty("slice-id", sliceId);
        return body;
    }

    private static Restconf.Response create(final Restconf restconf, final JsonObject body) throws Exception {
        return restconf.rpcRaw("qslice-slice:create-slice", body.toString());
    }

    @Test
    @Order(1)
    void topologyLoadsWithOneRequest(final KarafInstance controller) throws Exception {
        final var restconf = controller.restconf();
        final var put = restconf.put(TOPOLOGY_PATH, file("paper-topology.json"));
        assertTrue(put.status() == 201 || put.status() == 204, put.body());
        // the orchestrator follows the datastore: poll until compute-slice sees the topology
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Restconf.Response compute;
        do {
            compute = restconf.rpcRaw("qslice-slice:compute-slice", file("use-case-1.json"));
        } while (compute.status() != 200 && System.nanoTime() < deadline);
        assertEquals(200, compute.status(), compute.body());
    }

    @Test
    @Order(2)
    void useCasesComputeAndReserveThePaperPaths(final KarafInstance controller) throws Exception {
        final var restconf = controller.restconf();
        final var dryRun = restconf.rpcRaw("qslice-slice:compute-slice", file("use-case-1.json"));
        assertEquals(200, dryRun.status(), dryRun.body());
        assertTrue(output(dryRun).get("feasible").getAsBoolean());
        assertEquals(List.of("cell-1/agg-1#ch3", "agg-1/metro-1#ch3"), paths(output(dryRun)).get("cell-1-app"));
        final var nothingStored = restconf.get("qslice-slice:slices");
        assertFalse(nothingStored.status() == 200 && nothingStored.body().contains("slice-id"),
            "compute-slice is a dry run and must not store anything: " + nothingStored.body());

        final var uc1 = restconf.rpcRaw("qslice-slice:create-slice", file("use-case-1.json"));
        assertEquals(200, uc1.status(), uc1.body());
        assertEquals("reserved", output(uc1).get("state").getAsString());
        final var p1 = paths(output(uc1));
        assertEquals(List.of("metro-1/core-1#ch4"), p1.get("metro-core"));
        assertEquals(List.of("cell-2/agg-1#ch2", "agg-1/metro-1#ch2", "metro-1/core-1#ch2"), p1.get("cell-2-control"));

        final var uc2 = restconf.rpcRaw("qslice-slice:create-slice", file("use-case-2.json"));
        assertEquals(200, uc2.status(), uc2.body());
        final var p2 = paths(output(uc2));
        assertEquals(List.of("metro-1/core-1#ch4", "agg-1/metro-1#ch4"), p2.get("core-cdn"));
        assertEquals(List.of("cell-1/agg-1#ch1"), p2.get("cdn-cell-1"));

        final var slices = restconf.get("qslice-slice:slices");
        assertEquals(200, slices.status(), slices.body());
        assertTrue(slices.body().contains("use-case-1") && slices.body().contains("use-case-2"), slices.body());

        final String console = controller.console(Duration.ofMinutes(2), "qslice:slice-list", "qslice:topology");
        assertTrue(console.contains("use-case-1") && console.contains("reserved"), console);
        assertTrue(console.contains("metro-1/core-1#ch4"), console);
    }

    @Test
    @Order(3)
    void badInputGetsAClearErrorAndChangesNothing(final KarafInstance controller) throws Exception {
        final var restconf = controller.restconf();
        final String before = restconf.get("qslice-slice:slices").body();

        final var duplicate = restconf.rpcRaw("qslice-slice:create-slice", file("use-case-1.json"));
        assertEquals(409, duplicate.status(), duplicate.body());
        assertTrue(error(duplicate).startsWith("data-exists"), error(duplicate));

        final var unknownSite = request("use-case-2.json", "bad-site");
        unknownSite.getAsJsonObject("input").getAsJsonArray("connection").get(0).getAsJsonObject()
            .getAsJsonObject("a-end").addProperty("site", "core-9");
        final var site = create(restconf, unknownSite);
        assertEquals(400, site.status(), site.body());
        assertTrue(error(site).contains("core-9"), error(site));

        final var zero = request("use-case-2.json", "bad-bw");
        zero.getAsJsonObject("input").getAsJsonArray("connection").get(1).getAsJsonObject()
            .addProperty("bandwidth-gbps", "0");
        final var bandwidth = create(restconf, zero);
        assertEquals(400, bandwidth.status(), bandwidth.body());
        assertTrue(error(bandwidth).contains("bandwidth"), error(bandwidth));

        final var tooFast = request("use-case-1.json", "bad-latency");
        tooFast.getAsJsonObject("input").getAsJsonArray("connection").get(3).getAsJsonObject()
            .addProperty("max-latency-us", 100);
        final var latency = create(restconf, tooFast);
        assertEquals(400, latency.status(), latency.body());
        assertTrue(error(latency).contains("latency"), error(latency));

        final var level = request("use-case-1.json", "bad-level");
        level.getAsJsonObject("input").getAsJsonArray("connection").get(0).getAsJsonObject()
            .addProperty("min-security-level", "quantum-magic");
        final var unknownLevel = create(restconf, level);
        // ODL's RESTCONF (netconf 10.0.2) rejects an unknown enum in RPC input before qslice sees it, but answers 500
        // "Request failed." instead of 400 (docs/orchestrator.md, known limitations); qslice:slice-create names it
        assertTrue(unknownLevel.status() >= 400, unknownLevel.body());

        final var huge = request("use-case-1.json", "bad-compute");
        huge.getAsJsonObject("input").getAsJsonArray("connection").get(0).getAsJsonObject()
            .getAsJsonObject("z-end").getAsJsonObject("compute").addProperty("cpu-cores", 100_000);
        final var compute = create(restconf, huge);
        assertEquals(400, compute.status(), compute.body());
        assertTrue(error(compute).contains("cpu"), error(compute));

        // three 60G QKD connections metro-1 -> core-1: each fits alone (ch4 and ch5 have 80G and 100G free),
        // together they do not
        final var jointly = JsonParser.parseString("""
            {"input": {"slice-id": "too-much", "connection": [
              {"name": "big-1", "a-end": {"site": "metro-1"}, "z-end": {"site": "core-1"},
               "min-security-level": "qkd-aes", "bandwidth-gbps": "60"},
              {"name": "big-2", "a-end": {"site": "metro-1"}, "z-end": {"site": "core-1"},
               "min-security-level": "qkd-aes", "bandwidth-gbps": "60"},
              {"name": "big-3", "a-end": {"site": "metro-1"}, "z-end": {"site": "core-1"},
               "min-security-level": "qkd-aes", "bandwidth-gbps": "60"}]}}
            """).getAsJsonObject();
        final var alone = restconf.rpcRaw("qslice-slice:compute-slice", jointly.toString());
        assertEquals(200, alone.status(), alone.body());
        assertFalse(output(alone).get("feasible").getAsBoolean(), alone.body());
        final var denied = create(restconf, jointly);
        assertEquals(409, denied.status(), denied.body());
        assertTrue(error(denied).startsWith("resource-denied"), error(denied));
        assertTrue(error(denied).contains("big-3"), error(denied));

        final var unknownDelete = restconf.rpc("qslice-slice:delete-slice", JsonParser.parseString(
            "{\"slice-id\": \"no-such-slice\"}").getAsJsonObject());
        assertTrue(error(unknownDelete).startsWith("data-missing"), error(unknownDelete));

        assertEquals(before, restconf.get("qslice-slice:slices").body(), "a refused request changed the slices");
    }

    @Test
    @Order(4)
    void concurrentCreateDeleteLeavesTheResourcesAsTheyWere(final KarafInstance controller) throws Exception {
        final var restconf = controller.restconf();
        final String before = controller.console(Duration.ofMinutes(2), "qslice:topology");
        final var pool = Executors.newFixedThreadPool(4);
        try {
            final var results = new ArrayList<Future<Integer>>();
            for (int t = 0; t < 4; t++) {
                final int thread = t;
                results.add(pool.submit(() -> {
                    int created = 0;
                    for (int i = 0; i < 6; i++) {
                        final String id = "load-" + thread + "-" + i;
                        if (create(restconf, request("use-case-2.json", id)).status() == 200) {
                            created++;
                            assertEquals(200, restconf.rpc("qslice-slice:delete-slice", JsonParser.parseString(
                                "{\"slice-id\": \"" + id + "\"}").getAsJsonObject()).status());
                        }
                    }
                    return created;
                }));
            }
            int created = 0;
            for (var result : results) {
                created += result.get(5, TimeUnit.MINUTES);
            }
            assertTrue(created > 0);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before, controller.console(Duration.ofMinutes(2), "qslice:topology"));
    }

    @Test
    @Order(5)
    void deleteReleasesEverything(final KarafInstance controller) throws Exception {
        final var restconf = controller.restconf();
        for (String id : List.of("use-case-1", "use-case-2")) {
            final var deleted = restconf.rpc("qslice-slice:delete-slice", JsonParser.parseString(
                "{\"slice-id\": \"" + id + "\"}").getAsJsonObject());
            assertEquals(200, deleted.status(), deleted.body());
        }
        final String topology = controller.console(Duration.ofMinutes(2), "qslice:topology");
        assertFalse(topology.contains("99.600 Gb/s"), topology);
        assertTrue(topology.contains("32/32 cores"), topology);
    }
}
