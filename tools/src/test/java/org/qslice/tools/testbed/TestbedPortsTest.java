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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulators' port runs.
 */
class TestbedPortsTest {
    @Test
    void aFreeRunIsConsecutiveBindableAndBelowTheEphemeralRange() throws IOException {
        final List<Integer> ports = Testbed.freeRun(11);
        assertEquals(11, ports.size());
        for (int i = 1; i < ports.size(); i++) {
            assertEquals(ports.get(0) + i, ports.get(i));
        }
        final Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        final int ephemeral = Files.isReadable(range) ? Testbed.ephemeralLow(range) : 49_152;
        assertTrue(ports.get(0) >= 20_000 && ports.get(10) < ephemeral, ports + " vs ephemeral from " + ephemeral);
        for (int port : ports) {
            try (var socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
        }
    }

    @Test
    void aPortInUseIsNamed() throws IOException {
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            final int taken = socket.getLocalPort();
            final IOException failure = assertThrows(IOException.class,
                () -> Testbed.consecutivePorts(taken - 1, 3));
            assertTrue(failure.getMessage().contains("port " + taken + " "), failure.getMessage());
        }
    }
}
