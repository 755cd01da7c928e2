/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.qslice.tools.karaf.KarafInstance;
import org.qslice.tools.slice.SliceClient;
import org.qslice.tools.testbed.HeldEntries;
import org.qslice.tools.testbed.Testbed;
import org.qslice.tools.testbed.TestbedDevice;

/**
 * {@code ./qslice demo}: boots the controller and the simulated testbed, loads the paper's topology, creates and
 * activates Use-Case 1 and Use-Case 2, shows their paths, security levels, per-step timings and the configuration on
 * the devices, tears both down, shows the devices clean, and stops what it started.
 */
final class Demo {
    private static final List<String> USE_CASES = List.of("use-case-1", "use-case-2");

    private final Launcher launcher;
    private final Path root;
    private final Duration bootTimeout;
    private final List<String> summary = new ArrayList<>();

    Demo(final Launcher launcher, final Path root, final Duration bootTimeout) {
        this.launcher = requireNonNull(launcher);
        this.root = requireNonNull(root);
        this.bootTimeout = requireNonNull(bootTimeout);
    }

    int run(final List<String> args) throws IOException, InterruptedException {
        String models = TestbedDevice.QSLICE;
        for (int i = 0; i < args.size(); i++) {
            if ("--models".equals(args.get(i)) && i + 1 < args.size()) {
                models = args.get(++i);
                TestbedDevice.withModels(List.of(), models);
            } else {
                throw new IllegalArgumentException("usage: ./qslice demo [--models qslice|openconfig|mixed]");
            }
        }
        final KarafInstance before = launcher.existing();
        final boolean wasRunning = before != null && before.isRunning();
        if (!wasRunning) {
            StopOnExit.register("controller", () -> {
                final KarafInstance started = launcher.existing();
                if (started != null) {
                    started.close();
                }
            });
        }
        final long t0 = System.nanoTime();
        final KarafInstance controller = launcher.start(bootTimeout);
        summary.add(String.format(Locale.ROOT, "controller %s in %.1f s (RESTCONF %s)", wasRunning
            ? "already running" : "booted", (System.nanoTime() - t0) / 1e9, controller.restconfUri()));
        summary.add("web view " + controller.webUiUri() + " (user admin, password admin; ./qslice start keeps "
            + "the controller up to look at it)");
        final Path testbedDir = TestbedCommand.dir(root);
        final Optional<Testbed> running = Testbed.open(testbedDir);
        final boolean testbedWasRunning = running.isPresent()
            && running.orElseThrow().list().stream().allMatch(device -> device.process().isPresent());
        Testbed testbed = null;
        boolean ok = false;
        try {
            Out.println("== simulated testbed (netconf-testtool, one process and port per device)");
            final Path topology = root.resolve("testbed/paper-topology.json");
            if (testbedWasRunning) {
                testbed = running.orElseThrow();
                testbed.awaitConnected(controller.restconf(), TestbedCommand.START_TIMEOUT);
                Out.println("testbed already running: " + testbed.list().size() + " devices connected");
            } else {
                running.ifPresent(Testbed::close);
                StopOnExit.testbed(testbedDir);
                final int count = TestbedDevice.fromTopology(topology).size();
                testbed = TestbedCommand.startAndMount(root, testbedDir, controller, topology, models,
                    Testbed.consecutivePorts(TestbedCommand.basePort(), count));
            }
            summary.add(testbed.list().size() + " NETCONF devices mounted through topology-netconf, all connected");
            final var slices = new SliceClient(controller.restconf());
            Out.println("== topology: " + root.relativize(topology));
            slices.loadTopology(topology);
            slices.awaitTopology(root.resolve("testbed/use-case-1.json"), Duration.ofSeconds(60));
            for (String id : USE_CASES) {
                cleanUp(slices, id);
            }
            for (String id : USE_CASES) {
                activate(slices, id);
            }
            Out.println("== configuration on the devices, read back through their mount points");
            final int entries = showDevices(testbed, controller);
            summary.add("devices hold " + entries + " qslice entries with both slices active");
            summary.add("(times above are cold: first writes of fresh JVMs; warm numbers: ./qslice bench provision)");
            for (String id : USE_CASES.reversed()) {
                deactivateAndDelete(slices, id);
            }
            Out.println("== devices after tear-down (through the mount point / directly from the simulator)");
            final int left = showDevices(testbed, controller);
            int direct = 0;
            for (Testbed.Running device : testbed.list()) {
                direct += HeldEntries.direct(device.device(), testbed.readDirect(device.device().nodeId()));
            }
            Out.println("entries left: " + left + " through the mount points, " + direct
                + " read directly over NETCONF");
            summary.add("after tear-down: " + left + " entries through the mount points, " + direct
                + " directly on the simulators" + (left == 0 && direct == 0 ? " (clean)" : " (NOT CLEAN)"));
            ok = left == 0 && direct == 0;
        } finally {
            if (testbed != null && !testbedWasRunning) {
                if (controller.isRunning()) {
                    testbed.unmount(controller.restconf());
                }
                testbed.close();
                summary.add("testbed stopped (" + testbed.list().size() + " simulator processes, by PID)");
            }
            if (!wasRunning) {
                controller.stop(Duration.ofSeconds(90));
                summary.add("controller stopped");
            }
            Out.println("");
            Out.println("== summary");
            summary.forEach(line -> Out.println("  " + line));
        }
        return ok ? 0 : 1;
    }

