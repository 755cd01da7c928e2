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
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qslice.impl.pce.PaperTestbed.G10;
import static org.qslice.impl.pce.PaperTestbed.linkId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.qslice.api.model.AccessVlan;
import org.qslice.api.model.Compute;
import org.qslice.api.model.ComputeReservation;
import org.qslice.api.model.DwdmChannel;
import org.qslice.api.model.Link;
import org.qslice.api.model.LinkReservation;
import org.qslice.api.model.SliceReservation;
import org.qslice.api.model.Topology;

class ResourceLedgerTest {
    private static final String CH3 = linkId("agg-1", "metro-1", 3);
    private static final String CH4 = linkId("agg-1", "metro-1", 4);

    private final TopologyIndex index = TopologyIndex.of(PaperTestbed.topology());
    private final ResourceLedger ledger = ResourceLedger.empty(index);

    private static SliceReservation slice(final String id, final LinkReservation... links) {
        return SliceReservation.of(id, List.of(links), List.of());
    }

    private static LinkReservation onLink(final String link, final long mbps, final Integer... ports) {
        return new LinkReservation(link, mbps, List.of(ports));
    }

    @Test
    void reserveThenReleaseGivesEverythingBack() {
        final var res = SliceReservation.of("s1", List.of(onLink(CH3, 15_000, 1, 2)),
            List.of(new ComputeReservation("metro-1", 10, 20)));
        ledger.reserve(res);
        assertEquals(85_000, ledger.freeBandwidthMbps(CH3));
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9, 10), ledger.freeClientPorts(CH3));
        assertEquals(Optional.of(new Compute(54, 236)), ledger.freeCompute("metro-1"));
        assertEquals(Optional.of(res), ledger.reservation("s1"));

        assertEquals(res, ledger.release("s1"));
        assertEquals(100_000, ledger.freeBandwidthMbps(CH3));
        assertEquals(10, ledger.freeClientPorts(CH3).size());
        assertEquals(Optional.of(new Compute(64, 256)), ledger.freeCompute("metro-1"));
        assertTrue(ledger.reservations().isEmpty());
        assertEquals(Optional.empty(), ledger.freeCompute("cell-1"));
    }

    @Test
    void aReservationThatDoesNotFitChangesNothing() {
        ledger.reserve(slice("s1", onLink(CH3, 95_000, 1, 2, 3, 4, 5, 6, 7, 8, 9)));
        final var tooMuch = slice("s2", onLink(CH4, G10, 1), onLink(CH3, 10_000, 10));
        final var ex = assertThrows(IllegalStateException.class, () -> ledger.reserve(tooMuch));
        assertEquals("cannot reserve slice s2: link agg-1/metro-1#ch3 has 5.000 Gb/s free, needs 10.000 Gb/s",
            ex.getMessage());
        // All or nothing: ch4 (checked first) was not taken either.
        assertEquals(100_000, ledger.freeBandwidthMbps(CH4));
        assertEquals(Optional.empty(), ledger.reservation("s2"));

        final var ex2 = assertThrows(IllegalStateException.class,
            () -> ledger.reserve(slice("s3", onLink(CH3, 1_000, 9))));
        assertEquals("cannot reserve slice s3: client port 9 of link agg-1/metro-1#ch3 is not free", ex2.getMessage());
        final var ex3 = assertThrows(IllegalStateException.class, () -> ledger.reserve(SliceReservation.of("s4",
            List.of(), List.of(new ComputeReservation("metro-1", 65, 1)))));
        assertEquals("cannot reserve slice s4: site metro-1 has 64 free cpu cores, needs 65", ex3.getMessage());
        assertThrows(IllegalStateException.class, () -> ledger.reserve(SliceReservation.of("s5",
            List.of(), List.of(new ComputeReservation("cell-1", 1, 1)))));
        assertThrows(IllegalStateException.class, () -> ledger.reserve(slice("s6", onLink("nowhere", 1))));
        assertThrows(IllegalStateException.class, () -> ledger.reserve(slice("s7", onLink(CH4, 1))));
        assertThrows(IllegalStateException.class, () -> ledger.reserve(slice("s8", onLink(CH4, 1, 11))));
        assertEquals(5_000, ledger.freeBandwidthMbps(CH3));
        assertEquals(List.of(10), ledger.freeClientPorts(CH3));
    }

    @Test
    void accessVlansAreHeldPerSiteAllOrNothingAndSurviveARebuild() {
        final int first = ResourceLedger.ACCESS_VLAN_FIRST;
        final var s1 = SliceReservation.of("s1", List.of(onLink(CH3, G10, 1)), List.of(),
            List.of(new AccessVlan("agg-1", first), new AccessVlan("metro-1", first)));
        ledger.reserve(s1);
        assertEquals(List.of(first + 1, first + 2), ledger.lowestFreeAccessVlans("agg-1", 2));
        // the same tag at another site is free; at the same site it is not, and nothing of s2 is taken
        final var s2 = SliceReservation.of("s2", List.of(onLink(CH4, G10, 1)), List.of(),
            List.of(new AccessVlan("cell-1", first), new AccessVlan("metro-1", first)));
        assertEquals("cannot reserve slice s2: VLAN " + first + " at site metro-1 is held by another slice",
            assertThrows(IllegalStateException.class, () -> ledger.reserve(s2)).getMessage());
        assertEquals(List.of(first), ledger.lowestFreeAccessVlans("cell-1", 1));
        assertEquals(100_000, ledger.freeBandwidthMbps(CH4));
        assertThrows(IllegalStateException.class, () -> ledger.reserve(SliceReservation.of("s3", List.of(),
            List.of(), List.of(new AccessVlan("agg-1", first - 1)))));
        final var copy = ledger.copy();
        ledger.release("s1");
        assertEquals(List.of(first), ledger.lowestFreeAccessVlans("metro-1", 1));
        assertEquals(List.of(first + 1), copy.lowestFreeAccessVlans("metro-1", 1));

        // rebuilt from stored reservations: a VLAN two slices claim goes to the first, the second is told
        final var restored = ResourceLedger.rebuild(index, List.of(s1, SliceReservation.of("s0", List.of(), List.of(),
            List.of(new AccessVlan("agg-1", first)))));
        assertEquals(List.of("slice s1: VLAN " + first + " at site agg-1 is held by another slice, not restored"),
            restored.problems().stream().map(ResourceLedger.RestoreProblem::message).toList());
        assertEquals(List.of(new AccessVlan("metro-1", first)),
            restored.ledger().reservation("s1").orElseThrow().accessVlans());
    }

    @Test
    void releasingWhatIsNotHeldIsAnError() {
        assertEquals("slice ghost holds no reservation",
            assertThrows(IllegalStateException.class, () -> ledger.release("ghost")).getMessage());
        ledger.reserve(slice("s1", onLink(CH3, G10, 1)));
        assertThrows(IllegalStateException.class, () -> ledger.reserve(slice("s1", onLink(CH4, G10, 1))));
        ledger.release("s1");
        assertThrows(IllegalStateException.class, () -> ledger.release("s1"));
    }

    @Test
    void portsAreAllocatedLowestFirstAroundPortsInUse() {
        final var topo = PaperTestbed.topology();
        final var links = new ArrayList<Link>(topo.links().values());
        links.replaceAll(link -> link.id().equals(CH3)
            ? link.withChannel(new DwdmChannel(3, 10, G10, new TreeSet<>(List.of(1, 3)))) : link);
        final var busy = ResourceLedger.empty(TopologyIndex.of(Topology.of("t", topo.sites().values(), links)));
        assertEquals(List.of(2, 4, 5), busy.lowestFreePorts(CH3, 3));
        assertEquals(80_000, busy.freeBandwidthMbps(CH3) - 20_000);
        assertThrows(IllegalStateException.class, () -> busy.reserve(slice("s", onLink(CH3, G10, 1))));
        busy.reserve(slice("s", onLink(CH3, 2 * G10, 2, 4)));
        assertEquals(List.of(5, 6), busy.lowestFreePorts(CH3, 2));
        assertEquals(List.of(5, 6, 7, 8, 9, 10), busy.freeClientPorts(CH3));
        assertThrows(IllegalStateException.class, () -> busy.lowestFreePorts(CH3, 7));
    }

    @Test
    void copiesAreIndependent() {
        final var copy = ledger.copy();
        copy.reserve(slice("s1", onLink(CH3, G10, 1)));
        assertEquals(100_000, ledger.freeBandwidthMbps(CH3));
        assertEquals(90_000, copy.freeBandwidthMbps(CH3));
        ledger.reserve(slice("s1", onLink(CH3, 2 * G10, 1, 2)));
        assertEquals(90_000, copy.freeBandwidthMbps(CH3));
    }

    @Test
    void aLinkThatShrankBelowAReservationKeepsItsClientPortsHeld() {
        final var topo = PaperTestbed.topology();
        final var links = new ArrayList<Link>(topo.links().values());
        links.replaceAll(link -> link.id().equals(CH3) ? Link.of(link.id(), link.siteA(), link.siteB(), 15_000,
            link.latencyUs(), link.security()).withChannel(link.channel().orElseThrow()) : link);
        final var shrunk = TopologyIndex.of(Topology.of("t", topo.sites().values(), links));
        final var restored = ResourceLedger.rebuild(shrunk, List.of(slice("a", onLink(CH3, G10, 1)),
            slice("b", onLink(CH3, G10, 2))));
        assertEquals(List.of("slice b: link agg-1/metro-1#ch3 has 5.000 Gb/s free, needs 10.000 Gb/s, only "
            + "5.000 Gb/s and its client ports [2] restored"),
            restored.problems().stream().map(ResourceLedger.RestoreProblem::message).toList());
        // the devices of b may use port 2: no one else gets it, and b gives back exactly what it took
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9, 10), restored.ledger().freeClientPorts(CH3));
        assertEquals(0, restored.ledger().freeBandwidthMbps(CH3));
        assertEquals(new LinkReservation(CH3, 5_000, List.of(2)),
            restored.ledger().release("b").links().get(CH3));
        assertEquals(5_000, restored.ledger().freeBandwidthMbps(CH3));
    }

    @Test
    void rebuildRestoresWhatFitsAndReportsTheRest() {
        final var before = List.of(
            SliceReservation.of("b-slice", List.of(onLink(CH3, G10, 1), onLink("agg-1/metro-1#ch9", G10, 1)),
                List.of(new ComputeReservation("metro-1", 4, 4), new ComputeReservation("gone-site", 1, 1))),
            slice("a-slice", onLink(CH3, G10, 1)),
            slice("c-slice", onLink(CH4, 100_000, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)));
        final var restored = ResourceLedger.rebuild(index, before);
        final var problems = restored.problems().stream().map(ResourceLedger.RestoreProblem::message).toList();
        assertEquals(List.of(
            "slice b-slice: client port 1 of link agg-1/metro-1#ch3 is not free, not restored",
            "slice b-slice: link agg-1/metro-1#ch9 (10.000 Gb/s) is not in the topology, not restored",
            "slice b-slice: site gone-site (1 cpu cores, 1 GB memory) is not in the topology, not restored"),
            problems);
        final var rebuilt = restored.ledger();
        assertEquals(Map.of("a-slice", slice("a-slice", onLink(CH3, G10, 1)),
            "b-slice", SliceReservation.of("b-slice", List.of(), List.of(new ComputeReservation("metro-1", 4, 4))),
            "c-slice", before.get(2)), rebuilt.reservations());
        assertEquals(0, rebuilt.freeBandwidthMbps(CH4));
        assertEquals(Optional.of(new Compute(60, 252)), rebuilt.freeCompute("metro-1"));

        rebuilt.release("b-slice");
        rebuilt.release("a-slice");
        rebuilt.release("c-slice");
        assertEquals(100_000, rebuilt.freeBandwidthMbps(CH3));
        assertEquals(Optional.of(new Compute(64, 256)), rebuilt.freeCompute("metro-1"));
    }

    @Test
    void concurrentReserveAndReleaseNeverLoseOrGoNegative() throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            final var futures = new ArrayList<Future<?>>();
            for (int t = 0; t < 4; t++) {
                final int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        final String id = "t" + thread + "-" + i;
                        try {
                            ledger.reserve(slice(id, onLink(CH3, 30_000, 1 + thread, 5 + thread % 2)));
                        } catch (IllegalStateException e) {
                            continue;
                        }
                        final long free = ledger.freeBandwidthMbps(CH3);
                        if (free < 0 || free > 100_000 - 30_000) {
                            throw new AssertionError("free bandwidth " + free);
                        }
                        ledger.release(id);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(100_000, ledger.freeBandwidthMbps(CH3));
        assertEquals(10, ledger.freeClientPorts(CH3).size());
        assertTrue(ledger.reservations().isEmpty());
    }
}
