/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.tls.NamedGroup;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.yangtools.binding.Notification;
import org.qslice.api.kms.ChannelKeyTarget;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.engine.ChannelSettings;
import org.qslice.kms.engine.ChannelSnapshot;
import org.qslice.kms.engine.EngineConfig;
import org.qslice.kms.engine.EngineListener;
import org.qslice.kms.engine.HandshakeFlood;
import org.qslice.kms.engine.KmsEngine;
import org.qslice.kms.engine.QkdConfig;
import org.qslice.kms.etsi.Etsi014Limits;
import org.qslice.kms.mdsal.DatastoreMirror;
import org.qslice.kms.store.PoolSettings;
import org.qslice.kms.store.PoolSnapshot;
import org.qslice.kms.tls.TlsTestClient;

/**
 * Benchmark of the KMS engine with its datastore mirror on the in-memory MD-SAL data broker (not a test):
 * <ol>
 *   <li>key generation rate per source;</li>
 *   <li>keys/s delivered through ETSI GS QKD 014 over TLS 1.3 with mutual authentication, several client threads
 *       each with its own connection (HTTP/1.1 keep-alive), after a warm-up;</li>
 *   <li>how many channels one engine rotates every 3 s without a missed rotation, doubling the channel count until
 *       rotations are missed (each rotation also goes to a channel-key target that completes after 4 ms, like a
 *       NETCONF write);</li>
 *   <li>the cost of a fresh TLS 1.3 handshake with the hybrid post-quantum group X25519MLKEM768 against classical
 *       x25519 (p50/p99 over {@code -Dqslice.bench.handshakes} handshakes each, default 1000).</li>
 * </ol>
 * Prints the numbers and writes {@code target/kms-benchmark.csv}. Run:
 * {@code ./mvnw -pl kms test-compile exec:java -Dexec.mainClass=org.qslice.kms.bench.KmsBenchmark
 * -Dexec.classpathScope=test}.
 */
@SuppressWarnings({"checkstyle:RegexpSinglelineJava", "checkstyle:IllegalCatch"})
public final class KmsBenchmark extends AbstractConcurrentDataBrokerTest {
    private static final Pattern KEY_ID = Pattern.compile("\"key_ID\":\"([0-9a-f-]{36})\"");
    private static final PrintStream OUT = System.out;
    private static final int WORKERS = Integer.getInteger("qslice.bench.workers", 0);

    private final List<String> csv = new ArrayList<>(List.of("benchmark,parameter,value,unit"));
    private final Path work;

