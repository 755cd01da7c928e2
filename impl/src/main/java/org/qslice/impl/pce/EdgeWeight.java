/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.pce;

import java.util.BitSet;
import java.util.function.Predicate;
import org.jgrapht.Graph;
import org.jgrapht.GraphType;
import org.jgrapht.graph.GraphDelegator;
import org.jgrapht.graph.MaskSubgraph;
import org.qslice.impl.pce.TopologyIndex.Edge;

/**
 * The weight of an edge in every search of the path computation: the one place where the cost order of
 * {@code docs/path-computation.md} is written. A {@link Query} fills one {@code long} per edge id with
 * {@link #link} and {@link #virtual}; Dijkstra's array searches read that array, and Yen's k-shortest iterator
 * reads the same array through {@link #view}, so a path weighs the same whichever engine found it.
 *
 * <p>Weights are exact: one rank of security above the required level (or, in a relaxed search, one violated
 * constraint class) weighs {@link #EXCESS_UNIT}, one microsecond of latency {@link #LATENCY_UNIT}, one hop 1. A
 * negative weight ({@link #MASKED}) masks the edge.
 */
final class EdgeWeight {
    /** Weight of one rank of security above the required level: dominates any latency sum below 2^28 us. */
    static final long EXCESS_UNIT = 1L << 40;
    /** Weight of one microsecond of latency: dominates any hop count below 4096. */
    static final long LATENCY_UNIT = 1L << 12;
    /** The weight of an edge a search must not use. */
    static final long MASKED = -1;

    /**
     * What a search minimises.
     */
    enum Kind {
        /** Usable links by security excess, then latency, then hops; unusable ones masked. */
        COST,
        /** Usable links by latency, then hops; unusable ones masked. */
        LATENCY,
        /** Every link by latency, then hops, ignoring security, free resources and exclusions. */
        PHYSICAL,
        /** Every link by the constraint classes it violates, then latency, then hops. */
        RELAXED
    }

    private EdgeWeight() {
        // utility class
    }

    /**
     * Weighs a link (edge id = link index) for a query.
     *
     * @param kind what the search minimises
     * @param query the connection and the free resources
     * @param link the link index
     * @return the weight, {@link #MASKED} if the search must not use the link
     */
    static long link(final Kind kind, final Query query, final int link) {
        final long latency = latency(query.index().linkLatencyUs(link));
        return switch (kind) {
            case COST -> {
                final int excess = query.excess(link);
                yield excess >= 0 && query.usable(link) ? excess * EXCESS_UNIT + latency : MASKED;
            }
            case LATENCY -> query.excess(link) >= 0 && query.usable(link) ? latency : MASKED;
            case PHYSICAL -> latency;
            case RELAXED -> query.violations(link) * EXCESS_UNIT + latency;
        };
    }

    /**
     * Weighs a virtual edge joining a compute site to a virtual compute vertex.
     *
     * @param kind what the search minimises
     * @param query the connection and the free resources
     * @param edge the virtual edge
     * @param candidates the compute sites the search may place the edge's end on
     * @return 0 for a candidate with the compute free (any candidate in a physical search), one violation for a
     *     candidate without it in a relaxed search, else {@link #MASKED}
     */
    static long virtual(final Kind kind, final Query query, final Edge edge, final BitSet candidates) {
        if (candidates == null || !candidates.get(edge.computeSite)) {
            return MASKED;
        }
        if (kind == Kind.PHYSICAL || query.computeFree(edge.computeSite, query.demand(edge))) {
            return 0;
        }
        return kind == Kind.RELAXED ? EXCESS_UNIT : MASKED;
    }

    /**
     * Returns the latency part of a link's weight: latency in microseconds times {@link #LATENCY_UNIT}, plus one
     * for the hop.
     *
     * @param latencyUs the link's effective latency
     * @return the weight
     */
    static long latency(final long latencyUs) {
        return latencyUs * LATENCY_UNIT + 1;
    }

    /**
     * Returns the largest latency weight a path within a latency bound can have (fewer than 4096 hops).
     *
     * @param boundUs the bound, microseconds
     * @return the radius for the latency searches
     */
    static long radius(final long boundUs) {
        return boundUs * LATENCY_UNIT + LATENCY_UNIT - 1;
    }

    /**
     * Returns a JGraphT view of a graph weighted by an array of weights by edge id, with the masked edges and the
     * given vertices left out: the graph Yen's iterator searches. No copying, no boxing.
     *
     * @param graph the graph
     * @param weights the weights by edge id, as filled by {@link #link} and {@link #virtual}
     * @param hiddenVertices the vertices to leave out
     * @return the view
     */
    static Graph<Integer, Edge> view(final Graph<Integer, Edge> graph, final long[] weights,
            final Predicate<Integer> hiddenVertices) {
        return new MaskSubgraph<>(new ArrayWeighted(graph, weights), hiddenVertices, edge -> weights[edge.id] < 0);
    }

    /**
     * A read-only view of a graph weighted by an array indexed by edge id.
     */
    private static final class ArrayWeighted extends GraphDelegator<Integer, Edge> {
        private static final long serialVersionUID = 1L;

        private final long[] weights;

        ArrayWeighted(final Graph<Integer, Edge> graph, final long[] weights) {
            super(graph);
            this.weights = weights;
        }

        @Override
        public double getEdgeWeight(final Edge edge) {
            return weights[edge.id];
        }

        @Override
        public GraphType getType() {
            return super.getType().asWeighted();
        }
    }
}
