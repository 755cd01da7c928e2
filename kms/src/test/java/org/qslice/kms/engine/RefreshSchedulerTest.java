/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scheduling logic on virtual time (milliseconds to run, fully deterministic).
 */
class RefreshSchedulerTest {
    private static final long SECOND = 1_000_000_000L;

    private final ManualScheduler clock = new ManualScheduler();
    private final Map<String, List<Long>> rotations = new HashMap<>();
    private final Map<String, Long> missed = new HashMap<>();
    private final Map<String, Long> late = new HashMap<>();
    private final RefreshScheduler scheduler = new RefreshScheduler(clock, (channel, missedBefore, isLate) -> {
        rotations.computeIfAbsent(channel, key -> new ArrayList<>()).add(clock.nanoTime());
        missed.merge(channel, missedBefore, Long::sum);
        if (isLate) {
            late.merge(channel, 1L, Long::sum);
        }
    }, Duration.ofMillis(500));

    @Test
    void everyChannelRotatesEveryIntervalWithoutDrift() {
        for (int i = 0; i < 100; i++) {
            scheduler.schedule("ch" + i, Duration.ofSeconds(3));
        }
        // each rotation costs 1 ms of the single thread: 100 ms per round, well inside the tolerance
        clock.setTaskCost(1_000_000L);
        clock.advanceTo(30 * SECOND);
        for (int i = 0; i < 100; i++) {
            final List<Long> times = rotations.get("ch" + i);
            // at 0, 3, ..., 30 s
            assertEquals(11, times.size(), "ch" + i);
            for (int k = 0; k < times.size(); k++) {
                final long lateness = times.get(k) - k * 3 * SECOND;
                // lateness is bounded by the queue ahead of this channel, it does not grow with k
                assertEquals(true, lateness >= 0 && lateness < 150_000_000L, "ch" + i + " rotation " + k + " late "
                    + lateness);
            }
            assertEquals(0L, missed.getOrDefault("ch" + i, 0L));
            assertEquals(0L, late.getOrDefault("ch" + i, 0L));
        }
    }

    @Test
    void aStallCountsTheDeadlinesItSkipped() {
        scheduler.schedule("ch", Duration.ofSeconds(3));
        clock.advanceTo(3 * SECOND);
        assertEquals(2, rotations.get("ch").size());
        // the thread is blocked 7 s: deadlines 6 s and 9 s pass; it runs at 10 s
        clock.stall(7 * SECOND);
        clock.advanceTo(10 * SECOND);
        assertEquals(3, rotations.get("ch").size());
        // deadline 6 s was skipped, the run at 10 s serves deadline 9 s but 1 s late: both count as missed
        assertEquals(1L, missed.get("ch"));
        assertEquals(1L, late.get("ch"));
        // back on the original grid: next at 12 s, no drift
        clock.advanceTo(12 * SECOND);
        assertEquals(12 * SECOND, rotations.get("ch").get(3));
    }

    @Test
    void cancelledChannelsStopRotating() {
        scheduler.schedule("ch", Duration.ofSeconds(3));
        clock.advanceTo(3 * SECOND);
        scheduler.cancel("ch");
        clock.advanceTo(30 * SECOND);
        assertEquals(2, rotations.get("ch").size());
        assertEquals(0, scheduler.size());
    }
}
