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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.qslice.tools.slice.SliceClient;
import org.qslice.tools.testbed.Testbed;
import org.qslice.tools.testbed.TestbedDevice;

/**
 * {@code ./qslice bench restore [--runs N] [--warmup W]}: service-restoration time (ITU-T Y.3807) on the paper's
 * testbed. Use-Case 1 is active; each run reports the QKD link under {@code metro-core} down through
 * {@code report-link-state}, as a monitor would, and times at the client until the slice reads back active with
 * metro-core on the other QKD channel (the fault to the new path active, make-before-break); the link is then
 * reported up again, and the next run fails the other channel. The controller's restore record gives its own part
 * (journal and device round trips). In the same run, on the same simulators, the peer: set-up and tear-down of
 * Use-Case 1 (all its devices), and a single-connection slice between metro-1 and core-1 on a QKD channel (the same
 * five devices a move touches).
 */
final class RestoreBench {
    private static final String UC1 = "use-case-1";
    private static final Duration SETTLE = Duration.ofSeconds(60);

    /**
     * One restoration: run, the failed link, the client's time (report sent -> slice read back moved), the
     * controller's (the link state's time -> the restore record's end), the restore operation's own time and its
     * device round trips.
     */
    record Sample(int run, String failed, double restoreMs, double controllerMs, double engineMs, double deviceMs) {
    }

    private final Bench bench;
    private final Path root;
    private final Path javaHome;

    RestoreBench(final Bench bench, final Path root, final Path javaHome) {
        this.bench = requireNonNull(bench);
        this.root = requireNonNull(root);
        this.javaHome = requireNonNull(javaHome);
    }

