/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DeviceLockTableTest {
    private final DeviceLockTable locks = new DeviceLockTable(Locking.PER_DEVICE);

    @Test
    void disjointSetsAreGrantedTogether() throws Exception {
        final var first = locks.acquire(Set.of("a", "b"));
        final var second = locks.acquire(Set.of("c"));
        assertTrue(first.isDone());
        assertTrue(second.isDone());
        assertEquals(Set.of("a", "b", "c"), locks.held());
    }

    @Test
    void overlappingSetsWaitInArrivalOrder() throws Exception {
        final var first = locks.acquire(Set.of("a", "b"));
        final var second = locks.acquire(Set.of("b", "c"));
        final var third = locks.acquire(Set.of("c"));
        final var fourth = locks.acquire(Set.of("d"));
        assertTrue(first.isDone());
        assertFalse(second.isDone());
        // c is free, but the earlier waiter wants it: no overtaking
        assertFalse(third.isDone());
        assertTrue(fourth.isDone());
        first.get().close();
        assertTrue(second.isDone());
        assertFalse(third.isDone());
        second.get().close();
        // closing twice is harmless
        second.get().close();
        assertTrue(third.isDone());
        third.get().close();
        fourth.get().close();
        assertEquals(Set.of(), locks.held());
    }
}
