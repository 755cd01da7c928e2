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

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qslice.tools.karaf.KarafInstance;
import org.qslice.tools.slice.SliceClient;
import org.qslice.tools.testbed.Testbed;

/**
 * Restoration on the real controller and the simulated testbed, through RESTCONF: an external monitor reports
 * Use-Case 1's QKD link down; metro-core moves, make-before-break, to the other QKD channel, which the simulators
 * show when read directly over NETCONF; with both QKD channels down the slice is degraded and never carried over a
 * DH or QRA channel.
 */
@ExtendWith({ ControllerExtension.class, TestbedExtension.class })
class RestorationIT {
    private static final String UC1 = "use-case-1";
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private final Path root = TestbedExtension.root();

    @BeforeEach
    void cleanStart(final KarafInstance controller, final Testbed testbed) throws Exception {
        DeviceChecks.resetTestbed(controller, testbed, root);
    }

    @AfterEach
    void everyLinkUp(final KarafInstance controller) throws Exception {
        final var slices = new SliceClient(controller.restconf());
        slices.clearLinkStates();
        slices.clearDeprecations();
        slices.clearKeyExchangeChanges();
    }

    @Test
    void aFailedQkdLinkMovesMetroCoreAndBothDownDegradeTheSlice(final KarafInstance controller,
            final Testbed testbed) throws Exception {
        final var slices = new SliceClient(controller.restconf());
        slices.create(root.resolve("testbed/use-case-1.json"));
        assertEquals(200, slices.activate(UC1).status());
        final String failed = links(slices, "metro-core").getFirst();
        final String other = failed.endsWith("#ch4") ? failed.replace("#ch4", "#ch5") : failed.replace("#ch5", "#ch4");
        final Map<String, Set<String>> before = DeviceChecks.direct(testbed);
        assertTrue(before.get("core-1-sw").contains(UC1 + "/metro-core"), before.toString());

        final var report = slices.reportLinkState(failed, false, "loss of signal");
        report.expectOk("report-link-state down");
        final JsonObject output = report.json().getAsJsonObject("qslice-topology:output");
        assertTrue(output.getAsJsonArray("affected-slice").toString().contains(UC1), output.toString());

        final JsonObject moved = await(slices, "metro-core on " + other, status -> "active".equals(state(status))
            && links(status, "metro-core").equals(List.of(other)));
        assertEquals(List.of(failed), strings(connection(moved, "metro-core"), "home-link"));
        assertEquals("qkd-aes", connection(moved, "metro-core").get("security-level").getAsString());
        // the simulators, read directly over NETCONF: the new path's entries, nothing of the failed link
        final Map<String, Set<String>> after = DeviceChecks.direct(testbed);
        for (String node : List.of("metro-1-sw", "core-1-sw")) {
            assertTrue(after.get(node).contains(UC1 + "~metro-core"), node + ": " + after.get(node));
            assertFalse(after.get(node).contains(UC1 + "/metro-core"), node + ": " + after.get(node));
        }
        for (String node : List.of("metro-1-enc", "core-1-enc", "metro-1-osw")) {
            assertTrue(after.get(node).stream().noneMatch(name -> name.startsWith(failed + "/")),
                node + ": " + after.get(node));
            assertTrue(after.get(node).stream().anyMatch(name -> name.startsWith(other + "/")),
                node + ": " + after.get(node));
        }
        assertInSync(controller);
        final JsonObject record = slices.provisioning(UC1).orElseThrow();
        assertEquals("restore", record.get("operation").getAsString(), record.toString());
        assertEquals("active", record.get("state").getAsString(), record.toString());
        // make-before-break: every removal after the last write
        final List<String> actions = record.getAsJsonArray("step").asList().stream()
            .map(step -> step.getAsJsonObject().get("action").getAsString()).toList();
        assertTrue(actions.indexOf("remove") > actions.lastIndexOf("apply"), actions.toString());

        // both QKD channels down: degraded, still on its QKD channel, nothing touched
        slices.reportLinkState(other, false, null).expectOk("report-link-state down");
        final JsonObject degraded = await(slices, "degraded", status -> "degraded".equals(state(status)));
        assertEquals(List.of(other), links(degraded, "metro-core"), "never moved to a DH or QRA channel");
        final String reason = degraded.get("last-error").getAsString();
        assertTrue(reason.contains(other) && reason.contains("qkd-aes"), reason);
        assertEquals(after, DeviceChecks.direct(testbed));

        // one back: active again, on a QKD channel
        slices.reportLinkState(failed, true, null).expectOk("report-link-state up");
        final JsonObject back = await(slices, "active again", status -> "active".equals(state(status)));
        assertEquals(List.of(failed), links(back, "metro-core"));
        assertInSync(controller);

        slices.reportLinkState(other, true, null).expectOk("report-link-state up");
        assertEquals(200, slices.deactivate(UC1).status());
        assertEquals(200, slices.delete(UC1).status());
        DeviceChecks.assertClean(controller, testbed);
        DeviceChecks.assertNoChannelRotates(controller);
    }

