/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Everything one slice holds: at most one merged entry per link and per site, sorted by id.
 *
 * @param sliceId the slice
 * @param links link reservations by link id
 * @param compute compute reservations by site id
 * @param accessVlans the VLANs held on access ports, sorted by site and VLAN
 */
public record SliceReservation(String sliceId, Map<String, LinkReservation> links,
        Map<String, ComputeReservation> compute, List<AccessVlan> accessVlans) {
    /**
     * Checks that keys match ids and copies the maps (sorted).
     */
    public SliceReservation {
        Checks.id(sliceId, "slice id");
        links = sortedCopy(links, LinkReservation::linkId);
        compute = sortedCopy(compute, ComputeReservation::siteId);
        accessVlans = accessVlans.stream().sorted().toList();
        for (int i = 1; i < accessVlans.size(); i++) {
            if (accessVlans.get(i).equals(accessVlans.get(i - 1))) {
                throw new IllegalArgumentException("slice " + sliceId + " holds " + accessVlans.get(i) + " twice");
            }
        }
    }

    /**
     * Merges link and compute reservations, e.g. those of all connections of a slice: reservations of the same link
     * or site are added up.
     *
     * @param sliceId the slice
     * @param links link reservations
     * @param compute compute reservations
     * @return the merged reservation
     * @throws IllegalArgumentException if two reservations hold the same client port
     */
    public static SliceReservation of(final String sliceId, final Collection<LinkReservation> links,
            final Collection<ComputeReservation> compute) {
        return of(sliceId, links, compute, List.of());
    }

    /**
     * Merges link and compute reservations, e.g. those of all connections of a slice: reservations of the same link
     * or site are added up.
     *
     * @param sliceId the slice
     * @param links link reservations
     * @param compute compute reservations
     * @param accessVlans access VLANs
     * @return the merged reservation
     * @throws IllegalArgumentException if two reservations hold the same client port or access VLAN
     */
    public static SliceReservation of(final String sliceId, final Collection<LinkReservation> links,
            final Collection<ComputeReservation> compute, final Collection<AccessVlan> accessVlans) {
        final var linkMap = new TreeMap<String, LinkReservation>();
        links.forEach(res -> linkMap.merge(res.linkId(), res, LinkReservation::plus));
        final var computeMap = new TreeMap<String, ComputeReservation>();
        compute.forEach(res -> computeMap.merge(res.siteId(), res, ComputeReservation::plus));
        return new SliceReservation(sliceId, linkMap, computeMap, List.copyOf(accessVlans));
    }

    /**
     * Returns an empty reservation.
     *
     * @param sliceId the slice
     * @return a reservation holding nothing
     */
    public static SliceReservation empty(final String sliceId) {
        return new SliceReservation(sliceId, Map.of(), Map.of(), List.of());
    }

    /**
     * Merges the reservations of the same slice.
     *
     * @param other the other reservation
     * @return the sum
     * @throws IllegalArgumentException if the slices differ or a client port is held twice
     */
    public SliceReservation merge(final SliceReservation other) {
        if (!sliceId.equals(other.sliceId)) {
            throw new IllegalArgumentException("cannot merge reservations of slices " + sliceId + " and "
                + other.sliceId);
        }
        final var allLinks = new ArrayList<>(links.values());
        allLinks.addAll(other.links.values());
        final var allCompute = new ArrayList<>(compute.values());
        allCompute.addAll(other.compute.values());
        final var allVlans = new ArrayList<>(accessVlans);
        allVlans.addAll(other.accessVlans);
        return of(sliceId, allLinks, allCompute, allVlans);
    }

    /**
     * Tells whether nothing is held.
     *
     * @return true if there are no link, compute and VLAN reservations
     */
    public boolean isEmpty() {
        return links.isEmpty() && compute.isEmpty() && accessVlans.isEmpty();
    }

    /**
     * Returns the link reservations, sorted by link id.
     *
     * @return the list
     */
    public List<LinkReservation> linkList() {
        return List.copyOf(links.values());
    }

    /**
     * Returns the compute reservations, sorted by site id.
     *
     * @return the list
     */
    public List<ComputeReservation> computeList() {
        return List.copyOf(compute.values());
    }

    private static <T> SortedMap<String, T> sortedCopy(final Map<String, T> map,
            final Function<T, String> id) {
        final var copy = new TreeMap<String, T>();
        requireNonNull(map).forEach((key, value) -> {
            if (!key.equals(id.apply(requireNonNull(value)))) {
                throw new IllegalArgumentException("reservation of " + id.apply(value) + " is filed under key " + key);
            }
            copy.put(key, value);
        });
        return Collections.unmodifiableSortedMap(copy);
    }
}
