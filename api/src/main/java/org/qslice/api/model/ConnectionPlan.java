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
import java.util.OptionalInt;

/**
 * The computed path and the resources of one connection, or why it cannot be placed.
 *
 * <p>A feasible plan has the resolved end sites, at least one hop, the summed latency, the weakest level along the
 * path and no reason. A blocked plan has only its name and the reason: no sites, no hops, nothing reserved.
 *
 * @param name connection name
 * @param feasible whether a path with the resources was found
 * @param reason why not, naming the link or site and the resource; empty if feasible
 * @param aSite site of the a-end (placed compute resolved); empty if blocked
 * @param zSite site of the z-end (placed compute resolved); empty if blocked
 * @param hops hops from the a-end to the z-end
 * @param totalLatencyUs sum of the hop latencies
 * @param weakestLevel weakest security level along the path; empty if blocked
 * @param linkReservations what the connection reserves on each link, in path order
 * @param computeReservations compute reserved at the ends (none for zero demand)
 * @param accessVlans the VLAN held on the access port of each end site, sorted; empty if blocked (and in plans
 *     stored by a qslice that derived access VLANs at activation)
 * @param generation how many times restoration moved the connection to another path (0 for the path it was
 *     created on); the devices name its entries after the generation's parity, so the old and the new path of a
 *     move never share an entry name
 * @param homeLinks the links of the path the connection was created on, while restoration has moved it elsewhere
 *     (a revertive connection moves back to them); empty on its original path
 */
