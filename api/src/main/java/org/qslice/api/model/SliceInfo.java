/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the controller knows of one slice: its request, state, computed paths and reservations.
 *
 * @param request the request it was created from
 * @param state current state
 * @param reservationHeld whether the resource ledger holds the slice's whole reservation on the current topology
 *                        (false after a topology change it no longer fits: then only the parts that still fit are
 *                        held, and the slice cannot be activated)
 * @param connections computed path and reservation per connection, in request order
 * @param created creation time
 * @param updated time of the last state change
 * @param lastError the last error, if any
 * @param replaced while the slice is {@link SliceState#RESTORING}: the plans its moved connections leave (their
 *                 link reservations stay held until the devices no longer use them); empty otherwise
 */
public record SliceInfo(SliceRequest request, SliceState state, boolean reservationHeld,
        List<ConnectionPlan> connections, Instant created, Instant updated, Optional<String> lastError,
        List<ConnectionPlan> replaced) {
    /**
     * Checks for nulls and copies the list.
     */
    public SliceInfo {
        requireNonNull(request, "request");
        requireNonNull(state, "state");
        connections = List.copyOf(connections);
        requireNonNull(created, "created");
        requireNonNull(updated, "updated");
        requireNonNull(lastError, "lastError");
        replaced = List.copyOf(replaced);
    }

    /**
     * Creates a slice that is not being restored.
     *
     * @param request the request
     * @param state the state
     * @param reservationHeld whether the ledger holds the whole reservation
     * @param connections the plans
     * @param created creation time
     * @param updated last change
     * @param lastError the last error
     */
    public SliceInfo(final SliceRequest request, final SliceState state, final boolean reservationHeld,
            final List<ConnectionPlan> connections, final Instant created, final Instant updated,
            final Optional<String> lastError) {
        this(request, state, reservationHeld, connections, created, updated, lastError, List.of());
    }

    /**
     * Returns the slice id.
     *
     * @return the id
     */
    public String id() {
        return request.id();
    }

    /**
     * Returns everything the slice holds.
     *
     * @return the reservation
     */
    public SliceReservation reservation() {
        final SliceReservation current = SlicePlan.of(request.id(), connections).reservation();
        if (replaced.isEmpty()) {
            return current;
        }
        // the paths being left keep their links until the devices no longer use them; their compute and access
        // VLANs are the moved connections' own, held once
        return current.merge(SliceReservation.of(request.id(), replaced.stream()
            .flatMap(plan -> plan.linkReservations().stream()).toList(), List.of()));
    }

    /**
     * Returns a copy in another state.
     *
     * @param newState the state
     * @param when when it changed
     * @param error the error that caused it, if any
     * @return the copy
     */
    public SliceInfo withState(final SliceState newState, final Instant when, final Optional<String> error) {
        return new SliceInfo(request, newState, reservationHeld, connections, created, when, error, replaced);
    }

    /**
     * Returns a copy that holds its reservation or not.
     *
     * @param held whether the ledger holds the whole reservation
     * @return the copy (this one if nothing changes)
     */
    public SliceInfo withReservationHeld(final boolean held) {
        return held == reservationHeld ? this
            : new SliceInfo(request, state, held, connections, created, updated, lastError, replaced);
    }

    /**
     * Returns a copy with other plans, e.g. after restoration moved some connections.
     *
     * @param newConnections the plans, in request order
     * @param newReplaced the plans being left (empty once the move is done)
     * @return the copy
     */
    public SliceInfo withConnections(final List<ConnectionPlan> newConnections,
            final List<ConnectionPlan> newReplaced) {
        return new SliceInfo(request, state, reservationHeld, newConnections, created, updated, lastError,
            newReplaced);
    }
}
