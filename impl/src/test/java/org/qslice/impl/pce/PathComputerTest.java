/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.pce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qslice.api.model.Compute;
import org.qslice.api.model.ComputeEndpoint;
import org.qslice.api.model.ComputeReservation;
import org.qslice.api.model.ConnectionRequest;
import org.qslice.api.model.Link;
import org.qslice.api.model.LinkReservation;
import org.qslice.api.model.SecurityLevel;
import org.qslice.api.model.Site;
import org.qslice.api.model.SiteEndpoint;
import org.qslice.api.model.SiteRole;
import org.qslice.api.model.SliceReservation;
import org.qslice.api.model.Topology;

/**
 * Path searches on small hand-made topologies whose right answer is obvious.
 */
class PathComputerTest {
    private static final long G = 1_000;

    private static Topology topology(final Link... links) {
        final var sites = Arrays.stream(links).flatMap(l -> List.of(l.siteA(), l.siteB()).stream()).distinct()
            .map(id -> Site.of(id, SiteRole.METRO, id.startsWith("dc") ? new Compute(16, 64) : null)).toList();
        return Topology.of("t", sites, List.of(links));
    }

    private static Link link(final String siteA, final String siteB, final long latencyUs,
            final SecurityLevel level) {
        return Link.of(siteA + "/" + siteB, siteA, siteB, 10 * G, latencyUs, level);
    }

    private static ConnectionRequest connection(final String siteA, final String siteZ, final SecurityLevel level) {
        return ConnectionRequest.of("c", new SiteEndpoint(siteA), new SiteEndpoint(siteZ), level, G);
    }

    private static List<String> route(final PathComputer computer, final ConnectionRequest request) {
        final ResourceLedger ledger = ResourceLedger.empty(computer.index());
        return computer.findRoute(request, ledger).orElseThrow(
            () -> new AssertionError(computer.explainBlocked(request, ledger))).sites();
    }

    private static String blocked(final PathComputer computer, final ConnectionRequest request) {
        final ResourceLedger ledger = ResourceLedger.empty(computer.index());
        assertEquals(Optional.empty(), computer.findRoute(request, ledger));
        return computer.explainBlocked(request, ledger);
    }

    /** The direct a-b link offers dh-aes; a longer detour a-c-b offers qkd-aes. */
    private static final Topology DETOUR = topology(
        link("a", "b", 1000, SecurityLevel.DH_AES),
        link("a", "c", 1000, SecurityLevel.QKD_AES),
        link("c", "b", 1000, SecurityLevel.QKD_AES));

    @Test
    void securityDrivesADetour() {
        final var computer = new PathComputer(TopologyIndex.of(DETOUR));
        assertEquals(List.of("a", "c", "b"), route(computer, connection("a", "b", SecurityLevel.QKD_AES)));
        assertEquals(List.of("a", "b"), route(computer, connection("a", "b", SecurityLevel.DH_AES)));
        assertEquals(List.of("a", "b"), route(computer, connection("a", "b", SecurityLevel.NONE)));
    }

    @Test
    void latencyBlockGivesTheBestUsableLatency() {
        final var computer = new PathComputer(TopologyIndex.of(DETOUR));
        final var request = connection("a", "b", SecurityLevel.QKD_AES).withMaxLatencyUs(1500);
        assertEquals(OptionalLong.of(1000), computer.physicalMinLatencyUs(request));
        assertEquals("no path a -> b with security >= qkd-aes: best path latency 2000 us exceeds max-latency-us 1500",
            blocked(computer, request));
    }

    /** Three a-b paths: dh over three hops (3000 us), qra over two (1800 us), hybrid direct (1000 us). */
    private static final Topology THREE_PATHS = topology(
        link("a", "d", 1000, SecurityLevel.DH_AES),
        link("d", "e", 1000, SecurityLevel.DH_AES),
        link("e", "b", 1000, SecurityLevel.DH_AES),
        link("a", "f", 900, SecurityLevel.QRA_AES),
        link("f", "b", 900, SecurityLevel.QRA_AES),
        link("a", "b", 1000, SecurityLevel.HYBRID_QKD_QRA_AES));

    @Test
    void latencyBoundTakesTheNextCheapestPathThatFits() {
        final var computer = new PathComputer(TopologyIndex.of(THREE_PATHS));
        final var request = connection("a", "b", SecurityLevel.DH_AES);
        assertEquals(List.of("a", "d", "e", "b"), route(computer, request));
        // The k-shortest iterator yields the qra path (excess 1 + 1) before the hybrid one (excess 3).
        assertEquals(List.of("a", "f", "b"), route(computer, request.withMaxLatencyUs(2000)));
        assertEquals(List.of("a", "b"), route(computer, request.withMaxLatencyUs(1500)));
    }

    @Test
    void kShortestRunsOnlyInsideTheLatencyEllipse() {
        // The dh path (3000 us) cannot meet 2000 us, so its sites are pruned and the first candidate already fits.
        final var computer = new PathComputer(TopologyIndex.of(THREE_PATHS), 1);
        assertEquals(List.of("a", "f", "b"), route(computer, connection("a", "b", SecurityLevel.DH_AES)
            .withMaxLatencyUs(2000)));
    }

