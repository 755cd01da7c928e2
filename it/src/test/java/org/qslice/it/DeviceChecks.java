/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.qslice.tools.karaf.KarafInstance;
import org.qslice.tools.slice.SliceClient;
import org.qslice.tools.testbed.HeldEntries;
import org.qslice.tools.testbed.Testbed;
import org.qslice.tools.testbed.TestbedDevice;

/**
 * What the simulated devices hold, read through the controller's mount points and directly over NETCONF, and what
 * the KMS still rotates: the checks the provisioning and crash tests share.
 */
final class DeviceChecks {
    private static final Pattern NAME = Pattern.compile("<name>([^<]*)</name>");
    private static final Pattern PAPER_LINK =
        Pattern.compile("(cell-[12]/agg-1|agg-1/metro-1|metro-1/core-1)#ch\\d");
    private static final Duration SETTLE = Duration.ofSeconds(30);
    /** Bound until every mount point reads again after a cluster member's death (a NETCONF master moves). */
    private static final Duration MASTER_MOVE = Duration.ofSeconds(90);
    /** Debian's Python, which has Debian's python3-ncclient (.ci/run and ./qslice test install it). */
    private static final String NCCLIENT_PYTHON = "/usr/bin/python3";
    private static final Duration NCCLIENT_TIMEOUT = Duration.ofSeconds(60);

    private DeviceChecks() {
        // utility class
    }

    /**
     * Loads the paper's topology, deactivates and deletes every slice, waits for every device to be connected and
     * checks they are all clean: the start of every testbed test.
     *
     * @param controller the controller
     * @param testbed the simulators
     * @param root the repository root
     * @throws Exception if any of it fails
     */
    static void resetTestbed(final KarafInstance controller, final Testbed testbed, final Path root)
            throws Exception {
        final var slices = new SliceClient(controller.restconf());
        slices.loadTopology(root.resolve("testbed/paper-topology.json"));
        slices.awaitTopology(root.resolve("testbed/use-case-1.json"), Duration.ofSeconds(60));
        slices.clearLinkStates();
        for (String id : slices.sliceIds()) {
            slices.deactivate(id);
            slices.delete(id);
        }
        testbed.awaitConnected(controller.restconf(), Duration.ofMinutes(2));
        DeviceChecks.assertClean(controller, testbed);
    }

    static Map<String, Set<String>> throughMounts(final KarafInstance controller, final Testbed testbed)
            throws IOException, InterruptedException {
        final var result = new TreeMap<String, Set<String>>();
        for (Testbed.Running device : testbed.list()) {
            final JsonObject config = testbed.readThroughMount(controller.restconf(), device.device().nodeId());
            final var names = new TreeSet<String>();
            if (device.device().model().equals(TestbedDevice.OPENCONFIG)) {
                // subinterfaces, connections, logical channels (an OpenConfig switch's interfaces are its ports)
                names.addAll(HeldEntries.throughMount(device.device(), config));
            }
            for (String list : List.of("cross-connect", "client-port")) {
                if (config.has(list)) {
                    config.getAsJsonArray(list).forEach(entry -> names.add(entry.getAsJsonObject().get("name")
                        .getAsString()));
                }
            }
            result.put(device.device().nodeId(), names);
        }
        return result;
    }

