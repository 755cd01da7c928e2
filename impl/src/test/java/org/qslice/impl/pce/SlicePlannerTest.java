/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.pce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qslice.impl.pce.PaperTestbed.G10;
import static org.qslice.impl.pce.PaperTestbed.HOP_US;
import static org.qslice.impl.pce.PaperTestbed.at;
import static org.qslice.impl.pce.PaperTestbed.linkId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.qslice.api.model.Compute;
import org.qslice.api.model.ComputeEndpoint;
import org.qslice.api.model.ComputeReservation;
import org.qslice.api.model.ConnectionPlan;
import org.qslice.api.model.ConnectionRequest;
import org.qslice.api.model.DwdmChannel;
import org.qslice.api.model.Hop;
import org.qslice.api.model.LinkReservation;
import org.qslice.api.model.SecurityLevel;
import org.qslice.api.model.SiteRole;
import org.qslice.api.model.SlicePlan;
import org.qslice.api.model.SliceRequest;
import org.qslice.api.model.SliceReservation;
import org.qslice.api.model.Topology;

class SlicePlannerTest {
    private final SlicePlanner planner = SlicePlanner.of(PaperTestbed.topology());
    private final ResourceLedger ledger = ResourceLedger.empty(planner.index());

    private SlicePlan plan(final SliceRequest request) throws InvalidRequestException {
        return planner.plan(request, ledger);
    }

    private SlicePlan plan(final ConnectionRequest... connections) throws InvalidRequestException {
        return plan(SliceRequest.of("s", List.of(connections)));
    }

    private static List<String> links(final ConnectionPlan plan) {
        assertTrue(plan.feasible(), () -> "expected feasible: " + plan.reason());
        return plan.hops().stream().map(Hop::linkId).toList();
    }

    private static ConnectionPlan connection(final SlicePlan plan, final String name) {
        return plan.connections().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static String reason(final SlicePlan plan) {
        assertFalse(plan.feasible(), "expected not feasible");
        return plan.reason().orElseThrow();
    }

    @Test
    void useCase1GivesThePaperPaths() throws InvalidRequestException {
        final SlicePlan plan = plan(PaperTestbed.useCase1());
        assertTrue(plan.feasible(), () -> plan.reason().toString());

        final var app1 = connection(plan, "cell1-app");
        assertEquals(List.of(linkId("cell-1", "agg-1", 3), linkId("agg-1", "metro-1", 3)), links(app1));
        assertEquals(Optional.of("metro-1"), app1.zSite());
        assertEquals(Optional.of(SecurityLevel.QRA_AES), app1.weakestLevel());
        assertEquals(2 * HOP_US, app1.totalLatencyUs());
        assertEquals(List.of(new ComputeReservation("metro-1", 8, 32)), app1.computeReservations());

        // cell2-app shares agg-1/metro-1#ch3 with cell1-app and takes the next free client port.
        final var app2 = connection(plan, "cell2-app");
        assertEquals(List.of(linkId("cell-2", "agg-1", 3), linkId("agg-1", "metro-1", 3)), links(app2));
        assertEquals(List.of(1), app1.hops().get(1).clientPorts());
        assertEquals(List.of(2), app2.hops().get(1).clientPorts());

        // Aggregated traffic on a QKD channel; 20G takes two 10G client ports; ch4 wins the tie with ch5 by id.
        final var metroCore = connection(plan, "metro-core");
        assertEquals(List.of(linkId("metro-1", "core-1", 4)), links(metroCore));
        assertEquals(List.of(1, 2), metroCore.hops().get(0).clientPorts());

        for (String cp : List.of("cell1-core-cp", "cell2-core-cp")) {
            final var control = connection(plan, cp);
            assertTrue(control.hops().stream().allMatch(hop -> hop.security() == SecurityLevel.DH_AES), cp);
            assertEquals(3, control.hops().size());
            assertEquals(3 * HOP_US, control.totalLatencyUs());
        }
        assertEquals(List.of(linkId("cell-1", "agg-1", 2), linkId("agg-1", "metro-1", 2),
            linkId("metro-1", "core-1", 2)), links(connection(plan, "cell1-core-cp")));

        final SliceReservation reservation = plan.reservation();
        assertEquals(new LinkReservation(linkId("agg-1", "metro-1", 3), 2 * G10, List.of(1, 2)),
            reservation.links().get(linkId("agg-1", "metro-1", 3)));
        assertEquals(new LinkReservation(linkId("agg-1", "metro-1", 2), 2_000, List.of(1, 2)),
            reservation.links().get(linkId("agg-1", "metro-1", 2)));
        assertEquals(Map.of("metro-1", new ComputeReservation("metro-1", 16, 64)), reservation.compute());
    }

    @Test
    void useCase2GivesThePaperPaths() throws InvalidRequestException {
        final SlicePlan plan = plan(PaperTestbed.useCase2());
        assertTrue(plan.feasible(), () -> plan.reason().toString());

        final var feed = connection(plan, "cdn-feed");
        assertEquals(List.of(linkId("metro-1", "core-1", 4), linkId("agg-1", "metro-1", 4)), links(feed));
        assertEquals(Optional.of("core-1"), feed.aSite());
        assertEquals(Optional.of("agg-1"), feed.zSite());
        assertEquals(List.of("core-1", "metro-1"), feed.hops().stream().map(Hop::fromSite).toList());
        assertEquals(List.of(new ComputeReservation("agg-1", 16, 64)), feed.computeReservations());

        assertEquals(List.of(linkId("cell-1", "agg-1", 1)), links(connection(plan, "cdn-cell1")));
        assertEquals(List.of(linkId("cell-2", "agg-1", 1)), links(connection(plan, "cdn-cell2")));
        assertEquals(Optional.of(SecurityLevel.NONE), connection(plan, "cdn-cell1").weakestLevel());
        assertEquals(List.of(linkId("cell-2", "agg-1", 2), linkId("agg-1", "metro-1", 2),
            linkId("metro-1", "core-1", 2)), links(connection(plan, "cell2-core-cp")));
    }

    @Test
    void planningDoesNotChangeTheLedgerAndReservingThePlanDoes() throws InvalidRequestException {
        final SlicePlan plan = plan(PaperTestbed.useCase1());
        assertEquals(100_000, ledger.freeBandwidthMbps(linkId("agg-1", "metro-1", 3)));
        assertTrue(ledger.reservations().isEmpty());

        ledger.reserve(plan.reservation());
        assertEquals(80_000, ledger.freeBandwidthMbps(linkId("agg-1", "metro-1", 3)));
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9, 10), ledger.freeClientPorts(linkId("agg-1", "metro-1", 3)));
        assertEquals(Optional.of(new Compute(48, 192)), ledger.freeCompute("metro-1"));