    int run(final List<String> args) throws IOException, InterruptedException {
        int runs = 100;
        int warmup = 50;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--runs" -> runs = Integer.parseInt(args.get(++i));
                case "--warmup" -> warmup = Integer.parseInt(args.get(++i));
                default -> throw new IllegalArgumentException("unknown option " + args.get(i)
                    + " (./qslice bench restore [--runs N] [--warmup W])");
            }
        }
        final Path out = root.resolve(".qslice/bench/restore-" + LocalDateTime.now().format(
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        Files.createDirectories(out);
        final Path work = Files.createDirectories(out.resolve("work"));
        try {
            return run(out, work, runs, warmup);
        } finally {
            Bench.deleteTree(work);
        }
    }

    private int run(final Path out, final Path work, final int runs, final int warmup)
            throws IOException, InterruptedException {
        final Path topology = root.resolve("testbed/paper-topology.json");
        final var devices = TestbedDevice.fromTopology(topology);
        final var ports = Testbed.freeRun(devices.size());
        StopOnExit.testbed(work.resolve("testbed"));
        final var samples = new ArrayList<Sample>();
        final var peer = new ArrayList<Double>();
        final var peerOne = new ArrayList<Double>();
        try (var controller = bench.boot(work.resolve("karaf"), "global");
             var testbed = Testbed.start(root, work.resolve("testbed"), javaHome, devices, ports,
                 TestbedCommand.START_TIMEOUT, false)) {
            testbed.mount(controller.restconf(), TestbedCommand.START_TIMEOUT);
            final var slices = new SliceClient(controller.restconf());
            slices.loadTopology(topology);
            slices.awaitTopology(root.resolve("testbed/use-case-1.json"), Duration.ofSeconds(60));
            slices.clearLinkStates();
            slices.create(root.resolve("testbed/use-case-1.json"));
            final Path one = work.resolve("metro-core-only.json");
            Files.writeString(one, """
                {"input": {"slice-id": "metro-core-only", "connection": [{"name": "metro-core",
                  "a-end": {"site": "metro-1"}, "z-end": {"site": "core-1"}, "min-security-level": "qkd-aes",
                  "bandwidth-gbps": "10"}]}}
                """, StandardCharsets.UTF_8);
            slices.create(one);
            Out.println("== warm-up: " + warmup + " restorations and set-up/tear-down cycles (not measured)");
            cycles(slices, warmup, null, null, null);
            Out.println("== measuring " + runs + " restorations, and as the peer " + runs + " set-up/tear-down "
                + "cycles of Use-Case 1 and of a one-connection metro-1 - core-1 slice");
            cycles(slices, runs, samples, peer, peerOne);
            // every cycle ends with both slices deactivated
            slices.delete(UC1).expectOk("deleting " + UC1);
            slices.delete("metro-core-only").expectOk("deleting the one-connection slice");
            slices.clearLinkStates();
            testbed.unmount(controller.restconf());
        }
        final var csv = new StringBuilder("run,failed_link,client_ms,controller_ms,restore_op_ms,device_ms\n");
        samples.forEach(s -> csv.append(String.format(Locale.ROOT, "%d,%s,%.3f,%.3f,%.3f,%.3f%n", s.run(), s.failed(),
            s.restoreMs(), s.controllerMs(), s.engineMs(), s.deviceMs())));
        Files.writeString(out.resolve("restore.csv"), csv, StandardCharsets.UTF_8);
        final List<Double> restore = samples.stream().map(Sample::restoreMs).toList();
        final List<Double> engine = samples.stream().map(Sample::engineMs).toList();
        final List<Double> inside = samples.stream().map(Sample::controllerMs).toList();
        final List<Double> device = samples.stream().map(Sample::deviceMs).toList();
        Out.println("");
        Out.println("== results in " + root.relativize(out));
        Out.println(String.format(Locale.ROOT, "  restoration (fault reported -> new path active, at the client) "
            + "p50 %6.1f  p90 %6.1f  p99 %6.1f ms", Bench.percentile(restore, 50), Bench.percentile(restore, 90),
            Bench.percentile(restore, 99)));
        Out.println(String.format(Locale.ROOT, "  at the controller (link state stored -> restore record finished) "
            + "p50 %6.1f  p90 %6.1f  p99 %6.1f ms", Bench.percentile(inside, 50), Bench.percentile(inside, 90),
            Bench.percentile(inside, 99)));
        Out.println(String.format(Locale.ROOT, "  of which the controller's restore operation p50 %6.1f  p99 %6.1f ms"
            + " (device round trips p50 %6.1f ms)", Bench.percentile(engine, 50), Bench.percentile(engine, 99),
            Bench.percentile(device, 50)));
        Out.println(String.format(Locale.ROOT, "  peer: set-up of one metro-1 - core-1 QKD connection p50 %6.1f  "
            + "p99 %6.1f ms; of all of Use-Case 1 p50 %6.1f  p99 %6.1f ms", Bench.percentile(peerOne, 50),
            Bench.percentile(peerOne, 99), Bench.percentile(peer, 50), Bench.percentile(peer, 99)));
        Out.println(String.format(Locale.ROOT, "restore-p50-ms=%.1f restore-p99-ms=%.1f",
            Bench.percentile(restore, 50), Bench.percentile(restore, 99)));
        return 0;
    }

    /**
     * Runs restorations of Use-Case 1 (each alternating channel) and set-up/tear-down cycles of the peers; records
     * into the lists when they are given.
     */
    private static void cycles(final SliceClient slices, final int count, final List<Sample> samples,
            final List<Double> peer, final List<Double> peerOne) throws IOException, InterruptedException {
        for (int i = 0; i < count; i++) {
            final double upOne = timed(() -> slices.activate("metro-core-only").expectOk("activating the peer"));
            slices.deactivate("metro-core-only").expectOk("deactivating the peer");
            final double up = timed(() -> slices.activate(UC1).expectOk("activating " + UC1));
            final String failed = metroCore(slices).getFirst();
            final long t0 = System.nanoTime();
            slices.reportLinkState(failed, false, "bench").expectOk("reporting " + failed + " down");
            final JsonObject status = awaitMoved(slices, failed);
            final double restoreMs = (System.nanoTime() - t0) / 1e6;
            final JsonObject record = slices.provisioning(UC1).orElseThrow();
            if (!"restore".equals(record.get("operation").getAsString())) {
                throw new IOException("the last operation of " + UC1 + " is not the restoration: " + record);
            }
            final double controllerMs = Duration.between(java.time.Instant.parse(linkSince(slices, failed)),
                java.time.Instant.parse(record.get("finished").getAsString())).toNanos() / 1e6;
            slices.reportLinkState(failed, true, "bench").expectOk("reporting " + failed + " up");
            slices.deactivate(UC1).expectOk("deactivating " + UC1);
            if (samples != null) {
                samples.add(new Sample(i, failed, restoreMs, controllerMs, record.get("total-us").getAsLong() / 1000.0,
                    record.get("device-us").getAsLong() / 1000.0));
                peer.add(up);
                peerOne.add(upOne);
            }
            if (!"active".equals(status.get("state").getAsString())) {
                throw new IOException("not active after the restoration: " + status);
            }
        }
    }

    @FunctionalInterface
    private interface Call {
        void call() throws IOException, InterruptedException;
    }

    private static double timed(final Call call) throws IOException, InterruptedException {
        final long t0 = System.nanoTime();
        call.call();
        return (System.nanoTime() - t0) / 1e6;
    }

    /** When the controller stored the link's down state. */
    private static String linkSince(final SliceClient slices, final String link)
            throws IOException, InterruptedException {
        final var response = slices.restconf().get("qslice-topology:link-states");
        response.expectOk("reading the link states");
        return response.json().getAsJsonObject("qslice-topology:link-states").getAsJsonArray("link").asList()
            .stream().map(JsonElement::getAsJsonObject).filter(l -> link.equals(l.get("link-id").getAsString()))
            .findFirst().orElseThrow(() -> new IOException("no state of " + link)).get("since").getAsString();
    }

    private static List<String> metroCore(final SliceClient slices) throws IOException, InterruptedException {
        return links(slices.slice(UC1).orElseThrow().getAsJsonObject("status"));
    }

    private static List<String> links(final JsonObject status) {
        return status.getAsJsonArray("connection").asList().stream().map(JsonElement::getAsJsonObject)
            .filter(c -> "metro-core".equals(c.get("name").getAsString())).findFirst().orElseThrow()
            .getAsJsonArray("hop").asList().stream().map(hop -> hop.getAsJsonObject().get("link-id").getAsString())
            .toList();
    }

    /** Polls the slice until it is active with metro-core off the failed link. */
    private static JsonObject awaitMoved(final SliceClient slices, final String failed)
            throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + SETTLE.toNanos();
        JsonObject status = null;
        while (System.nanoTime() < deadline) {
            status = slices.slice(UC1).orElseThrow().getAsJsonObject("status");
            if ("active".equals(status.get("state").getAsString()) && !links(status).contains(failed)) {
                return status;
            }
            // a short pause: a client polling flat out takes the cores the controller restores with
            Thread.sleep(2);
        }
        throw new IOException("metro-core did not move off " + failed + " within " + SETTLE + ": " + status);
    }
}
