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

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C in {@code ./qslice demo} stops what it started: the demo runs as its own JVM (the launcher's Java side, as
 * {@code ./qslice demo} runs it) with its own run directory and free ports; once the controller is up and the
 * simulated testbed is mounted it gets SIGINT, and then the controller and every simulator it started must be gone
 * (checked by the PIDs they wrote), and their ports free.
 */
class DemoInterruptIT {
    @Test
    void ctrlCStopsTheControllerAndEverySimulator() throws Exception {
        try (DemoProcess demo = DemoProcess.start("demo-interrupt-")) {
            // the demo prints this line once the controller is up and all simulators are mounted
            assertTrue(demo.mounted.await(6, TimeUnit.MINUTES), "the demo did not get to its topology:\n"
                + demo.text());
            final List<Long> started = demo.started();
            assertEquals(1 + DemoProcess.DEVICES, started.size(), "controller and simulators: " + started);
            for (long pid : started) {
                assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "not running: " + pid);
            }

            // Ctrl-C
            final Process kill = new ProcessBuilder("kill", "-INT", Long.toString(demo.process.pid())).start();
            assertEquals(0, kill.waitFor());
            assertTrue(demo.process.waitFor(3, TimeUnit.MINUTES), "the demo did not end after SIGINT:\n"
                + demo.text());
            for (long pid : started) {
                final var process = ProcessHandle.of(pid);
                if (process.isPresent()) {
                    process.orElseThrow().onExit().get(60, TimeUnit.SECONDS);
                }
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "process " + pid + " outlived the demo's Ctrl-C:\n" + demo.text());
            }
            assertTrue(demo.ports.taken().isEmpty(), "controller ports still bound: " + demo.ports.taken());
        }
    }
}
