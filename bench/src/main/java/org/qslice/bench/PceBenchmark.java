/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.qslice.api.model.SlicePlan;
import org.qslice.api.model.SliceRequest;
import org.qslice.api.model.Topology;
import org.qslice.impl.pce.InvalidRequestException;
import org.qslice.impl.pce.ResourceLedger;
import org.qslice.impl.pce.SlicePlanner;

/**
 * Times compute-slice planning (validation, path computation for every connection, tentative reservations, and
 * blocking reasons where a connection does not fit) on generated topologies of growing size, and prints p50, p90,
 * p99 and max per size and how they grow; writes the numbers as CSV.
 *
 * <p>Per size: generate the topology, compile it, warm up with {@code warmup} plans (reserving every other feasible
 * one so the network carries load), then time {@code requests} plans, reserving every fourth feasible one outside
 * the timed section. Arguments, all optional: {@code sizes=100,1000,10000 requests=1000 warmup=300 seed=42
 * csv=bench/target/pce-bench.csv} (the CSV goes to {@code target/} when not started from the project root).
 */
public final class PceBenchmark {
    private PceBenchmark() {
        // main class
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code key=value} options, see the class description
     * @throws IOException if the CSV cannot be written
     * @throws InvalidRequestException never for generated requests; a bug otherwise
     */
    @SuppressWarnings("checkstyle:RegexpSinglelineJava") // a command-line benchmark reports on standard output
    public static void main(final String[] args) throws IOException, InvalidRequestException {
        int[] sizes = { 100, 1_000, 10_000 };
        int requests = 1_000;
        int warmup = 300;
        long seed = 42;
        Path csv = Files.isDirectory(Path.of("bench")) ? Path.of("bench", "target", "pce-bench.csv")
            : Path.of("target", "pce-bench.csv");
        for (String arg : args) {
            final String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "sizes" -> sizes = Arrays.stream(kv[1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "requests" -> requests = Integer.parseInt(kv[1]);
                case "warmup" -> warmup = Integer.parseInt(kv[1]);
                case "seed" -> seed = Long.parseLong(kv[1]);
                case "csv" -> csv = Path.of(kv[1]);
                default -> throw new IllegalArgumentException("unknown option " + arg
                    + ", expected sizes=, requests=, warmup=, seed= or csv=");
            }
        }
        final PrintStream out = System.out;
        out.printf(Locale.ROOT, "qslice path computation benchmark: %d timed requests per size, %d warm-up, seed %d,"
            + " %d cpus, java %s%n", requests, warmup, seed, Runtime.getRuntime().availableProcessors(),
            Runtime.version());
        out.printf(Locale.ROOT, "%7s %7s %8s %9s %8s %8s %8s %8s %8s %8s %9s %9s%n", "sites", "links", "build_ms",
            "feasible", "mean_ms", "p50_ms", "p90_ms", "p99_ms", "max_ms", "p99_x", "cpu_p50", "cpu_p99");
        final var rows = new ArrayList<String>();
        rows.add("sites,links,requests,connections,feasible_pct,build_ms,mean_ms,p50_ms,p90_ms,p99_ms,max_ms,"
            + "cpu_p50_ms,cpu_p99_ms,cpu_max_ms");
        double previousP99 = Double.NaN;
        for (int size : sizes) {
            final Result result = run(size, requests, warmup, seed);
            final String growth = Double.isNaN(previousP99) ? "-"
                : String.format(Locale.ROOT, "%.1f", result.p99 / previousP99);
            out.printf(Locale.ROOT, "%7d %7d %8.0f %8.1f%% %8.2f %8.2f %8.2f %8.2f %8.2f %8s %9.2f %9.2f%n", size,
                result.links, result.buildMs, result.feasiblePct, result.mean, result.p50, result.p90, result.p99,
                result.max, growth, result.cpuP50, result.cpuP99);
            rows.add(String.format(Locale.ROOT, "%d,%d,%d,%d,%.1f,%.1f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f",
                size, result.links, requests, result.connections, result.feasiblePct, result.buildMs, result.mean,
                result.p50, result.p90, result.p99, result.max, result.cpuP50, result.cpuP99, result.cpuMax));
            previousP99 = result.p99;
        }
        if (csv.getParent() != null) {
            Files.createDirectories(csv.getParent());
        }
        Files.write(csv, rows, StandardCharsets.UTF_8);
        out.println("p99_x: growth of p99 against the previous size; cpu_*: thread CPU time per plan, which other");
        out.println("processes on the machine do not inflate. CSV written to " + csv.toAbsolutePath());
    }

    private static Result run(final int size, final int requests, final int warmup, final long seed)
            throws InvalidRequestException {
        final long buildStart = System.nanoTime();
        final Topology topology = TopologyGenerator.topology(size, seed);
        final SlicePlanner planner = SlicePlanner.of(topology);
        final double buildMs = (System.nanoTime() - buildStart) / 1e6;
        final ResourceLedger ledger = ResourceLedger.empty(planner.index());
        final List<SliceRequest> all = TopologyGenerator.requests(topology, planner.pathComputer(),
            warmup + requests, seed + size);

        for (int i = 0; i < warmup; i++) {
            final SlicePlan plan = planner.plan(all.get(i), ledger);
            if (plan.feasible() && i % 2 == 0) {
                ledger.reserve(plan.reservation());
            }
        }
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final double[] millis = new double[requests];
        final double[] cpuMillis = new double[requests];
        int feasible = 0;
        int connections = 0;
        for (int i = 0; i < requests; i++) {
            final SliceRequest request = all.get(warmup + i);
            final long cpuStart = threads.getCurrentThreadCpuTime();
            final long start = System.nanoTime();
            final SlicePlan plan = planner.plan(request, ledger);
            millis[i] = (System.nanoTime() - start) / 1e6;
            cpuMillis[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            connections += request.connections().size();
            if (plan.feasible()) {
                feasible++;
                if (i % 4 == 0) {
                    ledger.reserve(plan.reservation());
                }
            }
        }
        final double mean = Arrays.stream(millis).average().orElse(0);
        Arrays.sort(millis);
        Arrays.sort(cpuMillis);
        return new Result(topology.links().size(), connections / requests, buildMs, 100.0 * feasible / requests,
            mean, percentile(millis, 50), percentile(millis, 90), percentile(millis, 99), millis[requests - 1],
            percentile(cpuMillis, 50), percentile(cpuMillis, 99), cpuMillis[requests - 1]);
    }

    private static double percentile(final double[] sorted, final double percent) {
        final int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private record Result(int links, int connections, double buildMs, double feasiblePct, double mean, double p50,
            double p90, double p99, double max, double cpuP50, double cpuP99, double cpuMax) {
    }
}