    @Test
    void deprecatingDhMovesTheControlPlaneOffDhMakeBeforeBreak(final KarafInstance controller,
            final Testbed testbed) throws Exception {
        final var slices = new SliceClient(controller.restconf());
        slices.create(root.resolve("testbed/use-case-1.json"));
        assertEquals(200, slices.activate(UC1).status());
        final Map<String, List<String>> before = new java.util.TreeMap<>();
        for (String name : List.of("cell-1-control", "cell-2-control")) {
            before.put(name, links(slices, name));
            assertTrue(before.get(name).stream().allMatch(link -> link.endsWith("#ch2")), before.toString());
        }

        final var answer = slices.deprecateKeyExchange("dh", true);
        answer.expectOk("deprecate-key-exchange dh");
        final JsonObject output = answer.json().getAsJsonObject("qslice-topology:output");
        assertEquals(List.of("dh"), strings(output, "deprecated-method"), output.toString());
        assertFalse(output.has("not-moved"), output.toString());
        final var moved = output.getAsJsonArray("moved").asList().stream().map(JsonElement::getAsJsonObject)
            .toList();
        assertEquals(before.keySet(), moved.stream().map(m -> m.get("connection").getAsString())
            .collect(java.util.stream.Collectors.toSet()), output.toString());

        final JsonObject status = await(slices, "active off DH", s -> "active".equals(state(s)));
        for (JsonObject entry : moved) {
            final String name = entry.get("connection").getAsString();
            assertEquals(before.get(name), strings(entry, "from-link"), entry.toString());
            assertEquals(links(status, name), strings(entry, "to-link"), entry.toString());
            assertTrue(links(status, name).stream().noneMatch(link -> link.endsWith("#ch2")), status.toString());
            final String level = connection(status, name).get("security-level").getAsString();
            assertTrue(List.of("qra-aes", "qkd-aes", "hybrid-qkd-qra-aes").contains(level), level);
        }
        // the simulators, read directly: nothing left on a DH channel, the journal and devices agree
        final Map<String, Set<String>> devices = DeviceChecks.direct(testbed);
        devices.forEach((node, entries) -> assertTrue(entries.stream().noneMatch(name -> name.contains("#ch2/")),
            node + ": " + entries));
        assertInSync(controller);
        final JsonObject record = slices.provisioning(UC1).orElseThrow();
        assertEquals("restore", record.get("operation").getAsString(), record.toString());
        final List<String> actions = record.getAsJsonArray("step").asList().stream()
            .map(step -> step.getAsJsonObject().get("action").getAsString()).toList();
        assertTrue(actions.indexOf("remove") > actions.lastIndexOf("apply"), "no weaker window: " + actions);

        // lifted again on the console: nothing moves back (not revertive), nothing deprecated stored
        final String console = controller.console(Duration.ofMinutes(2), "qslice:deprecate-key-exchange --lift dh");
        assertTrue(console.contains("deprecated now: none"), console);
        final var stored = controller.restconf().get("qslice-topology:deprecated-key-exchange");
        assertFalse(stored.status() == 200 && stored.body().contains("\"dh\""), stored.body());
        assertEquals(links(status, "cell-1-control"), links(slices, "cell-1-control"), "not revertive");
        assertEquals(200, slices.deactivate(UC1).status());
        assertEquals(200, slices.delete(UC1).status());
        DeviceChecks.assertClean(controller, testbed);
    }

