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
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qslice.tools.karaf.KarafInstance;
import org.qslice.tools.slice.SliceClient;
import org.qslice.tools.testbed.Testbed;
import org.qslice.tools.testbed.TestbedDevice;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * ProvisioningIT's checks on the mixed testbed: the paper's testbed with 7 of its 11 netconf-testtool devices
 * (every kind) on OpenConfig, with a controller of its own. Both use cases activate and every OpenConfig device holds,
 * read directly over NETCONF by ncclient (and by the raw SSH client of the test tools; neither is the controller's),
 * exactly the configuration the slices' journals name, in OpenConfig's terms (docs/drivers.md): a VLAN subinterface
 * per cross-connect end matching its VLAN, a numbered connection per optical cross-connect, a logical channel per
 * client port assigned to its optical channel with its encryption settings. No device refuses the batched removal.
 * A device frozen (SIGSTOP) at each OpenConfig step of use case 1 fails the activation and every device ends clean;
 * the controller killed (SIGKILL) right after an OpenConfig device's edit in an activation and in a deactivation
 * recovers on restart with every device clean; 100 activation cycles of use case 2 leave nothing.
 */
@ExtendWith(ControllerExtension.class)
@ControllerExtension.OwnController
class MixedTestbedProvisioningIT {
    private static final String UC1 = "use-case-1";
    private static final String UC2 = "use-case-2";
    private final Path root = TestbedExtension.root();

    @Test
    void useCasesFaultsAndHundredCyclesOnOpenConfigDevices(final KarafInstance controller) throws Exception {
        final List<TestbedDevice> devices = TestbedDevice.withModels(
            TestbedDevice.fromTopology(root.resolve("testbed/paper-topology.json")), "mixed");
        final Map<String, TestbedDevice> openConfig = new TreeMap<>();
        devices.stream().filter(device -> device.model().equals(TestbedDevice.OPENCONFIG))
            .forEach(device -> openConfig.put(device.nodeId(), device));
        assertEquals(Set.of("ethernet-switch", "optical-switch", "encryptor"), Set.copyOf(openConfig.values()
            .stream().map(TestbedDevice::kind).toList()), "every kind has a device on OpenConfig");
        final Path dir = Files.createTempDirectory(ControllerExtension.workDir(), "testbed-mixed-");
        try (Testbed testbed = Testbed.start(root, dir, ControllerExtension.javaHome(), devices,
                Testbed.freePorts(devices.size()), Duration.ofMinutes(4))) {
            testbed.mount(controller.restconf(), Duration.ofMinutes(4));
            DeviceChecks.resetTestbed(controller, testbed, root);
            final var slices = new SliceClient(controller.restconf());

            // both use cases: what the OpenConfig devices hold is what the journals say
            slices.create(root.resolve("testbed/use-case-1.json"));
            slices.create(root.resolve("testbed/use-case-2.json"));
            for (String slice : List.of(UC1, UC2)) {
                final var response = slices.activate(slice);
                assertEquals(200, response.status(), slice + ": " + response.body());
            }
            final Map<String, Set<String>> expected = new TreeMap<>();
            for (String slice : List.of(UC1, UC2)) {
                expected(controller, slice, openConfig, expected);
            }
            final Map<String, Set<String>> held = new TreeMap<>();
            for (TestbedDevice device : openConfig.values()) {
                // read by ncclient, a NETCONF client that is not ours; our own raw client must read the same
                final Set<String> entries = held(device, DeviceChecks.readWithNcclient(testbed, device.nodeId()));
                assertEquals(entries, held(device, testbed.readDirect(device.nodeId())), device.nodeId());
                if (!entries.isEmpty()) {
                    held.put(device.nodeId(), entries);
                }
            }
            assertEquals(expected, held, "OpenConfig devices, read directly over NETCONF by ncclient");
            assertEquals(openConfig.keySet(), held.keySet(), "every OpenConfig device takes part");
            for (String slice : List.of(UC2, UC1)) {
                assertEquals(200, slices.deactivate(slice).status(), slice);
            }
            DeviceChecks.assertClean(controller, testbed);
            // the batched removal's edit-config (qslice's lists, OpenConfig's connections and logical channels)
            // was taken by every device, not refused and replaced by the driver's removal
            final List<String> refused = logLines(controller, "refused a batched removal");
            assertEquals(List.of(), refused, "devices refused the batched removal");
            assertEquals(200, slices.delete(UC2).status());

            // a device frozen at each OpenConfig step of use case 1
            final List<String> steps = openConfigSteps(slices, openConfig);
            assertEquals(openConfig.size(), steps.size(), "UC1 configures every device once: " + steps);
            for (String step : steps) {
                final String device = step.substring(step.indexOf(' ') + 1);
                final String node = device.substring(device.indexOf('/') + 1);
                testbed.freeze(node);
                final var response = slices.activate(UC1);
                testbed.thaw(node);
                assertFalse(response.ok(), "step " + step + " on frozen " + node + " should fail: " + response.body());
                final String error = SliceClient.error(response);
                assertTrue(error.contains("failed at step " + step.substring(0, step.indexOf(' ')) + " of "), error);
                assertTrue(error.contains(device), error);
                DeviceChecks.awaitClean(controller, testbed, "after a fault at step " + step);
            }

            // kill -9 right after an OpenConfig device's edit: the restart rolls an activation back (an encryptor
            // step in the middle) and completes a deactivation (the last OpenConfig step, the first one removed)
            killAndRecover(controller, testbed, slices, openConfig, "activate", steps.get(steps.size() / 2),
                "rolled back");
            assertEquals(200, slices.activate(UC1).status());
            killAndRecover(controller, testbed, slices, openConfig, "deactivate", steps.getLast(), "completed");
            assertEquals(200, slices.delete(UC1).status());

            // 100 activation cycles
            slices.create(root.resolve("testbed/use-case-2.json"));
            DeviceChecks.activationCycles(slices, UC2, 100);
            DeviceChecks.assertClean(controller, testbed);
            DeviceChecks.assertNoChannelRotates(controller);
            assertEquals(200, slices.delete(UC2).status());
            assertEquals(List.of(), slices.sliceIds());
        }
    }

    /**
     * Kills the controller by PID right after its edit of an OpenConfig step of use case 1, restarts it, and checks
     * that recovery ends the operation the way it must, with every device clean (through the mount points, with our
     * raw client, and on the OpenConfig devices with ncclient) and no channel rotating.
     */
    private static void killAndRecover(final KarafInstance controller, final Testbed testbed,
            final SliceClient slices, final Map<String, TestbedDevice> openConfig, final String operation,
            final String step, final String outcome) throws Exception {
        final String index = step.substring(0, step.indexOf(' '));
        ControllerKills.killAt(controller, operation + " " + index + " after-edit",
            () -> operation.equals("activate") ? slices.activate(UC1) : slices.deactivate(UC1));
        ControllerKills.restart(controller, testbed);
        final JsonObject status = ControllerKills.awaitState(slices, UC1, "reserved");
        final String error = status.has("last-error") ? status.get("last-error").getAsString() : "";
        assertTrue(error.contains(operation.replace("ate", "ation") + " interrupted at step " + index + " of ")
            && error.endsWith(outcome), operation + " killed at " + step + ": " + status);
        DeviceChecks.assertClean(controller, testbed);
        for (TestbedDevice device : openConfig.values()) {
            assertEquals(Set.of(), held(device, DeviceChecks.readWithNcclient(testbed, device.nodeId())),
                device.nodeId() + " after the kill at " + operation + " " + step);
        }
        DeviceChecks.assertNoChannelRotates(controller);
    }

    /** The lines of the controller's log files that contain a text. */
    private static List<String> logLines(final KarafInstance controller, final String text) throws Exception {
        final var found = new ArrayList<String>();
        try (var files = Files.walk(controller.home().resolve("data/log"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try (var lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
                    lines.filter(line -> line.contains(text)).forEach(found::add);
                }
            }
        }
        return found;
    }

    /** The steps of use case 1 (as {@code "<index> <site>/<device>"}) on OpenConfig devices. */
    private List<String> openConfigSteps(final SliceClient slices, final Map<String, TestbedDevice> openConfig)
            throws Exception {
        assertEquals(200, slices.activate(UC1).status());
        final var steps = new ArrayList<String>();
        for (JsonElement element : slices.provisioning(UC1).orElseThrow().getAsJsonArray("step")) {
            final String device = element.getAsJsonObject().get("device").getAsString();
            if (openConfig.containsKey(device.substring(device.indexOf('/') + 1))) {
                steps.add(element.getAsJsonObject().get("index").getAsString() + " " + device);
            }
        }
        assertEquals(200, slices.deactivate(UC1).status());
        return steps;
    }

    /**
     * Adds what a slice's journal says each OpenConfig device holds, in the drivers' OpenConfig terms.
     */
    private static void expected(final KarafInstance controller, final String slice,
            final Map<String, TestbedDevice> openConfig, final Map<String, Set<String>> expected) throws Exception {
        final var response = controller.restconf().get("qslice-slice:journal/slice=" + slice);
        response.expectOk("reading the journal of " + slice);
        final JsonObject journal = response.json().getAsJsonArray("qslice-slice:slice").get(0).getAsJsonObject();
        for (JsonElement element : journal.getAsJsonArray("step")) {
            final JsonObject step = element.getAsJsonObject();
            if (!step.has("device")) {
                continue;
            }
            final String node = step.getAsJsonObject("device").get("node-id").getAsString();
            if (!openConfig.containsKey(node)) {
                continue;
            }
            final Set<String> entries = expected.computeIfAbsent(node, key -> new TreeSet<>());
            for (JsonObject xc : list(step, "cross-connect")) {
                final String name = xc.get("name").getAsString();
                entries.add(subinterface(xc.get("a-port").getAsString(), xc.get("a-vlan").getAsInt(), name));
                entries.add(subinterface(xc.get("z-port").getAsString(), xc.get("z-vlan").getAsInt(), name));
            }
            for (JsonObject xc : list(step, "optical-cross-connect")) {
                entries.add("connection " + index(xc.get("name").getAsString()) + " " + xc.get("in-port")
                    .getAsString() + ">" + xc.get("out-port").getAsString());
            }
            for (JsonObject port : list(step, "client-port")) {
                final String name = port.get("name").getAsString();
                entries.add(logicalChannel(index(name), name, "och" + port.get("channel").getAsInt() + ":"
                    + port.get("line").getAsString(), "client-" + port.get("port-number").getAsInt(),
                    port.get("encryption").getAsBoolean(), port.has("key-source")
                        ? port.get("key-source").getAsString() : ""));
            }
        }
        expected.values().removeIf(Set::isEmpty);
    }

    /** What an OpenConfig device's {@code get-config} reply holds of qslice's, in the same terms. */
    private static Set<String> held(final TestbedDevice device, final String reply) throws Exception {
        final var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        final Element doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
            reply.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        final var entries = new TreeSet<String>();
        switch (device.kind()) {
            case "ethernet-switch" -> {
                for (Element port : all(doc, "interface")) {
                    for (Element sub : all(port, "subinterface")) {
                        final String description = text(child(sub, "config"), "description");
                        final Element tagged = child(child(child(sub, "vlan"), "match"), "single-tagged");
                        entries.add("subinterface " + text(port, "name") + "." + text(sub, "index") + " match "
                            + text(child(tagged, "config"), "vlan-id") + " " + description.split(" ")[0]);
                    }
                }
            }
            case "optical-switch" -> {
                for (Element connection : all(doc, "connection")) {
                    final Element config = child(connection, "config");
                    entries.add("connection " + text(connection, "index") + " " + text(config, "source") + ">"
                        + text(config, "dest"));
                }
            }
            default -> {
                for (Element channel : all(doc, "channel")) {
                    final Element config = child(channel, "config");
                    final Element encryption = child(config, "encryption");
                    final Element assignment = child(child(channel, "logical-channel-assignments"), "assignment");
                    entries.add(logicalChannel(Long.parseLong(text(channel, "index")), text(config, "description")
                        .split(" ")[0].substring("qslice:".length()), text(child(assignment, "config"),
                            "optical-channel"), text(child(child(channel, "ingress"), "config"), "transceiver"),
                        !"false".equals(text(encryption, "enabled")), text(encryption, "key-source")));
                }
            }
        }
        return entries;
    }

    private static String subinterface(final String port, final int vlan, final String name) {
        return "subinterface " + port + "." + vlan + " match " + vlan + " qslice:" + name;
    }

    private static String logicalChannel(final long index, final String name, final String opticalChannel,
            final String transceiver, final boolean encryption, final String keySource) {
        return "logical-channel " + index + " " + name + " -> " + opticalChannel + " from " + transceiver
            + (encryption ? " encrypted" : " clear") + (keySource.isEmpty() ? "" : " keys from " + keySource);
    }

    /** The 31-bit CRC-32 of a name: how the OpenConfig drivers number connections and logical channels. */
    private static long index(final String name) {
        final var crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() & 0x7fff_ffffL;
    }

    private static List<JsonObject> list(final JsonObject step, final String member) {
        return step.has(member) ? step.getAsJsonArray(member).asList().stream().map(JsonElement::getAsJsonObject)
            .toList() : List.of();
    }

    private static List<Element> all(final Element parent, final String localName) {
        final var nodes = parent.getElementsByTagNameNS("*", localName);
        final var result = new ArrayList<Element>();
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add((Element) nodes.item(i));
        }
        return result;
    }

    private static Element child(final Element parent, final String localName) {
        if (parent != null) {
            for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element && localName.equals(element.getLocalName())) {
                    return element;
                }
            }
        }
        return null;
    }

    private static String text(final Element parent, final String localName) {
        final Element element = child(parent, localName);
        return element == null ? "" : element.getTextContent().trim();
    }
}
