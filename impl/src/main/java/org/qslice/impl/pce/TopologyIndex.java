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
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.Multigraph;
import org.qslice.api.model.ComputeEndpoint;
import org.qslice.api.model.DwdmChannel;
import org.qslice.api.model.Link;
import org.qslice.api.model.Site;
import org.qslice.api.model.SiteRole;
import org.qslice.api.model.Topology;

/**
 * A topology compiled for path computation and resource accounting: dense indexes of sites (sorted by id) and links
 * (sorted by id), a compressed adjacency array for the single-path searches and the same edges as a JGraphT
 * multigraph for the k-shortest-paths iterator. Built once per topology version; immutable and safe to share
 * between threads.
 *
 * <p>The graph is undirected (links are bidirectional) and keeps parallel links. Vertices are the site indexes plus
 * two virtual vertices, {@code computeA} and {@code computeZ}, joined by virtual edges to every site hosting
 * compute: a search from a site to {@code computeZ} ranks all compute sites at once. The index holds no weights:
 * every search weighs the edges with {@link EdgeWeight} for its own connection and free resources.
 *
 * <p>The QKD key sources are indexed too (sorted by id): every link whose key exchange uses QKD names one
 * ({@link Link#keySource()}), its secret key rate is the one its links give (none: not limited), and the links that
 * draw QKD key ({@link Link#drawsQkdKey()}) draw from it under the index's {@link KeyBudget}.
 */
public final class TopologyIndex {
    private final Topology topology;
    private final KeyBudget keyBudget;
    private final Link[] links;
    private final Site[] sites;
    private final Map<String, Integer> linkIndex;
    private final Map<String, Integer> siteIndex;
    private final int[] portWordOffset;
    private final long[] portSpeed;
    /** Per link, the rank of its security level (primitive copies of the link data for the search loop). */
    private final int[] linkRank;
    /** Per link, its effective latency in microseconds (encryptor cards included). */
    private final long[] linkLatencyUs;
    private final long maxLinkBandwidth;
    private final Integer[] vertices;
    private final Multigraph<Integer, Edge> graph;
    private final Edge[] edges;
    private final BitSet computeSites = new BitSet();
    private final List<BitSet> computeSitesByRole;
    private final int[] adjacencyStart;
    private final int[] adjacency;
    private final int[] adjacentVertex;
    private final int[] edgeEndA;
    private final int[] edgeEndB;
    /** Per link, the index of the key source it draws QKD key from, -1 if it draws none. */
    private final int[] linkSource;
    private final String[] sourceIds;
    private final Map<String, Integer> sourceIndex;
    /** Per key source, the secret key rate the topology gives, NaN if none. */
    private final double[] sourceRate;
    /** Per key source, the indexes of the links drawing from it, ascending. */
    private final int[][] sourceLinks;