public record ConnectionPlan(String name, boolean feasible, Optional<String> reason, Optional<String> aSite,
        Optional<String> zSite, List<Hop> hops, long totalLatencyUs, Optional<SecurityLevel> weakestLevel,
        List<LinkReservation> linkReservations, List<ComputeReservation> computeReservations,
        List<AccessVlan> accessVlans, int generation, List<String> homeLinks) {
    /**
     * Checks that the plan is either completely feasible or completely blocked.
     */
    public ConnectionPlan {
        requireNonNull(name, "connection name");
        requireNonNull(reason, "reason");
        requireNonNull(aSite, "a-site");
        requireNonNull(zSite, "z-site");
        hops = List.copyOf(hops);
        requireNonNull(weakestLevel, "weakest level");
        linkReservations = List.copyOf(linkReservations);
        computeReservations = List.copyOf(computeReservations);
        accessVlans = accessVlans.stream().sorted().toList();
        Checks.nonNegative(generation, "generation");
        homeLinks = List.copyOf(homeLinks);
        if (accessVlans.stream().map(AccessVlan::siteId).distinct().count() != accessVlans.size()) {
            throw new IllegalArgumentException("connection " + name + " holds more than one access VLAN at a site: "
                + accessVlans);
        }
        if (feasible) {
            if (reason.isPresent() || aSite.isEmpty() || zSite.isEmpty() || hops.isEmpty()
                    || weakestLevel.isEmpty()) {
                throw new IllegalArgumentException("feasible plan of connection " + name
                    + " needs sites, hops and a level, and no reason");
            }
            if (totalLatencyUs != hops.stream().mapToLong(Hop::latencyUs).sum()) {
                throw new IllegalArgumentException("total latency of connection " + name + " is not the hops' sum");
            }
        } else if (reason.isEmpty() || aSite.isPresent() || zSite.isPresent() || !hops.isEmpty()
                || weakestLevel.isPresent() || !linkReservations.isEmpty() || !computeReservations.isEmpty()
                || !accessVlans.isEmpty()) {
            throw new IllegalArgumentException("blocked plan of connection " + name
                + " needs a reason and nothing else");
        }
    }

    /**
     * Creates a plan on the path the connection was created on (generation 0, no home links).
     *
     * @param name connection name
     * @param feasible whether a path with the resources was found
     * @param reason why not
     * @param siteOfA site of the a-end
     * @param siteOfZ site of the z-end
     * @param hops hops
     * @param totalLatencyUs summed latency
     * @param weakestLevel weakest level
     * @param linkReservations link reservations
     * @param computeReservations compute reservations
     * @param accessVlans access VLANs
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public ConnectionPlan(final String name, final boolean feasible, final Optional<String> reason,
            final Optional<String> siteOfA, final Optional<String> siteOfZ, final List<Hop> hops,
            final long totalLatencyUs, final Optional<SecurityLevel> weakestLevel,
            final List<LinkReservation> linkReservations, final List<ComputeReservation> computeReservations,
            final List<AccessVlan> accessVlans) {
        this(name, feasible, reason, siteOfA, siteOfZ, hops, totalLatencyUs, weakestLevel, linkReservations,
            computeReservations, accessVlans, 0, List.of());
    }

    /**
     * Returns this connection moved to another path by restoration: the path's hops and link reservations, with
     * this plan's end sites, compute and access VLANs (what the connection's users see does not change), the next
     * generation, and the home path remembered (or forgotten when the move goes back to it).
     *
     * @param path the computed plan of the new path (its compute and access VLANs are ignored)
     * @return the moved plan
     * @throws IllegalArgumentException if either plan is not feasible or the end sites differ
     */
    public ConnectionPlan movedTo(final ConnectionPlan path) {
        if (!feasible || !path.feasible || !aSite.equals(path.aSite) || !zSite.equals(path.zSite)) {
            throw new IllegalArgumentException("connection " + name + " can only move between feasible paths with "
                + "the same end sites");
        }
        final List<String> current = hops.stream().map(Hop::linkId).toList();
        final List<String> next = path.hops.stream().map(Hop::linkId).toList();
        final List<String> home = homeLinks.isEmpty() ? current : homeLinks;
        return new ConnectionPlan(name, true, Optional.empty(), aSite, zSite, path.hops, path.totalLatencyUs,
            path.weakestLevel, path.linkReservations, computeReservations, accessVlans, generation + 1,
            next.equals(home) ? List.of() : home);
    }

    /**
     * Returns the ids of the links of the path, in path order.
     *
     * @return the link ids, empty if blocked
     */
    public List<String> linkIds() {
        return hops.stream().map(Hop::linkId).toList();
    }

    /**
     * Creates a feasible plan; the total latency and weakest level are derived from the hops.
     *
     * @param name connection name
     * @param siteOfA site of the a-end
     * @param siteOfZ site of the z-end
     * @param hops the hops, at least one
     * @param linkReservations link reservations
     * @param computeReservations compute reservations
     * @param accessVlans the access VLAN of each end site
     * @return the plan
     */
    public static ConnectionPlan feasible(final String name, final String siteOfA, final String siteOfZ,
            final List<Hop> hops, final List<LinkReservation> linkReservations,
            final List<ComputeReservation> computeReservations, final List<AccessVlan> accessVlans) {
        return new ConnectionPlan(name, true, Optional.empty(), Optional.of(siteOfA), Optional.of(siteOfZ), hops,
            hops.stream().mapToLong(Hop::latencyUs).sum(),
            hops.stream().map(Hop::security).min(Comparator.naturalOrder()), linkReservations, computeReservations,
            accessVlans);
    }

    /**
     * Returns the VLAN the connection holds on the access port of one of its end sites.
     *
     * @param siteId the site
     * @return the VLAN, empty if the plan holds none there
     */
    public OptionalInt accessVlan(final String siteId) {
        return accessVlans.stream().filter(vlan -> vlan.siteId().equals(siteId)).mapToInt(AccessVlan::vlan)
            .findFirst();
    }

    /**
     * Creates a blocked plan.
     *
     * @param name connection name
     * @param reason why the connection cannot be placed
     * @return the plan
     */
    public static ConnectionPlan blocked(final String name, final String reason) {
        return new ConnectionPlan(name, false, Optional.of(reason), Optional.empty(), Optional.empty(), List.of(), 0,
            Optional.empty(), List.of(), List.of(), List.of());
    }
}