    @Test
    void candidateBoundFallsBackToTheFastestUsablePath() {
        // One candidate (the dh path) fails the include list; the fastest usable path passes it and the bound.
        final var computer = new PathComputer(TopologyIndex.of(THREE_PATHS), 1);
        final var request = connection("a", "b", SecurityLevel.DH_AES).withMaxLatencyUs(5000)
            .withInclude(Set.of(), Set.of("a/b"));
        assertEquals(List.of("a", "b"), route(computer, request));
        assertEquals(List.of("a", "b"), route(new PathComputer(TopologyIndex.of(THREE_PATHS)), request));
    }

    @Test
    void includeListsSelectAmongCandidates() {
        final var computer = new PathComputer(TopologyIndex.of(THREE_PATHS));
        final var request = connection("a", "b", SecurityLevel.NONE);
        assertEquals(List.of("a", "f", "b"), route(computer, request.withInclude(Set.of("f"), Set.of())));
        assertEquals(List.of("a", "b"), route(computer, request.withInclude(Set.of(), Set.of("a/b"))));
        assertEquals(List.of("a", "d", "e", "b"), route(computer, request.withInclude(Set.of("e"), Set.of())));
        assertEquals("no path a -> b with security >= qkd-aes: none of the 10 cheapest paths passes include sites f",
            blocked(computer, connection("a", "b", SecurityLevel.QKD_AES).withInclude(Set.of("f"), Set.of())));
    }

    @Test
    void exclusionsAreNamed() {
        final var computer = new PathComputer(TopologyIndex.of(DETOUR));
        // Excluding c leaves the direct link, one violation (security) instead of two (c on both hops).
        assertEquals("no path a -> b with security >= qkd-aes: candidate link a/b offers dh-aes", blocked(computer,
            connection("a", "b", SecurityLevel.QKD_AES).withExclude(Set.of("c"), Set.of())));
        assertEquals("no path a -> b with security >= dh-aes: link a/b excluded", blocked(computer,
            connection("a", "b", SecurityLevel.DH_AES).withExclude(Set.of("c"), Set.of("a/b"))));
        final var chain = new PathComputer(TopologyIndex.of(topology(link("a", "c", 10, SecurityLevel.NONE),
            link("c", "b", 10, SecurityLevel.NONE))));
        assertEquals("no path a -> b with security >= none: site c is excluded", blocked(chain,
            connection("a", "b", SecurityLevel.NONE).withExclude(Set.of("c"), Set.of())));
    }

    @Test
    void bandwidthBlockNamesFreeAndNeeded() {
        final var index = TopologyIndex.of(topology(link("a", "b", 100, SecurityLevel.NONE)));
        final var computer = new PathComputer(index);
        final var ledger = ResourceLedger.empty(index);
        ledger.reserve(SliceReservation.of("s", List.of(new LinkReservation("a/b", 8 * G, List.of())), List.of()));
        final var request = ConnectionRequest.of("c", new SiteEndpoint("a"), new SiteEndpoint("b"),
            SecurityLevel.NONE, 5 * G);
        assertEquals(Optional.empty(), computer.findRoute(request, ledger));
        assertEquals("no path a -> b with security >= none: link a/b has 2.000 Gb/s free, needs 5.000 Gb/s",
            computer.explainBlocked(request, ledger));
    }

    @Test
    void disconnectedSitesAreNamed() {
        final var computer = new PathComputer(TopologyIndex.of(topology(link("a", "b", 100, SecurityLevel.NONE),
            link("c", "d", 100, SecurityLevel.NONE))));
        assertEquals("no links join a and d", blocked(computer, connection("a", "d", SecurityLevel.NONE)));
        assertEquals(OptionalLong.empty(), computer.physicalMinLatencyUs(connection("a", "d", SecurityLevel.NONE)));
    }

    @Test
    void computeGoesToTheCheapestCandidateWithFreeCapacity() {
        final var index = TopologyIndex.of(topology(
            link("a", "dc1", 100, SecurityLevel.QKD_AES),
            link("a", "dc2", 300, SecurityLevel.QKD_AES),
            link("a", "dc3", 50, SecurityLevel.NONE)));
        final var computer = new PathComputer(index);
        final var ledger = ResourceLedger.empty(index);
        final var request = ConnectionRequest.of("c", new SiteEndpoint("a"),
            new ComputeEndpoint(Optional.empty(), Set.of(), 8, 8), SecurityLevel.QRA_AES, G);
        assertEquals("dc1", computer.findRoute(request, ledger).orElseThrow().zSite());

        ledger.reserve(SliceReservation.of("s", List.of(), List.of(
            new ComputeReservation("dc1", 10, 0))));
        assertEquals("dc2", computer.findRoute(request, ledger).orElseThrow().zSite());
        final var plain = ConnectionRequest.of("c", new SiteEndpoint("a"),
            new ComputeEndpoint(Optional.empty(), Set.of(), 8, 8), SecurityLevel.NONE, G);
        assertEquals("dc3", computer.findRoute(plain, ledger).orElseThrow().zSite());
    }

    @Test
    void aLedgerOfAnotherTopologyIsRejected() {
        final var computer = new PathComputer(TopologyIndex.of(DETOUR));
        final var other = ResourceLedger.empty(TopologyIndex.of(DETOUR));
        assertThrows(IllegalArgumentException.class,
            () -> computer.findRoute(connection("a", "b", SecurityLevel.NONE), other));
    }
}