    @Test
    void aDhChannelSwitchesToQraInPlaceOnBothEndsAtOneKey(final KarafInstance controller, final Testbed testbed)
            throws Exception {
        final var slices = new SliceClient(controller.restconf());
        slices.create(root.resolve("testbed/use-case-1.json"));
        assertEquals(200, slices.activate(UC1).status());
        final List<String> path = links(slices, "cell-1-control");
        final String link = path.getFirst();
        assertTrue(link.endsWith("#ch2"), link);
        final List<String> ends = List.of(link.substring(0, link.indexOf('/')) + "-enc",
            link.substring(link.indexOf('/') + 1, link.indexOf('#')) + "-enc");
        final Map<String, Set<String>> before = DeviceChecks.direct(testbed);

        // below the control plane's minimum (dh-aes): refused, nothing stored
        final var lower = slices.changeKeyExchange(link, "none");
        assertEquals(400, lower.status(), lower.body());
        assertTrue(lower.body().contains("method"), lower.body());
        final var unknown = slices.changeKeyExchange("no-such-link", "qra");
        // RFC 8040 section 7: data-missing is 409
        assertEquals(409, unknown.status(), unknown.body());
        assertTrue(unknown.body().contains("data-missing") && unknown.body().contains("no-such-link"),
            unknown.body());

        final var answer = slices.changeKeyExchange(link, "qra");
        answer.expectOk("change-key-exchange " + link + " qra");
        final JsonObject output = answer.json().getAsJsonObject("qslice-topology:output");
        assertEquals("dh", output.get("from-method").getAsString(), output.toString());
        assertEquals("qra", output.get("to-method").getAsString(), output.toString());
        assertEquals("qra-aes", output.get("level").getAsString(), output.toString());
        assertEquals(List.of(UC1), strings(output, "slice-id"), output.toString());
        final String key = output.get("switched-key-id").getAsString();

        // the simulators, read directly over NETCONF: both ends run qra (key source too), nothing pending, and
        // they hold the same key id, the first of the new method or a later one
        final Map<String, Map<String, String>> ports = new java.util.TreeMap<>();
        for (String end : ends) {
            for (Map<String, String> port : DeviceChecks.clientPorts(testbed.readDirect(end), link)) {
                assertEquals("qra", port.get("key-exchange"), end + " " + port);
                assertEquals(link + "/qra", port.get("key-source"), end + " " + port);
                assertFalse(port.containsKey("pending-key-exchange"), end + " " + port);
                ports.put(end + " " + port.get("name"), port);
            }
        }
        assertFalse(ports.isEmpty());
        assertTrue(key.matches("[0-9a-f-]{36}"), key);
        // the KMS draws the channel's keys from its qra pool now
        assertEquals("qra", DeviceChecks.kmsKeyType(controller, link));
        // the journal follows: devices and journal agree; the same entries, nothing moved
        assertInSync(controller);
        assertEquals(before, DeviceChecks.direct(testbed), "the same entries");
        assertEquals(path, links(slices, "cell-1-control"), "not moved");
        // stored, so a restart plans the link with qra
        final var stored = controller.restconf().get("qslice-topology:key-exchange-change");
        stored.expectOk("reading key-exchange-change");
        assertTrue(stored.body().contains(link) && stored.body().contains("qra"), stored.body());
        // keys keep rotating on the new method: a newer key id on both ends, still qra
        final long deadline = System.nanoTime() + SETTLE.toNanos();
        String rotated = key;
        while (rotated.equals(key) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            rotated = DeviceChecks.clientPorts(testbed.readDirect(ends.getFirst()), link).getFirst()
                .get("current-key-id");
        }
        assertFalse(rotated.equals(key), "the channel's key did not rotate after the switch");

        // the console switches it back
        final String console = controller.console(Duration.ofMinutes(2),
            "qslice:change-key-exchange " + link + " dh");
        assertTrue(console.contains("qra -> dh"), console);
        for (String end : ends) {
            DeviceChecks.clientPorts(testbed.readDirect(end), link).forEach(port -> assertEquals("dh",
                port.get("key-exchange"), port.toString()));
        }
        assertInSync(controller);
        assertEquals(200, slices.deactivate(UC1).status());
        assertEquals(200, slices.delete(UC1).status());
        DeviceChecks.assertClean(controller, testbed);
    }

