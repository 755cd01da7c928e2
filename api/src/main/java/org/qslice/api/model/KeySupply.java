/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The key supply of one QKD system (key source): its secret key rate, how much of it admission may commit, what is
 * committed and what a plan adds. Every encrypted channel (link) drawing QKD key that carries at least one connection
 * draws {@code key-size / key-refresh} bit/s from its source, however many connections share the channel.
 *
 * @param source the key source: the links' {@code qkd-link}, else the one link's id
 * @param links the links (channels) concerned, sorted: in a slice plan the plan's QKD hops drawing from the source,
 *     in a topology status the channels in use
 * @param rateBps the secret key rate, bit/s; empty: not limited
 * @param limitBps what admission may commit, {@code rate * (1 - headroom)}; empty without a rate
 * @param committedBps the demand of the channels in use before the plan, bit/s
 * @param newDemandBps what the plan adds: the demand of the channels it uses that no slice used before, bit/s (0 in
 *     a topology status)
 */
public record KeySupply(String source, List<String> links, OptionalDouble rateBps, OptionalDouble limitBps,
        double committedBps, double newDemandBps) {
    /**
     * Checks the arguments and copies the list.
     */
    public KeySupply {
        Checks.id(source, "key source");
        links = links.stream().sorted().toList();
        requireNonNull(rateBps, "rate");
        requireNonNull(limitBps, "limit");
        if (rateBps.isPresent() != limitBps.isPresent()) {
            throw new IllegalArgumentException("key source " + source + " has a limit exactly when it has a rate");
        }
        if (!(committedBps >= 0) || !(newDemandBps >= 0)) {
            throw new IllegalArgumentException("key source " + source + ": demand must not be negative, got "
                + committedBps + " and " + newDemandBps);
        }
    }

    /**
     * Returns what is left of the limit once the plan is committed ({@code limit - committed - new}); negative when
     * the source is over-committed (its rate fell).
     *
     * @return the headroom in bit/s, empty if the source is not limited
     */
    public OptionalDouble headroomBps() {
        return limitBps.isPresent() ? OptionalDouble.of(limitBps.getAsDouble() - committedBps - newDemandBps)
            : OptionalDouble.empty();
    }
}