        // The same request again gets the next ports.
        final SlicePlan second = planner.plan(SliceRequest.of("use-case-1b", PaperTestbed.useCase1().connections()),
            ledger);
        assertEquals(List.of(3), connection(second, "cell1-app").hops().get(1).clientPorts());
    }

    @Test
    void plansAreDeterministic() throws InvalidRequestException {
        final SlicePlan first = plan(PaperTestbed.useCase2());
        final SlicePlanner other = SlicePlanner.of(PaperTestbed.topology());
        assertEquals(first, other.plan(PaperTestbed.useCase2(), ResourceLedger.empty(other.index())));
        assertEquals(first, plan(PaperTestbed.useCase2()));
    }

    @Test
    void leastSufficientSecurityKeepsQkdForThoseWhoNeedIt() throws InvalidRequestException {
        final var plan = plan(ConnectionRequest.of("dh", at("cell-1"), at("core-1"), SecurityLevel.DH_AES, G10));
        assertTrue(connection(plan, "dh").hops().stream().allMatch(hop -> hop.security() == SecurityLevel.DH_AES));

        final var qra = plan(ConnectionRequest.of("qra", at("agg-1"), at("metro-1"), SecurityLevel.QRA_AES, G10));
        assertEquals(List.of(linkId("agg-1", "metro-1", 3)), links(connection(qra, "qra")));
    }

    @Test
    void unencryptedTrafficRidesTheCheapestEncryptedLinkWhenNoPlainOneIsLeft() throws InvalidRequestException {
        final var excludePlain = Set.of(linkId("cell-1", "agg-1", 1));
        final var plan = plan(ConnectionRequest.of("none", at("cell-1"), at("agg-1"), SecurityLevel.NONE, G10)
            .withExclude(Set.of(), excludePlain));
        assertEquals(List.of(linkId("cell-1", "agg-1", 2)), links(connection(plan, "none")));

        // Same when channel 1 is full rather than excluded.
        ledger.reserve(new SliceReservation("other", Map.of(linkId("cell-1", "agg-1", 1),
            new LinkReservation(linkId("cell-1", "agg-1", 1), 100_000, List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))),
            Map.of(), List.of()));
        final var full = plan(ConnectionRequest.of("none", at("cell-1"), at("agg-1"), SecurityLevel.NONE, G10));
        assertEquals(List.of(linkId("cell-1", "agg-1", 2)), links(connection(full, "none")));
    }

    @Test
    void securityBlockNamesTheLinksAndWhatTheyOffer() throws InvalidRequestException {
        final var excluded = Set.of(linkId("agg-1", "metro-1", 4), linkId("agg-1", "metro-1", 5));
        final String reason = reason(plan(ConnectionRequest.of("cell1-core", at("cell-1"), at("core-1"),
            SecurityLevel.QKD_AES, G10).withExclude(Set.of(), excluded)));
        assertEquals("connection cell1-core: no path cell-1 -> core-1 with security >= qkd-aes: candidate links "
            + "agg-1/metro-1#ch1, agg-1/metro-1#ch2, agg-1/metro-1#ch3 offer at most qra-aes; links "
            + "agg-1/metro-1#ch4, agg-1/metro-1#ch5 excluded", reason);
    }

    @Test
    void hybridSecurityIsOfferedNowhere() throws InvalidRequestException {
        final String reason = reason(plan(ConnectionRequest.of("x", at("metro-1"), at("core-1"),
            SecurityLevel.HYBRID_QKD_QRA_AES, G10)));
        assertTrue(reason.startsWith("connection x: no path metro-1 -> core-1 with security >= hybrid-qkd-qra-aes:"
            + " candidate links metro-1/core-1#ch1"), reason);
        assertTrue(reason.endsWith("offer at most qkd-aes"), reason);
    }

    @Test
    void portBlockNamesTheLinkAndThePorts() throws InvalidRequestException {
        final var allPorts = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        ledger.reserve(SliceReservation.of("other", List.of(
            new LinkReservation(linkId("metro-1", "core-1", 4), 100_000, allPorts),
            new LinkReservation(linkId("metro-1", "core-1", 5), 100_000, allPorts)), List.of()));
        final String reason = reason(plan(ConnectionRequest.of("x", at("metro-1"), at("core-1"),
            SecurityLevel.QKD_AES, G10)));
        assertTrue(reason.contains("link metro-1/core-1#ch4 has 0.000 Gb/s free, needs 10.000 Gb/s"), reason);
        assertTrue(reason.startsWith("connection x: no path metro-1 -> core-1 with security >= qkd-aes: "), reason);
    }

    @Test
    void portBlockWhenOutsideTrafficUsesThePorts() throws InvalidRequestException {
        // Ports in use by outside traffic leave the bandwidth free but no client port.
        final var topo = PaperTestbed.topology();
        final var links = new ArrayList<>(topo.links().values());
        final var busyChannels = Set.of(linkId("metro-1", "core-1", 4), linkId("metro-1", "core-1", 5));
        links.replaceAll(link -> busyChannels.contains(link.id())
            ? link.withChannel(new DwdmChannel(link.channel().orElseThrow().channel(), 10, G10,
                new TreeSet<>(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)))) : link);
        final var busy = SlicePlanner.of(Topology.of("t", topo.sites().values(), links));
        final String reason = reason(busy.plan(SliceRequest.of("s", List.of(ConnectionRequest.of("x",
            at("metro-1"), at("core-1"), SecurityLevel.QKD_AES, G10))), ResourceLedger.empty(busy.index())));
        assertEquals("connection x: no path metro-1 -> core-1 with security >= qkd-aes: link metro-1/core-1#ch4 has "
            + "0 free 10G client ports (needs 1); link metro-1/core-1#ch5 has 0 free 10G client ports (needs 1); "
            + "candidate links metro-1/core-1#ch1, metro-1/core-1#ch2, metro-1/core-1#ch3 offer at most qra-aes",
            reason);
    }

    @Test
    void computeBlockNamesTheSitesAndTheirFreeCores() throws InvalidRequestException {
        ledger.reserve(SliceReservation.of("other", List.of(), List.of(new ComputeReservation("metro-1", 62, 0))));
        final String reason = reason(plan(ConnectionRequest.of("app", at("cell-1"),
            ComputeEndpoint.ofRole(SiteRole.METRO, 8, 0), SecurityLevel.QRA_AES, G10)));
        assertEquals("connection app: no site with role metro has 8 cpu cores free (metro-1 has 2 cpu cores free)",
            reason);
    }

    @Test
    void jointInfeasibilityNamesTheOtherConnection() throws InvalidRequestException {
        final var onlyCh4 = Set.of(linkId("metro-1", "core-1", 5));
        final var first = ConnectionRequest.of("first", at("metro-1"), at("core-1"), SecurityLevel.QKD_AES,
            6 * G10).withExclude(Set.of(), onlyCh4);
        final var second = ConnectionRequest.of("second", at("metro-1"), at("core-1"), SecurityLevel.QKD_AES,
            6 * G10).withExclude(Set.of(), onlyCh4);
        assertTrue(plan(first).feasible());
        assertTrue(plan(SliceRequest.of("s", List.of(second))).feasible());

        final SlicePlan both = plan(first, second);
        assertTrue(connection(both, "first").feasible());
        assertEquals("connection second: feasible alone but not jointly with connection first: no path metro-1 -> "
            + "core-1 with security >= qkd-aes: link metro-1/core-1#ch4 has 40.000 Gb/s free, needs 60.000 Gb/s; "
            + "candidate links metro-1/core-1#ch1, metro-1/core-1#ch2, metro-1/core-1#ch3 offer at most qra-aes; "
            + "link metro-1/core-1#ch5 excluded", reason(both));
        assertTrue(both.reservation().isEmpty());
    }

    @Test
    void jointComputeInfeasibility() throws InvalidRequestException {
        final var big = ComputeEndpoint.ofRole(SiteRole.METRO, 40, 0);
        final SlicePlan plan = plan(
            ConnectionRequest.of("a", at("cell-1"), big, SecurityLevel.NONE, G10),
            ConnectionRequest.of("b", at("cell-2"), big, SecurityLevel.NONE, G10));
        assertEquals("connection b: feasible alone but not jointly with connection a: no site with role metro has "
            + "40 cpu cores free (metro-1 has 24 cpu cores free)", reason(plan));
    }

    @Test
    void aBoundedConnectionBlockedBySecurityNamesTheLinks() throws InvalidRequestException {
        final var app = ConnectionRequest.of("app", at("cell-1"), at("metro-1"), SecurityLevel.QKD_AES, G10)
            .withMaxLatencyUs(2 * HOP_US + 10)
            .withExclude(Set.of(), Set.of(linkId("cell-1", "agg-1", 4), linkId("cell-1", "agg-1", 5)));
        // The bound is physically possible, but no qkd path is left at all: security, not latency, blocks.
        assertEquals("connection app: no path cell-1 -> metro-1 with security >= qkd-aes: candidate links "
            + "cell-1/agg-1#ch1, cell-1/agg-1#ch2, cell-1/agg-1#ch3 offer at most qra-aes; links cell-1/agg-1#ch4, "
            + "cell-1/agg-1#ch5 excluded", reason(plan(app)));

        final SlicePlan ok = plan(app.withExclude(Set.of(), Set.of()));
        assertEquals(2 * HOP_US, connection(ok, "app").totalLatencyUs());
    }

    @Test
    void computeEndsArePlacedOnDistinctSites() throws InvalidRequestException {
        final var anyCompute = new ComputeEndpoint(Optional.empty(), Set.of(), 1, 1);
        final SlicePlan plan = plan(ConnectionRequest.of("c2c", anyCompute, anyCompute, SecurityLevel.QKD_AES, G10));
        final var c2c = connection(plan, "c2c");
        assertEquals(List.of(linkId("agg-1", "metro-1", 4)), links(c2c));
        assertEquals(Set.of("agg-1", "metro-1"), Set.of(c2c.aSite().orElseThrow(), c2c.zSite().orElseThrow()));
        assertEquals(2, c2c.computeReservations().size());
    }

    @Test
    void computePlacementPrefersTheCheapestCandidate() throws InvalidRequestException {
        final var candidates = new ComputeEndpoint(Optional.empty(), Set.of("agg-1", "metro-1"), 4, 4);
        final SlicePlan near = plan(ConnectionRequest.of("a", at("cell-1"), candidates, SecurityLevel.DH_AES,
            G10));
        assertEquals(Optional.of("agg-1"), connection(near, "a").zSite());

        // With agg-1 excluded the connection goes on to metro-1.
        final SlicePlan far = plan(ConnectionRequest.of("a", at("core-1"), candidates, SecurityLevel.DH_AES, G10)
            .withExclude(Set.of("agg-1"), Set.of()));
        assertEquals(Optional.of("metro-1"), connection(far, "a").zSite());
    }
}