    private TopologyIndex(final Topology topology, final KeyBudget keyBudget) {
        this.topology = requireNonNull(topology);
        this.keyBudget = requireNonNull(keyBudget);
        links = topology.links().values().toArray(Link[]::new);
        sites = topology.sites().values().toArray(Site[]::new);
        linkIndex = new HashMap<>(links.length * 2);
        for (int i = 0; i < links.length; i++) {
            linkIndex.put(links[i].id(), i);
        }
        siteIndex = new HashMap<>(sites.length * 2);
        for (int i = 0; i < sites.length; i++) {
            siteIndex.put(sites[i].id(), i);
        }
        portWordOffset = new int[links.length + 1];
        portSpeed = new long[links.length];
        long maxBandwidth = 0;
        for (int i = 0; i < links.length; i++) {
            final Link link = links[i];
            final int ports = link.channel().map(DwdmChannel::clientPorts).orElse(0);
            portWordOffset[i + 1] = portWordOffset[i] + (ports + 63) / 64;
            portSpeed[i] = link.channel().map(DwdmChannel::portSpeedMbps).orElse(0L);
            maxBandwidth = Math.max(maxBandwidth, ports == 0 ? link.capacityMbps()
                : Math.min(link.capacityMbps(), ports * portSpeed[i]));
        }
        maxLinkBandwidth = maxBandwidth;

        graph = new Multigraph<>(null, null, false);
        vertices = new Integer[sites.length + 2];
        for (int i = 0; i < vertices.length; i++) {
            vertices[i] = i;
            graph.addVertex(vertices[i]);
        }
        final var edgeList = new ArrayList<Edge>();
        for (int i = 0; i < links.length; i++) {
            final Link link = links[i];
            addEdge(edgeList, new Edge(edgeList.size(), siteIndex.get(link.siteA()), siteIndex.get(link.siteB()), i,
                -1, false));
        }
        final var byRole = new ArrayList<BitSet>();
        for (int role = 0; role < SiteRole.values().length; role++) {
            byRole.add(new BitSet());
        }
        for (int i = 0; i < sites.length; i++) {
            if (sites[i].compute().isPresent()) {
                computeSites.set(i);
                byRole.get(sites[i].role().ordinal()).set(i);
                addEdge(edgeList, new Edge(edgeList.size(), computeA(), i, -1, i, false));
                addEdge(edgeList, new Edge(edgeList.size(), i, computeZ(), -1, i, true));
            }
        }
        computeSitesByRole = List.copyOf(byRole);
        edges = edgeList.toArray(Edge[]::new);
        // Compressed adjacency for the array-based searches, edges in id order (links sorted by id first).
        adjacencyStart = new int[vertices.length + 1];
        for (Edge edge : edges) {
            adjacencyStart[edge.endA + 1]++;
            adjacencyStart[edge.endB + 1]++;
        }
        for (int v = 0; v < vertices.length; v++) {
            adjacencyStart[v + 1] += adjacencyStart[v];
        }
        adjacency = new int[adjacencyStart[vertices.length]];
        adjacentVertex = new int[adjacency.length];
        // primitive copies of the edge data for the search loops (edge id = link index for links)
        edgeEndA = new int[edges.length];
        edgeEndB = new int[edges.length];
        linkRank = new int[links.length];
        linkLatencyUs = new long[links.length];
        for (Edge edge : edges) {
            edgeEndA[edge.id] = edge.endA;
            edgeEndB[edge.id] = edge.endB;
            if (!edge.isVirtual()) {
                linkRank[edge.link] = links[edge.link].security().rank();
                linkLatencyUs[edge.link] = links[edge.link].effectiveLatencyUs();
            }
        }
        final int[] fill = Arrays.copyOf(adjacencyStart, vertices.length);
        for (Edge edge : edges) {
            adjacentVertex[fill[edge.endA]] = edge.endB;
            adjacency[fill[edge.endA]++] = edge.id;
            adjacentVertex[fill[edge.endB]] = edge.endA;
            adjacency[fill[edge.endB]++] = edge.id;
        }

        final var rates = new TreeMap<String, Double>();
        for (Link link : links) {
            if (link.keyExchange().usesQkd()) {
                rates.merge(link.keySource(), link.secretKeyRateBps().orElse(Double.NaN),
                    (one, other) -> one.isNaN() ? other : one);
            }
        }
        sourceIds = rates.keySet().toArray(String[]::new);
        sourceIndex = new HashMap<>(sourceIds.length * 2);
        sourceRate = new double[sourceIds.length];
        for (int i = 0; i < sourceIds.length; i++) {
            sourceIndex.put(sourceIds[i], i);
            sourceRate[i] = rates.get(sourceIds[i]);
        }
        linkSource = new int[links.length];
        final int[] linksPerSource = new int[sourceIds.length];
        for (int i = 0; i < links.length; i++) {
            linkSource[i] = links[i].drawsQkdKey() ? sourceIndex.get(links[i].keySource()) : -1;
            if (linkSource[i] >= 0) {
                linksPerSource[linkSource[i]]++;
            }
        }
        sourceLinks = new int[sourceIds.length][];
        for (int source = 0; source < sourceIds.length; source++) {
            sourceLinks[source] = new int[linksPerSource[source]];
            linksPerSource[source] = 0;
        }
        for (int i = 0; i < links.length; i++) {
            if (linkSource[i] >= 0) {
                sourceLinks[linkSource[i]][linksPerSource[linkSource[i]]++] = i;
            }
        }
    }

