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
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.YenShortestPathIterator;
import org.jgrapht.graph.MaskSubgraph;
import org.qslice.api.model.Bandwidth;
import org.qslice.api.model.Compute;
import org.qslice.api.model.ComputeEndpoint;
import org.qslice.api.model.ConnectionRequest;
import org.qslice.api.model.Endpoint;
import org.qslice.api.model.Link;
import org.qslice.api.model.SecurityLevel;
import org.qslice.api.model.SiteEndpoint;
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
 * first in the graph's fixed order (sites and links sorted by id), so results are reproducible.
 *
 * <p>If the cheapest path violates the latency bound or the include lists, JGraphT's lazy
 * {@link YenShortestPathIterator}, on a {@link MaskSubgraph} view masking the same links, yields further paths in
 * cost order, at most {@code maxCandidates} of them; if none fits, the least-latency usable path is taken when it
 * fits. A compute end is a virtual vertex joined to the candidate sites with free compute, so one search ranks all
 * candidates.
 */
public final class PathComputer {
    /** Default bound on the k-shortest candidates examined per connection. */
    public static final int DEFAULT_MAX_CANDIDATES = 10;
    private static final int MAX_LISTED = 6;

    private final TopologyIndex index;
    private final int maxCandidates;

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
        final var query = new Query(request, checkLedger(ledger).state(), false);
        Dijkstra.Path best = null;
        for (Side side : query.sides()) {
            final Dijkstra.Path found = search(query, side);
            if (found != null && (best == null || found.weight() < best.weight())) {
                best = found;
            }
        }
        return best == null ? Optional.empty() : Optional.of(toRoute(best));
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
        final var query = new Query(request, checkLedger(ledger).state(), false);
        final String shortage = query.computeShortage();
        if (shortage != null) {
            return shortage;
        }
        final String what = "no path " + request.aEnd().describe() + " -> " + request.zEnd().describe()
            + " with security >= " + request.minSecurity().yangName();

        // Is there a usable path at all, ignoring latency and include lists?
        long bestLatency = Long.MAX_VALUE;
        for (Side side : query.sides()) {
            final var fastest = Dijkstra.shortest(index, query.source(side), query.sink(side),
                query.latencyWeight(side), Long.MAX_VALUE);
            if (fastest != null) {
                bestLatency = Math.min(bestLatency, latencyUs(fastest));
            }
        }
        if (bestLatency != Long.MAX_VALUE) {
            final long bound = request.maxLatencyUs().orElse(Long.MAX_VALUE);
            if (bestLatency > bound) {
                return what + ": best path latency " + bestLatency + " us exceeds max-latency-us " + bound;
            }
            return what + ": none of the " + maxCandidates + " cheapest paths passes"
                + describeIncludes(request) + (request.maxLatencyUs().isPresent()
                    ? " within max-latency-us " + bound : "");
        }

