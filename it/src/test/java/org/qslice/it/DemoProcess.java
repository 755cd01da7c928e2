/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.it;

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
import java.util.stream.Stream;
import org.qslice.tools.karaf.Ports;
import org.qslice.tools.testbed.Testbed;

/**
 * {@code ./qslice demo} as its own JVM (the launcher's Java side, as the script runs it), with its own run directory
 * and free ports, its output collected; what it started (controller, simulators) is found by the PIDs they wrote and
 * can be stopped whatever happened.
 */
final class DemoProcess implements AutoCloseable {
    /** The number of devices of the paper's testbed. */
    static final int DEVICES = 11;
    private static final Path ROOT = Path.of(System.getProperty("qslice.root", "..")).toAbsolutePath().normalize();

    final Path run;
    final Ports ports;
    final Process process;
    final Queue<String> output = new ConcurrentLinkedQueue<>();
    /** Counts down when the demo has the controller up and every simulator mounted. */
    final CountDownLatch mounted = new CountDownLatch(1);

    private DemoProcess(final Path run, final Ports ports, final Process process) {
        this.run = run;
        this.ports = ports;
        this.process = process;
        final Thread reader = new Thread(this::read, "demo-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the demo.
     *
     * @param prefix the run directory's name prefix
     * @param args arguments after {@code demo}
     * @return the running demo
     * @throws IOException if it cannot start
     */
    static DemoProcess start(final String prefix, final String... args) throws IOException {
        final Path run = Files.createTempDirectory(ControllerExtension.workDir(), prefix);
        final Ports ports = Ports.free();
        final List<Integer> testbedPorts = Testbed.freeRun(DEVICES);
        final var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"), "-Dqslice.root=" + ROOT,
            "-Dqslice.run=" + run, "org.qslice.tools.Main", "demo"));
        command.addAll(List.of(args));
        final var builder = new ProcessBuilder(command).redirectErrorStream(true);
        final var env = builder.environment();
        env.put("QSLICE_HTTP_PORT", Integer.toString(ports.http()));
        env.put("QSLICE_SSH_PORT", Integer.toString(ports.ssh()));
        env.put("QSLICE_RMI_REGISTRY_PORT", Integer.toString(ports.rmiRegistry()));
        env.put("QSLICE_RMI_SERVER_PORT", Integer.toString(ports.rmiServer()));
        env.put("QSLICE_PEKKO_PORT", Integer.toString(ports.pekko()));
        env.put("QSLICE_KMS_PORT", Integer.toString(ports.kms()));
        env.put("QSLICE_TESTBED_PORT", Integer.toString(testbedPorts.get(0)));
        return new DemoProcess(run, ports, builder.start());
    }

    /**
     * Returns the PIDs the demo's controller and simulators wrote (those written so far).
     *
     * @return the PIDs, the controller's first
     * @throws IOException if a PID file cannot be read
     */
    List<Long> started() throws IOException {
        final var pids = new ArrayList<Long>();
        final Path karaf = run.resolve("karaf/karaf.pid");
        if (Files.exists(karaf)) {
            pids.add(Long.parseLong(Files.readString(karaf).trim()));
        }
        final Path state = run.resolve("testbed/testbed.properties");
        if (Files.exists(state)) {
            final var testbed = new Properties();
            try (Reader in = Files.newBufferedReader(state)) {
                testbed.load(in);
            }
            for (String device : testbed.stringPropertyNames()) {
                if (device.startsWith("device.")) {
                    // site,name,kind,node-id,port,pid,model
                    pids.add(Long.parseLong(testbed.getProperty(device).split(",")[5].trim()));
                }
            }
        }
        return pids;
    }

    /**
     * Returns the output so far.
     *
     * @return the lines
     */
    String text() {
        return String.join("\n", output);
    }

    /**
     * Stops the demo and, by their PIDs, whatever it started that still runs.
     */
    @Override
    public void close() throws IOException {
        final List<Long> pids = started();
        process.destroyForcibly();
        Stream.concat(Stream.of(process.pid()), pids.stream()).forEach(pid -> ProcessHandle.of(pid)
            .ifPresent(ProcessHandle::destroyForcibly));
    }

    private void read() {
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
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
