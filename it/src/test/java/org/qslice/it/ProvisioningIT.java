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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qslice.tools.karaf.KarafInstance;
import org.qslice.tools.slice.SliceClient;
import org.qslice.tools.testbed.Testbed;

/**
 * Provisioning end to end: the booted distribution, the paper's testbed as real NETCONF simulators mounted through
 * topology-netconf, slices activated over RESTCONF; device configuration checked through the mount points and
 * directly on the simulators.
 */
@ExtendWith({ ControllerExtension.class, TestbedExtension.class })
class ProvisioningIT {
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String UC1 = "use-case-1";
    private static final String UC2 = "use-case-2";

    private final Path root = TestbedExtension.root();

    @BeforeEach
    void loadTopology(final KarafInstance controller, final Testbed testbed) throws Exception {
        DeviceChecks.resetTestbed(controller, testbed, root);
    }

    @Test
    void bothUseCasesActivateAndTheDevicesHoldExactlyTheirConfiguration(final KarafInstance controller,
            final Testbed testbed) throws Exception {
        final var slices = new SliceClient(controller.restconf());
        for (String id : List.of(UC1, UC2)) {
            slices.create(root.resolve("testbed/" + id + ".json"));
            final var response = slices.activate(id);
            assertEquals(200, response.status(), response.body());
            final JsonObject slice = slices.slice(id).orElseThrow();
            assertEquals("active", slice.getAsJsonObject("status").get("state").getAsString());
            final JsonObject record = slices.provisioning(id).orElseThrow();
            assertEquals("active", record.get("state").getAsString());
            assertEquals("activate", record.get("operation").getAsString());
            for (JsonElement step : record.getAsJsonArray("step")) {
                assertEquals("ok", step.getAsJsonObject().get("result").getAsString(), step.toString());
                assertTrue(step.getAsJsonObject().get("duration-us").getAsLong() > 0, step.toString());
            }
        }
        final Map<String, Set<String>> mounted = DeviceChecks.throughMounts(controller, testbed);
        final Map<String, Set<String>> direct = DeviceChecks.direct(testbed);
        assertEquals(mounted, direct, "the mount points and the simulators disagree");
        for (var device : mounted.entrySet()) {
            assertFalse(device.getValue().isEmpty(), device.getKey() + " holds nothing: both use cases touch it");
        }
        assertTrue(mounted.get("cell-1-sw").containsAll(Set.of("use-case-1/cell-1-app", "use-case-1/cell-1-control",
            "use-case-2/cdn-cell-1", "use-case-2/cell-1-control")), mounted.get("cell-1-sw").toString());
        assertTrue(mounted.get("metro-1-osw").stream().allMatch(name -> name.matches(".+#ch\\d/\\d+")),
            mounted.get("metro-1-osw").toString());
        // the encryptor entries of an encrypted channel carry the key id the KMS rotates
        final JsonObject enc = testbed.readThroughMount(controller.restconf(), "metro-1-enc");
        assertTrue(enc.getAsJsonArray("client-port").asList().stream().map(JsonElement::getAsJsonObject)
            .anyMatch(port -> "qkd".equals(port.get("key-exchange").getAsString())
                && port.get("key-source").getAsString().endsWith("/qkd")), enc.toString());
        // ... bound with the channel's key id (the KMS registration precedes the encryptor step), which the KMS
        // then rotates (every key-refresh-ms, 3 s). A QKD channel whose pool is still filling gets its first key
        // when the supply delivers it: poll, bounded, until every encrypting port holds one of its channel's keys.
        final long boundDeadline = System.nanoTime() + SETTLE.toNanos();
        JsonObject current = enc;
        String unbound = unboundPort(current, kmsChannelKeys(controller));
        while (unbound != null && System.nanoTime() < boundDeadline) {
            Thread.sleep(250);
            current = testbed.readThroughMount(controller.restconf(), "metro-1-enc");
            unbound = unboundPort(current, kmsChannelKeys(controller));
        }
        assertNull(unbound, unbound + " after " + SETTLE.toSeconds() + " s; the KMS's keys: "
            + kmsChannelKeys(controller));
        final Map<String, String> bound = keyIds(current);
        assertFalse(bound.isEmpty(), current.toString());
        final long rotationDeadline = System.nanoTime() + SETTLE.toNanos();
        Map<String, String> rotated = keyIds(testbed.readThroughMount(controller.restconf(), "metro-1-enc"));
        while (rotated.entrySet().stream().anyMatch(entry -> entry.getValue().equals(bound.get(entry.getKey())))
                && System.nanoTime() < rotationDeadline) {
            Thread.sleep(250);
            rotated = keyIds(testbed.readThroughMount(controller.restconf(), "metro-1-enc"));
        }
        for (var entry : rotated.entrySet()) {
            assertFalse(entry.getValue().equals(bound.get(entry.getKey())), entry.getKey()
                + " still holds its first key id after " + SETTLE.toSeconds() + " s: " + rotated);
        }

        for (String id : List.of(UC2, UC1)) {
            final var response = slices.deactivate(id);
            assertEquals(200, response.status(), response.body());
            assertEquals("reserved", slices.slice(id).orElseThrow().getAsJsonObject("status").get("state")
                .getAsString());
            assertEquals("inactive", slices.provisioning(id).orElseThrow().get("state").getAsString());
            assertEquals(200, slices.delete(id).status());
        }
        DeviceChecks.assertClean(controller, testbed);
        DeviceChecks.assertNoChannelRotates(controller);
    }

