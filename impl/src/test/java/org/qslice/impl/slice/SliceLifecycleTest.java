/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.slice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.qslice.api.SliceException;
import org.qslice.api.model.SliceState;
import org.qslice.impl.slice.SliceLifecycle.Decision;
import org.qslice.impl.slice.SliceLifecycle.Operation;

/**
 * Every cell of the transition table: (6 states) x (held or not) x (7 operations) = 84, each against the expected
 * next state or a refusal that names the state.
 */
class SliceLifecycleTest {
    private static final Optional<SliceState> DELETED = Optional.empty();

    // the expected table, written out independently of the implementation: null means refused
    private static Optional<SliceState> expected(final SliceState state, final boolean held, final Operation op) {
        return switch (op) {
            case ACTIVATE -> (state == SliceState.RESERVED || state == SliceState.FAILED) && held
                ? Optional.of(SliceState.PROVISIONING) : null;
            case DEACTIVATE -> state == SliceState.ACTIVE || state == SliceState.FAILED || state == SliceState.DEGRADED
                ? Optional.of(SliceState.DEPROVISIONING) : null;
            case DELETE -> state == SliceState.RESERVED || state == SliceState.FAILED || state == SliceState.PLANNED
                ? DELETED : null;
            case DEVICES_DONE -> state == SliceState.PROVISIONING ? Optional.of(held ? SliceState.ACTIVE
                : SliceState.FAILED) : state == SliceState.DEPROVISIONING ? Optional.of(SliceState.RESERVED)
                : state == SliceState.RESTORING ? Optional.of(SliceState.ACTIVE) : null;
            case DEVICES_FAILED -> state == SliceState.PROVISIONING || state == SliceState.DEPROVISIONING
                ? Optional.of(SliceState.FAILED) : state == SliceState.RESTORING ? Optional.of(SliceState.DEGRADED)
                : null;
            case RECOVERED -> state == SliceState.PROVISIONING || state == SliceState.DEPROVISIONING
                || state == SliceState.FAILED ? Optional.of(SliceState.RESERVED)
                : state == SliceState.RESTORING ? Optional.of(SliceState.ACTIVE) : null;
            case RECOVERY_FAILED -> state == SliceState.PROVISIONING || state == SliceState.DEPROVISIONING
                || state == SliceState.FAILED || state == SliceState.RESTORING ? Optional.of(SliceState.FAILED) : null;
            case RESTORE -> (state == SliceState.ACTIVE || state == SliceState.DEGRADED) && held
                ? Optional.of(SliceState.RESTORING) : null;
            case DEGRADE -> (state == SliceState.ACTIVE || state == SliceState.DEGRADED) && held
                ? Optional.of(SliceState.DEGRADED) : null;
            case CLEAR -> state == SliceState.DEGRADED ? Optional.of(SliceState.ACTIVE) : null;
        };
    }

    @Test
    void everyCellOfTheTable() {
        final List<String> cells = new ArrayList<>();
        for (SliceState state : SliceState.values()) {
            for (boolean held : new boolean[] {true, false}) {
                for (Operation op : Operation.values()) {
                    final Decision decision = SliceLifecycle.decide(state, held, op);
                    final Optional<SliceState> want = expected(state, held, op);
                    final String cell = state + "/" + (held ? "held" : "lost") + "/" + op;
                    cells.add(cell);
                    if (want == null) {
                        assertFalse(decision.allowed(), cell + " must be refused");
                        assertTrue(decision.refusal().orElseThrow().contains(state.toString())
                            || decision.refusal().orElseThrow().contains("reservation"), cell);
                        final var refused = assertThrows(SliceException.class, () -> decision.orRefuse("s1"));
                        assertEquals(SliceException.Kind.STATE, refused.kind());
                        assertTrue(refused.getMessage().startsWith("slice s1 "), refused.getMessage());
                    } else {
                        assertTrue(decision.allowed(), cell + " must be allowed: " + decision);
                        assertEquals(want, decision.next(), cell);
                    }
                }
            }
        }
        assertEquals(SliceState.values().length * 2 * Operation.values().length, cells.size());
    }

    @Test
    void aLostReservationRefusesActivationButNotTheWayOut() {
        assertFalse(SliceLifecycle.decide(SliceState.RESERVED, false, Operation.ACTIVATE).allowed());
        assertTrue(SliceLifecycle.decide(SliceState.FAILED, false, Operation.DEACTIVATE).allowed());
        assertTrue(SliceLifecycle.decide(SliceState.FAILED, false, Operation.DELETE).allowed());
    }
}
