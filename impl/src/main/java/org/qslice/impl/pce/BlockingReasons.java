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
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.qslice.api.model.Bandwidth;
import org.qslice.api.model.Compute;
import org.qslice.api.model.ComputeEndpoint;
import org.qslice.api.model.ConnectionRequest;
import org.qslice.api.model.Endpoint;
import org.qslice.api.model.Link;
import org.qslice.api.model.SecurityLevel;
import org.qslice.impl.pce.Query.Side;
import org.qslice.impl.pce.TopologyIndex.Edge;

/**
 * The human-readable reasons why a connection finds no path, naming the blocking links or sites and the resource
 * (see "Blocking reasons" in {@code docs/path-computation.md}). It searches again with constraints relaxed, so it is
 * slower than the search itself; {@link PathComputer#explainBlocked} calls it only when no route was found.
 * Stateless and thread-safe.
 */
final class BlockingReasons {
    private static final int MAX_LISTED = 6;

    private final TopologyIndex index;
    private final int maxCandidates;

    /**
     * Creates the reasons of a path computer.
     *
     * @param index the topology
     * @param maxCandidates how many k-shortest candidates the path computer examines
     */
    BlockingReasons(final TopologyIndex index, final int maxCandidates) {
        this.index = index;
        this.maxCandidates = maxCandidates;
    }

    /**
     * Explains why a connection has no route.
     *
     * @param query the connection against the free resources
     * @return the reason, without the connection name
     */
    String explain(final Query query) {
        final ConnectionRequest request = query.request;
        final String shortage = computeShortage(query);
        if (shortage != null) {
            return shortage;
        }
        final String what = "no path " + request.aEnd().describe() + " -> " + request.zEnd().describe()
            + " with security >= " + request.minSecurity().yangName();

        // Is there a usable path at all, ignoring latency and include lists?
        long bestLatency = Long.MAX_VALUE;
        Dijkstra.Path best = null;
        for (Side side : query.sides()) {
            final var fastest = Dijkstra.shortest(index, query.source(side), query.sink(side),
                query.latencyWeight(side), Long.MAX_VALUE);
            if (fastest != null && query.latencyUs(fastest) < bestLatency) {
                bestLatency = query.latencyUs(fastest);
                best = fastest;
            }
        }
        if (best != null) {
            final long bound = request.maxLatencyUs().orElse(Long.MAX_VALUE);
            if (bestLatency > bound) {
                return what + ": best path latency " + bestLatency + " us exceeds max-latency-us " + bound;
            }
            final int keyShort = query.keyShortLink(best);
            if (keyShort >= 0) {
                return what + ": " + keyRefusal(query, keyShort, query.newChannels(best,
                    index.linkSource(keyShort)));
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
                final Compute demand = query.demand(edge);
                if (!query.computeFree(edge.computeSite, demand)) {
                    problems.add("compute site " + index.site(edge.computeSite).id() + " has "
                        + describeCompute(query.state.freeCompute(edge.computeSite), demand) + " free, needs "
                        + describeCompute(demand, demand));
                }
            } else if (query.violations(edge.link) > 0) {
                problems.add(describeHop(query, edge.endA, edge.endB));
            }
        }
        return what + ": " + (problems.isEmpty() ? "no usable path found" : String.join("; ", problems));
    }

    /**
     * Returns why no compute candidate of an end has the free compute it needs, or null if every compute end
     * has at least one.
     */
    private String computeShortage(final Query query) {
        final String shortageA = computeShortage(query, query.request.aEnd(), query.candidatesA, query.demandA);
        return shortageA != null ? shortageA
            : computeShortage(query, query.request.zEnd(), query.candidatesZ, query.demandZ);
    }

    private String computeShortage(final Query query, final Endpoint end, final BitSet candidates,
            final Compute demand) {
        if (candidates == null || candidates.stream().anyMatch(site -> query.computeFree(site, demand))) {
            return null;
        }
        final var compute = (ComputeEndpoint) end;
        final String who = compute.role().map(role -> "site with role " + role.yangName()).orElse("site")
            + (compute.candidateSites().isEmpty() ? ""
                : " among " + String.join(", ", compute.candidateSites()));
        if (candidates.isEmpty()) {
            return "no compute " + who + " is a candidate";
        }
        final var state = query.state;
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
    private String describeHop(final Query query, final int from, final int to) {
        final String siteFrom = index.site(from).id();
        final String siteTo = index.site(to).id();
        for (String site : List.of(siteFrom, siteTo)) {
            if (query.excludedSites.get(index.siteIndex(site))) {
                return "site " + site + " is excluded";
            }
        }
        final var parallel = index.graph().getAllEdges(index.vertex(from), index.vertex(to)).stream()
            .map(e -> e.link).sorted()
            .map(index::link).toList();
        final var parts = new ArrayList<String>();
        final var excluded = parallel.stream().filter(l -> query.excludedLinks.get(index.linkIndex(l.id())))
            .toList();
        final var candidates = parallel.stream().filter(l -> !query.excludedLinks.get(index.linkIndex(l.id())))
            .toList();
        final var weak = candidates.stream().filter(l -> l.security().rank() < query.rank).toList();
        for (Link link : candidates) {
            if (link.security().rank() >= query.rank) {
                parts.add(describeCapacity(query, link));
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

    private String describeCapacity(final Query query, final Link link) {
        final int i = index.linkIndex(link.id());
        final var state = query.state;
        if (state.freeBandwidth[i] < query.bandwidth) {
            return "link " + link.id() + " has " + Bandwidth.format(state.freeBandwidth[i]) + " free, needs "
                + Bandwidth.format(query.bandwidth);
        }
        final long needed = index.portsNeeded(i, query.bandwidth);
        if (state.freePortCount[i] >= needed && !query.keyFree(i)) {
            return keyRefusal(query, i, 1);
        }
        final long speed = link.channel().orElseThrow().portSpeedMbps();
        return "link " + link.id() + " has " + state.freePortCount[i] + " free "
            + Bandwidth.formatPortSpeed(speed) + " client ports (needs " + needed + ")";
    }

    /**
     * Describes why a link's key source cannot carry the new channels a path would add to it.
     */
    private String keyRefusal(final Query query, final int link, final int added) {
        final int source = index.linkSource(link);
        return index.keyBudget().refusal(index.describeKeyLink(link), query.state.sourceChannels[source], added,
            query.state.sourceRate[source]);
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
}