    @Test
    void aDeviceFrozenAtAnyStepOfUseCase1EndsWithEveryDeviceClean(final KarafInstance controller,
            final Testbed testbed) throws Exception {
        final var slices = new SliceClient(controller.restconf());
        slices.create(root.resolve("testbed/use-case-1.json"));
        assertEquals(200, slices.activate(UC1).status());
        final var steps = new ArrayList<JsonObject>();
        for (JsonElement step : slices.provisioning(UC1).orElseThrow().getAsJsonArray("step")) {
            if (!"kms".equals(step.getAsJsonObject().get("device").getAsString())) {
                steps.add(step.getAsJsonObject());
            }
        }
        assertEquals(11, steps.size(), "UC1 configures every device of the testbed once");
        assertEquals(200, slices.deactivate(UC1).status());
        DeviceChecks.assertClean(controller, testbed);

        for (JsonObject step : steps) {
            final int index = step.get("index").getAsInt();
            final String device = step.get("device").getAsString();
            final String node = device.substring(device.indexOf('/') + 1);
            testbed.freeze(node);
            final var response = slices.activate(UC1);
            testbed.thaw(node);
            assertFalse(response.ok(), "step " + index + " on frozen " + node + " should fail: " + response.body());
            final String error = SliceClient.error(response);
            assertTrue(error.contains("failed at step " + index + " of "), error);
            assertTrue(error.contains(device), error);
            assertTrue(error.contains("got no answer within"), error);
            final JsonObject slice = slices.slice(UC1).orElseThrow();
            assertEquals("failed", slice.getAsJsonObject("status").get("state").getAsString());
            // documented: a failed activation keeps the reservation (retry or delete)
            assertTrue(slice.getAsJsonObject("status").getAsJsonArray("connection").get(0).getAsJsonObject()
                .has("link-reservation"), slice.toString());
            assertEquals("failed", slices.provisioning(UC1).orElseThrow().get("state").getAsString());
            DeviceChecks.awaitClean(controller, testbed, "after a fault at step " + index + " (" + device + ")");
        }
        // the frozen step's undo timed out too: its journal entry says the device may still hold it (the device
        // removed it once thawed, but nothing confirmed that), so delete waits for a deactivation, which removes
        // what the journal names (idempotent)
        final var refused = slices.delete(UC1);
        assertEquals(409, refused.status(), refused.body());
        assertTrue(SliceClient.error(refused).contains("may still hold"), refused.body());
        assertEquals(200, slices.deactivate(UC1).status());
        assertEquals(200, slices.delete(UC1).status());
        DeviceChecks.assertNoChannelRotates(controller);
        assertEquals(List.of(), slices.sliceIds());
    }

    @Test
    void anUnmountedDeviceFailsTheActivationWithNothingChanged(final KarafInstance controller,
            final Testbed testbed) throws Exception {
        final var slices = new SliceClient(controller.restconf());
        slices.create(root.resolve("testbed/use-case-2.json"));
        final var restconf = controller.restconf();
        restconf.delete("network-topology:network-topology/topology=topology-netconf/node=agg-1-enc")
            .expectOk("unmounting agg-1-enc");
        try {
            final var response = slices.activate(UC2);
            assertFalse(response.ok(), response.body());
            assertTrue(response.body().contains("\"error-type\": \"transport\"")
                || response.body().contains("\"error-type\":\"transport\""), response.body());
            final String error = SliceClient.error(response);
            // ODL tears the mount down asynchronously: either the pre-check already sees the device unmounted
            // (nothing applied), or the step on the device fails and every applied step is undone
            assertTrue(error.contains("device agg-1/agg-1-enc (NETCONF node agg-1-enc)") && error.contains(
                "nothing was changed") || error.contains("agg-1/agg-1-enc") && error.contains(
                "every device is as before"), error);
        } finally {
            testbed.mount(restconf, Duration.ofMinutes(2));
        }
        DeviceChecks.assertClean(controller, testbed);
        assertEquals(200, slices.delete(UC2).status());
    }

