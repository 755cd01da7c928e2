/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The result of planning a slice: one plan per connection, in request order.
 *
 * <p>The slice is feasible when every connection is, jointly (each connection planned against the resources left
 * by the ones before it). Otherwise {@code reason} is the first blocked connection's reason.
 *
 * @param sliceId the slice
 * @param feasible whether every connection fits, jointly
 * @param reason the first blocking reason; empty if feasible
 * @param connections plans per connection, in request order
 * @param keySupply per QKD key source the planned connections draw from, its rate, what is committed and what the plan
 *     adds, sorted by source; empty where no planned hop draws QKD key (or the plan was not computed by qslice's
 *     path computation)
 */
public record SlicePlan(String sliceId, boolean feasible, Optional<String> reason, List<ConnectionPlan> connections,
        List<KeySupply> keySupply) {
    /**
     * Checks that feasibility and reason agree with the connections.
     */
    public SlicePlan {
        requireNonNull(sliceId, "slice id");
        requireNonNull(reason, "reason");
        connections = List.copyOf(connections);
        keySupply = keySupply.stream().sorted(Comparator.comparing(KeySupply::source)).toList();
        final var firstBlocked = connections.stream().filter(plan -> !plan.feasible()).findFirst();
        if (feasible != firstBlocked.isEmpty()) {
            throw new IllegalArgumentException("slice " + sliceId + " is feasible only if every connection is");
        }
        if (!reason.equals(firstBlocked.flatMap(ConnectionPlan::reason))) {
            throw new IllegalArgumentException("reason of slice " + sliceId
                + " must be the first blocked connection's");
        }
    }

    /**
     * Creates a plan without key supply report.
     *
     * @param sliceId the slice
     * @param feasible whether every connection fits, jointly
     * @param reason the first blocking reason; empty if feasible
     * @param connections plans per connection, in request order
     */
    public SlicePlan(final String sliceId, final boolean feasible, final Optional<String> reason,
            final List<ConnectionPlan> connections) {
        this(sliceId, feasible, reason, connections, List.of());
    }

    /**
     * Returns a copy with the given key supply report.
     *
     * @param newKeySupply per key source, its supply
     * @return the new plan
     */
    public SlicePlan withKeySupply(final List<KeySupply> newKeySupply) {
        return new SlicePlan(sliceId, feasible, reason, connections, newKeySupply);
    }

    /**
     * Creates a plan from its connection plans, deriving feasibility and reason.
     *
     * @param sliceId the slice
     * @param connections plans per connection
     * @return the slice plan
     */
    public static SlicePlan of(final String sliceId, final List<ConnectionPlan> connections) {
        final var reason = connections.stream().filter(plan -> !plan.feasible()).findFirst()
            .flatMap(ConnectionPlan::reason);
        return new SlicePlan(sliceId, reason.isEmpty(), reason, connections);
    }

    /**
     * Returns everything the slice would hold: the connections' reservations merged. Empty unless feasible.
     *
     * @return the reservation to pass to the resource ledger
     */
    public SliceReservation reservation() {
        if (!feasible) {
            return SliceReservation.empty(sliceId);
        }
        return SliceReservation.of(sliceId,
            connections.stream().flatMap(plan -> plan.linkReservations().stream()).toList(),
            connections.stream().flatMap(plan -> plan.computeReservations().stream()).toList(),
            connections.stream().flatMap(plan -> plan.accessVlans().stream()).toList());
    }
}
