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
        String topology = "paper";
        int sites = 8;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--runs" -> runs = Integer.parseInt(args.get(++i));
                case "--warmup" -> warmup = Integer.parseInt(args.get(++i));
                case "--topology" -> topology = args.get(++i);
                case "--sites" -> sites = Integer.parseInt(args.get(++i));
                default -> throw new IllegalArgumentException("unknown option " + args.get(i)
                    + " (./qslice bench restore [--runs N] [--warmup W] [--topology paper|ring] [--sites N])");
            }
        }
        if (!topology.equals("paper") && !topology.equals("ring")) {
            throw new IllegalArgumentException("--topology is paper or ring, not " + topology);
        }
        RingTopology.adjacencies(sites);
        final Path out = root.resolve(".qslice/bench/restore-" + LocalDateTime.now().format(
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        Files.createDirectories(out);
        final Path work = Files.createDirectories(out.resolve("work"));
        try {
            return topology.equals("ring") ? runRing(out, work, runs, warmup, sites) : run(out, work, runs, warmup);
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
     * The restoration bench on a generated ring of {@code sites} sites ({@link RingTopology}): one QKD slice per
     * pair of sites three spans apart; each run fails the first link of one slice's path (round robin) and times
     * until the slice reads back active on a path without it, which runs through other sites (no parallel QKD
     * channel). Peer in the same run: the set-up of a QKD slice of the same kind.
     */
    private int runRing(final Path out, final Path work, final int runs, final int warmup, final int sites)
            throws IOException, InterruptedException {
        final Path topology = out.resolve("ring-topology.json");
        Files.writeString(topology, RingTopology.json(sites), StandardCharsets.UTF_8);
        final var devices = Bench.byKind(TestbedDevice.fromTopology(topology));
        final var ports = Testbed.freeRun(devices.size());
        StopOnExit.testbed(work.resolve("testbed"));
        final var samples = new ArrayList<Sample>();
        final var hops = new ArrayList<Integer>();
        final var peer = new ArrayList<Double>();
        final List<String> ids = new ArrayList<>();
        try (var controller = bench.boot(work.resolve("karaf"), "global");
             var testbed = Testbed.start(root, work.resolve("testbed"), javaHome, devices, ports,
                 TestbedCommand.START_TIMEOUT, true)) {
            testbed.mount(controller.restconf(), Duration.ofMinutes(4));
            final var slices = new SliceClient(controller.restconf());
            slices.loadTopology(topology);
            final Path requests = Files.createDirectories(work.resolve("requests"));
            for (int k = 0; k < sites / 2; k++) {
                final String id = "ring-" + k;
                final Path file = requests.resolve(id + ".json");
                Files.writeString(file, RingTopology.slice(id, 2 * k, (2 * k + 3) % sites), StandardCharsets.UTF_8);
                if (k == 0) {
                    slices.awaitTopology(file, Duration.ofSeconds(60));
                }
                slices.create(file);
                slices.activate(id).expectOk("activating " + id);
                ids.add(id);
            }
            final Path peerFile = requests.resolve("ring-peer.json");
            Files.writeString(peerFile, RingTopology.slice("ring-peer", 1, 4 % sites), StandardCharsets.UTF_8);
            slices.create(peerFile);
            slices.clearLinkStates();
            Out.println("== ring of " + sites + " sites (" + devices.size() + " devices), " + ids.size()
                + " QKD slices; warm-up: " + warmup + " restorations (not measured)");
            ringCycles(slices, ids, warmup, null, null, null);
            Out.println("== measuring " + runs + " restorations, and as the peer " + runs + " set-ups of a QKD slice");
            ringCycles(slices, ids, runs, samples, hops, peer);
            for (String id : ids) {
                slices.deactivate(id).expectOk("deactivating " + id);
                slices.delete(id).expectOk("deleting " + id);
            }
            slices.delete("ring-peer").expectOk("deleting the peer");
            slices.clearLinkStates();
            testbed.unmount(controller.restconf());
        }
        final var csv = new StringBuilder("run,failed_link,hops_after,client_ms,controller_ms,restore_op_ms,"
            + "device_ms\n");
        for (int i = 0; i < samples.size(); i++) {
            final Sample s = samples.get(i);
            csv.append(String.format(Locale.ROOT, "%d,%s,%d,%.3f,%.3f,%.3f,%.3f%n", s.run(), s.failed(),
                hops.get(i), s.restoreMs(), s.controllerMs(), s.engineMs(), s.deviceMs()));
        }
        Files.writeString(out.resolve("restore-ring.csv"), csv, StandardCharsets.UTF_8);
        final List<Double> restore = samples.stream().map(Sample::restoreMs).toList();
        final List<Double> inside = samples.stream().map(Sample::controllerMs).toList();
        final List<Double> engine = samples.stream().map(Sample::engineMs).toList();
        Out.println("");
        Out.println("== results in " + root.relativize(out));
        Out.println(String.format(Locale.ROOT, "  ring of %d sites: restoration (fault reported -> new path active, "
            + "at the client) p50 %6.1f  p90 %6.1f  p99 %6.1f ms; new paths %d-%d hops", sites,
            Bench.percentile(restore, 50), Bench.percentile(restore, 90), Bench.percentile(restore, 99),
            hops.stream().mapToInt(Integer::intValue).min().orElse(0),
            hops.stream().mapToInt(Integer::intValue).max().orElse(0)));
        Out.println(String.format(Locale.ROOT, "  at the controller p50 %6.1f  p99 %6.1f ms; its restore operation "
            + "p50 %6.1f  p99 %6.1f ms", Bench.percentile(inside, 50), Bench.percentile(inside, 99),
            Bench.percentile(engine, 50), Bench.percentile(engine, 99)));
        Out.println(String.format(Locale.ROOT, "  peer: set-up of a QKD slice three spans long p50 %6.1f  p99 %6.1f ms",
            Bench.percentile(peer, 50), Bench.percentile(peer, 99)));
        Out.println(String.format(Locale.ROOT, "ring-restore-p50-ms=%.1f ring-restore-p99-ms=%.1f",
            Bench.percentile(restore, 50), Bench.percentile(restore, 99)));
        return 0;
    }

    private static void ringCycles(final SliceClient slices, final List<String> ids, final int count,
            final List<Sample> samples, final List<Integer> hops, final List<Double> peer)
            throws IOException, InterruptedException {
        for (int i = 0; i < count; i++) {
            final double up = timed(() -> slices.activate("ring-peer").expectOk("activating the peer"));
            slices.deactivate("ring-peer").expectOk("deactivating the peer");
            final Moved moved = restore(slices, i, ids.get(i % ids.size()), "c");
            if (samples != null) {
                samples.add(moved.sample());
                hops.add(links(moved.status(), "c").size());
                peer.add(up);
            }
        }
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
            final Moved moved = restore(slices, i, UC1, "metro-core");
            slices.deactivate(UC1).expectOk("deactivating " + UC1);
            if (samples != null) {
                samples.add(moved.sample());
                peer.add(up);
                peerOne.add(upOne);
            }
        }
    }

    /** One restoration's sample, and the slice's status after it. */
    private record Moved(Sample sample, JsonObject status) {
    }

    /**
     * Reports the first link of a connection's path down, waits until the slice is active with the connection off
     * it, reads the restore record, and reports the link up again.
     */
    private static Moved restore(final SliceClient slices, final int run, final String sliceId,
            final String connection) throws IOException, InterruptedException {
        final String failed = path(slices, sliceId, connection).getFirst();
        final long t0 = System.nanoTime();
        slices.reportLinkState(failed, false, "bench").expectOk("reporting " + failed + " down");
        final JsonObject status = awaitOff(slices, sliceId, connection, failed);
        final double restoreMs = (System.nanoTime() - t0) / 1e6;
        final JsonObject record = slices.provisioning(sliceId).orElseThrow();
        if (!"restore".equals(record.get("operation").getAsString())) {
            throw new IOException("the last operation of " + sliceId + " is not the restoration: " + record);
        }
        final double controllerMs = Duration.between(java.time.Instant.parse(linkSince(slices, failed)),
            java.time.Instant.parse(record.get("finished").getAsString())).toNanos() / 1e6;
        slices.reportLinkState(failed, true, "bench").expectOk("reporting " + failed + " up");
        return new Moved(new Sample(run, failed, restoreMs, controllerMs, record.get("total-us").getAsLong() / 1000.0,
            record.get("device-us").getAsLong() / 1000.0), status);
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

    private static List<String> path(final SliceClient slices, final String sliceId, final String connection)
            throws IOException, InterruptedException {
        return links(slices.slice(sliceId).orElseThrow().getAsJsonObject("status"), connection);
    }

    private static List<String> links(final JsonObject status, final String connection) {
        return status.getAsJsonArray("connection").asList().stream().map(JsonElement::getAsJsonObject)
            .filter(c -> connection.equals(c.get("name").getAsString())).findFirst().orElseThrow()
            .getAsJsonArray("hop").asList().stream().map(hop -> hop.getAsJsonObject().get("link-id").getAsString())
            .toList();
    }

    /** Polls a slice until it is active with the connection off the failed link. */
    private static JsonObject awaitOff(final SliceClient slices, final String sliceId, final String connection,
            final String failed) throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + SETTLE.toNanos();
        JsonObject status = null;
        while (System.nanoTime() < deadline) {
            status = slices.slice(sliceId).orElseThrow().getAsJsonObject("status");
            if ("active".equals(status.get("state").getAsString()) && !links(status, connection).contains(failed)) {
                return status;
            }
            // a short pause: a client polling flat out takes the cores the controller restores with
            Thread.sleep(2);
        }
        throw new IOException(connection + " of " + sliceId + " did not move off " + failed + " within " + SETTLE
            + ": " + status);
    }
}