    @Test
    void driftBehindTheControllersBackIsReportedAndRepairedAndAForeignEntryIsLeftAlone(
            final KarafInstance controller, final Testbed testbed) throws Exception {
        final var slices = new SliceClient(controller.restconf());
        slices.create(root.resolve("testbed/use-case-2.json"));
        assertEquals(200, slices.activate(UC2).status());
        final String ns = "xmlns=\"urn:qslice:ethernet-switch\" xmlns:nc=\"urn:ietf:params:xml:ns:netconf:base:1.0\"";
        final String removed = UC2 + "/cdn-cell-1";
        testbed.editDirect("cell-1-sw", "<ethernet-switch " + ns + "><cross-connect nc:operation=\"delete\"><name>"
            + removed + "</name></cross-connect><cross-connect><name>by-hand</name><bandwidth-mbps>10</bandwidth-mbps>"
            + "<a-end><port>access</port><vlan>7</vlan></a-end><z-end><port>access</port><vlan>8</vlan></z-end>"
            + "</cross-connect></ethernet-switch>");
        try {
            // the device reconnects: qslice checks the active slices on it by itself and keeps the report
            final var restconf = controller.restconf();
            restconf.delete("network-topology:network-topology/topology=topology-netconf/node=cell-1-sw")
                .expectOk("unmounting cell-1-sw");
            awaitGone(restconf, "network-topology:network-topology/topology=topology-netconf/node=cell-1-sw"
                + "?content=nonconfig");
            testbed.mount(restconf, Duration.ofMinutes(2));
            // mounting PUTs every node again, so every device may reconnect: the last check is one of those
            final JsonObject automatic = awaitDriftCheck(restconf, UC2);
            assertFalse(automatic.get("in-sync").getAsBoolean(), automatic.toString());
            assertEquals(List.of(removed), strings(device(automatic, "cell-1/cell-1-sw"), "missing"),
                automatic.toString());
            assertEquals(List.of("by-hand"), strings(device(automatic, "cell-1/cell-1-sw"), "foreign"),
                automatic.toString());

            final JsonObject input = new JsonObject();
            input.addProperty("slice-id", UC2);
            final JsonObject check = output(controller.restconf().rpc("qslice-slice:check-slice", input));
            assertFalse(check.get("in-sync").getAsBoolean(), check.toString());
            final JsonObject device = device(check, "cell-1/cell-1-sw");
            assertEquals(List.of(removed), strings(device, "missing"), check.toString());
            assertEquals(List.of("by-hand"), strings(device, "foreign"), check.toString());

            final JsonObject repair = output(controller.restconf().rpc("qslice-slice:repair-slice", input));
            assertTrue(repair.get("in-sync").getAsBoolean(), repair.toString());
            assertEquals(List.of("cell-1/cell-1-sw: " + removed), strings(repair, "repaired"));
            final Set<String> direct = DeviceChecks.direct(testbed).get("cell-1-sw");
            assertTrue(direct.contains(removed) && direct.contains("by-hand"), direct.toString());
            final JsonObject again = output(controller.restconf().rpc("qslice-slice:check-slice", input));
            assertTrue(again.get("in-sync").getAsBoolean(), again.toString());
        } finally {
            testbed.editDirect("cell-1-sw", "<ethernet-switch " + ns + "><cross-connect nc:operation=\"delete\">"
                + "<name>by-hand</name></cross-connect></ethernet-switch>");
        }
        assertEquals(200, slices.deactivate(UC2).status());
        assertEquals(200, slices.delete(UC2).status());
        DeviceChecks.assertClean(controller, testbed);
    }