    private void addEdge(final List<Edge> edgeList, final Edge edge) {
        edgeList.add(edge);
        graph.addEdge(vertices[edge.endA], vertices[edge.endB], edge);
    }

    /**
     * Compiles a topology.
     *
     * @param topology the topology
     * @return the index
     */
    public static TopologyIndex of(final Topology topology) {
        return of(topology, KeyBudget.DEFAULT);
    }

    /**
     * Compiles a topology with the QKD key budget to account its key sources with.
     *
     * @param topology the topology
     * @param keyBudget the key demand per channel and the headroom
     * @return the index
     */
    public static TopologyIndex of(final Topology topology, final KeyBudget keyBudget) {
        return new TopologyIndex(topology, keyBudget);
    }

    /**
     * Returns the QKD key budget the index was compiled with.
     *
     * @return the budget
     */
    public KeyBudget keyBudget() {
        return keyBudget;
    }

    /**
     * Returns the topology this index was built from.
     *
     * @return the topology
     */
    public Topology topology() {
        return topology;
    }

    int linkCount() {
        return links.length;
    }

    int siteCount() {
        return sites.length;
    }

    Link link(final int index) {
        return links[index];
    }

    Site site(final int index) {
        return sites[index];
    }

    /**
     * Returns the index of a link, or -1 if the topology has no such link.
     */
    int linkIndex(final String linkId) {
        return linkIndex.getOrDefault(linkId, -1);
    }

    /**
     * Returns the index of a site, or -1 if the topology has no such site.
     */
    int siteIndex(final String siteId) {
        return siteIndex.getOrDefault(siteId, -1);
    }

    /**
     * Returns the key source a link draws QKD key from, -1 if it draws none.
     */
    int linkSource(final int link) {
        return linkSource[link];
    }

    int sourceCount() {
        return sourceIds.length;
    }

    String sourceId(final int source) {
        return sourceIds[source];
    }

    /**
     * Returns the index of a key source, or -1 if no link names it.
     */
    int sourceIndex(final String sourceId) {
        return sourceIndex.getOrDefault(sourceId, -1);
    }

    /**
     * Returns the secret key rate the topology gives a key source, NaN if none.
     */
    double sourceRate(final int source) {
        return sourceRate[source];
    }

    /**
     * Returns the links drawing QKD key from a source, ascending; not to be changed.
     */
    int[] sourceLinks(final int source) {
        return sourceLinks[source];
    }

    /**
     * Describes a link for a key supply message: {@code link <id>}, with its source if that is not the link itself.
     */
    String describeKeyLink(final int link) {
        final String id = links[link].id();
        final String source = sourceIds[linkSource[link]];
        return "link " + id + (source.equals(id) ? "" : " (qkd-link " + source + ")");
    }

    int portWordOffset(final int link) {
        return portWordOffset[link];
    }

    /**
     * Returns the client-port speed of a link in Mb/s, 0 if it has no channel.
     */
    long portSpeed(final int link) {
        return portSpeed[link];
    }

    /**
     * Returns the rank of a link's security level.
     */
    int linkRank(final int link) {
        return linkRank[link];
    }

    /**
     * Returns a link's effective latency in microseconds, encryptor cards included.
     */
    long linkLatencyUs(final int link) {
        return linkLatencyUs[link];
    }

    /**
     * Returns how many client ports a connection of {@code bandwidthMbps} takes on a link, 0 if it has no channel.
     */
    long portsNeeded(final int link, final long bandwidthMbps) {
        final long speed = portSpeed[link];
        return speed == 0 ? 0 : (bandwidthMbps + speed - 1) / speed;
    }

