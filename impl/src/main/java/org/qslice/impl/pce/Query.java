/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.pce;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.jgrapht.Graph;
import org.qslice.api.model.Compute;
import org.qslice.api.model.ComputeEndpoint;
import org.qslice.api.model.ConnectionRequest;
import org.qslice.api.model.Endpoint;
import org.qslice.api.model.SiteEndpoint;
import org.qslice.impl.pce.EdgeWeight.Kind;
import org.qslice.impl.pce.TopologyIndex.Edge;

/**
 * One connection resolved against a {@link TopologyIndex} and one ledger state (null for physical searches): its
 * sites, compute candidates and lists as indexes, what makes a link usable for it, and the weights of its searches
 * ({@link EdgeWeight}). Used by one thread for one {@link PathComputer} call.
 */
final class Query {
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

    private final TopologyIndex index;
    private final boolean excludes;
    /** Per weight kind, the weights by edge id: links weighed once per query, virtual edges again per side. */
    private final long[][] weights = new long[Kind.values().length][];
    private long lastPortSpeed = -1;
    private long lastPortsNeeded;

    /**
     * Resolves a connection; a physical query ignores include and exclude lists.
     *
     * @param index the topology
     * @param request the connection
     * @param state the free resources, null for a physical query
     * @param physical whether the query ignores include and exclude lists
     * @throws IllegalArgumentException if the request names unknown sites or links
     */
    Query(final TopologyIndex index, final ConnectionRequest request, final ResourceLedger.State state,
            final boolean physical) {
        this.index = index;
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

    TopologyIndex index() {
        return index;
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
     * Returns the compute demand at the end a virtual edge leads to.
     */
    Compute demand(final Edge virtual) {
        return virtual.sideZ ? demandZ : demandA;
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
        final long radius = EdgeWeight.radius(request.maxLatencyUs().orElseThrow());
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
                    cost[id] = EdgeWeight.MASKED;
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
        return weights(side, Kind.COST);
    }

    /**
     * Weighs usable edges by latency, then hops; masks the rest.
     */
    long[] latencyWeight(final Side side) {
        return weights(side, Kind.LATENCY);
    }

    /**
     * Weighs every link by latency, ignoring security, load and exclusions.
     */
    long[] physicalWeight(final Side side) {
        return weights(side, Kind.PHYSICAL);
    }

    /**
     * Weighs every edge by the constraint classes it violates first, then latency: the shortest path under this
     * weight needs the fewest constraints relaxed.
     */
    long[] relaxedWeight(final Side side) {
        return weights(side, Kind.RELAXED);
    }

    /**
     * Returns the weights of one kind for a side, by edge id. The links' weights depend only on the query and
     * are computed once, in one pass over primitive arrays; the virtual edges' depend on the side's compute
     * candidates and are rewritten on every call. The array is valid until weights of the same kind are asked
     * for another side.
     */
    private long[] weights(final Side side, final Kind kind) {
        long[] result = weights[kind.ordinal()];
        final int links = index.linkCount();
        if (result == null) {
            result = new long[index.edgeCount()];
            for (int link = 0; link < links; link++) {
                result[link] = EdgeWeight.link(kind, this, link);
            }
            weights[kind.ordinal()] = result;
        }
        for (int id = links, count = index.edgeCount(); id < count; id++) {
            final Edge edge = index.edge(id);
            result[id] = EdgeWeight.virtual(kind, this, edge, edge.sideZ ? side.candidatesZ : side.candidatesA);
        }
        return result;
    }

    boolean computeFree(final int site, final Compute demand) {
        return state.freeCpu[site] >= demand.cpuCores() && state.freeMemory[site] >= demand.memoryGb();
    }

    /**
     * Returns how many ranks a link's security level lies above the connection's minimum, negative if below.
     */
    int excess(final int link) {
        return index.linkRank(link) - rank;
    }

    /**
     * Tells whether a link has the bandwidth and client ports free, its key source can carry it and it is not
     * excluded (security is checked by the caller).
     */
    boolean usable(final int link) {
        return state.freeBandwidth[link] >= bandwidth && state.freePortCount[link] >= portsNeeded(link)
            && keyFree(link)
            && (!excludes || !excludedLinks.get(link) && !excludedSites.get(index.endA(link))
                && !excludedSites.get(index.endB(link)));
    }

    /**
     * Tells whether a link draws no new QKD key demand its source cannot carry: it draws no QKD key, or it is a
     * channel in use already (its key stream is shared), or its source admits one more channel.
     */
    boolean keyFree(final int link) {
        final int source = index.linkSource(link);
        return source < 0 || state.linkHolders[link] > 0
            || index.keyBudget().admits(state.sourceChannels[source] + 1, state.sourceRate[source]);
    }

    /**
     * Returns the first link of a path whose key source cannot carry all the new channels the path draws from it
     * (only a path with two new channels of one source can pass {@link #keyFree} on every link and still not fit),
     * or -1 if the path fits.
     */
    int keyShortLink(final Dijkstra.Path path) {
        int[] added = null;
        for (Edge edge : path.edges()) {
            final int source = edge.isVirtual() ? -1 : index.linkSource(edge.link);
            if (source >= 0 && state.linkHolders[edge.link] == 0) {
                if (added == null) {
                    added = new int[index.sourceCount()];
                }
                if (++added[source] > 1 && !index.keyBudget().admits(state.sourceChannels[source] + added[source],
                        state.sourceRate[source])) {
                    return edge.link;
                }
            }
        }
        return -1;
    }

    /**
     * Returns how many new channels of a link's key source a path draws.
     */
    int newChannels(final Dijkstra.Path path, final int source) {
        int count = 0;
        for (Edge edge : path.edges()) {
            if (!edge.isVirtual() && index.linkSource(edge.link) == source && state.linkHolders[edge.link] == 0) {
                count++;
            }
        }
        return count;
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
     * bandwidth, client ports, key supply.
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
        if (!keyFree(link)) {
            count++;
        }
        return count;
    }

    /**
     * Returns the latency of a path in microseconds, encryptor cards included.
     */
    long latencyUs(final Dijkstra.Path path) {
        long sum = 0;
        for (Edge edge : path.edges()) {
            if (!edge.isVirtual()) {
                sum += index.linkLatencyUs(edge.link);
            }
        }
        return sum;
    }

    /**
     * Returns a path found under another weight (the least-latency fallback) with its weight under
     * {@link #costWeight}, the weight {@link PathComputer#findRoute} compares the sides' paths by; null stays null.
     */
    Dijkstra.Path costed(final Dijkstra.Path path, final Side side) {
        if (path == null) {
            return null;
        }
        final long[] cost = costWeight(side);
        return new Dijkstra.Path(path.vertices(), path.edges(), path.edges().stream().mapToLong(e -> cost[e.id])
            .sum());
    }

    /**
     * Tells whether a usable path meets the latency bound and the include lists, and its key sources carry all the
     * new channels it draws.
     */
    boolean accepts(final Dijkstra.Path path) {
        if (request.maxLatencyUs().isPresent() && latencyUs(path) > request.maxLatencyUs().orElseThrow()) {
            return false;
        }
        if (keyShortLink(path) >= 0) {
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
     * The compute candidates of a search at each end, null for a fixed site.
     */
    record Side(BitSet candidatesA, BitSet candidatesZ) {
    }

    /**
     * The space the k-shortest search runs in: cost weights by edge id with the edges outside masked, and with a
     * latency bound the least latencies from the source and to the sink (null without a bound).
     */
    record Candidates(long[] cost, long[] fromSource, long[] toSink) {
        /**
         * Returns the JGraphT view for Yen's iterator: the graph weighted by the same cost array the array searches
         * use, with the same edges masked and the vertices outside the latency ellipse left out.
         */
        Graph<Integer, Edge> view(final Graph<Integer, Edge> graph) {
            return EdgeWeight.view(graph, cost, fromSource == null ? vertex -> false
                : vertex -> fromSource[vertex] == Long.MAX_VALUE || toSink[vertex] == Long.MAX_VALUE);
        }
    }
}