    /** Polls until the data is gone (ODL answers a read of missing data with 409 data-missing or 404). */
    private static void awaitGone(final org.qslice.tools.http.Restconf restconf, final String path)
            throws Exception {
        final long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (restconf.get(path).ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("GET " + path + " still answers after a minute");
            }
            Thread.sleep(100);
        }
    }

    /** Polls the slice's last drift check until it is one a device's (re)connection ran. */
    private static JsonObject awaitDriftCheck(final org.qslice.tools.http.Restconf restconf, final String sliceId)
            throws Exception {
        final String path = "qslice-slice:drift/slice=" + sliceId;
        final long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            final var response = restconf.get(path);
            if (response.ok()) {
                final JsonObject check = response.json().getAsJsonArray("qslice-slice:slice").get(0)
                    .getAsJsonObject();
                if (check.get("trigger").getAsString().matches("device .+ connected")) {
                    return check;
                }
                last = check.toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no drift check run by a device connecting, of slice " + sliceId + ", within a "
            + "minute; last: " + last);
    }

    private static JsonObject output(final org.qslice.tools.http.Restconf.Response response) throws IOException {
        response.expectOk("the RPC");
        return response.json().getAsJsonObject("qslice-slice:output");
    }

    private static JsonObject device(final JsonObject report, final String name) {
        return report.getAsJsonArray("device").asList().stream().map(JsonElement::getAsJsonObject)
            .filter(device -> name.equals(device.get("name").getAsString())).findFirst()
            .orElseThrow(() -> new AssertionError(name + " not in " + report));
    }

    private static List<String> strings(final JsonObject object, final String member) {
        return object.has(member) ? object.getAsJsonArray(member).asList().stream().map(JsonElement::getAsString)
            .toList() : List.of();
    }

    @Test
    void hundredActivationCyclesLeakNothing(final KarafInstance controller, final Testbed testbed)
            throws Exception {
        final var slices = new SliceClient(controller.restconf());
        slices.create(root.resolve("testbed/use-case-2.json"));
        DeviceChecks.activationCycles(slices, UC2, 100);
        DeviceChecks.assertClean(controller, testbed);
        DeviceChecks.assertNoChannelRotates(controller);
        assertEquals(200, slices.delete(UC2).status());
        assertFalse(slices.provisioning(UC2).isPresent(), "the record of a deleted slice is removed");
        assertEquals(List.of(), slices.sliceIds());
    }

    /**
     * The key ids of a device's encrypting ports (empty string for a port without one), by port name.
     */
    // the first encrypting port that holds none of its channel's current KMS keys (described), or null
    private static String unboundPort(final JsonObject encryptor, final Map<String, Set<String>> kmsKeys) {
        final Map<String, String> bound = keyIds(encryptor);
        for (JsonElement element : encryptor.getAsJsonArray("client-port")) {
            final JsonObject port = element.getAsJsonObject();
            if (port.get("encryption").getAsBoolean()) {
                final String name = port.get("name").getAsString();
                if (!kmsKeys.getOrDefault(port.get("line").getAsString(), Set.of()).contains(bound.get(name))) {
                    return name + " holds " + bound.get(name) + ", not one of its channel's keys";
                }
            }
        }
        return null;
    }

    private static Map<String, String> keyIds(final JsonObject encryptor) {
        final var ids = new TreeMap<String, String>();
        for (JsonElement element : encryptor.getAsJsonArray("client-port")) {
            final JsonObject port = element.getAsJsonObject();
            if (port.get("encryption").getAsBoolean()) {
                ids.put(port.get("name").getAsString(), port.has("current-key-id")
                    ? port.get("current-key-id").getAsString() : "");
            }
        }
        return ids;
    }

    /**
     * The KMS's current and previous key id of every rotated channel, by channel id.
     */
    private static Map<String, Set<String>> kmsChannelKeys(final KarafInstance controller) throws Exception {
        final var response = controller.restconf().get("qslice-kms:kms/channels?content=nonconfig");
        response.expectOk("reading the KMS channels");
        final var keys = new TreeMap<String, Set<String>>();
        for (JsonElement element : response.json().getAsJsonObject("qslice-kms:channels").getAsJsonArray("channel")) {
            final JsonObject channel = element.getAsJsonObject();
            final JsonObject state = channel.getAsJsonObject("state");
            final var ids = new TreeSet<String>();
            for (String leaf : List.of("current-key-id", "previous-key-id")) {
                if (state != null && state.has(leaf)) {
                    ids.add(state.get(leaf).getAsString());
                }
            }
            keys.put(channel.get("channel-id").getAsString(), ids);
        }
        return keys;
    }
}
