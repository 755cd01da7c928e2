/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.pce;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalLong;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.YenShortestPathIterator;
import org.jgrapht.graph.MaskSubgraph;
import org.qslice.api.model.ConnectionRequest;
import org.qslice.api.model.Link;
import org.qslice.impl.pce.Query.Side;
import org.qslice.impl.pce.TopologyIndex.Edge;

/**
 * Finds the path of one connection on a {@link TopologyIndex}, against the free resources of a
 * {@link ResourceLedger}. Built once per topology version; stateless and thread-safe. In the common case a query
 * costs one Dijkstra search.
 *
 * <p>A link is usable when its security level satisfies the connection's minimum, it has the bandwidth free (and,
 * on a DWDM channel, enough free client ports) and neither it nor its end sites are excluded. Unusable links and
 * excluded sites are masked out during the search. Among usable paths the cheapest is chosen by the lexicographic
 * cost (security rank above the minimum summed over the hops, then latency, then hops); ties go to the path settled
 * first in the graph's fixed order (sites and links sorted by id), so results are reproducible. Every search weighs
 * the edges with the one weight function, {@link EdgeWeight}.
 *
 * <p>If the cheapest path violates the latency bound or the include lists, JGraphT's lazy
 * {@link YenShortestPathIterator}, on a {@link MaskSubgraph} view weighted by the same cost array and masking the
 * same links, yields further paths in cost order, at most {@code maxCandidates} of them; if none fits, the
 * least-latency usable path is taken when it fits. A compute end is a virtual vertex joined to the candidate sites
 * with free compute, so one search ranks all candidates. Why a connection finds no path is worked out by
 * {@link BlockingReasons}.
 */
public final class PathComputer {
    /** Default bound on the k-shortest candidates examined per connection. */
    public static final int DEFAULT_MAX_CANDIDATES = 10;

    private final TopologyIndex index;
    private final int maxCandidates;
    private final BlockingReasons reasons;

    /**
     * Creates a path computer examining at most {@link #DEFAULT_MAX_CANDIDATES} paths per connection.
     *
     * @param index the topology
     */
    public PathComputer(final TopologyIndex index) {
        this(index, DEFAULT_MAX_CANDIDATES);
    }

