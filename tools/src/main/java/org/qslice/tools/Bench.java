/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.statistics.HistogramDataset;
import org.qslice.tools.http.Restconf;
import org.qslice.tools.karaf.Cluster;
import org.qslice.tools.karaf.KarafInstance;
import org.qslice.tools.karaf.Ports;
import org.qslice.tools.slice.SliceClient;
import org.qslice.tools.testbed.Testbed;
import org.qslice.tools.testbed.TestbedDevice;

/**
 * {@code ./qslice bench provision [--runs N] [--warmup W] [--scale-slices S] [--no-scale] [--models M]
 * [--without DECORATOR]...}: the paper's Fig. 6 on the simulated testbed. Runs on its own controller instance and
 * testbed (free loopback ports), stops both by PID. {@code --without} switches a driver decorator off in the
 * controller's {@code org.qslice.orchestrator.cfg}.
 *
 * <p>Part 1: set-up (activate-slice) and tear-down (deactivate-slice) of each use case, N times after W warm-up
 * cycles, timed at the RESTCONF client; the controller's own record gives the sum of the device round trips, so the
 * controller overhead is visible. Part 2: slices/s for S one-connection slices on a generated testbed of independent
 * pods, activated and deactivated by 16 concurrent clients, with global and with per-device locking.
 */
final class Bench {
    private static final List<String> USE_CASES = List.of("use-case-1", "use-case-2");
    private static final List<String> OPERATIONS = List.of("provision", "deprovision");
    private static final int PODS = 10;
    private static final int CLIENTS = 16;
    /** The 2x2 figure of the set-up and tear-down times, written next to {@code provision.csv}. */
    static final String HISTOGRAMS_PNG = "provision-histograms.png";
    /** Width in pixels of one panel of {@link #HISTOGRAMS_PNG}. */
    static final int PANEL_WIDTH = 700;
    /** Height in pixels of one panel of {@link #HISTOGRAMS_PNG}. */
    static final int PANEL_HEIGHT = 450;
    /** Height in pixels of the figure's title strip above the panels. */
    static final int HEADER_HEIGHT = 40;
    private static final int HISTOGRAM_BINS = 30;
    private static final Map<String, Color> COLORS = Map.of(
        "use-case-1", new Color(0x1f77b4),
        "use-case-2", new Color(0xff7f0e));

    /** One measured RPC: use case, measured run (from 0), operation ({@code provision} or {@code deprovision}). */
    /** The driver decorators --without can switch off: their keys in {@code org.qslice.orchestrator.cfg}. */
    static final List<String> DECORATORS = List.of("encryptor-key-cache", "batched-removal");

    record Sample(String useCase, int run, String op, double rpcMs, double deviceMs, double engineMs,
            double journalMs) {
    }

    private final Path root;
    private final Path assembly;
    private final Path javaHome;
    // the device models of the paper testbed's simulators (--models), qslice by default
    private String models = TestbedDevice.QSLICE;
    // the driver decorators switched off (--without), by their org.qslice.orchestrator.cfg key
    private final Set<String> without = new TreeSet<>();
    // the members of the cluster the use cases run on (--cluster N), 0: a single controller
    private int clusterMembers;

    Bench(final Path root, final Path assembly, final Path javaHome) {
        this.root = requireNonNull(root);
        this.assembly = requireNonNull(assembly);
        this.javaHome = requireNonNull(javaHome);
    }

