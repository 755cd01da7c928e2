/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.slice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qslice.api.kms.ChannelStatus;
import org.qslice.api.kms.KeyType;

class KeySupplyWatchTest {
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private static ChannelStatus channel(final String id, final long rotations, final boolean inService) {
        return channel(id, rotations, inService, 0);
    }

    private static ChannelStatus channel(final String id, final long rotations, final boolean inService,
            final long failed) {
        return new ChannelStatus(id, KeyType.QKD, Duration.ofSeconds(3), inService, null, T0.minusSeconds(3600),
            rotations, 0, failed, 0, null);
    }

    @Test
    void aChannelStallsWhenItsCounterStandsStillWhileRotationsFailForThreeIntervalsOrTenSeconds() {
        final var watch = new KeySupplyWatch();
        assertEquals(Map.of(), watch.update(List.of(channel("a", 5, true), channel("b", 7, true)), T0));
        // b rotates, a does not: its pool is empty, the KMS counts failed rotations
        assertEquals(Map.of(), watch.update(List.of(channel("a", 5, true, 2), channel("b", 8, true)),
            T0.plusSeconds(6)));
        assertEquals(Map.of(), watch.update(List.of(channel("a", 5, true, 3), channel("b", 9, true)),
            T0.plusSeconds(9)));
        // 3 x 3 s is below the 10 s floor
        assertEquals(Map.of("a", T0), watch.update(List.of(channel("a", 5, true, 4), channel("b", 12, true)),
            T0.plusSeconds(10)));
        // a rotates again: no longer stalled
        assertEquals(Map.of(), watch.update(List.of(channel("a", 6, true, 4), channel("b", 13, true)),
            T0.plusSeconds(12)));
    }

    @Test
    void rotationsSkippedForASlowDeviceAreNoKeyShortage() {
        final var watch = new KeySupplyWatch();
        assertEquals(Map.of(), watch.update(List.of(channel("a", 5, true)), T0));
        // the KMS skips rotations while the encryptors have not taken the last key id: no failed rotation
        assertEquals(Map.of(), watch.update(List.of(channel("a", 5, true)), T0.plusSeconds(60)));
    }

    @Test
    void onlyWhatTheWatchSawCountsSoAFreshControllerSeesNoOldStall() {
        final var watch = new KeySupplyWatch();
        // the last rotation an hour ago means nothing to a watch that just began
        assertEquals(Map.of(), watch.update(List.of(channel("a", 5, true)), T0));
        assertEquals(Map.of(), watch.update(List.of(channel("a", 5, false)), T0.plusSeconds(60)),
            "out of service: not a stall");
        assertEquals(Map.of("a", T0), watch.update(List.of(channel("a", 5, true, 1)), T0.plusSeconds(61)));
        // a channel that went away is forgotten
        assertEquals(Map.of(), watch.update(List.of(), T0.plusSeconds(62)));
        assertEquals(Map.of(), watch.update(List.of(channel("a", 5, true)), T0.plusSeconds(63)));
    }
}