    private KmsBenchmark(final Path work) {
        super(true);
        this.work = work;
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code [seconds-per-measurement]} (default 10)
     * @throws Exception on failure
     */
    public static void main(final String[] args) throws Exception {
        final int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        final List<String> parts = List.of((args.length > 1 ? args[1] : "gen,etsi,refresh,handshake").split(","));
        final Path work = Files.createTempDirectory("qslice-kms-bench");
        final var bench = new KmsBenchmark(work);
        bench.setup();
        OUT.printf("qslice KMS benchmark: %d cores, Java %s, %d s per measurement, ETSI 014 worker threads %d,"
            + " load average %s%n", Runtime.getRuntime().availableProcessors(), Runtime.version(), seconds,
            WORKERS, load());
        if (parts.contains("gen")) {
            bench.generation();
        }
        if (parts.contains("etsi")) {
            bench.etsi(seconds);
        }
        if (parts.contains("refresh")) {
            bench.refresh(KeyType.DH);
            bench.refresh(KeyType.QRA);
        }
        if (parts.contains("handshake")) {
            bench.handshakes(Integer.getInteger("qslice.bench.handshakes", 1000));
        }
        if (parts.contains("flood")) {
            bench.flood(seconds);
        }
        final Path csvFile = Path.of(KmsBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .getParent().resolve("kms-benchmark.csv");
        Files.createDirectories(csvFile.getParent());
        Files.write(csvFile, bench.csv, StandardCharsets.UTF_8);
        OUT.println("wrote " + csvFile.toAbsolutePath());
        System.exit(0);
    }

    private void record(final String benchmark, final String parameter, final double value, final String unit) {
        csv.add(benchmark + "," + parameter + "," + String.format(Locale.ROOT, "%.1f", value) + "," + unit);
    }

    private EngineListener mirror(final KmsEngine[] holder) {
        final NotificationPublishService notifications = new NotificationPublishService() {
            @Override
            public void putNotification(final Notification<?> notification) {
                // dropped
            }

            @Override
            public com.google.common.util.concurrent.ListenableFuture<? extends Object> offerNotification(
                    final Notification<?> notification) {
                return com.google.common.util.concurrent.Futures.immediateFuture(new Object());
            }

            @Override
            public com.google.common.util.concurrent.ListenableFuture<? extends Object> offerNotification(
                    final Notification<?> notification, final int timeout, final TimeUnit unit) {
                return offerNotification(notification);
            }
        };
        return new DatastoreMirror(getDataBroker(), notifications, () -> {
            if (holder[0] != null) {
                holder[0].requestFullResync();
            }
        }, QkdConfig.defaults(work.resolve("qkd-client")));
    }

    private EngineConfig config(final String name, final double qkdR0) {
        final EngineConfig base = EngineConfig.defaults(work.resolve(name));
        // no connection or request limits: the benchmark measures what the server can do (LimitsTest: under a flood)
        return base.withEtsi014(base.etsi014().withPort(0).withThreads(2, WORKERS).withLimits(Etsi014Limits.NONE))
            .withQkd(base.qkd().withR0(qkdR0).withMaxKeyCount(100_000))
            .withTiming(base.timing().withRefillBatch(128));
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void awaitFull(final KmsEngine engine, final List<PoolId> pools, final Duration timeout)
            throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (pools.stream().allMatch(id -> engine.pool(id).map(pool -> pool.missing() == 0).orElse(false))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("pools not full within " + timeout);
    }

    private void etsi(final int seconds) throws Exception {
        final int threads = 4;
        final int perPool = 25_000;
        final var holder = new KmsEngine[1];
        // the QKD link simulator distils 10 Gbit/s here (the default is 1 Mbit/s at 0 km) so that pools refill fast
        // and the delivery path, not a source, is measured
        try (var engine = KmsEngine.start(config("etsi", 1e10), mirror(holder), Optional::empty,
                Clock.systemUTC())) {
            holder[0] = engine;
            final var pools = new HashMap<PoolId, PoolSettings>();
            final var ids = new ArrayList<PoolId>();
            for (int i = 0; i < threads; i++) {
                final var id = new PoolId("bench-" + i, KeyType.QKD);
                pools.put(id, new PoolSettings("enc-a" + i, "enc-z" + i, perPool, 16, 50, 1024, 16));
                ids.add(id);
            }
            engine.applyPools(pools);
            awaitFull(engine, ids, Duration.ofMinutes(5));

            final var clients = new HttpClient[threads * 2];
            for (int i = 0; i < threads; i++) {
                clients[2 * i] = client(engine, "enc-a" + i);
                clients[2 * i + 1] = client(engine, "enc-z" + i);
            }
            final String base = engine.etsi014Url();
            // warm-up: JIT, TLS sessions
            run(threads, Duration.ofSeconds(5), base, clients, 1, false);
            refillWait(engine, ids);
            for (int number : new int[] {1, 16, 128}) {
                final Result result = run(threads, Duration.ofSeconds(seconds), base, clients, number, false);
                OUT.printf("ETSI 014 enc_keys, number=%d, %d client threads: %.0f keys/s (%.0f requests/s),"
                    + " latency p50 %.2f ms p99 %.2f ms (load %s)%n", number, threads, result.keysPerSecond(),
                    result.requestsPerSecond(), result.p50(), result.p99(), load());
                record("etsi014-enc-keys", "number=" + number, result.keysPerSecond(), "keys/s");
                record("etsi014-enc-keys", "number=" + number + " p50", result.p50(), "ms");
                record("etsi014-enc-keys", "number=" + number + " p99", result.p99(), "ms");
                refillWait(engine, ids);
            }
            final Result pairs = run(threads, Duration.ofSeconds(seconds), base, clients, 1, true);
            OUT.printf("ETSI 014 enc_keys + dec_keys (each key to both ends), %d thread pairs: %.0f keys/s,"
                + " latency p50 %.2f ms p99 %.2f ms per request (load %s)%n", threads, pairs.keysPerSecond(),
                pairs.p50(), pairs.p99(), load());
            record("etsi014-enc-dec-pairs", "number=1", pairs.keysPerSecond(), "keys/s");
            for (HttpClient client : clients) {
                client.close();
            }
        }
    }

    /*
     * One connected SAE (a keep-alive connection, enc_keys number=1 back to back) quiet, then under an unauthenticated
     * handshake flood (4 threads replaying a ClientHello), on a server with the default limits and on its peer
     * without limits, both started the same way in the same run.
     */
    private void flood(final int seconds) throws Exception {
        for (boolean limited : new boolean[] {false, true}) {
            final String name = limited ? "flood-default-limits" : "flood-no-limits";
            final EngineConfig unlimited = config(name, 1e10);
            final EngineConfig config = limited ? unlimited.withEtsi014(unlimited.etsi014().withLimits(
                EngineConfig.defaults(work.resolve(name)).etsi014().limits())) : unlimited;
            final var holder = new KmsEngine[1];
            try (var engine = KmsEngine.start(config, mirror(holder), Optional::empty, Clock.systemUTC())) {
                holder[0] = engine;
                final var id = new PoolId(name, KeyType.QKD);
                engine.applyPools(Map.of(id, new PoolSettings("enc-a0", "enc-z0", 40_000, 16, 50, 1024,
                    16)));
                awaitFull(engine, List.of(id), Duration.ofMinutes(5));
                final var clients = new HttpClient[] {client(engine, "enc-a0"), null};
                final String base = engine.etsi014Url();
                run(1, Duration.ofSeconds(3), base, clients, 1, false);
                final Result quiet = run(1, Duration.ofSeconds(seconds), base, clients, 1, false);
                final Result flooded;
                final long attempts;
                final long answered;
                final long flooding = System.nanoTime();
                try (var flood = HandshakeFlood.start(engine.etsi014Server().address(), 4)) {
                    flooded = run(1, Duration.ofSeconds(seconds), base, clients, 1, false);
                    attempts = flood.attempts();
                    answered = flood.answered();
                }
                final double floodSeconds = (System.nanoTime() - flooding) / 1e9;
                OUT.printf("ETSI 014 under a handshake flood, %s: quiet %.0f keys/s p50 %.2f ms p99 %.2f ms;"
                    + " flooded %.0f keys/s p50 %.2f ms p99 %.2f ms; flood %.0f connections/s, %.0f ClientHellos"
                    + " answered/s (load %s)%n", limited ? "default limits" : "no limits", quiet.keysPerSecond(),
                    quiet.p50(), quiet.p99(), flooded.keysPerSecond(), flooded.p50(), flooded.p99(),
                    attempts / floodSeconds, answered / floodSeconds, load());
                record(name, "quiet keys/s", quiet.keysPerSecond(), "keys/s");
                record(name, "quiet p99", quiet.p99(), "ms");
                record(name, "flooded keys/s", flooded.keysPerSecond(), "keys/s");
                record(name, "flooded p50", flooded.p50(), "ms");
                record(name, "flooded p99", flooded.p99(), "ms");
                record(name, "ClientHellos answered", answered / floodSeconds, "1/s");
                clients[0].close();
            }
        }
    }

    /*
     * N fresh TCP connections + TLS 1.3 handshakes (mutual authentication, ECDSA P-256 certificates) per key exchange
     * group against the ETSI 014 server, the groups interleaved so that drift (JIT, load) hits both alike.
     */
    private void handshakes(final int count) throws Exception {
        final var holder = new KmsEngine[1];
        try (var engine = KmsEngine.start(config("handshake", 1e6), mirror(holder), Optional::empty,
                Clock.systemUTC())) {
            holder[0] = engine;
            final URI url = URI.create(engine.etsi014Url());
            final var address = new InetSocketAddress(url.getHost(), url.getPort());
            final var identity = engine.pki().saeIdentity("enc-a");
            final int[][] groups = { { NamedGroup.X25519MLKEM768 }, { NamedGroup.x25519 } };
            final String[] names = { "X25519MLKEM768", "x25519" };
            final var clients = new TlsTestClient[groups.length];
            for (int g = 0; g < groups.length; g++) {
                clients[g] = new TlsTestClient(identity, engine.pki().trustAnchors(), groups[g]);
            }
            final int warmUp = Math.max(200, count / 5);
            final long[][] samples = new long[groups.length][count];
            for (int i = -warmUp; i < count; i++) {
                for (int g = 0; g < groups.length; g++) {
                    final long begin = System.nanoTime();
                    clients[g].connect(address).close();
                    if (i >= 0) {
                        samples[g][i] = System.nanoTime() - begin;
                    }
                }
            }
            for (int g = 0; g < groups.length; g++) {
                Arrays.sort(samples[g]);
                final double p50 = samples[g][count / 2] / 1e6;
                final double p99 = samples[g][Math.min(count - 1, count * 99 / 100)] / 1e6;
                OUT.printf("TLS 1.3 handshake (connect + mutual auth, client and server in this JVM), %s: p50 %.2f ms"
                    + " p99 %.2f ms over %d handshakes after %d warm-up (load %s)%n", names[g], p50, p99, count,
                    warmUp, load());
                record("tls-handshake", names[g] + " p50", p50, "ms");
                record("tls-handshake", names[g] + " p99", p99, "ms");
            }
            OUT.println("server record: " + engine.negotiatedGroups().snapshot().handshakes());
        }
    }

    private void generation() throws Exception {
        final var holder = new KmsEngine[1];
        try (var engine = KmsEngine.start(config("generation", 1e10), mirror(holder), Optional::empty,
                Clock.systemUTC())) {
            holder[0] = engine;
            // warm-up (JIT) of every source
            for (KeyType type : KeyType.values()) {
                measureGeneration(engine, type, "warm-" + type.yangName(), "warm-up", 500, false);
            }
            measureGeneration(engine, KeyType.DH, "dh", "X25519 + HKDF", 3000, true);
            measureGeneration(engine, KeyType.QRA, "qra", "ML-KEM-768 + HKDF", 3000, true);
            measureGeneration(engine, KeyType.HYBRID_QKD_QRA, "hybrid", "QKD sim via ETSI 014 + ML-KEM + CatKDF",
                3000, true);
            measureGeneration(engine, KeyType.QKD, "qkd", "QKD sim via ETSI 014, both ends", 20_000, true);
        }
    }

    private void refillWait(final KmsEngine engine, final List<PoolId> ids) throws InterruptedException {
        awaitFull(engine, ids, Duration.ofMinutes(5));
    }

    private void measureGeneration(final KmsEngine engine, final KeyType type, final String name,
            final String what, final int size, final boolean report) throws InterruptedException {
        final var id = new PoolId("gen-" + name, type);
        final var all = new HashMap<PoolId, PoolSettings>();
        engine.pools().forEach(snapshot -> all.put(snapshot.id(), snapshot.settings()));
        all.put(id, new PoolSettings("gen-a-" + name, "gen-z-" + name, size, 1, 50, 1024, 16));
        final long start = System.nanoTime();
        engine.applyPools(all);
        awaitFull(engine, List.of(id), Duration.ofMinutes(5));
        final double rate = size / ((System.nanoTime() - start) / 1e9);
        all.remove(id);
        engine.applyPools(all);
        if (!report) {
            return;
        }
        OUT.printf("%s generation (%s): %.0f keys/s, one refill thread (load %s)%n", name.toUpperCase(Locale.ROOT),
            what, rate, load());
        record("generation", name, rate, "keys/s");
    }

    private static HttpClient client(final KmsEngine engine, final String sae) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .sslContext(engine.pki().clientContext(sae)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private record Result(double keysPerSecond, double requestsPerSecond, double p50, double p99) {
    }

    private static Result run(final int threads, final Duration duration, final String base,
            final HttpClient[] clients, final int number, final boolean withSlave) throws Exception {
        final var stop = new AtomicBoolean();
        final var keys = new AtomicLong();
        final var requests = new AtomicLong();
        final var failures = new AtomicLong();
        final List<long[]> latencies = new ArrayList<>();
        final var workers = new ArrayList<Thread>();
        for (int t = 0; t < threads; t++) {
            final int index = t;
            final long[] samples = new long[2_000_000];
            latencies.add(samples);
            final var count = new int[1];
            final var worker = new Thread(() -> {
                final var enc = HttpRequest.newBuilder(URI.create(base + "/api/v1/keys/enc-z" + index
                    + "/enc_keys?number=" + number)).timeout(Duration.ofSeconds(10)).GET().build();
                while (!stop.get()) {
                    try {
                        long begin = System.nanoTime();
                        final HttpResponse<String> response = clients[2 * index].send(enc,
                            HttpResponse.BodyHandlers.ofString());
                        sample(samples, count, begin);
                        requests.incrementAndGet();
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                            Thread.sleep(5);
                            continue;
                        }
                        if (withSlave) {
                            final Matcher id = KEY_ID.matcher(response.body());
                            if (!id.find()) {
                                failures.incrementAndGet();
                                continue;
                            }
                            begin = System.nanoTime();
                            final HttpResponse<String> dec = clients[2 * index + 1].send(HttpRequest.newBuilder(
                                URI.create(base + "/api/v1/keys/enc-a" + index + "/dec_keys?key_ID=" + id.group(1)))
                                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                            sample(samples, count, begin);
                            requests.incrementAndGet();
                            if (dec.statusCode() != 200) {
                                failures.incrementAndGet();
                                continue;
                            }
                        }
                        keys.addAndGet(number);
                    } catch (IOException e) {
                        failures.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                samples[samples.length - 1] = count[0];
            }, "bench-client-" + t);
            workers.add(worker);
        }
        final long start = System.nanoTime();
        workers.forEach(Thread::start);
        Thread.sleep(duration.toMillis());
        stop.set(true);
        for (Thread worker : workers) {
            worker.join(15_000);
        }
        final double elapsed = (System.nanoTime() - start) / 1e9;
        if (failures.get() > 0) {
            OUT.printf("  (%d failed requests, e.g. 503 while a pool refilled)%n", failures.get());
        }
        final long[] all = latencies.stream().flatMapToLong(samples -> Arrays.stream(samples, 0,
            (int) samples[samples.length - 1])).sorted().toArray();
        final double p50 = all.length == 0 ? 0 : all[all.length / 2] / 1e6;
        final double p99 = all.length == 0 ? 0 : all[(int) (all.length * 0.99)] / 1e6;
        return new Result(keys.get() / elapsed, requests.get() / elapsed, p50, p99);
    }

    private static void sample(final long[] samples, final int[] count, final long begin) {
        if (count[0] < samples.length - 1) {
            samples[count[0]++] = System.nanoTime() - begin;
        }
    }

    private void refresh(final KeyType type) throws Exception {
        final ScheduledExecutorService netconf = Executors.newScheduledThreadPool(2);
        final ChannelKeyTarget target = update -> {
            final var done = new CompletableFuture<Void>();
            netconf.schedule(() -> done.complete(null), 4, TimeUnit.MILLISECONDS);
            return done;
        };
        int best = 0;
        try {
            for (int channels = 250; channels <= 16_000; channels *= 2) {
                final var holder = new KmsEngine[1];
                // the refill thread generating the replacement keys is part of the load
                try (var engine = KmsEngine.start(config("refresh-" + type.yangName() + channels, 1e10),
                        mirror(holder),
                        () -> Optional.of(target), Clock.systemUTC())) {
                    holder[0] = engine;
                    final var pools = new HashMap<PoolId, PoolSettings>();
                    final var settings = new HashMap<String, ChannelSettings>();
                    final var ids = new ArrayList<PoolId>();
                    for (int i = 0; i < channels; i++) {
                        final var id = new PoolId("ch-" + i, type);
                        pools.put(id, new PoolSettings("enc-a" + i, "enc-z" + i, 4, 1, 50, 16, 4));
                        settings.put(id.channelId(), new ChannelSettings(id, Duration.ofSeconds(3), true));
                        ids.add(id);
                    }
                    engine.applyPools(pools);
                    awaitFull(engine, ids, Duration.ofMinutes(5));
                    final Instant begin = Instant.now();
                    engine.applyChannels(settings);
                    // 5 intervals: rotations at 0, 3, 6, 9, 12 s, then settle
                    Thread.sleep(13_500);
                    long rotations = 0;
                    long missed = 0;
                    long failed = 0;
                    long targetFailures = 0;
                    for (ChannelSnapshot channel : engine.channels()) {
                        rotations += channel.rotations();
                        missed += channel.missedRotations();
                        failed += channel.failedRotations();
                        targetFailures += channel.targetFailures();
                    }
                    final long starved = engine.pools().stream().filter(PoolSnapshot::starving).count();
                    OUT.printf("refresh %5d %s channels every 3 s for %.1f s: %d rotations (%.0f/s), missed %d,"
                        + " failed %d, target failures %d, pools starving at the end %d (load %s)%n", channels,
                        type.yangName(),
                        Duration.between(begin, Instant.now()).toMillis() / 1000.0, rotations,
                        rotations / 13.5, missed, failed, targetFailures, starved, load());
                    record("refresh-3s-" + type.yangName(), "channels=" + channels + " missed+failed", missed + failed,
                        "rotations");
                    record("refresh-3s-" + type.yangName(), "channels=" + channels + " rotations", rotations,
                        "rotations");
                    if (missed + failed > 0 || rotations < 5L * channels) {
                        break;
                    }
                    best = channels;
                }
            }
        } finally {
            netconf.shutdownNow();
        }
        OUT.printf("%s channels refreshed every 3 s without a missed rotation: %d (largest step passed)%n",
            type.yangName(), best);
        record("refresh-3s-" + type.yangName(), "max channels without miss", best, "channels");
    }
}