    /**
     * Returns the largest bandwidth any single link can carry (capacity, and client ports where it has a channel).
     */
    long maxLinkBandwidth() {
        return maxLinkBandwidth;
    }

    /**
     * Returns the sites a compute end may be placed on, ignoring free capacity: sites hosting compute, of the
     * end's role and among its candidate sites if given, not excluded and not {@code otherSite} (the other end's
     * fixed site, or -1). Unknown candidate ids are skipped; the request validator reports them.
     */
    BitSet computeCandidates(final ComputeEndpoint end, final int otherSite, final BitSet excludedSites) {
        final var result = (BitSet) end.role().map(role -> computeSitesByRole.get(role.ordinal()))
            .orElse(computeSites).clone();
        if (!end.candidateSites().isEmpty()) {
            final var listed = new BitSet();
            end.candidateSites().stream().mapToInt(this::siteIndex).filter(i -> i >= 0).forEach(listed::set);
            result.and(listed);
        }
        if (otherSite >= 0) {
            result.clear(otherSite);
        }
        result.andNot(excludedSites);
        return result;
    }

    int portWordCount() {
        return portWordOffset[links.length];
    }

    Integer vertex(final int vertex) {
        return vertices[vertex];
    }

    int vertexCount() {
        return vertices.length;
    }

    int computeA() {
        return sites.length;
    }

    int computeZ() {
        return sites.length + 1;
    }

    boolean isSite(final int vertex) {
        return vertex < sites.length;
    }

    Edge edge(final int id) {
        return edges[id];
    }

    int adjacencyStart(final int vertex) {
        return adjacencyStart[vertex];
    }

    int adjacentEdge(final int position) {
        return adjacency[position];
    }

    /**
     * Returns the vertex at the far end of the edge at an adjacency position.
     */
    int adjacentVertex(final int position) {
        return adjacentVertex[position];
    }

    /**
     * Returns the vertex at one end of an edge (as {@link Edge#endA}).
     */
    int endA(final int edge) {
        return edgeEndA[edge];
    }

    /**
     * Returns the vertex at the other end of an edge (as {@link Edge#endB}).
     */
    int endB(final int edge) {
        return edgeEndB[edge];
    }

    /**
     * Returns the number of edges: the links (edge id = link index) followed by the virtual edges.
     */
    int edgeCount() {
        return edges.length;
    }

    Graph<Integer, Edge> graph() {
        return graph;
    }

    /**
     * An edge of the search graph: a link, or a virtual edge joining a compute site to a virtual compute vertex.
     * Identity equality; source and target are kept in the edge itself (JGraphT's intrusive edge).
     */
    static final class Edge extends DefaultEdge {
        private static final long serialVersionUID = 1L;

        /** Position in the index's edge list. */
        final int id;
        /** Vertex at one end (the link's site A, or the virtual vertex computeA). */
        final int endA;
        /** Vertex at the other end (the link's site B, or the virtual vertex computeZ). */
        final int endB;
        /** Index of the link, -1 for a virtual edge. */
        final int link;
        /** Index of the compute site of a virtual edge, -1 for a link. */
        final int computeSite;
        /** Whether a virtual edge joins {@code computeZ} (else {@code computeA}). */
        final boolean sideZ;

        Edge(final int id, final int endA, final int endB, final int link, final int computeSite,
                final boolean sideZ) {
            this.id = id;
            this.endA = endA;
            this.endB = endB;
            this.link = link;
            this.computeSite = computeSite;
            this.sideZ = sideZ;
        }

        boolean isVirtual() {
            return link < 0;
        }

        int other(final int vertex) {
            return vertex == endA ? endB : endA;
        }

        @Override
        public String toString() {
            return isVirtual() ? "compute@" + computeSite : "link#" + link;
        }
    }
}
