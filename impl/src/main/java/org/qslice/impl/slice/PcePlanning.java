/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.slice;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.qslice.api.SliceException;
import org.qslice.api.SliceException.Kind;
import org.qslice.api.model.Compute;
import org.qslice.api.model.KeySupply;
import org.qslice.api.model.Site;
import org.qslice.api.model.SlicePlan;
import org.qslice.api.model.SliceRequest;
import org.qslice.api.model.SliceReservation;
import org.qslice.api.model.Topology;
import org.qslice.api.model.TopologyStatus;
import org.qslice.impl.pce.InvalidRequestException;
import org.qslice.impl.pce.KeyBudget;
import org.qslice.impl.pce.KeySourceLoad;
import org.qslice.impl.pce.ResourceLedger;
import org.qslice.impl.pce.SlicePlanner;

/**
 * {@link Planning} over the path computation engine: a {@link SlicePlanner} and a {@link ResourceLedger} for one
 * topology version.
 */
public final class PcePlanning implements Planning {
    private final SlicePlanner planner;
    private final ResourceLedger ledger;

    private PcePlanning(final SlicePlanner planner, final ResourceLedger ledger) {
        this.planner = requireNonNull(planner);
        this.ledger = requireNonNull(ledger);
    }

    /**
     * Builds planning for a topology, re-applying existing reservations.
     *
     * @param topology the topology
     * @param reservations reservations to re-apply
     * @param conflicts receives "slice X: ..." for every reservation that no longer fits
     * @return the planning
     */
    public static PcePlanning create(final Topology topology, final Collection<SliceReservation> reservations,
            final List<String> conflicts) {
        return create(topology, reservations, conflicts, KeyBudget.DEFAULT);
    }

    /**
     * Builds planning for a topology with a QKD key budget, re-applying existing reservations.
     *
     * @param topology the topology
     * @param reservations reservations to re-apply
     * @param conflicts receives "slice X: ..." for every reservation that no longer fits
     * @param keyBudget the key demand per channel and the headroom
     * @return the planning
     */
    public static PcePlanning create(final Topology topology, final Collection<SliceReservation> reservations,
            final List<String> conflicts, final KeyBudget keyBudget) {
        final SlicePlanner planner = SlicePlanner.of(topology, keyBudget);
        // in the caller's order: the slices holding their reservation before go first
        final var restored = ResourceLedger.rebuildInOrder(planner.index(), List.copyOf(reservations));
        for (var problem : restored.problems()) {
            conflicts.add(problem.message().startsWith("slice " + problem.sliceId() + ":") ? problem.message()
                : "slice " + problem.sliceId() + ": " + problem.message());
        }
        // a slice only partly restored keeps holding what fitted (above all its client ports and VLANs, which its
        // devices may still be configured with) until it is deleted; it holds no reservation for activation
        return new PcePlanning(planner, restored.ledger());
    }

    /**
     * Returns a factory building planning with a QKD key budget (the orchestrator's key refresh and headroom).
     *
     * @param keyBudget the key demand per channel and the headroom
     * @return the factory
     */
    public static Planning.Factory factory(final KeyBudget keyBudget) {
        requireNonNull(keyBudget);
        return (topology, reservations, conflicts) -> create(topology, reservations, conflicts, keyBudget);
    }

    @Override
    public Topology topology() {
        return planner.index().topology();
    }

    @Override
    public SlicePlan plan(final SliceRequest request) throws SliceException {
        try {
            return planner.plan(request, ledger);
        } catch (InvalidRequestException e) {
            throw new SliceException(Kind.INVALID, e.field(), e.getMessage(), e);
        }
    }

    @Override
    public void reserve(final SliceReservation reservation) throws SliceException {
        try {
            ledger.reserve(reservation);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new SliceException(Kind.RESOURCES, null, e.getMessage(), e);
        }
    }

    @Override
    public void replace(final SliceReservation reservation) throws SliceException {
        try {
            ledger.replace(reservation);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new SliceException(Kind.RESOURCES, null, e.getMessage(), e);
        }
    }

    @Override
    public void release(final SliceReservation reservation) {
        ledger.release(reservation.sliceId());
    }

    @Override
    public Optional<SliceReservation> holding(final String sliceId) {
        return ledger.reservation(sliceId);
    }

    @Override
    public KeySourceLoad keyRateChanged(final String linkOrSource, final double rateBps) {
        return ledger.keyRateChanged(linkOrSource, rateBps);
    }

    @Override
    public List<KeySourceLoad> overCommittedKeySources() {
        return ledger.overCommittedKeySources();
    }

    @Override
    public TopologyStatus status() {
        return status(topology(), ledger);
    }

    /**
     * Computes free resources from a topology and the reservations held on it (e.g. read from the datastore). The
     * key supply limits are those of the default {@link KeyBudget} and the topology's rates (no measured ones).
     *
     * @param topology the topology
     * @param reservations the reservations
     * @return the status
     */
    public static TopologyStatus status(final Topology topology, final Collection<SliceReservation> reservations) {
        return status(topology, ResourceLedger.rebuild(SlicePlanner.of(topology).index(), reservations).ledger());
    }

    private static TopologyStatus status(final Topology topology, final ResourceLedger ledger) {
        final var links = new java.util.HashMap<String, TopologyStatus.LinkUsage>();
        for (String linkId : topology.links().keySet()) {
            links.put(linkId, new TopologyStatus.LinkUsage(linkId, ledger.freeBandwidthMbps(linkId),
                ledger.freeClientPorts(linkId)));
        }
        final var sites = new java.util.HashMap<String, Compute>();
        for (Site site : topology.sites().values()) {
            ledger.freeCompute(site.id()).ifPresent(free -> sites.put(site.id(), free));
        }
        final var keySources = new java.util.HashMap<String, KeySupply>();
        ledger.keySupply().forEach(supply -> keySources.put(supply.source(), supply));
        return new TopologyStatus(topology, links, sites, keySources);
    }
}
