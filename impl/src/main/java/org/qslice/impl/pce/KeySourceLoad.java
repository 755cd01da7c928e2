/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.pce;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.qslice.api.model.ConnectionPlan;

/**
 * The load of one QKD key source: its secret key rate, the key demand committed on it, and its channels in use with
 * the slices holding them. What {@link ResourceLedger#keyRateChanged} returns, so that the caller can restore or
 * degrade the connections of an over-committed source: freeing a channel means moving every slice's connections off
 * it (the slices on a channel share its key stream).
 *
 * @param source the key source ({@code qkd-link}, else the one link's id)
 * @param rateBps its secret key rate; empty: not limited
 * @param channelDemandBps what one channel in use draws
 * @param committedBps what the channels in use draw together
 * @param channels per channel (link) in use, the slices holding it, both sorted
 */
public record KeySourceLoad(String source, OptionalDouble rateBps, double channelDemandBps, double committedBps,
        SortedMap<String, List<String>> channels) {
    /**
     * Checks the arguments and copies the map.
     */
    public KeySourceLoad {
        requireNonNull(source);
        requireNonNull(rateBps);
        final var copy = new TreeMap<String, List<String>>();
        channels.forEach((link, slices) -> copy.put(link, slices.stream().sorted().toList()));
        channels = Collections.unmodifiableSortedMap(copy);
    }

    /**
     * Tells whether the committed demand exceeds the rate, so that some channels must be freed.
     *
     * @return true if over-committed
     */
    public boolean overCommitted() {
        return rateBps.isPresent() && committedBps > rateBps.getAsDouble();
    }

    /**
     * Returns how many channels must be freed at least for the committed demand to fit the rate again (the
     * headroom is for admission; restoring until the demand fits the limit is the caller's choice).
     *
     * @return 0 if not over-committed
     */
    public int channelsOver() {
        if (!overCommitted()) {
            return 0;
        }
        final int carried = (int) Math.floor(rateBps.getAsDouble() / channelDemandBps);
        return Math.max(0, channels.size() - carried);
    }

    /**
     * Returns the slices holding a channel of the source.
     *
     * @return their ids, sorted
     */
    public SortedSet<String> slices() {
        final var result = new TreeSet<String>();
        channels.values().forEach(result::addAll);
        return Collections.unmodifiableSortedSet(result);
    }

    /**
     * Returns the connections of a slice that use a channel of the source.
     *
     * @param connections the slice's connection plans
     * @return the connection names, in plan order
     */
    public List<String> connectionsOn(final List<ConnectionPlan> connections) {
        return connections.stream()
            .filter(plan -> plan.hops().stream().anyMatch(hop -> channels.containsKey(hop.linkId())))
            .map(ConnectionPlan::name)
            .toList();
    }
}
