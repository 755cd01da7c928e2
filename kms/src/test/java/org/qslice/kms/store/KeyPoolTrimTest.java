/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.crypto.KeyMaterial;
import org.qslice.kms.crypto.Sealer;
import org.qslice.kms.source.GeneratedKey;

/**
 * The bound on delivered keys awaiting their peer ({@code maxPending}) evicts the oldest, but never a channel's
 * current or previous key: an encryptor may still fetch or use it.
 */
class KeyPoolTrimTest {
    private static final int MAX_PENDING = 4;
    private final SecureRandom random = new SecureRandom();
    private final Instant t0 = Instant.parse("2026-12-02T12:00:00Z");

    private KeyPool pool(final int keys) {
        final byte[] sealing = new byte[32];
        random.nextBytes(sealing);
        final var pool = new KeyPool(new PoolId("a/b#ch1", KeyType.QKD),
            new PoolSettings("enc-a", "enc-b", 64, 4, 50, MAX_PENDING, 16), new Sealer(sealing, random));
        final var generated = new ArrayList<GeneratedKey>();
        for (int i = 0; i < keys; i++) {
            final byte[] material = new byte[32];
            random.nextBytes(material);
            generated.add(new GeneratedKey(UUID.randomUUID(), KeyMaterial.copyOf(material)));
        }
        pool.add(generated, t0);
        final var seq = new AtomicLong();
        pool.attach(record -> seq.incrementAndGet());
        return pool;
    }

    @Test
    void masterDeliveriesBeyondTheBoundNeverEvictTheChannelsCurrentAndPreviousKeys() throws Exception {
        final KeyPool pool = pool(32);
        final UUID previous = pool.drawChannelKey(t0);
        final UUID current = pool.drawChannelKey(t0.plusSeconds(3));
        pool.expire(t0.plusSeconds(4), Duration.ofMinutes(5), Set.of(previous, current));
        // a master SAE takes many keys that its slave never fetches
        final var taken = new ArrayList<UUID>();
        for (int i = 0; i < 10; i++) {
            pool.takeForMaster(1, t0.plusSeconds(5 + i)).forEach(key -> {
                taken.add(key.keyId());
                key.material().destroy();
            });
        }
        assertTrue(pool.holds(previous), "the channel's previous key was evicted");
        assertTrue(pool.holds(current), "the channel's current key was evicted");
        // the bound still holds for everything else: the newest master deliveries stay, the oldest went
        final List<UUID> kept = taken.stream().filter(pool::holds).toList();
        assertEquals(taken.subList(taken.size() - (MAX_PENDING - 2), taken.size()), kept);
        assertEquals(MAX_PENDING, pool.snapshot(t0.plusSeconds(20)).pending());
    }

    @Test
    void aChannelKeyDrawnAfterTheKeepSetWasComputedIsProtectedToo() throws Exception {
        final KeyPool pool = pool(32);
        final UUID old = pool.drawChannelKey(t0);
        pool.expire(t0.plusSeconds(1), Duration.ofMinutes(5), Set.of(old));
        final UUID fresh = pool.drawChannelKey(t0.plusSeconds(2));
        // the engine's keep set was computed before the draw
        pool.expire(t0.plusSeconds(2), Duration.ofMinutes(5), Set.of(old));
        for (int i = 0; i < 10; i++) {
            pool.takeForMaster(1, t0.plusSeconds(3 + i)).forEach(key -> key.material().destroy());
        }
        assertTrue(pool.holds(fresh));
        assertTrue(pool.holds(old));
        // once no channel names it any more, the old key is evicted like any other
        pool.expire(t0.plusSeconds(20), Duration.ofMinutes(5), Set.of(fresh));
        pool.takeForMaster(1, t0.plusSeconds(21)).forEach(key -> key.material().destroy());
        assertFalse(pool.holds(old));
        assertTrue(pool.holds(fresh));
    }
}
