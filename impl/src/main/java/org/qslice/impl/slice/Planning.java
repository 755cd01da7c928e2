/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.slice;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.qslice.api.SliceException;
import org.qslice.api.model.SlicePlan;
import org.qslice.api.model.SliceRequest;
import org.qslice.api.model.SliceReservation;
import org.qslice.api.model.Topology;
import org.qslice.api.model.TopologyStatus;
import org.qslice.impl.pce.KeySourceLoad;

/**
 * Path computation and resource accounting over one topology, as the {@link SliceManager} uses them. Not
 * thread-safe: the manager calls it from its queue only.
 */
public interface Planning {
    /**
     * Returns the topology planned on.
     *
     * @return the topology
     */
    Topology topology();

    /**
     * Validates a request and plans it against the resources free now, without reserving anything.
     *
     * @param request the request
     * @return the plan, feasible or with the blocking reason
     * @throws SliceException of kind INVALID naming the field for bad input
     */
    SlicePlan plan(SliceRequest request) throws SliceException;

    /**
     * Reserves resources, all or nothing.
     *
     * @param reservation what to reserve
     * @throws SliceException of kind RESOURCES if it does not fit
     */
    void reserve(SliceReservation reservation) throws SliceException;

    /**
     * Replaces what a slice holds with another reservation, all or nothing; the channels the slice already holds are
     * no new key demand.
     *
     * @param reservation the slice's new reservation
     * @throws SliceException of kind RESOURCES if it does not fit (nothing changes)
     */
    void replace(SliceReservation reservation) throws SliceException;

    /**
     * Releases resources reserved before.
     *
     * @param reservation what to release
     * @throws IllegalStateException if it was not reserved
     */
    void release(SliceReservation reservation);

    /**
     * Returns what the resources hold for a slice: its whole reservation, or, for a slice whose reservation no
     * longer fits the topology, the part that still does (its client ports above all, while its devices may use
     * them).
     *
     * @param sliceId the slice
     * @return what is held, empty if nothing
     */
    Optional<SliceReservation> holding(String sliceId);

    /**
     * Returns the topology with the resources free now.
     *
     * @return the status
     */
    TopologyStatus status();

    /**
     * Sets the measured secret key rate of a QKD key source (e.g. reported by the KMS's QKD source); it replaces the
     * topology's rate until the topology changes. Nothing is released: if the channels in use now draw more than the
     * rate, the returned load is {@link KeySourceLoad#overCommitted() over-committed} and names the channels and the
     * slices holding them, whose connections the caller restores or degrades
     * ({@link KeySourceLoad#connectionsOn}).
     *
     * @param linkOrSource a link drawing from the source, or the source's {@code qkd-link}
     * @param rateBps the measured rate, bit/s, not negative
     * @return the source's load under the new rate
     * @throws IllegalArgumentException if there is no such link or source, the link does not use QKD, or the rate
     *     is negative
     */
    KeySourceLoad keyRateChanged(String linkOrSource, double rateBps);

    /**
     * Returns the QKD key sources whose channels in use draw more than their rate (e.g. after a topology change
     * lowered a rate).
     *
     * @return their loads, sorted by source; empty if none
     */
    List<KeySourceLoad> overCommittedKeySources();

    /**
     * Creates planning over a topology with existing reservations re-applied.
     */
    @FunctionalInterface
    interface Factory {
        /**
         * Builds planning for a topology and re-applies reservations; those that no longer fit are returned as
         * conflicts instead of being applied.
         *
         * @param topology the topology
         * @param reservations reservations to re-apply, in order
         * @param conflicts receives one message per reservation that could not be re-applied, naming the slice
         * @return the planning
         */
        Planning create(Topology topology, Collection<SliceReservation> reservations, List<String> conflicts);
    }
}