    static Map<String, Set<String>> direct(final Testbed testbed) throws IOException {
        final var result = new TreeMap<String, Set<String>>();
        for (Testbed.Running device : testbed.list()) {
            final var names = new TreeSet<String>();
            final String reply = testbed.readDirect(device.device().nodeId());
            if (device.device().model().equals(TestbedDevice.OPENCONFIG)) {
                for (int entry = 1; entry <= HeldEntries.direct(device.device(), reply); entry++) {
                    names.add("OpenConfig entry " + entry);
                }
            } else {
                final var matcher = NAME.matcher(reply);
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
            result.put(device.device().nodeId(), names);
        }
        return result;
    }

    /**
     * Reads a device's running configuration with ncclient (Debian's {@code python3-ncclient}), a NETCONF client
     * that is neither qslice's nor OpenDaylight's: the subtree of the device's model, as {@link Testbed#readDirect}
     * reads it.
     *
     * @param testbed the testbed
     * @param nodeId the device
     * @return the reply's {@code data} element
     */
    static String readWithNcclient(final Testbed testbed, final String nodeId) throws Exception {
        final Testbed.Running device = testbed.device(nodeId);
        final Path script = Path.of(DeviceChecks.class.getResource("/ncclient-get-config.py").toURI());
        final Path out = Files.createTempFile(ControllerExtension.workDir(), "ncclient-", ".xml");
        final Path err = Files.createTempFile(ControllerExtension.workDir(), "ncclient-", ".err");
        try {
            final Process process = new ProcessBuilder(NCCLIENT_PYTHON, script.toString(), "127.0.0.1",
                String.valueOf(device.port()), Testbed.USER, Testbed.PASSWORD, "<" + device.device().container()
                    + " xmlns=\"" + device.device().namespace() + "\"/>")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                assertTrue(process.waitFor(NCCLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                    "ncclient did not answer within " + NCCLIENT_TIMEOUT + " reading " + nodeId);
                assertEquals(0, process.exitValue(), "ncclient reading " + nodeId + ": " + Files.readString(err));
            } finally {
                process.destroyForcibly();
            }
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static void assertClean(final KarafInstance controller, final Testbed testbed) throws Exception {
        final var mounted = throughMounts(controller, testbed);
        assertTrue(mounted.values().stream().allMatch(Set::isEmpty), "through the mount points: " + mounted);
        final var direct = direct(testbed);
        assertTrue(direct.values().stream().allMatch(Set::isEmpty), "directly on the simulators: " + direct);
    }

    static void awaitClean(final KarafInstance controller, final Testbed testbed, final String when)
            throws Exception {
        final long deadline = System.nanoTime() + SETTLE.toNanos();
        Map<String, Set<String>> direct = direct(testbed);
        while (direct.values().stream().anyMatch(names -> !names.isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            direct = direct(testbed);
        }
        assertTrue(direct.values().stream().allMatch(Set::isEmpty), when + ", on the simulators: " + direct);
        // through the mount points too; on a cluster right after a failover, a survivor's mount point of a device
        // whose NETCONF master died fails its reads until a survivor masters the device: polled within a bound
        final long mounted = System.nanoTime() + MASTER_MOVE.toNanos();
        while (System.nanoTime() < mounted) {
            try {
                assertClean(controller, testbed);
                return;
            } catch (IOException | AssertionError e) {
                Thread.sleep(500);
            }
        }
        assertClean(controller, testbed);
    }

    /**
     * Activates and deactivates a slice a number of times, each expected to succeed.
     */
    static void activationCycles(final SliceClient slices, final String slice, final int cycles) throws Exception {
        for (int cycle = 1; cycle <= cycles; cycle++) {
            final var on = slices.activate(slice);
            assertEquals(200, on.status(), "cycle " + cycle + ": " + on.body());
            final var off = slices.deactivate(slice);
            assertEquals(200, off.status(), "cycle " + cycle + ": " + off.body());
        }
    }

    static void assertNoChannelRotates(final KarafInstance controller) throws Exception {
        final var response = controller.restconf().get("qslice-kms:kms/channels?content=config");
        if (response.status() == 404 || response.status() == 409) {
            return;
        }
        response.expectOk("reading the KMS channels");
        final var channels = response.json().getAsJsonObject("qslice-kms:channels");
        if (channels == null || !channels.has("channel")) {
            return;
        }
        // only the testbed's links (other tests register channels of their own)
        final var left = channels.getAsJsonArray("channel").asList().stream()
            .map(channel -> channel.getAsJsonObject().get("channel-id").getAsString())
            .filter(id -> PAPER_LINK.matcher(id).matches()).toList();
        assertEquals(List.of(), left, "channels of the testbed still rotating");
    }

    /** The client ports of a line in an encryptor's get-config reply, each as its leaves. */
    static List<Map<String, String>> clientPorts(final String reply, final String line) {
        final var ports = new java.util.ArrayList<Map<String, String>>();
        final var port = Pattern.compile("<client-port>(.*?)</client-port>",
            Pattern.DOTALL).matcher(reply);
        final var leaf = Pattern.compile("<([a-z-]+)>([^<]*)</\\1>");
        while (port.find()) {
            final var leaves = new TreeMap<String, String>();
            final var matcher = leaf.matcher(port.group(1));
            while (matcher.find()) {
                leaves.putIfAbsent(matcher.group(1), matcher.group(2));
            }
            if (line.equals(leaves.get("line"))) {
                ports.add(leaves);
            }
        }
        return ports;
    }

    /**
     * Reads the key type the KMS draws a channel's keys from (its channel configuration).
     *
     * @param controller the controller
     * @param channelId the channel (link id)
     * @return e.g. {@code qra}
     * @throws Exception if the KMS does not rotate the channel
     */
    static String kmsKeyType(final KarafInstance controller, final String channelId) throws Exception {
        final var channels = controller.restconf().get("qslice-kms:kms/channels?content=config");
        channels.expectOk("reading the KMS channels");
        return channels.json().getAsJsonObject("qslice-kms:channels").getAsJsonArray("channel").asList().stream()
            .map(JsonElement::getAsJsonObject).filter(c -> c.get("channel-id").getAsString().equals(channelId))
            .findFirst().orElseThrow(() -> new AssertionError("the KMS does not rotate " + channelId))
            .get("key-type").getAsString();
    }

    /**
     * Asserts that {@code check-slice} finds the slice's devices as its journal says.
     *
     * @param controller the controller
     * @param sliceId the slice
     * @throws Exception on failure
     */
    static void assertInSync(final KarafInstance controller, final String sliceId) throws Exception {
        final JsonObject input = new JsonObject();
        input.addProperty("slice-id", sliceId);
        final var check = controller.restconf().rpc("qslice-slice:check-slice", input);
        check.expectOk("check-slice");
        final JsonObject output = check.json().getAsJsonObject("qslice-slice:output");
        assertTrue(output.get("in-sync").getAsBoolean(), output.toString());
    }
}