        // No usable path: find the path violating the fewest constraints and name the violations on it.
        Dijkstra.Path relaxed = null;
        for (Side side : query.sides()) {
            final var path = Dijkstra.shortest(index, query.source(side), query.sink(side),
                query.relaxedWeight(side), Long.MAX_VALUE);
            if (path != null && (relaxed == null || path.weight() < relaxed.weight())) {
                relaxed = path;
            }
        }
        if (relaxed == null) {
            return "no links join " + request.aEnd().describe() + " and " + request.zEnd().describe();
        }
        final var problems = new LinkedHashSet<String>();
        for (Edge edge : relaxed.edges()) {
            if (edge.isVirtual()) {
                final Compute demand = edge.sideZ ? query.demandZ : query.demandA;
                if (!query.computeFree(edge.computeSite, demand)) {
                    problems.add("compute site " + index.site(edge.computeSite).id() + " has "
                        + describeCompute(query.state.freeCompute(edge.computeSite), demand) + " free, needs "
                        + describeCompute(demand, demand));
                }
            } else if (query.violations(edge.link) > 0) {
                problems.add(query.describeHop(edge.endA, edge.endB));
            }
        }
        return what + ": " + (problems.isEmpty() ? "no usable path found" : String.join("; ", problems));
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
        return physicalLatency(request, boundUs * TopologyIndex.LATENCY_UNIT + TopologyIndex.LATENCY_UNIT - 1)
            .isPresent();
    }

    private OptionalLong physicalLatency(final ConnectionRequest request, final long radius) {
        final var query = new Query(request, null, true);
        long best = Long.MAX_VALUE;
        for (Side side : query.sides()) {
            final var path = Dijkstra.shortest(index, query.source(side), query.sink(side),
                query.physicalWeight(side), radius);
            if (path != null) {
                best = Math.min(best, latencyUs(path));
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
            if (latencyUs(fastest) > query.request.maxLatencyUs().orElseThrow()) {
                return null;
            }
            if (query.accepts(fastest)) {
                fallback = fastest;
            }
        }
        // With a latency bound, the candidates are only the links that can lie on a path within the bound.
        final Candidates space = query.searchSpace(side);
        if (query.request.maxLatencyUs().isPresent()) {
            // The first candidate costs one array search: often it fits, and Yen's iterator (whose set-up alone
            // costs several such searches on the JGraphT view) is not needed.
            final var first = Dijkstra.shortest(index, source, sink, space.cost(), Long.MAX_VALUE);
            if (first == null) {
                return withCost(fallback, query, side);
            }
            if (query.accepts(first)) {
                return first;
            }
        }
        final var view = space.view(index.costView(query.request.minSecurity()));
        final var candidates = new YenShortestPathIterator<>(view, index.vertex(source), index.vertex(sink));
        for (int i = 0; i < maxCandidates && candidates.hasNext(); i++) {
            final GraphPath<Integer, Edge> next = candidates.next();
            final var candidate = new Dijkstra.Path(next.getVertexList(), next.getEdgeList(),
                (long) next.getWeight());
            if (query.accepts(candidate)) {
                return candidate;
            }
        }
        return withCost(fallback, query, side);
    }

    /**
     * Returns a path found under another weight with its weight under the cost, so that it compares with the other
     * sides' cheapest paths; null stays null.
     */
    private static Dijkstra.Path withCost(final Dijkstra.Path path, final Query query, final Side side) {
        if (path == null) {
            return null;
        }
        final long[] cost = query.costWeight(side);
        return new Dijkstra.Path(path.vertices(), path.edges(), path.edges().stream().mapToLong(edge -> cost[edge.id])
            .sum());
    }

    private long latencyUs(final Dijkstra.Path path) {
        long sum = 0;
        for (Edge edge : path.edges()) {
            if (!edge.isVirtual()) {
                sum += index.link(edge.link).effectiveLatencyUs();
            }
        }
        return sum;
    }

    private Route toRoute(final Dijkstra.Path path) {
        final var sites = path.vertices().stream().filter(index::isSite).map(v -> index.site(v).id()).toList();
        final var links = path.edges().stream().filter(e -> !e.isVirtual()).map(e -> index.link(e.link)).toList();
        final var weakest = links.stream().map(Link::security).min(Comparator.naturalOrder()).orElseThrow();
        return new Route(sites, links, latencyUs(path), weakest);
    }

    private static String describeIncludes(final ConnectionRequest request) {
        final var parts = new ArrayList<String>();
        if (!request.includeSites().isEmpty()) {
            parts.add(" include sites " + String.join(", ", request.includeSites()));
        }
        if (!request.includeLinks().isEmpty()) {
            parts.add(" include links " + String.join(", ", request.includeLinks()));
        }
        return parts.isEmpty() ? "" : String.join(" and", parts);
    }

    private static String describeCompute(final Compute amount, final Compute demand) {
        final var parts = new ArrayList<String>();
        if (demand.cpuCores() > 0) {
            parts.add(amount.cpuCores() + " cpu cores");
        }
        if (demand.memoryGb() > 0) {
            parts.add(amount.memoryGb() + " GB memory");
        }
        return String.join(" and ", parts);
    }

    private static String listLinks(final List<Link> links) {
        final var ids = links.stream().map(Link::id).toList();
        return ids.size() <= MAX_LISTED ? String.join(", ", ids)
            : String.join(", ", ids.subList(0, MAX_LISTED)) + " and " + (ids.size() - MAX_LISTED) + " more";
    }

    private enum WeightKind {
        COST, LATENCY, PHYSICAL, RELAXED
    }

    /**
     * The space the k-shortest search runs in: cost weights by edge id with the edges outside masked, and with a
     * latency bound the least latencies from the source and to the sink (null without a bound).
     */
    private record Candidates(long[] cost, long[] fromSource, long[] toSink) {
        /**
         * Returns the JGraphT view for Yen's iterator: the given weighted graph with the same edges masked, and the
         * vertices outside the latency ellipse.
         */
        Graph<Integer, Edge> view(final Graph<Integer, Edge> weighted) {
            return new MaskSubgraph<>(weighted, fromSource == null ? vertex -> false
                : vertex -> fromSource[vertex] == Long.MAX_VALUE || toSink[vertex] == Long.MAX_VALUE,
                edge -> cost[edge.id] < 0);
        }
    }

    /**
     * The compute candidates of a search at each end, null for a fixed site.
     */
    private record Side(BitSet candidatesA, BitSet candidatesZ) {
    }

    /**
     * One connection resolved against the index and one ledger state (null for physical searches).
     */
    private final class Query {
        final ConnectionRequest request;
        final ResourceLedger.State state;
        final int rank;
        final long bandwidth;
        final int siteA;
        final int siteZ;
        final BitSet candidatesA;
        final BitSet candidatesZ;
        final Compute demandA;
        final Compute demandZ;
        final BitSet excludedSites = new BitSet();
        final BitSet excludedLinks = new BitSet();
        final BitSet includedSites = new BitSet();
        final BitSet includedLinks = new BitSet();
        final boolean excludes;
        /** Per weight kind, the weights by edge id: links weighed once per query, virtual edges again per side. */
        private final long[][] weights = new long[WeightKind.values().length][];
        private long lastPortSpeed = -1;
        private long lastPortsNeeded;

        /**
         * Resolves a connection; a physical query ignores include and exclude lists.
         */
        Query(final ConnectionRequest request, final ResourceLedger.State state, final boolean physical) {
            this.request = request;
            this.state = state;
            rank = request.minSecurity().rank();
            bandwidth = request.bandwidthMbps();
            if (!physical) {
                request.excludeSites().forEach(site -> excludedSites.set(site(site)));
                request.excludeLinks().forEach(link -> excludedLinks.set(link(link)));
                request.includeSites().forEach(site -> includedSites.set(site(site)));
                request.includeLinks().forEach(link -> includedLinks.set(link(link)));
            }
            excludes = !excludedSites.isEmpty() || !excludedLinks.isEmpty();
            siteA = fixedSite(request.aEnd());
            siteZ = fixedSite(request.zEnd());
            candidatesA = candidates(request.aEnd(), siteZ);
            candidatesZ = candidates(request.zEnd(), siteA);
            demandA = demand(request.aEnd());
            demandZ = demand(request.zEnd());
        }

        private int site(final String id) {
            final int site = index.siteIndex(id);
            if (site < 0) {
                throw new IllegalArgumentException("connection " + request.name() + " names unknown site " + id);
            }
            return site;
        }

        private int link(final String id) {
            final int link = index.linkIndex(id);
            if (link < 0) {
                throw new IllegalArgumentException("connection " + request.name() + " names unknown link " + id);
            }
            return link;
        }

        private int fixedSite(final Endpoint end) {
            return end instanceof SiteEndpoint(var site) ? site(site) : -1;
        }

        private static Compute demand(final Endpoint end) {
            return end instanceof ComputeEndpoint compute ? compute.demand() : Compute.ZERO;
        }

        /**
         * Returns the compute sites an end may be placed on, ignoring free capacity; null for a fixed site.
         */
        private BitSet candidates(final Endpoint end, final int otherSite) {
            if (!(end instanceof ComputeEndpoint compute)) {
                return null;
            }
            compute.candidateSites().forEach(this::site);
            return index.computeCandidates(compute, otherSite, excludedSites);
        }

        /**
         * Splits the search so that no search can place both compute ends on one site (a path without links): one
         * search if at most one end is compute or the candidate sets are disjoint, else searches over disjoint
         * pairs of subsets covering every pair of distinct sites.
         */
        List<Side> sides() {
            if (candidatesA == null || candidatesZ == null || !candidatesA.intersects(candidatesZ)) {
                return List.of(new Side(candidatesA, candidatesZ));
            }
            final var overlap = (BitSet) candidatesA.clone();
            overlap.and(candidatesZ);
            final var result = new ArrayList<Side>();
            final var onlyA = (BitSet) candidatesA.clone();
            onlyA.andNot(overlap);
            if (!onlyA.isEmpty()) {
                result.add(new Side(onlyA, candidatesZ));
            }
            final var onlyZ = (BitSet) candidatesZ.clone();
            onlyZ.andNot(overlap);
            if (!onlyZ.isEmpty()) {
                result.add(new Side(candidatesA, onlyZ));
            }
            final int[] shared = overlap.stream().toArray();
            for (int bit = 0; 1 << bit < shared.length; bit++) {
                final var zeros = new BitSet();
                final var ones = new BitSet();
                for (int i = 0; i < shared.length; i++) {
                    (((i >> bit) & 1) == 0 ? zeros : ones).set(shared[i]);
                }
                result.add(new Side(zeros, ones));
                result.add(new Side(ones, zeros));
            }
            return result;
        }

        int source(final Side side) {
            return side.candidatesA == null ? siteA : index.computeA();
        }

        int sink(final Side side) {
            return side.candidatesZ == null ? siteZ : index.computeZ();
        }

        /**
         * Returns the candidate space of the k-shortest search: the cost weights of {@link #costWeight}, and with a
         * latency bound also every edge masked that lies on no usable path within the bound: an edge {@code u-v}
         * stays only if the least latency from the source to {@code u}, plus the edge, plus the least latency from
         * {@code v} to the sink (either way round) is within the bound. This keeps the searches inside the latency
         * "ellipse" of the two ends. The arrays are the caller's own (not rewritten for other sides).
         */
        Candidates searchSpace(final Side side) {
            final long[] cost = costWeight(side).clone();
            if (request.maxLatencyUs().isEmpty()) {
                return new Candidates(cost, null, null);
            }
            final long radius = request.maxLatencyUs().orElseThrow() * TopologyIndex.LATENCY_UNIT
                + TopologyIndex.LATENCY_UNIT - 1;
            final long[] latency = latencyWeight(side);
            final long[] fromSource = Dijkstra.distances(index, source(side), latency, radius);
            final long[] toSink = Dijkstra.distances(index, sink(side), latency, radius);
            for (int id = 0; id < cost.length; id++) {
                if (cost[id] >= 0) {
                    final long weight = latency[id];
                    final int endA = index.endA(id);
                    final int endB = index.endB(id);
                    if (weight < 0 || !within(fromSource[endA], weight, toSink[endB], radius)
                            && !within(fromSource[endB], weight, toSink[endA], radius)) {
                        cost[id] = -1;
                    }
                }
            }
            return new Candidates(cost, fromSource, toSink);
        }

        private static boolean within(final long head, final long edge, final long tail, final long radius) {
            return head != Long.MAX_VALUE && tail != Long.MAX_VALUE && head + edge + tail <= radius;
        }

        /**
         * Weighs usable edges by the lexicographic cost; masks the rest. The array is valid until weights of the
         * same kind are asked for another side.
         */
        long[] costWeight(final Side side) {
            return weights(side, WeightKind.COST);
        }

        /**
         * Weighs usable edges by latency, then hops; masks the rest.
         */
        long[] latencyWeight(final Side side) {
            return weights(side, WeightKind.LATENCY);
        }

        /**
         * Weighs every link by latency, ignoring security, load and exclusions.
         */
        long[] physicalWeight(final Side side) {
            return weights(side, WeightKind.PHYSICAL);
        }

        /**
         * Weighs every edge by the constraint classes it violates first, then latency: the shortest path under this
         * weight needs the fewest constraints relaxed.
         */
        long[] relaxedWeight(final Side side) {
            return weights(side, WeightKind.RELAXED);
        }

        /**
         * Returns the weights of one kind for a side, by edge id. The links' weights depend only on the query and
         * are computed once, in one pass over primitive arrays; the virtual edges' depend on the side's compute
         * candidates and are rewritten on every call. The array is valid until weights of the same kind are asked
         * for another side.
         */
        private long[] weights(final Side side, final WeightKind kind) {
            long[] result = weights[kind.ordinal()];
            final int links = index.linkCount();
            if (result == null) {
                result = new long[index.edgeCount()];
                for (int link = 0; link < links; link++) {
                    result[link] = weighLink(link, kind);
                }
                weights[kind.ordinal()] = result;
            }
            for (int id = links, count = index.edgeCount(); id < count; id++) {
                result[id] = weighVirtual(index.edge(id), side, kind);
            }
            return result;
        }

        private long weighVirtual(final Edge edge, final Side side, final WeightKind kind) {
            if (!candidate(edge, side, false)) {
                return -1;
            }
            final boolean free = kind == WeightKind.PHYSICAL
                || computeFree(edge.computeSite, edge.sideZ ? demandZ : demandA);
            return free ? 0 : kind == WeightKind.RELAXED ? TopologyIndex.EXCESS_UNIT : -1;
        }

        /**
         * Weighs a link (edge id = link index) from primitive arrays only.
         */
        private long weighLink(final int link, final WeightKind kind) {
            return switch (kind) {
                case COST -> {
                    final int excess = index.linkRank(link) - rank;
                    yield excess >= 0 && usable(link) ? excess * TopologyIndex.EXCESS_UNIT + index.linkLatency(link)
                        : -1;
                }
                case LATENCY -> index.linkRank(link) >= rank && usable(link) ? index.linkLatency(link) : -1;
                case PHYSICAL -> index.linkLatency(link);
                case RELAXED -> violations(link) * TopologyIndex.EXCESS_UNIT + index.linkLatency(link);
            };
        }

        private boolean candidate(final Edge edge, final Side side, final boolean needFree) {
            final BitSet candidates = edge.sideZ ? side.candidatesZ : side.candidatesA;
            return candidates != null && candidates.get(edge.computeSite)
                && (!needFree || computeFree(edge.computeSite, edge.sideZ ? demandZ : demandA));
        }

        boolean computeFree(final int site, final Compute demand) {
            return state.freeCpu[site] >= demand.cpuCores() && state.freeMemory[site] >= demand.memoryGb();
        }

        /**
         * Tells whether a link has the bandwidth and client ports free and is not excluded (security is checked by
         * the caller).
         */
        private boolean usable(final int link) {
            return state.freeBandwidth[link] >= bandwidth && state.freePortCount[link] >= portsNeeded(link)
                && (!excludes || !excludedLinks.get(link) && !excludedSites.get(index.endA(link))
                    && !excludedSites.get(index.endB(link)));
        }

        /**
         * Returns the client ports the connection takes on a link, remembering the last port speed seen (nearly
         * all links share one) to keep a division out of the search loop.
         */
        private long portsNeeded(final int link) {
            final long speed = index.portSpeed(link);
            if (speed != lastPortSpeed) {
                lastPortSpeed = speed;
                lastPortsNeeded = index.portsNeeded(link, bandwidth);
            }
            return lastPortsNeeded;
        }

        /**
         * Counts the constraint classes a link violates: security, exclusion (of the link or an end site),
         * bandwidth, client ports.
         */
        int violations(final int link) {
            int count = 0;
            if (index.linkRank(link) < rank) {
                count++;
            }
            if (excludedLinks.get(link) || excludedSites.get(index.endA(link)) || excludedSites.get(index.endB(link))) {
                count++;
            }
            if (state.freeBandwidth[link] < bandwidth) {
                count++;
            }
            if (state.freePortCount[link] < index.portsNeeded(link, bandwidth)) {
                count++;
            }
            return count;
        }

        boolean accepts(final Dijkstra.Path path) {
            if (request.maxLatencyUs().isPresent() && latencyUs(path) > request.maxLatencyUs().orElseThrow()) {
                return false;
            }
            if (!includedSites.isEmpty()) {
                final var passed = new BitSet();
                path.vertices().stream().filter(index::isSite).forEach(passed::set);
                if (!covers(passed, includedSites)) {
                    return false;
                }
            }
            if (!includedLinks.isEmpty()) {
                final var used = new BitSet();
                path.edges().stream().filter(e -> !e.isVirtual()).forEach(e -> used.set(e.link));
                return covers(used, includedLinks);
            }
            return true;
        }

        private static boolean covers(final BitSet set, final BitSet required) {
            final var missing = (BitSet) required.clone();
            missing.andNot(set);
            return missing.isEmpty();
        }

        /**
         * Returns why no compute candidate of an end has the free compute it needs, or null if every compute end
         * has at least one.
         */
        String computeShortage() {
            final String shortageA = computeShortage(request.aEnd(), candidatesA, demandA);
            return shortageA != null ? shortageA : computeShortage(request.zEnd(), candidatesZ, demandZ);
        }

        private String computeShortage(final Endpoint end, final BitSet candidates, final Compute demand) {
            if (candidates == null || candidates.stream().anyMatch(site -> computeFree(site, demand))) {
                return null;
            }
            final var compute = (ComputeEndpoint) end;
            final String who = compute.role().map(role -> "site with role " + role.yangName()).orElse("site")
                + (compute.candidateSites().isEmpty() ? ""
                    : " among " + String.join(", ", compute.candidateSites()));
            if (candidates.isEmpty()) {
                return "no compute " + who + " is a candidate";
            }
            final String best = candidates.stream().boxed()
                .sorted(Comparator.comparingLong((Integer site) -> -state.freeCpu[site])
                    .thenComparingLong(site -> -state.freeMemory[site]))
                .limit(3)
                .map(site -> index.site(site).id() + " has " + describeCompute(state.freeCompute(site), demand)
                    + " free")
                .collect(Collectors.joining(", "));
            return "no " + who + " has " + describeCompute(demand, demand) + " free (" + best + ")";
        }

        /**
         * Describes why no link between two adjacent sites is usable.
         */
        String describeHop(final int from, final int to) {
            final String siteFrom = index.site(from).id();
            final String siteTo = index.site(to).id();
            for (String site : List.of(siteFrom, siteTo)) {
                if (excludedSites.get(index.siteIndex(site))) {
                    return "site " + site + " is excluded";
                }
            }
            final var parallel = index.graph().getAllEdges(index.vertex(from), index.vertex(to)).stream()
                .map(e -> e.link).sorted()
                .map(index::link).toList();
            final var parts = new ArrayList<String>();
            final var excluded = parallel.stream().filter(l -> excludedLinks.get(index.linkIndex(l.id()))).toList();
            final var candidates = parallel.stream().filter(l -> !excludedLinks.get(index.linkIndex(l.id())))
                .toList();
            final var weak = candidates.stream().filter(l -> l.security().rank() < rank).toList();
            for (Link link : candidates) {
                if (link.security().rank() >= rank) {
                    parts.add(describeCapacity(link));
                }
            }
            if (!weak.isEmpty()) {
                final SecurityLevel strongest = weak.stream().map(Link::security).max(Comparator.naturalOrder())
                    .orElseThrow();
                parts.add((weak.size() == 1 ? "candidate link " : "candidate links ") + listLinks(weak)
                    + (weak.size() == 1 ? " offers " : " offer at most ") + strongest.yangName());
            }
            if (!excluded.isEmpty()) {
                parts.add((excluded.size() == 1 ? "link " : "links ") + listLinks(excluded) + " excluded");
            }
            return String.join("; ", parts);
        }

        private String describeCapacity(final Link link) {
            final int i = index.linkIndex(link.id());
            if (state.freeBandwidth[i] < bandwidth) {
                return "link " + link.id() + " has " + Bandwidth.format(state.freeBandwidth[i]) + " free, needs "
                    + Bandwidth.format(bandwidth);
            }
            final long needed = index.portsNeeded(i, bandwidth);
            final long speed = link.channel().orElseThrow().portSpeedMbps();
            return "link " + link.id() + " has " + state.freePortCount[i] + " free "
                + Bandwidth.formatPortSpeed(speed) + " client ports (needs " + needed + ")";
        }
    }
}