    /**
     * Creates a path computer.
     *
     * @param index the topology
     * @param maxCandidates how many k-shortest candidates to examine when the cheapest path violates the latency
     *     bound or the include lists, at least 1
     */
    public PathComputer(final TopologyIndex index, final int maxCandidates) {
        this.index = requireNonNull(index);
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("maxCandidates must be positive, got " + maxCandidates);
        }
        this.maxCandidates = maxCandidates;
        reasons = new BlockingReasons(index, maxCandidates);
    }

    /**
     * Returns the topology this computer searches.
     *
     * @return the index
     */
    public TopologyIndex index() {
        return index;
    }

    /**
     * Finds the cheapest path for a connection that fits its constraints and the free resources. The request must
     * have passed {@link RequestValidator}.
     *
     * @param request the connection
     * @param ledger the free resources; must account for this computer's topology
     * @return the route, or empty if there is none; {@link #explainBlocked} then tells why
     * @throws IllegalArgumentException if the ledger belongs to another topology or the request names unknown
     *     sites or links
     */
    public Optional<Route> findRoute(final ConnectionRequest request, final ResourceLedger ledger) {
        final var query = new Query(index, request, checkLedger(ledger).state(), false);
        Dijkstra.Path best = null;
        for (Side side : query.sides()) {
            final Dijkstra.Path found = search(query, side);
            if (found != null && (best == null || found.weight() < best.weight())) {
                best = found;
            }
        }
        return best == null ? Optional.empty() : Optional.of(toRoute(query, best));
    }

    /**
     * Explains why {@link #findRoute} finds no path, naming the blocking links or sites and the resource. It
     * searches again with constraints relaxed, so it is slower; call it only when no route was found.
     *
     * @param request the connection
     * @param ledger the free resources
     * @return the reason, without the connection name
     */
    public String explainBlocked(final ConnectionRequest request, final ResourceLedger ledger) {
        return reasons.explain(new Query(index, request, checkLedger(ledger).state(), false));
    }

    /**
     * Returns the least latency between the ends of a connection over all links, ignoring security, free resources,
     * include and exclude lists: the physical minimum. For a compute end, the minimum over its candidate sites.
     *
     * @param request the connection
     * @return the latency in microseconds, empty if no links join the ends
     */
    public OptionalLong physicalMinLatencyUs(final ConnectionRequest request) {
        return physicalLatency(request, Long.MAX_VALUE);
    }

    /**
     * Tells whether the ends of a connection are physically within a latency bound; cheaper than
     * {@link #physicalMinLatencyUs} as it searches only up to the bound.
     *
     * @param request the connection
     * @param boundUs the bound, microseconds
     * @return true if some path over any links has at most {@code boundUs} latency
     */
    public boolean physicallyWithin(final ConnectionRequest request, final long boundUs) {
        return physicalLatency(request, EdgeWeight.radius(boundUs)).isPresent();
    }

    private OptionalLong physicalLatency(final ConnectionRequest request, final long radius) {
        final var query = new Query(index, request, null, true);
        long best = Long.MAX_VALUE;
        for (Side side : query.sides()) {
            final var path = Dijkstra.shortest(index, query.source(side), query.sink(side),
                query.physicalWeight(side), radius);
            if (path != null) {
                best = Math.min(best, query.latencyUs(path));
            }
        }
        return best == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(best);
    }

    private ResourceLedger checkLedger(final ResourceLedger ledger) {
        if (ledger.index() != index) {
            throw new IllegalArgumentException("the ledger accounts for another topology version");
        }
        return ledger;
    }

    private Dijkstra.Path search(final Query query, final Side side) {
        final int source = query.source(side);
        final int sink = query.sink(side);
        final var cheapest = Dijkstra.shortest(index, source, sink, query.costWeight(side), Long.MAX_VALUE);
        if (cheapest == null || query.accepts(cheapest)) {
            return cheapest;
        }

        // Slow path: the cheapest path violates the latency bound or the include lists.
        Dijkstra.Path fallback = null;
        if (query.request.maxLatencyUs().isPresent()) {
            final var fastest = Dijkstra.shortest(index, source, sink, query.latencyWeight(side), Long.MAX_VALUE);
            if (query.latencyUs(fastest) > query.request.maxLatencyUs().orElseThrow()) {
                return null;
            }
            if (query.accepts(fastest)) {
                fallback = fastest;
            }
        }
        // With a latency bound, the candidates are only the links that can lie on a path within the bound.
        final Query.Candidates space = query.searchSpace(side);
        if (query.request.maxLatencyUs().isPresent()) {
            // The first candidate costs one array search: often it fits, and Yen's iterator (whose set-up alone
            // costs several such searches on the JGraphT view) is not needed.
            final var first = Dijkstra.shortest(index, source, sink, space.cost(), Long.MAX_VALUE);
            if (first == null) {
                return query.costed(fallback, side);
            }
            if (query.accepts(first)) {
                return first;
            }
        }
        // Yen's iterator weighs the edges with the same cost array as the array searches (exact as double below
        // 2^53), so its paths' weights compare with theirs as they are
        final var candidates = new YenShortestPathIterator<>(space.view(index.graph()), index.vertex(source),
            index.vertex(sink));
        for (int i = 0; i < maxCandidates && candidates.hasNext(); i++) {
            final GraphPath<Integer, Edge> next = candidates.next();
            final var candidate = new Dijkstra.Path(next.getVertexList(), next.getEdgeList(),
                (long) next.getWeight());
            if (query.accepts(candidate)) {
                return candidate;
            }
        }
        return query.costed(fallback, side);
    }

    private Route toRoute(final Query query, final Dijkstra.Path path) {
        final var sites = path.vertices().stream().filter(index::isSite).map(v -> index.site(v).id()).toList();
        final var links = path.edges().stream().filter(e -> !e.isVirtual()).map(e -> index.link(e.link)).toList();
        final var weakest = links.stream().map(Link::security).min(Comparator.naturalOrder()).orElseThrow();
        return new Route(sites, links, query.latencyUs(path), weakest);
    }
}
