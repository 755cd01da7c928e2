/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.qslice.api.kms.ChannelKeyTarget;
import org.qslice.api.kms.ChannelKeyUpdate;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.NoKeyInLogs;
import org.qslice.kms.etsi.DeliveredKey;
import org.qslice.kms.etsi.Etsi014Client;
import org.qslice.kms.etsi.Etsi014Exception;
import org.qslice.kms.store.PoolSettings;

/**
 * Refresh in real time: channels rotated every 3 s over 30 s, every update handed to the channel-key target in
 * order, the channel key fetched by both ends; and an empty pool failing the rotation loudly.
 */
@ExtendWith(NoKeyInLogs.class)
class RefreshContinuityTest {
    private static final int CHANNELS = 20;

    @Test
    void everyChannelRotatesEveryThreeSecondsFor30Seconds(@TempDir final Path dir) throws Exception {
        final Map<String, List<ChannelKeyUpdate>> updates = new ConcurrentHashMap<>();
        final ChannelKeyTarget target = update -> {
            updates.computeIfAbsent(update.channelId(), key -> new CopyOnWriteArrayList<>()).add(update);
            return CompletableFuture.completedFuture(null);
        };
        final var listener = new RecordingListener();
        try (var engine = KmsEngine.start(TestSupport.config(dir), listener, () -> Optional.of(target),
                Clock.systemUTC())) {
            final var pools = new HashMap<PoolId, PoolSettings>();
            final var channels = new HashMap<String, ChannelSettings>();
            for (int i = 0; i < CHANNELS; i++) {
                final var id = new PoolId("link-" + i, i % 2 == 0 ? KeyType.DH : KeyType.QRA);
                pools.put(id, TestSupport.settings("enc-a" + i, "enc-z" + i, 6));
                channels.put(id.channelId(), new ChannelSettings(id, Duration.ofSeconds(3), true));
            }
            engine.applyPools(pools);
            pools.keySet().forEach(id -> TestSupport.awaitFull(engine, id));
            final long start = System.nanoTime();
            engine.applyChannels(channels);
            // rotations at 0, 3, ..., 30 s: 11 per channel
            TestSupport.await(Duration.ofSeconds(40), "11 rotations of every channel", () -> engine.channels()
                .stream().allMatch(channel -> channel.rotations() >= 11));
            final double elapsed = (System.nanoTime() - start) / 1e9;
            assertTrue(elapsed >= 29.5 && elapsed < 32, "took " + elapsed + " s");
            for (ChannelSnapshot channel : engine.channels()) {
                assertEquals(0, channel.missedRotations(), channel.channelId());
                assertEquals(0, channel.failedRotations(), channel.channelId());
                assertEquals(0, channel.targetFailures(), channel.channelId());
                final List<ChannelKeyUpdate> seen = updates.get(channel.channelId());
                assertTrue(seen.size() >= 11, channel.channelId() + ": " + seen.size());
                assertNull(seen.get(0).previousKeyId());
                for (int k = 1; k < seen.size(); k++) {
                    assertEquals(seen.get(k - 1).keyId(), seen.get(k).previousKeyId());
                    final Duration gap = Duration.between(seen.get(k - 1).rotatedAt(), seen.get(k).rotatedAt());
                    assertTrue(gap.toMillis() > 2500 && gap.toMillis() < 3500, "gap " + gap);
                }
            }
            assertTrue(listener.rotationFailures.isEmpty(), listener.rotationFailures.toString());

            // both ends fetch the current channel key once, by id, naming the other end
            final ChannelSnapshot first = engine.channels().get(0);
            final String n = first.channelId().substring("link-".length());
            try (var a = new Etsi014Client(URI.create(engine.etsi014Url()), engine.pki().clientContext("enc-a" + n),
                    Duration.ofSeconds(5));
                 var z = new Etsi014Client(URI.create(engine.etsi014Url()), engine.pki().clientContext("enc-z" + n),
                    Duration.ofSeconds(5))) {
                // both TLS connections first, so that on a loaded machine the two fetches below still follow each
                // other well within one rotation period (the key stays fetchable for two)
                connect(a, "enc-z" + n);
                connect(z, "enc-a" + n);
                final ChannelKeyUpdate last = updates.get(first.channelId()).get(updates.get(first.channelId())
                    .size() - 1);
                final DeliveredKey atA = a.decKey("enc-z" + n, last.keyId());
                NoKeyInLogs.record(List.of(atA));
                final DeliveredKey atZ = z.decKey("enc-a" + n, last.keyId());
                assertArrayEquals(atA.material().bytes(), atZ.material().bytes());
            }
        }
    }

    @Test
    void emptyPoolFailsTheRotationAndNeverSubstitutes(@TempDir final Path dir) throws Exception {
        final EngineConfig base = TestSupport.config(dir);
        // a QKD link that distils 512 bit/s (5120 bit/s at 0 km, 50 km): 2 keys/s, while the channel wants 10/s
        final var config = base.withQkd(base.qkd().withR0(5120).withMaxKeyCount(16))
            .withEtsi014(base.etsi014().withThreads(1, 1));
        final var listener = new RecordingListener();
        final var target = new CopyOnWriteArrayList<ChannelKeyUpdate>();
        try (var engine = KmsEngine.start(config, listener, () -> Optional.of(update -> {
            target.add(update);
            return CompletableFuture.completedFuture(null);
        }), Clock.systemUTC())) {
            final var qkd = new PoolId("dark-fibre", KeyType.QKD);
            final var dh = new PoolId("dark-fibre", KeyType.DH);
            engine.applyPools(Map.of(qkd, TestSupport.settings("enc-a", "enc-z", 4), dh, TestSupport.settings(
                "enc-a", "enc-z", 4)));
            TestSupport.awaitFull(engine, dh);
            engine.applyChannels(Map.of("dark-fibre", new ChannelSettings(qkd, Duration.ofMillis(100), true)));
            TestSupport.await(Duration.ofSeconds(20), "3 failed rotations", () -> engine.channels().get(0)
                .failedRotations() >= 3);
            final ChannelSnapshot channel = engine.channels().get(0);
            assertTrue(channel.rotations() > 0, "no rotation at all");
            assertTrue(target.stream().allMatch(update -> update.keyType() == KeyType.QKD), target.toString());
            final var dhPool = engine.pool(dh).orElseThrow().snapshot(Instant.now());
            assertEquals(0, dhPool.deliveredTotal(), "the DH pool was touched");
            TestSupport.await(Duration.ofSeconds(5), "a failure message", () -> {
                final String error = engine.channels().get(0).lastError();
                return error != null && error.contains("no qkd key");
            });
            TestSupport.await(Duration.ofSeconds(5), "empty-pool starvation and failure reports",
                () -> listener.starvations.stream().anyMatch(event -> event.empty() && qkd.equals(event.pool()))
                    && listener.rotationFailures.size() >= 3);
            assertTrue(listener.starvations.stream().allMatch(event -> qkd.equals(event.pool())),
                listener.starvations.toString());
        }
    }

    /** Makes the client's TLS connection; the SAE may not be master of a pool with that slave (then refused). */
    private static void connect(final Etsi014Client client, final String otherSae) throws IOException {
        try {
            client.status(otherSae);
        } catch (Etsi014Exception e) {
            // answered: the connection is up
        }
    }
}
