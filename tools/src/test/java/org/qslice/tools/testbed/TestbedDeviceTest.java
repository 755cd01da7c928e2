/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestbedDeviceTest {
    @Test
    void thePaperTopologyHasElevenDevices() throws IOException {
        final Path file = Path.of(System.getProperty("user.dir")).resolve("../testbed/paper-topology.json");
        final List<TestbedDevice> devices = TestbedDevice.fromTopology(file);
        assertEquals(11, devices.size());
        assertEquals(5, devices.stream().filter(d -> d.kind().equals("ethernet-switch")).count());
        assertEquals(5, devices.stream().filter(d -> d.kind().equals("encryptor")).count());
        final TestbedDevice osw = devices.stream().filter(d -> d.kind().equals("optical-switch")).findFirst()
            .orElseThrow();
        assertEquals("metro-1", osw.site());
        assertEquals("metro-1-osw", osw.nodeId());
        assertEquals("qslice-optical-switch", osw.module());
        assertEquals("urn:qslice:optical-switch", osw.namespace());
    }

    @Test
    void aNetconfNodeIdOverridesTheName(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("t.json");
        Files.writeString(file, "{\"ietf-network:networks\":{\"network\":[{\"network-id\":\"n\",\"node\":[{"
            + "\"node-id\":\"s\",\"qslice-topology:site\":{\"role\":\"cell\",\"device\":[{\"name\":\"sw\","
            + "\"kind\":\"ethernet-switch\",\"netconf-node-id\":\"dev-17\"}]}}]}]}}");
        assertEquals(List.of(new TestbedDevice("s", "sw", "ethernet-switch", "dev-17")),
            TestbedDevice.fromTopology(file));
    }

    @Test
    void aTopologyWithoutDevicesIsRefused(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("t.json");
        Files.writeString(file, "{\"ietf-network:network\":[{\"network-id\":\"n\",\"node\":[{\"node-id\":\"s\"}]}]}");
        final var failure = assertThrows(IOException.class, () -> TestbedDevice.fromTopology(file));
        assertTrue(failure.getMessage().contains("names no device"), failure.getMessage());
    }
}
