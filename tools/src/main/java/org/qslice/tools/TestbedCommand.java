/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.qslice.tools.karaf.Cluster;
import org.qslice.tools.karaf.KarafInstance;
import org.qslice.tools.karaf.Ports;
import org.qslice.tools.testbed.Testbed;
import org.qslice.tools.testbed.TestbedDevice;

/**
 * {@code ./qslice testbed start|stop|status [--topology FILE] [--models qslice|openconfig|mixed]}: the simulated
 * testbed of the launcher's controller; {@code --models} says which devices serve OpenConfig instead of qslice's
 * models ({@link TestbedDevice#withModels}).
 */
final class TestbedCommand {
    /** How long the simulators and their mounts may take. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private static final String USAGE =
        "usage: ./qslice testbed start|stop|status [--topology FILE] [--models qslice|openconfig|mixed]";

    private final Launcher launcher;
    private final Path root;
    private final Duration bootTimeout;

    TestbedCommand(final Launcher launcher, final Path root, final Duration bootTimeout) {
        this.launcher = requireNonNull(launcher);
        this.root = requireNonNull(root);
        this.bootTimeout = requireNonNull(bootTimeout);
    }

    static Path dir(final Path root) {
        return Launcher.runDir(root).resolve("testbed");
    }

    int run(final List<String> args) throws IOException, InterruptedException {
        if (args.isEmpty()) {
            throw new IllegalArgumentException(USAGE);
        }
        Path topology = root.resolve("testbed/paper-topology.json");
        String models = TestbedDevice.QSLICE;
        for (int i = 1; i < args.size(); i++) {
            if ("--topology".equals(args.get(i)) && i + 1 < args.size()) {
                topology = Path.of(args.get(++i)).toAbsolutePath();
            } else if ("--models".equals(args.get(i)) && i + 1 < args.size()) {
                models = args.get(++i);
                TestbedDevice.withModels(List.of(), models);
            } else {
                throw new IllegalArgumentException("unknown testbed option " + args.get(i));
            }
        }
        return switch (args.get(0)) {
            case "start" -> start(topology, models);
            case "stop" -> stop();
            case "status" -> status();
            default -> throw new IllegalArgumentException(USAGE);
        };
    }

    private int start(final Path topology, final String models) throws IOException, InterruptedException {
        final Optional<Testbed> existing = Testbed.open(dir(root));
        if (existing.isPresent() && existing.orElseThrow().list().stream().anyMatch(d -> d.process().isPresent())) {
            Out.println("testbed already running: ./qslice testbed status");
            return 0;
        }
        final List<KarafInstance> cluster = ClusterCommand.running(root, launcher.javaHome());
        final KarafInstance controller = cluster.isEmpty() ? launcher.start(bootTimeout) : cluster.getFirst();
        final Testbed testbed = startAndMount(root, dir(root), controller, topology, models,
            Testbed.consecutivePorts(basePort(), TestbedDevice.fromTopology(topology).size()));
        if (!cluster.isEmpty()) {
            // every member mounts the devices itself: the orchestrator's member provisions through its own mounts
            final long t0 = System.nanoTime();
            try {
                testbed.awaitMounted(Cluster.clients(cluster), START_TIMEOUT);
            } catch (IOException e) {
                // not left half-started: unmounted and the simulators stopped
                try {
                    testbed.unmount(controller.restconf());
                } catch (IOException unmounting) {
                    e.addSuppressed(unmounting);
                } finally {
                    testbed.close();
                }
                throw e;
            }
            Out.printf("mounted on every member of the cluster (%s) in %.1f s%n", cluster.stream()
                .map(member -> member.home().getFileName().toString()).collect(Collectors.joining(", ")),
                (System.nanoTime() - t0) / 1e9);
        }
        Out.println("testbed: " + testbed.list().size() + " devices connected (stop with ./qslice testbed stop)");
        return 0;
    }

    /**
     * The controller the testbed is mounted on: the cluster's first running member when a cluster runs
     * ({@code ./qslice cluster start}), else the launcher's controller if it exists.
     */
    private KarafInstance controller() throws IOException {
        final List<KarafInstance> cluster = ClusterCommand.running(root, launcher.javaHome());
        return cluster.isEmpty() ? launcher.existing() : cluster.getFirst();
    }

    /**
     * Starts the simulators of a topology's devices and mounts them, printing progress.
     */
    static Testbed startAndMount(final Path root, final Path dir, final KarafInstance controller,
            final Path topology, final String models, final List<Integer> ports)
            throws IOException, InterruptedException {
        final List<TestbedDevice> devices = TestbedDevice.withModels(TestbedDevice.fromTopology(topology), models);
        final long t0 = System.nanoTime();
        final Testbed testbed = Testbed.start(root, dir, Path.of(System.getProperty("java.home")), devices, ports,
            START_TIMEOUT);
        Out.printf("%d NETCONF devices listening in %.1f s (ports %d..%d; %d on OpenConfig)%n", devices.size(),
            (System.nanoTime() - t0) / 1e9, ports.get(0), ports.get(ports.size() - 1), devices.stream()
                .filter(device -> device.model().equals(TestbedDevice.OPENCONFIG)).count());
        try {
            final long t1 = System.nanoTime();
            testbed.mount(controller.restconf(), START_TIMEOUT);
            Out.printf("all %d devices mounted and connected in %.1f s%n", devices.size(),
                (System.nanoTime() - t1) / 1e9);
        } catch (IOException e) {
            testbed.close();
            throw e;
        }
        return testbed;
    }

    /**
     * Returns the testbed's first device port: {@code QSLICE_TESTBED_PORT}, or {@link Testbed#DEFAULT_BASE_PORT}.
     *
     * @return the port
     * @throws IllegalArgumentException naming the variable if it is not a port number
     */
    static int basePort() {
        return Ports.port(System.getenv(), "QSLICE_TESTBED_PORT", Testbed.DEFAULT_BASE_PORT);
    }

    private int stop() throws IOException, InterruptedException {
        final Optional<Testbed> testbed = Testbed.open(dir(root));
        if (testbed.isEmpty()) {
            Out.println("testbed is not running");
            return 0;
        }
        final KarafInstance controller = controller();
        if (controller != null && controller.isRunning()) {
            testbed.orElseThrow().unmount(controller.restconf());
        }
        testbed.orElseThrow().close();
        Out.println("testbed stopped");
        return 0;
    }

    private int status() throws IOException, InterruptedException {
        final Optional<Testbed> testbed = Testbed.open(dir(root));
        if (testbed.isEmpty()) {
            Out.println("testbed: stopped");
            return 3;
        }
        final KarafInstance controller = controller();
        final var status = controller != null && controller.isRunning()
            ? testbed.orElseThrow().connectionStatus(controller.restconf()) : java.util.Map.<String, String>of();
        for (Testbed.Running device : testbed.orElseThrow().list()) {
            Out.printf("%-14s %-16s %-10s port %5d  %s  %s%n", device.device().nodeId(), device.device().kind(),
                device.device().model(), device.port(),
                device.process().map(p -> "PID " + p.pid()).orElse("NOT RUNNING"),
                status.getOrDefault(device.device().nodeId(), "controller not running"));
        }
        return 0;
    }
}
