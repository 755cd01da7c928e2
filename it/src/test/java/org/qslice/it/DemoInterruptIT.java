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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.qslice.tools.karaf.Ports;
import org.qslice.tools.testbed.Testbed;

/**
 * Ctrl-C in {@code ./qslice demo} stops what it started: the demo runs as its own JVM (the launcher's Java side, as
 * {@code ./qslice demo} runs it) with its own run directory and free ports; once the controller is up and the
 * simulated testbed is mounted it gets SIGINT, and then the controller and every simulator it started must be gone
 * (checked by the PIDs they wrote), and their ports free.
 */
class DemoInterruptIT {
    private static final Path ROOT = Path.of(System.getProperty("qslice.root", "..")).toAbsolutePath().normalize();

    @Test
    void ctrlCStopsTheControllerAndEverySimulator() throws Exception {
        final Path run = Files.createTempDirectory(ControllerExtension.workDir(), "demo-interrupt-");
        final Ports ports = Ports.free();
        final int devices = 11;
        final List<Integer> testbedPorts = Testbed.freeRun(devices);
        final var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m", "-cp", System.getProperty("java.class.path"), "-Dqslice.root=" + ROOT,
            "-Dqslice.run=" + run, "org.qslice.tools.Main", "demo")
            .redirectErrorStream(true);
        final var env = builder.environment();
        env.put("QSLICE_HTTP_PORT", Integer.toString(ports.http()));
        env.put("QSLICE_SSH_PORT", Integer.toString(ports.ssh()));
        env.put("QSLICE_RMI_REGISTRY_PORT", Integer.toString(ports.rmiRegistry()));
        env.put("QSLICE_RMI_SERVER_PORT", Integer.toString(ports.rmiServer()));
        env.put("QSLICE_PEKKO_PORT", Integer.toString(ports.pekko()));
        env.put("QSLICE_KMS_PORT", Integer.toString(ports.kms()));
        env.put("QSLICE_TESTBED_PORT", Integer.toString(testbedPorts.get(0)));
        final Process demo = builder.start();
        final var output = new ConcurrentLinkedQueue<String>();
        final var mounted = new CountDownLatch(1);
        final Thread reader = new Thread(() -> read(demo.getInputStream(), output, mounted), "demo-output");
        reader.setDaemon(true);
        reader.start();
        final List<Long> started = new ArrayList<>();
        try {
            // the demo prints this line once the controller is up and all simulators are mounted
            assertTrue(mounted.await(6, TimeUnit.MINUTES),
                "the demo did not get to its topology:\n" + String.join("\n", output));
            started.add(Long.parseLong(Files.readString(run.resolve("karaf/karaf.pid")).trim()));
            final var testbed = new Properties();
            try (Reader in = Files.newBufferedReader(run.resolve("testbed/testbed.properties"))) {
                testbed.load(in);
            }
            for (String device : testbed.stringPropertyNames()) {
                if (!device.startsWith("device.")) {
                    continue;
                }
                final String[] fields = testbed.getProperty(device).split(",");
                started.add(Long.parseLong(fields[fields.length - 1].trim()));
            }
            assertEquals(1 + devices, started.size(), "controller and simulators: " + testbed);
            for (long pid : started) {
                assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "not running: " + pid);
            }

            // Ctrl-C
            final Process kill = new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start();
            assertEquals(0, kill.waitFor());
            assertTrue(demo.waitFor(3, TimeUnit.MINUTES),
                "the demo did not end after SIGINT:\n" + String.join("\n", output));
            for (long pid : started) {
                final var process = ProcessHandle.of(pid);
                if (process.isPresent()) {
                    process.orElseThrow().onExit().get(60, TimeUnit.SECONDS);
                }
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "process " + pid + " outlived the demo's Ctrl-C:\n" + String.join("\n", output));
            }
            assertTrue(ports.taken().isEmpty(), "controller ports still bound: " + ports.taken());
        } finally {
            // whatever happened: nothing of this test may keep running
            demo.destroyForcibly();
            for (long pid : started) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static void read(final java.io.InputStream in, final Queue<String> output, final CountDownLatch mounted) {
        try (var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                if (line.startsWith("== topology:")) {
                    mounted.countDown();
                }
            }
        } catch (IOException e) {
            output.add("(output closed: " + e.getMessage() + ")");
        }
    }
}
