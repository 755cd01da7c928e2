/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The device hold-off, its timer driven by hand: a mount point created again within it is no failure, one that does
 * not come back is, and a removal after a re-creation has a hold-off of its own.
 */
class DeviceLossHoldOffTest {
    private final List<Runnable> timers = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();

    private DeviceLossHoldOff holdOff(final Duration duration) {
        return new DeviceLossHoldOff(duration, (task, delay) -> {
            timers.add(task);
            delays.add(delay);
        }, failed::add);
    }

    @Test
    void withoutAHoldOffARemovalIsAFailureAtOnce() {
        final var devices = holdOff(Duration.ZERO);
        devices.removed("sw-1");
        assertEquals(List.of("sw-1"), failed);
        assertTrue(timers.isEmpty());
        assertFalse(devices.created("sw-1"));
    }

    @Test
    void aMountPointCreatedAgainWithinTheHoldOffIsNoFailure() {
        final var devices = holdOff(Duration.ofSeconds(10));
        devices.removed("sw-1");
        assertEquals(List.of(Duration.ofSeconds(10)), delays);
        assertTrue(devices.created("sw-1"), "the re-creation ends the hold-off");
        timers.getFirst().run();
        assertEquals(List.of(), failed);
    }

    @Test
    void aMountPointThatDoesNotComeBackIsAFailureWhenTheHoldOffEnds() {
        final var devices = holdOff(Duration.ofSeconds(10));
        devices.removed("sw-1");
        devices.removed("enc-1");
        assertTrue(devices.created("enc-1"));
        timers.forEach(Runnable::run);
        assertEquals(List.of("sw-1"), failed);
        assertFalse(devices.created("sw-1"), "a failed device is not pending any more");
    }

    @Test
    void aRemovalAfterAReCreationHasAHoldOffOfItsOwn() {
        final var devices = holdOff(Duration.ofSeconds(10));
        devices.removed("sw-1");
        assertTrue(devices.created("sw-1"));
        devices.removed("sw-1");
        // the first removal's timer ends: the second removal's hold-off still runs
        timers.getFirst().run();
        assertEquals(List.of(), failed);
        timers.get(1).run();
        assertEquals(List.of("sw-1"), failed);
    }

    @Test
    void aSecondRemovalWithoutReCreationRestartsTheHoldOff() {
        final var devices = holdOff(Duration.ofSeconds(10));
        devices.removed("sw-1");
        devices.removed("sw-1");
        timers.getFirst().run();
        assertEquals(List.of(), failed, "the first removal's timer is replaced by the second's");
        timers.get(1).run();
        assertEquals(List.of("sw-1"), failed);
    }

    @Test
    void clearedHoldOffsNeverFail() {
        final var devices = holdOff(Duration.ofSeconds(10));
        devices.removed("sw-1");
        devices.clear();
        timers.getFirst().run();
        assertEquals(List.of(), failed);
    }
}
