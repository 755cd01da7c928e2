/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.pce;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.qslice.api.model.AccessVlan;
import org.qslice.api.model.ComputeEndpoint;
import org.qslice.api.model.ComputeReservation;
import org.qslice.api.model.ConnectionPlan;
import org.qslice.api.model.ConnectionRequest;
import org.qslice.api.model.Endpoint;
import org.qslice.api.model.Hop;
import org.qslice.api.model.KeySupply;
import org.qslice.api.model.Link;
import org.qslice.api.model.LinkReservation;
import org.qslice.api.model.SlicePlan;
import org.qslice.api.model.SliceRequest;
import org.qslice.api.model.SliceReservation;
import org.qslice.api.model.Topology;

/**
 * Plans whole slices: validates the request, then computes the connections in request order against a snapshot of
 * the ledger, reserving each one tentatively so that connections sharing links or compute are accounted for
 * jointly. Never changes the caller's ledger; reserve {@link SlicePlan#reservation()} to commit a feasible plan.
 * Built once per topology version; stateless and thread-safe.
 */
public final class SlicePlanner {
    private final PathComputer computer;
    private final RequestValidator validator;

    /**
     * Creates a planner on a path computer.
     *
     * @param computer the path computer of the current topology
     */
    public SlicePlanner(final PathComputer computer) {
        this.computer = requireNonNull(computer);
        validator = new RequestValidator(computer);
    }

    /**
     * Compiles a topology and creates a planner with the default candidate bound.
     *
     * @param topology the topology
     * @return the planner
     */
    public static SlicePlanner of(final Topology topology) {
        return of(topology, KeyBudget.DEFAULT);
    }

    /**
     * Compiles a topology with a QKD key budget and creates a planner with the default candidate bound.
     *
     * @param topology the topology
     * @param keyBudget the key demand per channel and the headroom
     * @return the planner
     */
    public static SlicePlanner of(final Topology topology, final KeyBudget keyBudget) {
        return new SlicePlanner(new PathComputer(TopologyIndex.of(topology, keyBudget)));
    }

    /**
     * Returns the compiled topology, for {@link ResourceLedger#empty} and {@link ResourceLedger#rebuild}.
     *
     * @return the index
     */
    public TopologyIndex index() {
        return computer.index();
    }

    /**
     * Returns the path computer.
     *
     * @return the path computer
     */
    public PathComputer pathComputer() {
        return computer;
    }

    /**
     * Returns the request validator.
     *
     * @return the validator
     */
    public RequestValidator validator() {
        return validator;
    }

    /**
     * Validates and plans a slice. Every connection gets a plan; the slice is feasible if all are, and then
     * {@link SlicePlan#reservation()} is what to reserve. A blocked connection's reason names the connection, the
     * link or site and the resource, and says when the connection would fit alone but not together with the
     * connections planned before it. The plan reports the key supply of every QKD key source its connections draw
     * from ({@link SlicePlan#keySupply()}).
     *
     * @param request the slice request
     * @param ledger the free resources now; not changed
     * @return the plan
     * @throws InvalidRequestException if the request is invalid for the topology
     * @throws IllegalArgumentException if the ledger accounts for another topology version
     */
    public SlicePlan plan(final SliceRequest request, final ResourceLedger ledger) throws InvalidRequestException {
        if (ledger.index() != computer.index()) {
            throw new IllegalArgumentException("the ledger accounts for another topology version");
        }
        validator.validate(request);
        final ResourceLedger base = ledger.copy();
        final ResourceLedger tentative = base.copy();
        final var plans = new ArrayList<ConnectionPlan>();
        final var placed = new ArrayList<ConnectionRequest>();
        for (ConnectionRequest connection : request.connections()) {
            final Optional<Route> route = computer.findRoute(connection, tentative);
            final Optional<String> noVlan = route.flatMap(found -> noFreeVlan(found, tentative));
            if (noVlan.isPresent()) {
                plans.add(ConnectionPlan.blocked(connection.name(), "connection " + connection.name() + ": "
                    + noVlan.orElseThrow()));
            } else if (route.isPresent()) {
                final ConnectionPlan plan = toPlan(connection, route.orElseThrow(), tentative);
                tentative.reserve(SliceReservation.of(tentativeKey(connection), plan.linkReservations(),
                    plan.computeReservations(), plan.accessVlans()));
                plans.add(plan);
                placed.add(connection);
            } else {
                plans.add(ConnectionPlan.blocked(connection.name(), "connection " + connection.name() + ": "
                    + explain(connection, base, tentative, placed)));
            }
        }
        return SlicePlan.of(request.id(), plans).withKeySupply(keySupply(plans, base, tentative));
    }

