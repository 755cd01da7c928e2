/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.slice;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.qslice.api.SliceException;
import org.qslice.api.SliceException.Kind;
import org.qslice.api.model.ConnectionPlan;
import org.qslice.api.model.ConnectionRequest;
import org.qslice.api.model.KeyExchange;
import org.qslice.api.model.Link;
import org.qslice.api.model.SecurityLevel;
import org.qslice.api.model.SliceInfo;
import org.qslice.api.model.SliceState;

/**
 * The decisions of {@code change-key-exchange} (a link's channel switched to another method in place), and its
 * answer.
 *
 * @param linkId the link
 * @param from the method before
 * @param to the method now
 * @param level the level the link gives now
 * @param sliceIds the slices whose connections use the link (reserved or on the devices)
 * @param keyId the first key id of the new method on both ends, empty if no channel was running
 * @param switchMs from the request to both ends running it
 */
public record MethodChange(String linkId, KeyExchange from, KeyExchange to, SecurityLevel level,
        List<String> sliceIds, Optional<UUID> keyId, long switchMs) {
    /**
     * Checks for nulls.
     */
    public MethodChange {
        requireNonNull(linkId);
        requireNonNull(from);
        requireNonNull(to);
        requireNonNull(level);
        sliceIds = List.copyOf(sliceIds);
        requireNonNull(keyId);
    }

    /**
     * Checks a change before anything is touched: a method other than none, not deprecated, that gives every
     * connection on the link (of a slice holding a reservation or device configuration, on its current or its old
     * path) at least its minimum.
     *
     * @param link the link as planned now
     * @param to the new method
     * @param deprecated the methods deprecated network-wide
     * @param slices every slice
     * @return the slices whose connections use the link, sorted
     * @throws SliceException INVALID for none, STATE naming the deprecation or the first connection it would put
     *     below its minimum
     */
    public static List<String> check(final Link link, final KeyExchange to, final Set<KeyExchange> deprecated,
            final Collection<SliceInfo> slices) throws SliceException {
        if (to == KeyExchange.NONE) {
            throw new SliceException(Kind.INVALID, "method", "method: none is no key exchange; a channel switches "
                + "between dh, qra, qkd and hybrid-qkd-qra", null);
        }
        if (link.encryptor().isEmpty()) {
            throw new SliceException(Kind.STATE, "link-id", "link " + link.id() + " has no encryptor cards: it has "
                + "no key-exchange method to change", null);
        }
        if (deprecated.contains(to)) {
            throw new SliceException(Kind.STATE, "method", "key exchange " + to + " is deprecated network-wide; "
                + "lift the deprecation first", null);
        }
        final SecurityLevel level = to.levelUnder(deprecated);
        final var users = new TreeSet<String>();
        final var below = new ArrayList<String>();
        for (Use use : uses(slices)) {
            if (use.plan().linkIds().contains(link.id())) {
                users.add(use.slice().id());
                if (level.rank() < use.min().rank()) {
                    below.add(use.slice().id() + "/" + use.plan().name() + " needs at least " + use.min().yangName());
                }
            }
        }
        if (!below.isEmpty()) {
            throw new SliceException(Kind.STATE, "method", "key exchange " + to + " gives link " + link.id()
                + " only " + level.yangName() + ": " + String.join(", ", below) + "; nothing was changed", null);
        }
        return List.copyOf(users);
    }

    /**
     * Returns, per link, the highest minimum level of the connections on it (of slices holding a reservation or
     * device configuration, on their current or old paths).
     *
     * @param slices every slice
     * @return the floor per link id; links no connection uses are absent
     */
    public static Map<String, SecurityLevel> floors(final Collection<SliceInfo> slices) {
        final var floors = new TreeMap<String, SecurityLevel>();
        for (Use use : uses(slices)) {
            use.plan().linkIds().forEach(linkId -> floors.merge(linkId, use.min(),
                (one, other) -> one.rank() >= other.rank() ? one : other));
        }
        return floors;
    }

    /** A connection plan of a slice that holds a reservation or device configuration, with its minimum level. */
    private record Use(SliceInfo slice, ConnectionPlan plan, SecurityLevel min) {
    }

    private static List<Use> uses(final Collection<SliceInfo> slices) {
        final var uses = new ArrayList<Use>();
        for (SliceInfo slice : slices) {
            if (slice.state() == SliceState.PLANNED && !slice.reservationHeld()) {
                continue;
            }
            final var plans = new ArrayList<ConnectionPlan>(slice.connections());
            plans.addAll(slice.replaced());
            for (ConnectionPlan plan : plans) {
                uses.add(new Use(slice, plan, Restoration.asked(slice, plan.name())
                    .map(ConnectionRequest::minSecurity).orElse(SecurityLevel.NONE)));
            }
        }
        return uses;
    }
}
