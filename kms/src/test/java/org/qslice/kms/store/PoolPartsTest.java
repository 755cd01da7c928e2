/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;

/**
 * The parts of a pool on their own: the codec (vault file and journal records), the statistics (rates, starvation)
 * and the change tracker (deltas, full resync, version).
 */
class PoolPartsTest {
    private static final PoolId ID = new PoolId("parts/a-b", KeyType.QRA);
    private static final PoolSettings SETTINGS = new PoolSettings("enc-a", "enc-b", 8, 2, 50, 64, 4);
    private static final Instant T0 = Instant.parse("2026-12-05T06:00:00Z");
    private static final PoolSnapshot SNAPSHOT = new PoolStatistics().snapshot(ID, SETTINGS, 0, 0, T0);

    private static PoolEntry entry(final KeyState state) {
        final var entry = new PoolEntry(UUID.randomUUID(), T0, false, state, new byte[] {1, 2, 3});
        entry.deliveredTo.add("enc-a");
        entry.mayFetch.add("enc-b");
        entry.delivered = T0.plusSeconds(1);
        return entry;
    }

    @Test
    void codecRoundTripsAPoolAndAJournalRecord() throws IOException {
        final var stats = new PoolStatistics();
        stats.generated(T0);
        stats.delivered(1, T0);
        final PoolEntry available = entry(KeyState.AVAILABLE);
        final PoolEntry pending = entry(KeyState.DELIVERED);
        final byte[] bytes = PoolCodec.serialize(ID, SETTINGS, stats, 42, List.of(available), List.of(pending),
            List.of());
        final PoolCodec.Decoded decoded = PoolCodec.deserialize(bytes);
        assertEquals(ID, decoded.id());
        assertEquals(SETTINGS, decoded.settings());
        assertEquals(42, decoded.journalSeq());
        assertEquals(1, decoded.statistics().generatedTotal);
        assertEquals(available.id, decoded.available().get(0).id);
        assertArrayEquals(new byte[] {1, 2, 3}, decoded.pending().get(0).sealed);
        assertEquals(List.of("enc-b"), List.copyOf(decoded.pending().get(0).mayFetch));
        // a record names its pool and carries the entries
        final byte[] record = PoolCodec.record(ID, PoolCodec.RECORD_RETIRED, List.of(pending));
        assertEquals(ID, PoolCodec.recordPool(record));
        final PoolCodec.Record read = PoolCodec.readRecord(record);
        assertEquals(PoolCodec.RECORD_RETIRED, read.kind());
        assertEquals(pending.id, read.entries().get(0).id);
        // another format is refused
        bytes[3] = 9;
        assertThrows(IOException.class, () -> PoolCodec.deserialize(bytes));
    }

    @Test
    void statisticsRaiseStarvationOnceAndAverageRates() {
        final var stats = new PoolStatistics();
        stats.updateStarvation(ID, 1, SETTINGS);
        assertTrue(stats.takeStarvation().isPresent());
        stats.updateStarvation(ID, 1, SETTINGS);
        assertTrue(stats.takeStarvation().isEmpty(), "a second event while still starving");
        stats.updateStarvation(ID, 0, SETTINGS);
        assertTrue(stats.takeStarvation().orElseThrow().empty());
        stats.refilled(8, 2);
        assertFalse(stats.starving);
        stats.snapshot(ID, SETTINGS, 8, 0, T0);
        for (int i = 0; i < 100; i++) {
            stats.delivered(1, T0);
        }
        final PoolSnapshot later = stats.snapshot(ID, SETTINGS, 8, 0, T0.plusSeconds(10));
        // 10 keys/s over 10 s, averaged with tau 10 s: 10 * (1 - e^-1)
        assertEquals(10 * (1 - Math.exp(-1)), later.consumptionRate(), 1e-9);
        assertEquals(1, later.starvationEvents());
    }

    @Test
    void changesGiveDeltasThenAFullPictureOnRequest() {
        final var changes = new PoolChanges();
        final PoolEntry kept = entry(KeyState.AVAILABLE);
        final long version = changes.version();
        assertTrue(changes.delta(SNAPSHOT, List.of(kept), List.of(), List.of()).full(), "the first delta is full");
        assertFalse(changes.dirty());
        final PoolEntry gone = entry(KeyState.CONSUMED);
        changes.managed(kept);
        changes.left(gone.id);
        changes.history(gone.id, true);
        changes.touch();
        assertTrue(changes.dirty());
        assertTrue(changes.version() > version);
        final PoolDelta delta = changes.delta(SNAPSHOT, List.of(kept), List.of(), List.of(gone));
        assertFalse(delta.full());
        assertEquals(List.of(kept.id), delta.managedUpserts().stream().map(KeyInfo::id).toList());
        assertEquals(List.of(gone.id), delta.managedDeletes());
        assertEquals(List.of(gone.id), delta.retiredUpserts().stream().map(KeyInfo::id).toList());
        changes.requestFullResync();
        assertTrue(changes.delta(SNAPSHOT, List.of(kept), List.of(), List.of(gone)).full());
    }
}
