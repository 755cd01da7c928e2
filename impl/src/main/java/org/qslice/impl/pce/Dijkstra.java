/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.pce;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.qslice.impl.pce.TopologyIndex.Edge;

/**
 * Dijkstra's algorithm on the compressed adjacency of a {@link TopologyIndex}, with exact {@code long} weights and
 * primitive arrays. Used for every single shortest-path search (it is several times faster than running JGraphT's
 * Dijkstra through masked views at 10,000 sites); JGraphT's Yen iterator takes over when further candidates are
 * needed. The weights of one search come as an array indexed by edge id, negative for masked edges, and the
 * adjacency as primitive arrays, so the relaxation loop does no pointer chasing: at 10,000 sites the edge objects and
 * their per-link data do not fit the CPU caches, and a search that read them cost about three times as much. Each
 * search allocates its own arrays, so concurrent searches are safe.
 */
final class Dijkstra {
    /**
     * A path found: vertices from source to sink, the edges between them, and the summed weight.
     */
    record Path(List<Integer> vertices, List<Edge> edges, long weight) {
    }

    private Dijkstra() {
        // utility class
    }

    /**
     * Finds the least-weight path; among equal weights the one settled first, vertices and edges being scanned in
     * index order, so the result is reproducible.
     *
     * @param index the graph
     * @param source source vertex
     * @param sink sink vertex
     * @param weight edge weights by edge id, negative for masked edges
     * @param radius no path heavier than this is returned
     * @return the path, or null if the sink is not reachable within the radius
     */
    static Path shortest(final TopologyIndex index, final int source, final int sink, final long[] weight,
            final long radius) {
        final int count = index.vertexCount();
        final long[] dist = new long[count];
        final int[] via = new int[count];
        final boolean[] settled = new boolean[count];
        run(index, source, sink, weight, radius, dist, via, settled);
        if (!settled[sink]) {
            return null;
        }
        final var vertices = new ArrayList<Integer>();
        final var edges = new ArrayList<Edge>();
        for (int vertex = sink; vertex != source; ) {
            vertices.add(vertex);
            final Edge edge = index.edge(via[vertex]);
            edges.add(edge);
            vertex = edge.other(vertex);
        }
        vertices.add(source);
        Collections.reverse(vertices);
        Collections.reverse(edges);
        return new Path(vertices, edges, dist[sink]);
    }

    /**
     * Returns the least weight from a source to every vertex within a radius.
     *
     * @param index the graph
     * @param source source vertex
     * @param weight edge weights by edge id, negative for masked edges
     * @param radius vertices farther than this are left out
     * @return the distance per vertex, {@link Long#MAX_VALUE} where farther than the radius or unreachable
     */
    static long[] distances(final TopologyIndex index, final int source, final long[] weight, final long radius) {
        final int count = index.vertexCount();
        final long[] dist = new long[count];
        final boolean[] settled = new boolean[count];
        run(index, source, -1, weight, radius, dist, new int[count], settled);
        for (int i = 0; i < count; i++) {
            if (!settled[i]) {
                dist[i] = Long.MAX_VALUE;
            }
        }
        return dist;
    }

    private static void run(final TopologyIndex index, final int source, final int sink, final long[] weight,
            final long radius, final long[] dist, final int[] via, final boolean[] settled) {
        Arrays.fill(dist, Long.MAX_VALUE);
        final var heap = new Heap(1024);
        dist[source] = 0;
        heap.push(0, source);
        while (!heap.isEmpty()) {
            final long distance = heap.topKey();
            final int vertex = heap.pop();
            if (settled[vertex]) {
                continue;
            }
            if (distance > radius) {
                break;
            }
            settled[vertex] = true;
            if (vertex == sink) {
                break;
            }
            for (int i = index.adjacencyStart(vertex), end = index.adjacencyStart(vertex + 1); i < end; i++) {
                final int next = index.adjacentVertex(i);
                if (settled[next]) {
                    continue;
                }
                final int edge = index.adjacentEdge(i);
                final long cost = weight[edge];
                if (cost >= 0 && distance + cost < dist[next]) {
                    dist[next] = distance + cost;
                    via[next] = edge;
                    heap.push(dist[next], next);
                }
            }
        }
    }

    /**
     * A binary min-heap of (key, vertex) pairs, ordered by key then vertex; stale entries are skipped by the caller.
     */
    private static final class Heap {
        private long[] keys;
        private int[] values;
        private int size;

        Heap(final int capacity) {
            keys = new long[capacity];
            values = new int[capacity];
        }

        boolean isEmpty() {
            return size == 0;
        }

        long topKey() {
            return keys[0];
        }

        void push(final long key, final int value) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            int pos = size++;
            while (pos > 0) {
                final int parent = (pos - 1) / 2;
                if (!less(key, value, keys[parent], values[parent])) {
                    break;
                }
                keys[pos] = keys[parent];
                values[pos] = values[parent];
                pos = parent;
            }
            keys[pos] = key;
            values[pos] = value;
        }

        int pop() {
            final int top = values[0];
            final long key = keys[--size];
            final int value = values[size];
            int pos = 0;
            while (true) {
                int child = 2 * pos + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && less(keys[child + 1], values[child + 1], keys[child], values[child])) {
                    child++;
                }
                if (!less(keys[child], values[child], key, value)) {
                    break;
                }
                keys[pos] = keys[child];
                values[pos] = values[child];
                pos = child;
            }
            keys[pos] = key;
            values[pos] = value;
            return top;
        }

        private static boolean less(final long key, final int value, final long otherKey, final int otherValue) {
            return key < otherKey || key == otherKey && value < otherValue;
        }
    }
}