    int run(final List<String> args) throws IOException, InterruptedException {
        if (!args.isEmpty() && "restore".equals(args.get(0))) {
            return new RestoreBench(this, root, javaHome).run(args.subList(1, args.size()));
        }
        if (args.isEmpty() || !"provision".equals(args.get(0))) {
            throw new IllegalArgumentException("usage: ./qslice bench provision [--runs N] [--warmup W] "
                + "[--scale-slices S] [--no-scale] [--simulators per-device|per-kind] "
                + "[--models qslice|openconfig|mixed] [--without encryptor-key-cache|batched-removal]... "
                + "[--cluster N]\n"
                + "       ./qslice bench restore [--runs N] [--warmup W]");
        }
        int runs = 100;
        // the controller's JIT needs this many: with 30 the p50 of the first 20 measured runs was still twice that
        // of the last 20 (docs/provisioning.md)
        int warmup = 150;
        int scaleSlices = 200;
        boolean scale = true;
        boolean perKind = false;
        for (int i = 1; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--runs" -> runs = Integer.parseInt(args.get(++i));
                case "--warmup" -> warmup = Integer.parseInt(args.get(++i));
                case "--scale-slices" -> scaleSlices = Integer.parseInt(args.get(++i));
                case "--no-scale" -> scale = false;
                case "--models" -> {
                    models = args.get(++i);
                    // validates the name
                    TestbedDevice.withModels(List.of(), models);
                }
                case "--without" -> {
                    final String decorator = args.get(++i);
                    if (!DECORATORS.contains(decorator)) {
                        throw new IllegalArgumentException("--without: one of " + DECORATORS + ", not " + decorator);
                    }
                    without.add(decorator);
                }
                case "--cluster" -> {
                    clusterMembers = Integer.parseInt(args.get(++i));
                    if (clusterMembers < 1 || clusterMembers > 9) {
                        throw new IllegalArgumentException("--cluster: 1 to 9 members, not " + clusterMembers);
                    }
                }
                case "--simulators" -> perKind = switch (args.get(++i)) {
                    case "per-device" -> false;
                    case "per-kind" -> true;
                    default -> throw new IllegalArgumentException("--simulators: per-device or per-kind, not "
                        + args.get(i));
                };
                default -> throw new IllegalArgumentException("unknown option " + args.get(i));
            }
        }
        if (clusterMembers > 0 && scale) {
            Out.println("== --cluster: the use cases only (the scale part runs on a single controller: --no-scale)");
            scale = false;
        }
        if (perKind && !models.equals(TestbedDevice.QSLICE)) {
            throw new IllegalArgumentException("--models " + models + " needs --simulators per-device (a simulator "
                + "process serves one model)");
        }
        final Path out = root.resolve(".qslice/bench/provision-" + LocalDateTime.now().format(
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        Files.createDirectories(out);
        // controller copies and simulator state: large, deleted at the end
        final Path work = Files.createDirectories(out.resolve("work"));
        try {
            return run(out, work, runs, warmup, scaleSlices, scale, perKind);
        } finally {
            deleteTree(work);
        }
    }

    private int run(final Path out, final Path work, final int runs, final int warmup, final int scaleSlices,
            final boolean scale, final boolean perKind) throws IOException, InterruptedException {
        final var summary = new ArrayList<String>();
        final List<Sample> samples = useCases(out, work, runs, warmup, perKind, summary);
        if (scale) {
            for (String locking : List.of("global", "per-device")) {
                summary.add(scale(out, work, scaleSlices, locking));
            }
        }
        final List<Double> provision = samples.stream().filter(s -> s.op().equals("provision"))
            .map(Sample::rpcMs).toList();
        final List<Double> deprovision = samples.stream().filter(s -> s.op().equals("deprovision"))
            .map(Sample::rpcMs).toList();
        final double rpcTotal = samples.stream().mapToDouble(Sample::rpcMs).sum();
        final double deviceTotal = samples.stream().mapToDouble(Sample::deviceMs).sum();
        Out.println("");
        Out.println("== results in " + root.relativize(out));
        summary.forEach(line -> Out.println("  " + line));
        Out.println(String.format(Locale.ROOT, "provision-p99-ms=%.1f deprovision-p99-ms=%.1f overhead-pct=%.1f",
            percentile(provision, 99), percentile(deprovision, 99), 100 * (rpcTotal - deviceTotal) / rpcTotal));
        return 0;
    }

    private List<Sample> useCases(final Path out, final Path work, final int runs, final int warmup,
            final boolean perKind, final List<String> summary) throws IOException, InterruptedException {
        final Path topology = root.resolve("testbed/paper-topology.json");
        final var samples = new ArrayList<Sample>();
        // one simulator JVM per device (as the testbed runs), or one per device kind (fewer JVMs on the cores)
        final var devices = TestbedDevice.withModels(perKind ? byKind(TestbedDevice.fromTopology(topology))
            : TestbedDevice.fromTopology(topology), models);
        final var ports = Testbed.freeRun(devices.size());
        Out.println("== simulators: " + (perKind ? "one process per device kind" : "one process per device")
            + ", device models: " + models + " (" + devices.stream().filter(device -> device.model()
                .equals(TestbedDevice.OPENCONFIG)).count() + " of " + devices.size() + " on OpenConfig)");
        StopOnExit.testbed(work.resolve("testbed-paper"));
        try (var controller = clusterMembers > 0 ? bootCluster(work.resolve("cluster-paper"))
                : new Booted(List.of(boot(work.resolve("karaf-paper"), "global")));
             var testbed = Testbed.start(root, work.resolve("testbed-paper"), javaHome, devices, ports,
                 TestbedCommand.START_TIMEOUT, perKind)) {
            testbed.mount(controller.restconf(), TestbedCommand.START_TIMEOUT);
            testbed.awaitMounted(Cluster.clients(controller.members()), TestbedCommand.START_TIMEOUT);
            final var slices = new SliceClient(controller.restconf());
            slices.loadTopology(topology);
            slices.awaitTopology(root.resolve("testbed/use-case-1.json"), Duration.ofSeconds(60));
            for (String id : USE_CASES) {
                slices.create(root.resolve("testbed/" + id + ".json"));
            }
            Out.println("== warm-up: " + warmup + " set-up/tear-down cycles of each use case (not measured; the "
                + "controller's JIT needs them to reach its steady state)");
            for (int i = 0; i < warmup; i++) {
                for (String id : USE_CASES) {
                    cycle(slices, id, i, null);
                }
            }
            Out.println("== measuring " + runs + " set-up/tear-down cycles of each use case");
            for (int i = 0; i < runs; i++) {
                for (String id : USE_CASES) {
                    cycle(slices, id, i, samples);
                }
            }
            if (models.equals(TestbedDevice.QSLICE)) {
                floor(slices, testbed, runs, samples, summary);
            } else {
                // the floor replays the journals' edits in qslice's device models
                Out.println("== floor: not measured with --models " + models + " (it sends qslice-model edits)");
            }
            for (String id : USE_CASES) {
                slices.delete(id);
            }
            testbed.unmount(controller.restconf());
        }
        writeCsv(out.resolve("provision.csv"), samples);
        histograms(out.resolve(HISTOGRAMS_PNG), samples);
        for (String op : OPERATIONS) {
            for (String id : USE_CASES) {
                final var rpc = samples.stream().filter(s -> s.op().equals(op) && s.useCase().equals(id))
                    .map(Sample::rpcMs).toList();
                final var device = samples.stream().filter(s -> s.op().equals(op) && s.useCase().equals(id))
                    .map(Sample::deviceMs).toList();
                final var journal = samples.stream().filter(s -> s.op().equals(op) && s.useCase().equals(id))
                    .map(Sample::journalMs).toList();
                // the journal's cost: the time the operation waited for its writes beyond the device work
                summary.add(String.format(Locale.ROOT, "%-11s %-11s p50 %6.1f  p90 %6.1f  p99 %6.1f ms; device "
                    + "round trips per slice p50 %6.1f ms; journal wait p50 %5.1f ms (%.1f %% of the p50)", id, op,
                    percentile(rpc, 50), percentile(rpc, 90), percentile(rpc, 99), percentile(device, 50),
                    percentile(journal, 50), 100 * percentile(journal, 50) / percentile(rpc, 50)));
            }
        }
        // whether the warm-up was long enough: the first and the last quarter of the measured runs should agree
        final int quarter = Math.max(1, runs / 4);
        for (String op : OPERATIONS) {
            final var first = samples.stream().filter(s -> s.op().equals(op) && s.run() < quarter)
                .map(Sample::rpcMs).toList();
            final var last = samples.stream().filter(s -> s.op().equals(op) && s.run() >= runs - quarter)
                .map(Sample::rpcMs).toList();
            summary.add(String.format(Locale.ROOT, "steady state: %s p50 over the first %d runs %6.1f ms, over the "
                + "last %d runs %6.1f ms", op, quarter, percentile(first, 50), quarter, percentile(last, 50)));
        }
        return samples;
    }

    /**
     * The floor, in the same run on the same simulators: each use case's edits, as its journal names them, sent
     * directly over NETCONF, one device after the other; then the ratio of the controller's p50 and p99 to it.
     */
    private static void floor(final SliceClient slices, final Testbed testbed, final int runs,
            final List<Sample> samples, final List<String> summary) throws IOException, InterruptedException {
        Out.println("== floor: the same edits sent directly over NETCONF, " + runs + " cycles of each use case");
        final var edits = new LinkedHashMap<String, List<NetconfFloor.Edit>>();
        for (String id : USE_CASES) {
            slices.activate(id).expectOk("activating " + id + " for its journal");
            final var journal = slices.restconf().get("qslice-slice:journal/slice=" + id);
            journal.expectOk("reading the journal of " + id);
            edits.put(id, NetconfFloor.edits(journal.json().getAsJsonArray("qslice-slice:slice").get(0)
                .getAsJsonObject()));
            slices.deactivate(id).expectOk("deactivating " + id);
        }
        final var floorMs = new LinkedHashMap<String, List<Double>>();
        try (var floor = new NetconfFloor(testbed, TestbedCommand.START_TIMEOUT)) {
            for (int i = 0; i < runs; i++) {
                for (String id : USE_CASES) {
                    floorMs.computeIfAbsent(id + " provision", key -> new ArrayList<>())
                        .add(floor.send(edits.get(id), false));
                    floorMs.computeIfAbsent(id + " deprovision", key -> new ArrayList<>())
                        .add(floor.send(edits.get(id), true));
                }
            }
        }
        for (String op : OPERATIONS) {
            for (String id : USE_CASES) {
                final List<Double> direct = floorMs.get(id + " " + op);
                final var rpc = samples.stream().filter(s -> s.op().equals(op) && s.useCase().equals(id))
                    .map(Sample::rpcMs).toList();
                final double p50 = percentile(direct, 50);
                final double p99 = percentile(direct, 99);
                summary.add(String.format(Locale.ROOT, "%-11s %-11s floor (direct NETCONF, %d device edits) p50 %6.1f"
                    + "  p99 %6.1f ms; controller / floor: p50 %.2fx  p99 %.2fx", id, op, edits.get(id).size(), p50,
                    p99, percentile(rpc, 50) / p50, percentile(rpc, 99) / p99));
            }
        }
    }

    private static void cycle(final SliceClient slices, final String id, final int run, final List<Sample> samples)
            throws IOException, InterruptedException {
        for (String op : OPERATIONS) {
            final long t0 = System.nanoTime();
            final var response = op.equals("provision") ? slices.activate(id) : slices.deactivate(id);
            final double rpcMs = (System.nanoTime() - t0) / 1e6;
            response.expectOk(op + " " + id + " (run " + run + ")");
            if (samples != null) {
                final JsonObject record = slices.provisioning(id).orElseThrow();
                samples.add(new Sample(id, run, op, rpcMs, record.get("device-us").getAsLong() / 1000.0,
                    record.get("total-us").getAsLong() / 1000.0, record.has("journal-us")
                        ? record.get("journal-us").getAsLong() / 1000.0 : 0));
            }
        }
    }

    /**
     * The controller the use cases run on: one instance, or the members of a cluster (the RPCs go to the first).
     *
     * @param members the instances, stopped by PID on close
     */
    record Booted(List<KarafInstance> members) implements AutoCloseable {
        Restconf restconf() {
            return members.getFirst().restconf();
        }

        @Override
        public void close() throws InterruptedException {
            for (KarafInstance member : members) {
                member.close();
            }
        }
    }

    /**
     * Boots a cluster of {@code --cluster} members ({@link Cluster}, as {@code ./qslice cluster start} does) with this
     * run's orchestrator configuration; the use cases' RPCs go through member-1, routed to the orchestrator's member.
     */
    private Booted bootCluster(final Path dir) throws IOException, InterruptedException {
        final Cluster cluster = Cluster.create(assembly, dir, clusterMembers, javaHome);
        final long started = System.nanoTime();
        cluster.start(cluster.members(), member -> {
            StopOnExit.register("cluster " + Cluster.name(member), member::close);
            writeOrchestratorConfig(member.home(), "global");
        }, member -> { }, Launcher.PROBE_RPC, Duration.ofMinutes(5), Duration.ofMinutes(5));
        Out.printf("cluster of %d members up in %.1f s; the use cases' RPCs go to member-1, the orchestrator runs on "
            + "%s, the KMS on %s%n", clusterMembers, (System.nanoTime() - started) / 1e9,
            cluster.singletonOwner(Cluster.ORCHESTRATOR).orElse("?"),
            cluster.singletonOwner(Cluster.KMS).orElse("?"));
        return new Booted(cluster.members());
    }

    private void writeOrchestratorConfig(final Path home, final String locking) throws IOException {
        // appended: a cluster member's file holds its device hold-off already
        Files.writeString(home.resolve("etc/org.qslice.orchestrator.cfg"), "locking = " + locking + "\n"
            + without.stream().map(decorator -> decorator + " = false\n").collect(Collectors.joining()),
            StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    KarafInstance boot(final Path home, final String locking) throws IOException, InterruptedException {
        final KarafInstance instance = KarafInstance.create(assembly, home, Ports.free(), javaHome);
        StopOnExit.register("controller " + home.getFileName(), instance::close);
        writeOrchestratorConfig(home, locking);
        instance.start(Duration.ofSeconds(60));
        try {
            final var restconf = instance.restconf();
            instance.awaitReady(Duration.ofMinutes(5), () -> restconf.answers(Launcher.PROBE_RPC));
        } catch (IOException e) {
            instance.close();
            throw e;
        }
        Out.println("controller (" + locking + " locking, driver decorators " + DECORATORS.stream()
            .map(decorator -> decorator + (without.contains(decorator) ? " off" : " on"))
            .collect(Collectors.joining(", ")) + ") up on " + instance.restconfUri());
        return instance;
    }

    static List<TestbedDevice> byKind(final List<TestbedDevice> devices) {
        final var ordered = new ArrayList<>(devices);
        ordered.sort(java.util.Comparator.comparing(TestbedDevice::kind));
        return ordered;
    }

    private String scale(final Path out, final Path work, final int count, final String locking)
            throws IOException, InterruptedException {
        final Path topology = out.resolve("pods-topology.json");
        Files.writeString(topology, podsTopology(), StandardCharsets.UTF_8);
        // one simulator process per kind
        final var ordered = byKind(TestbedDevice.fromTopology(topology));
        final var ports = Testbed.freeRun(ordered.size());
        StopOnExit.testbed(work.resolve("testbed-" + locking));
        try (var controller = boot(work.resolve("karaf-" + locking), locking);
             var testbed = Testbed.start(root, work.resolve("testbed-" + locking), javaHome, ordered, ports,
                 TestbedCommand.START_TIMEOUT, true)) {
            testbed.mount(controller.restconf(), Duration.ofMinutes(8));
            final var slices = new SliceClient(controller.restconf());
            slices.loadTopology(topology);
            final Path requests = Files.createDirectories(work.resolve("requests-" + locking));
            final Path probe = requests.resolve("probe.json");
            Files.writeString(probe, podSlice("probe", 0), StandardCharsets.UTF_8);
            slices.awaitTopology(probe, Duration.ofSeconds(60));
            final var ids = new ArrayList<String>();
            for (int i = 0; i < count; i++) {
                final String id = "pod-slice-" + i;
                final Path file = requests.resolve(id + ".json");
                Files.writeString(file, podSlice(id, i % PODS), StandardCharsets.UTF_8);
                slices.create(file);
                ids.add(id);
            }
            // warm-up on a few slices, not measured
            for (int i = 0; i < Math.min(20, count); i++) {
                slices.activate(ids.get(i)).expectOk("warm-up");
                slices.deactivate(ids.get(i)).expectOk("warm-up");
            }
            final double up = concurrently(ids, id -> slices.activate(id));
            final double down = concurrently(ids, id -> slices.deactivate(id));
            for (String id : ids) {
                slices.delete(id);
            }
            testbed.unmount(controller.restconf());
            return String.format(Locale.ROOT, "%d slices on %d pods (%d devices), %d clients, %s locking: "
                + "activation %.1f slices/s, deactivation %.1f slices/s", count, PODS, ordered.size(), CLIENTS,
                locking, count / up, count / down);
        }
    }

    @FunctionalInterface
    private interface Call {
        org.qslice.tools.http.Restconf.Response call(String id) throws IOException, InterruptedException;
    }

    private static double concurrently(final List<String> ids, final Call call)
            throws IOException, InterruptedException {
        final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            final long t0 = System.nanoTime();
            final var futures = new ArrayList<Future<org.qslice.tools.http.Restconf.Response>>();
            for (String id : ids) {
                futures.add(pool.submit(() -> call.call(id)));
            }
            for (int i = 0; i < futures.size(); i++) {
                try {
                    futures.get(i).get().expectOk(ids.get(i));
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException(ids.get(i) + ": " + e.getCause().getMessage(), e);
                }
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Independent pods: sites a-i and b-i, each with a switch and an encryptor, joined by two DWDM channels. */
    private static String podsTopology() {
        final var nodes = new JsonArray();
        final var links = new JsonArray();
        for (int pod = 0; pod < PODS; pod++) {
            for (String end : List.of("a", "b")) {
                final String site = end + pod;
                final var node = new JsonObject();
                node.addProperty("node-id", site);
                final var attrs = new JsonObject();
                attrs.addProperty("role", end.equals("a") ? "cell" : "aggregation");
                final var devs = new JsonArray();
                devs.add(device(site + "-sw", "ethernet-switch"));
                devs.add(device(site + "-enc", "encryptor"));
                attrs.add("device", devs);
                node.add("qslice-topology:site", attrs);
                nodes.add(node);
            }
            for (int ch = 1; ch <= 2; ch++) {
                final var link = new JsonObject();
                link.addProperty("link-id", "a" + pod + "/b" + pod + "#ch" + ch);
                final var src = new JsonObject();
                src.addProperty("source-node", "a" + pod);
                src.addProperty("source-tp", "eth-b" + pod + "-ch" + ch);
                link.add("source", src);
                final var dst = new JsonObject();
                dst.addProperty("dest-node", "b" + pod);
                dst.addProperty("dest-tp", "eth-a" + pod + "-ch" + ch);
                link.add("destination", dst);
                final var attrs = new JsonObject();
                attrs.addProperty("capacity-gbps", "100");
                attrs.addProperty("latency-us", 100);
                attrs.addProperty("security-level", "none");
                final var channel = new JsonObject();
                channel.addProperty("channel", ch);
                attrs.add("dwdm-channel", channel);
                final var enc = new JsonObject();
                enc.addProperty("encrypting", false);
                enc.addProperty("source-device", "a" + pod + "-enc");
                enc.addProperty("dest-device", "b" + pod + "-enc");
                attrs.add("encryptor", enc);
                link.add("qslice-topology:link-attributes", attrs);
                links.add(link);
            }
        }
        return network(nodes, links);
    }

    /**
     * Returns a qslice network of the given nodes and links as RFC 8345 JSON.
     *
     * @param nodes the nodes
     * @param links the links
     * @return the JSON
     */
    static String network(final JsonArray nodes, final JsonArray links) {
        final var network = new JsonObject();
        network.addProperty("network-id", "qslice");
        final var types = new JsonObject();
        types.add("qslice-topology:qslice-topology", new JsonObject());
        network.add("network-types", types);
        network.add("node", nodes);
        network.add("ietf-network-topology:link", links);
        final var networks = new JsonArray();
        networks.add(network);
        final var root = new JsonObject();
        root.add("ietf-network:network", networks);
        return root.toString();
    }

    static JsonObject device(final String name, final String kind) {
        final var device = new JsonObject();
        device.addProperty("name", name);
        device.addProperty("kind", kind);
        return device;
    }

    private static String podSlice(final String id, final int pod) {
        return "{\"input\":{\"slice-id\":\"" + id + "\",\"connection\":[{\"name\":\"c\",\"a-end\":{\"site\":\"a"
            + pod + "\"},\"z-end\":{\"site\":\"b" + pod + "\"},\"min-security-level\":\"none\","
            + "\"bandwidth-gbps\":\"0.1\"}]}}";
    }

    private static void writeCsv(final Path file, final List<Sample> samples) throws IOException {
        final var lines = new ArrayList<String>();
        lines.add("use_case,run,operation,rpc_ms,device_round_trips_ms,engine_total_ms,journal_wait_ms");
        for (Sample s : samples) {
            lines.add(String.format(Locale.ROOT, "%s,%d,%s,%.3f,%.3f,%.3f,%.3f", s.useCase(), s.run(), s.op(),
                s.rpcMs(), s.deviceMs(), s.engineMs(), s.journalMs()));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /**
     * Writes the paper's Fig. 6 as one PNG: a 2x2 grid of histograms of the RPC times, rows Use-Case 1 and Use-Case 2
     * (and any further use case in the samples), columns set-up (activation) and tear-down (deactivation).
     *
     * @param file the PNG to write
     * @param samples the measured samples
     * @throws IOException if the PNG cannot be written
     */
    static void histograms(final Path file, final List<Sample> samples) throws IOException {
        final var useCases = new ArrayList<>(USE_CASES);
        new TreeSet<>(samples.stream().map(Sample::useCase).toList()).stream()
            .filter(id -> !useCases.contains(id)).forEach(useCases::add);
        final int width = OPERATIONS.size() * PANEL_WIDTH;
        final int height = HEADER_HEIGHT + useCases.size() * PANEL_HEIGHT;
        final var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            final String header = "qslice set-up and tear-down time per slice, simulated testbed "
                + "(cf. Wright et al., JOCN 2021, Fig. 6)";
            g.drawString(header, (width - g.getFontMetrics().stringWidth(header)) / 2,
                (HEADER_HEIGHT + g.getFontMetrics().getAscent()) / 2);
            for (int row = 0; row < useCases.size(); row++) {
                for (int col = 0; col < OPERATIONS.size(); col++) {
                    final String id = useCases.get(row);
                    final String op = OPERATIONS.get(col);
                    final double[] ms = samples.stream().filter(s -> s.op().equals(op) && s.useCase().equals(id))
                        .mapToDouble(Sample::rpcMs).toArray();
                    panel(id, op, ms).draw(g, new Rectangle2D.Double(col * PANEL_WIDTH,
                        HEADER_HEIGHT + row * PANEL_HEIGHT, PANEL_WIDTH, PANEL_HEIGHT));
                }
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
    }

    /**
     * One panel of {@link #histograms}: the histogram of one use case's times of one operation, counting slices on
     * an integer y axis, titled with the use case, the operation, n and (if there are samples) p50 and p99.
     *
     * @param useCase the use case, e.g. {@code use-case-1}
     * @param op {@code provision} or {@code deprovision}
     * @param ms the RPC times in ms
     * @return the chart
     */
    static JFreeChart panel(final String useCase, final String op, final double[] ms) {
        final String what = switch (op) {
            case "provision" -> "set-up (activation)";
            case "deprovision" -> "tear-down (deactivation)";
            default -> op;
        };
        final var dataset = new HistogramDataset();
        if (ms.length > 0) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : ms) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (max - min < 1e-9) {
                // all equal: give the bins a width
                min -= 0.5;
                max += 0.5;
            }
            dataset.addSeries(useCase, ms, HISTOGRAM_BINS, min, max);
        }
        final JFreeChart chart = ChartFactory.createHistogram(useCaseName(useCase) + ": " + what,
            what + " time (ms)", "slices (count)", dataset, PlotOrientation.VERTICAL, false, false, false);
        final var values = new ArrayList<Double>(ms.length);
        for (double v : ms) {
            values.add(v);
        }
        chart.addSubtitle(new TextTitle(values.isEmpty() ? "n = 0 (no samples)"
            : String.format(Locale.ROOT, "n = %d, p50 = %.1f ms, p99 = %.1f ms", values.size(),
                percentile(values, 50), percentile(values, 99))));
        chart.setBackgroundPaint(Color.WHITE);
        final XYPlot plot = chart.getXYPlot();
        plot.setForegroundAlpha(0.85f);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        // the bars count slices: whole numbers only on the y axis
        final var counts = (NumberAxis) plot.getRangeAxis();
        counts.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        final var renderer = (XYBarRenderer) plot.getRenderer();
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, COLORS.getOrDefault(useCase, Color.GRAY));
        return chart;
    }

    /** {@code use-case-1} becomes {@code Use-Case 1}, as in the paper. */
    private static String useCaseName(final String id) {
        return id.startsWith("use-case-") ? "Use-Case " + id.substring("use-case-".length()) : id;
    }

    static void deleteTree(final Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static double percentile(final List<Double> values, final double percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        final var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        final int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