    private static void cleanUp(final SliceClient slices, final String id) throws IOException, InterruptedException {
        final Optional<JsonObject> slice = slices.slice(id);
        if (slice.isEmpty()) {
            return;
        }
        final String state = slice.orElseThrow().getAsJsonObject("status").get("state").getAsString();
        if (!"reserved".equals(state)) {
            slices.deactivate(id);
        }
        slices.delete(id);
        Out.println("removed " + id + " left over from an earlier run (it was " + state + ")");
    }

    private void activate(final SliceClient slices, final String id) throws IOException, InterruptedException {
        Out.println("== " + id + ": create-slice, then activate-slice");
        slices.create(root.resolve("testbed/" + id + ".json"));
        final long t0 = System.nanoTime();
        final var response = slices.activate(id);
        final double rpcMs = (System.nanoTime() - t0) / 1e6;
        final JsonObject slice = slices.slice(id).orElseThrow();
        printPaths(slice);
        final Optional<JsonObject> record = slices.provisioning(id);
        record.ifPresent(Demo::printRecord);
        if (!response.ok()) {
            throw new IOException(id + ": activate-slice failed: " + SliceClient.error(response));
        }
        summary.add(String.format(Locale.ROOT, "%s active: %d connections, %d device steps, activate-slice "
            + "%.1f ms (devices %.1f ms)", id, slice.getAsJsonObject("status").getAsJsonArray("connection").size(),
            record.map(r -> (int) r.getAsJsonArray("step").asList().stream().filter(step -> !"kms".equals(step
                .getAsJsonObject().get("device").getAsString())).count()).orElse(0), rpcMs,
            record.map(r -> r.get("device-us").getAsLong() / 1000.0).orElse(0.0)));
    }

    private void deactivateAndDelete(final SliceClient slices, final String id)
            throws IOException, InterruptedException {
        final long t0 = System.nanoTime();
        final var response = slices.deactivate(id);
        final double rpcMs = (System.nanoTime() - t0) / 1e6;
        Out.println("== " + id + ": deactivate-slice " + (response.ok() ? "ok" : "FAILED: "
            + SliceClient.error(response)) + String.format(Locale.ROOT, " in %.1f ms", rpcMs));
        slices.provisioning(id).ifPresent(Demo::printRecord);
        slices.delete(id).expectOk("delete-slice " + id);
        Out.println("deleted " + id + ", its resources are released");
        summary.add(String.format(Locale.ROOT, "%s deactivated in %.1f ms and deleted", id, rpcMs));
    }

    private static void printPaths(final JsonObject slice) {
        for (JsonElement element : slice.getAsJsonObject("status").getAsJsonArray("connection")) {
            final var connection = element.getAsJsonObject();
            final var hops = new ArrayList<String>();
            for (JsonElement hop : connection.getAsJsonArray("hop")) {
                final var h = hop.getAsJsonObject();
                hops.add(h.get("link-id").getAsString() + " [" + h.get("security-level").getAsString() + "]");
            }
            Out.printf("  %-15s %-8s -> %-8s security %-8s %5d us  %s%n", connection.get("name").getAsString(),
                connection.get("a-site").getAsString(), connection.get("z-site").getAsString(),
                connection.get("security-level").getAsString(), connection.get("total-latency-us").getAsLong(),
                String.join(", ", hops));
        }
    }

    private static void printRecord(final JsonObject record) {
        Out.printf("  provisioning %s: %s, total %.1f ms, device round trips %.1f ms%n",
            record.get("operation").getAsString(), record.get("state").getAsString(),
            record.get("total-us").getAsLong() / 1000.0, record.get("device-us").getAsLong() / 1000.0);
        if (record.has("error")) {
            Out.println("  error: " + record.get("error").getAsString());
        }
        if (!record.has("step")) {
            return;
        }
        for (JsonElement element : record.getAsJsonArray("step")) {
            final var step = element.getAsJsonObject();
            final String description = step.get("description").getAsString();
            Out.printf("    %2d %-6s %-14s %-22s %6.1f ms %-6s %s%n", step.get("index").getAsInt(),
                step.get("action").getAsString(), step.get("lane").getAsString(), step.get("device").getAsString(),
                step.get("duration-us").getAsLong() / 1000.0, step.get("result").getAsString(),
                description.length() > 70 ? description.substring(0, 67) + "..." : description);
        }
    }

    private static int showDevices(final Testbed testbed, final KarafInstance controller)
            throws IOException, InterruptedException {
        int total = 0;
        for (Testbed.Running device : testbed.list()) {
            final JsonObject config = testbed.readThroughMount(controller.restconf(), device.device().nodeId());
            final List<String> names = HeldEntries.throughMount(device.device(), config);
            total += names.size();
            Out.printf("  %-12s %-15s %-10s %2d %s%n", device.device().nodeId(), device.device().kind(),
                device.device().model(), names.size(), names.isEmpty() ? ""
                    : String.join(", ", names.size() > 4 ? names.subList(0, 4) : names)
                        + (names.size() > 4 ? ", ..." : ""));
        }
        return total;
    }
}