    @Test
    void aDeprecationOfNoneOrOfAnUnknownMethodIsRefusedNamingTheField(final KarafInstance controller)
            throws Exception {
        final var slices = new SliceClient(controller.restconf());
        final var none = slices.deprecateKeyExchange("none", true);
        assertEquals(400, none.status(), none.body());
        assertTrue(none.body().contains("method") && none.body().contains("none"), none.body());
        final var unknown = slices.deprecateKeyExchange("rot13", true);
        assertEquals(400, unknown.status(), unknown.body());
        assertTrue(unknown.body().contains("rot13"), unknown.body());
        final var stored = controller.restconf().get("qslice-topology:deprecated-key-exchange");
        assertTrue(stored.status() == 404 || stored.status() == 409 || !stored.body().contains("\"method\""),
            "nothing stored: " + stored.body());
    }

    @Test
    void aReportOfAnUnknownLinkOrWithoutAStateIsRefusedNamingTheField(final KarafInstance controller)
            throws Exception {
        final var slices = new SliceClient(controller.restconf());
        final var unknown = slices.reportLinkState("nowhere/else#ch9", false, null);
        assertEquals(400, unknown.status(), unknown.body());
        assertTrue(unknown.body().contains("link-id") && unknown.body().contains("nowhere/else#ch9"),
            unknown.body());
        final JsonObject input = new JsonObject();
        input.addProperty("link-id", "metro-1/core-1#ch4");
        final var stateless = controller.restconf().rpc("qslice-topology:report-link-state", input);
        assertEquals(400, stateless.status(), stateless.body());
        assertTrue(stateless.body().contains("state"), stateless.body());
        final var links = controller.restconf().get("qslice-topology:link-states");
        assertTrue(links.status() == 404 || links.status() == 409 || !links.body().contains("link-id"),
            "nothing stored: " + links.body());
    }

    private static void assertInSync(final KarafInstance controller) throws Exception {
        DeviceChecks.assertInSync(controller, UC1);
    }

    private static JsonObject await(final SliceClient slices, final String what, final Predicate<JsonObject> done)
            throws Exception {
        final long deadline = System.nanoTime() + SETTLE.toNanos();
        JsonObject status = null;
        while (System.nanoTime() < deadline) {
            status = slices.slice(UC1).map(slice -> slice.getAsJsonObject("status")).orElse(null);
            if (status != null && done.test(status)) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(UC1 + " not " + what + " within " + SETTLE + ": " + status);
    }

    private static String state(final JsonObject status) {
        return status.get("state").getAsString();
    }

    private static JsonObject connection(final JsonObject status, final String name) {
        return status.getAsJsonArray("connection").asList().stream().map(JsonElement::getAsJsonObject)
            .filter(c -> name.equals(c.get("name").getAsString())).findFirst()
            .orElseThrow(() -> new AssertionError(name + " not in " + status));
    }

    private static List<String> links(final JsonObject status, final String name) {
        return connection(status, name).getAsJsonArray("hop").asList().stream()
            .map(hop -> hop.getAsJsonObject()).sorted((a, b) -> Integer.compare(a.get("index").getAsInt(),
                b.get("index").getAsInt())).map(hop -> hop.get("link-id").getAsString()).toList();
    }

    private static List<String> links(final SliceClient slices, final String name) throws Exception {
        return links(slices.slice(UC1).orElseThrow().getAsJsonObject("status"), name);
    }

    private static List<String> strings(final JsonObject object, final String member) {
        return object.has(member) ? object.getAsJsonArray(member).asList().stream().map(JsonElement::getAsString)
            .toList() : List.of();
    }
}