    /**
     * Reports, per key source the planned connections' QKD hops draw from, its rate, the demand committed before the
     * plan and what the plan adds.
     */
    private List<KeySupply> keySupply(final List<ConnectionPlan> plans, final ResourceLedger base,
            final ResourceLedger tentative) {
        final TopologyIndex index = computer.index();
        final var links = new TreeMap<Integer, List<String>>();
        for (ConnectionPlan plan : plans) {
            for (Hop hop : plan.hops()) {
                final int source = index.linkSource(index.linkIndex(hop.linkId()));
                if (source >= 0) {
                    final List<String> ofSource = links.computeIfAbsent(source, key -> new ArrayList<>());
                    if (!ofSource.contains(hop.linkId())) {
                        ofSource.add(hop.linkId());
                    }
                }
            }
        }
        final var result = new ArrayList<KeySupply>();
        links.forEach((source, used) -> result.add(base.supply(base.state(), tentative.state(), source, used)));
        return result;
    }

    private String explain(final ConnectionRequest connection, final ResourceLedger base,
            final ResourceLedger tentative, final List<ConnectionRequest> placed) {
        final String reason = computer.explainBlocked(connection, tentative);
        if (placed.isEmpty() || computer.findRoute(connection, base).isEmpty()) {
            return reason;
        }
        for (ConnectionRequest other : placed) {
            final ResourceLedger without = tentative.copy();
            without.release(tentativeKey(other));
            if (computer.findRoute(connection, without).isPresent()) {
                return "feasible alone but not jointly with connection " + other.name() + ": " + reason;
            }
        }
        return "feasible alone but not jointly with connections "
            + String.join(", ", placed.stream().map(ConnectionRequest::name).toList()) + ": " + reason;
    }

    private static Optional<String> noFreeVlan(final Route route, final ResourceLedger ledger) {
        return Stream.of(route.aSite(), route.zSite())
            .filter(site -> ledger.lowestFreeAccessVlans(site, 1).isEmpty()).findFirst()
            .map(site -> "site " + site + " has no free access VLAN: every VLAN " + ResourceLedger.ACCESS_VLAN_FIRST
                + ".." + AccessVlan.MAX_VLAN + " on its access port is held by another slice");
    }

    private static ConnectionPlan toPlan(final ConnectionRequest connection, final Route route,
            final ResourceLedger ledger) {
        final long bandwidth = connection.bandwidthMbps();
        final var hops = new ArrayList<Hop>();
        final var linkReservations = new ArrayList<LinkReservation>();
        for (int i = 0; i < route.links().size(); i++) {
            final Link link = route.links().get(i);
            final List<Integer> ports = link.channel().isEmpty() ? List.of()
                : ledger.lowestFreePorts(link.id(), Math.toIntExact(link.channel().orElseThrow().portsFor(bandwidth)));
            hops.add(new Hop(i, link.id(), route.sites().get(i), route.sites().get(i + 1), link.security(),
                link.effectiveLatencyUs(), link.channel().map(ch -> OptionalInt.of(ch.channel()))
                    .orElse(OptionalInt.empty()), ports));
            linkReservations.add(new LinkReservation(link.id(), bandwidth, ports));
        }
        final var computeReservations = new ArrayList<ComputeReservation>();
        addCompute(computeReservations, connection.aEnd(), route.aSite());
        addCompute(computeReservations, connection.zEnd(), route.zSite());
        // the lowest free VLAN on the access port at each end: held in the ledger, so no other live slice gets it
        final var accessVlans = List.of(
            new AccessVlan(route.aSite(), ledger.lowestFreeAccessVlans(route.aSite(), 1).get(0)),
            new AccessVlan(route.zSite(), ledger.lowestFreeAccessVlans(route.zSite(), 1).get(0)));
        return ConnectionPlan.feasible(connection.name(), route.aSite(), route.zSite(), hops, linkReservations,
            computeReservations, accessVlans);
    }

    private static void addCompute(final List<ComputeReservation> reservations, final Endpoint end,
            final String site) {
        if (end instanceof ComputeEndpoint compute && (compute.cpuCores() > 0 || compute.memoryGb() > 0)) {
            reservations.add(new ComputeReservation(site, compute.cpuCores(), compute.memoryGb()));
        }
    }

    /**
     * Returns the key a connection's tentative reservation is held under in the private copy of the ledger; '#'
     * cannot occur in a valid slice id, so it never collides with a real slice.
     */
    private static String tentativeKey(final ConnectionRequest connection) {
        return "#" + connection.name();
    }
}
