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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qslice.impl.pce.PaperTestbed.G10;
import static org.qslice.impl.pce.PaperTestbed.at;
import static org.qslice.impl.pce.PaperTestbed.linkId;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.qslice.api.model.ConnectionPlan;
import org.qslice.api.model.ConnectionRequest;
import org.qslice.api.model.Hop;
import org.qslice.api.model.KeySupply;
import org.qslice.api.model.Link;
import org.qslice.api.model.LinkReservation;
import org.qslice.api.model.SecurityLevel;
import org.qslice.api.model.Site;
import org.qslice.api.model.SiteRole;
import org.qslice.api.model.SlicePlan;
import org.qslice.api.model.SliceRequest;
import org.qslice.api.model.SliceReservation;
import org.qslice.api.model.Topology;

/**
 * QKD key supply: demand per channel (not per connection), admission against rate x (1 - headroom), the refusal
 * message, rerouting, the plan's report and runtime rate changes. 256-bit keys every 3 s: 85.333 b/s per channel.
 */
class KeySupplyTest {
    private static final double CHANNEL_BPS = 256 / 3.0;
    private static final double DELTA = 1e-9;
    private static final String SOURCE = "metro-1/core-1";
    private static final String CH4 = linkId("metro-1", "core-1", 4);
    private static final String CH5 = linkId("metro-1", "core-1", 5);

    /**
     * The paper's testbed with the metro-core QKD channels ch4 and ch5 changed.
     */
    private static Topology testbed(final UnaryOperator<Link> metroCoreQkd) {
        final Topology paper = PaperTestbed.topology();
        return Topology.of(paper.networkId(), paper.sites().values(), paper.links().values().stream()
            .map(link -> link.id().equals(CH4) || link.id().equals(CH5) ? metroCoreQkd.apply(link) : link)
            .toList());
    }

    /** ch4 and ch5 share one QKD system of the given rate. */
    private static Topology sharedSource(final double rateBps) {
        return testbed(link -> link.withQkdLink(SOURCE).withSecretKeyRate(rateBps));
    }

    private static ConnectionRequest metroCore(final String name) {
        return ConnectionRequest.of(name, at("metro-1"), at("core-1"), SecurityLevel.QKD_AES, G10);
    }

    private static SliceReservation onLink(final String slice, final String link, final Integer... ports) {
        return SliceReservation.of(slice, List.of(new LinkReservation(link, ports.length * G10, List.of(ports))),
            List.of());
    }

    private static List<String> links(final ConnectionPlan plan) {
        assertTrue(plan.feasible(), () -> "expected feasible: " + plan.reason());
        return plan.hops().stream().map(Hop::linkId).toList();
    }

    @Test
    void aChannelDrawsOnceHoweverManySlicesShareIt() {
        final var ledger = ResourceLedger.empty(TopologyIndex.of(sharedSource(1_000)));
        ledger.reserve(onLink("s1", CH4, 1));
        assertEquals(CHANNEL_BPS, ledger.keyLoad(SOURCE).committedBps(), DELTA);
        // a second slice on the same channel shares its key stream: no new demand
        ledger.reserve(onLink("s2", CH4, 2));
        assertEquals(CHANNEL_BPS, ledger.keyLoad(CH4).committedBps(), DELTA);
        // a channel of its own on the same QKD system draws again
        ledger.reserve(onLink("s3", CH5, 1));
        assertEquals(2 * CHANNEL_BPS, ledger.keyLoad(SOURCE).committedBps(), DELTA);
        assertEquals(Map.of(CH4, List.of("s1", "s2"), CH5, List.of("s3")), ledger.keyLoad(SOURCE).channels());

        // the channel draws until its last slice is released
        ledger.release("s1");
        assertEquals(2 * CHANNEL_BPS, ledger.keyLoad(SOURCE).committedBps(), DELTA);
        ledger.release("s2");
        assertEquals(CHANNEL_BPS, ledger.keyLoad(SOURCE).committedBps(), DELTA);

        // a rebuild (restart, topology change) counts the same
        ledger.reserve(onLink("s4", CH5, 2));
        final var rebuilt = ResourceLedger.rebuild(ledger.index(), ledger.reservations().values()).ledger();
        assertEquals(ledger.keyLoad(SOURCE), rebuilt.keyLoad(SOURCE));
        assertEquals(CHANNEL_BPS, rebuilt.keyLoad(SOURCE).committedBps(), DELTA);
        rebuilt.release("s3");
        rebuilt.release("s4");
        assertEquals(0, rebuilt.keyLoad(SOURCE).committedBps(), DELTA);
        assertEquals(Map.of(), rebuilt.keyLoad(SOURCE).channels());
    }

    @Test
    void admissionRefusesANewChannelBeyondTheLimitAndNamesBothNumbers() throws InvalidRequestException {
        // 150 b/s, 10% headroom: 135 b/s carry one channel (85.3), not two (170.7)
        final var planner = SlicePlanner.of(sharedSource(150));
        final var ledger = ResourceLedger.empty(planner.index());
        ledger.reserve(onLink("full", CH4, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        final SlicePlan plan = planner.plan(SliceRequest.of("s", List.of(metroCore("c"))), ledger);
        assertFalse(plan.feasible());
        assertEquals("connection c: no path metro-1 -> core-1 with security >= qkd-aes: "
            + "link metro-1/core-1#ch4 has 0.000 Gb/s free, needs 10.000 Gb/s; "
            + "link metro-1/core-1#ch5 (qkd-link metro-1/core-1): QKD key demand 170.7 b/s (committed 85.3 + new 85.3) "
            + "exceeds 90% of its secret key rate 150.0 b/s; "
            + "candidate links metro-1/core-1#ch1, metro-1/core-1#ch2, metro-1/core-1#ch3 offer at most qra-aes",
            plan.reason().orElseThrow());

        // the ledger refuses such a reservation too, whoever computed it
        final var ex = assertThrows(IllegalStateException.class, () -> ledger.reserve(onLink("s", CH5, 1)));
        assertEquals("cannot reserve slice s: link metro-1/core-1#ch5 (qkd-link metro-1/core-1): QKD key demand "
            + "170.7 b/s (committed 85.3 + new 85.3) exceeds 90% of its secret key rate 150.0 b/s", ex.getMessage());
        assertEquals(List.of(CH4), List.copyOf(ledger.keyLoad(SOURCE).channels().keySet()));

        // a link's own QKD system: named without the qkd-link
        final var own = SlicePlanner.of(testbed(link -> link.withSecretKeyRate(50)));
        assertEquals("connection c: no path metro-1 -> core-1 with security >= qkd-aes: link metro-1/core-1#ch4: QKD "
            + "key demand 85.3 b/s (committed 0.0 + new 85.3) exceeds 90% of its secret key rate 50.0 b/s; "
            + "link metro-1/core-1#ch5: QKD key demand 85.3 b/s (committed 0.0 + new 85.3) exceeds 90% of its secret "
            + "key rate 50.0 b/s; candidate links metro-1/core-1#ch1, metro-1/core-1#ch2, metro-1/core-1#ch3 offer "
            + "at most qra-aes", own.plan(SliceRequest.of("s", List.of(metroCore("c"))),
                ResourceLedger.empty(own.index())).reason().orElseThrow());
    }

    @Test
    void aConnectionOnAChannelInUseFitsWhereANewChannelWouldNot() throws InvalidRequestException {
        final var planner = SlicePlanner.of(sharedSource(150));
        final var ledger = ResourceLedger.empty(planner.index());
        ledger.reserve(onLink("first", CH4, 1));
        final SlicePlan plan = planner.plan(SliceRequest.of("s", List.of(metroCore("a"), metroCore("b"))), ledger);
        assertEquals(List.of(CH4), links(plan.connections().get(0)));
        assertEquals(List.of(CH4), links(plan.connections().get(1)));
        assertEquals(List.of(new KeySupply(SOURCE, List.of(CH4), OptionalDouble.of(150), OptionalDouble.of(135),
            CHANNEL_BPS, 0)), plan.keySupply());
    }

    @Test
    void thePlannerReroutesToAChannelWithKeySupply() throws InvalidRequestException {
        // without rates the first QKD channel wins the tie
        final var unlimited = SlicePlanner.of(PaperTestbed.topology());
        assertEquals(List.of(CH4), links(unlimited.plan(SliceRequest.of("s", List.of(metroCore("c"))),
            ResourceLedger.empty(unlimited.index())).connections().get(0)));

        // ch4's QKD system is too slow for one channel; ch5 has a system of its own without a rate (not limited)
        final var planner = SlicePlanner.of(testbed(link -> link.id().equals(CH4) ? link.withSecretKeyRate(90)
            : link));
        final var ledger = ResourceLedger.empty(planner.index());
        final SlicePlan plan = planner.plan(SliceRequest.of("s", List.of(metroCore("c"))), ledger);
        assertEquals(List.of(CH5), links(plan.connections().get(0)));
        assertEquals(List.of(new KeySupply(CH5, List.of(CH5), OptionalDouble.empty(), OptionalDouble.empty(), 0,
            CHANNEL_BPS)), plan.keySupply());
        assertEquals(OptionalDouble.empty(), plan.keySupply().get(0).headroomBps());
    }

    @Test
    void aPathDrawingTwoNewChannelsOfOneSystemNeedsRoomForBoth() throws InvalidRequestException {
        // a-b-c: both links on QKD system x (one channel's room); a-d-c: slower, not limited
        final var sites = List.of(Site.of("a", SiteRole.METRO, null), Site.of("b", SiteRole.METRO, null),
            Site.of("c", SiteRole.METRO, null), Site.of("d", SiteRole.METRO, null));
        final Link ab = Link.of("a/b", "a", "b", G10, 100, SecurityLevel.QKD_AES).withQkdLink("x")
            .withSecretKeyRate(150);
        final Link bc = Link.of("b/c", "b", "c", G10, 100, SecurityLevel.QKD_AES).withQkdLink("x");
        final Link ad = Link.of("a/d", "a", "d", G10, 500, SecurityLevel.QKD_AES);
        final Link dc = Link.of("d/c", "d", "c", G10, 500, SecurityLevel.QKD_AES);
        final var request = SliceRequest.of("s", List.of(ConnectionRequest.of("c", at("a"), at("c"),
            SecurityLevel.QKD_AES, 1_000)));

        final var planner = SlicePlanner.of(Topology.of("t", sites, List.of(ab, bc, ad, dc)));
        final SlicePlan plan = planner.plan(request, ResourceLedger.empty(planner.index()));
        assertEquals(List.of("a/d", "d/c"), links(plan.connections().get(0)));

        final var noDetour = SlicePlanner.of(Topology.of("t", sites, List.of(ab, bc)));
        assertEquals("connection c: no path a -> c with security >= qkd-aes: link b/c (qkd-link x): QKD key demand "
            + "170.7 b/s (committed 0.0 + new 170.7) exceeds 90% of its secret key rate 150.0 b/s",
            noDetour.plan(request, ResourceLedger.empty(noDetour.index())).reason().orElseThrow());
    }

    @Test
    void thePlanReportsTheKeySupplyOfItsQkdHops() throws InvalidRequestException {
        final var planner = SlicePlanner.of(sharedSource(1_000));
        final var ledger = ResourceLedger.empty(planner.index());
        ledger.reserve(onLink("other", CH5, 1));
        final SlicePlan plan = planner.plan(PaperTestbed.useCase1(), ledger);
        assertTrue(plan.feasible(), () -> plan.reason().toString());
        final KeySupply supply = plan.keySupply().get(0);
        assertEquals(1, plan.keySupply().size(), plan.keySupply()::toString);
        assertEquals(SOURCE, supply.source());
        assertEquals(List.of(CH4), supply.links());
        assertEquals(OptionalDouble.of(1_000), supply.rateBps());
        assertEquals(900, supply.limitBps().orElseThrow(), DELTA);
        assertEquals(CHANNEL_BPS, supply.committedBps(), DELTA);
        assertEquals(CHANNEL_BPS, supply.newDemandBps(), DELTA);
        assertEquals(900 - 2 * CHANNEL_BPS, supply.headroomBps().orElseThrow(), DELTA);
        // QKD hops on links without a rate are reported, not limited
        final var unlimited = SlicePlanner.of(PaperTestbed.topology());
        final var cdn = unlimited.plan(PaperTestbed.useCase2(), ResourceLedger.empty(unlimited.index()));
        assertTrue(cdn.feasible());
        assertEquals(List.of(linkId("agg-1", "metro-1", 4), CH4), cdn.keySupply().stream()
            .map(KeySupply::source).toList());
        assertTrue(cdn.keySupply().stream().allMatch(entry -> entry.rateBps().isEmpty()
            && entry.headroomBps().isEmpty() && entry.newDemandBps() == CHANNEL_BPS));
    }

    @Test
    void aFallingRateReportsTheOverCommittedSlices() throws InvalidRequestException {
        final var planner = SlicePlanner.of(sharedSource(1_000));
        final var ledger = ResourceLedger.empty(planner.index());
        ledger.reserve(onLink("s1", CH4, 1));
        ledger.reserve(onLink("s2", CH5, 1));
        ledger.reserve(onLink("s3", CH4, 2));
        assertEquals(List.of(), ledger.overCommittedKeySources());

        // still above the committed 170.7 b/s (though within the headroom): nothing to do
        final KeySourceLoad fine = ledger.keyRateChanged(CH5, 180);
        assertFalse(fine.overCommitted());
        assertEquals(0, fine.channelsOver());

        final KeySourceLoad low = ledger.keyRateChanged(SOURCE, 100);
        assertTrue(low.overCommitted());
        assertEquals(OptionalDouble.of(100), low.rateBps());
        assertEquals(2 * CHANNEL_BPS, low.committedBps(), DELTA);
        assertEquals(Map.of(CH4, List.of("s1", "s3"), CH5, List.of("s2")), low.channels());
        assertEquals(List.of("s1", "s2", "s3"), List.copyOf(low.slices()));
        assertEquals(1, low.channelsOver(), "100 b/s carry one channel of the two");
        assertEquals(List.of(low), ledger.overCommittedKeySources());
        final var plans = planner.plan(SliceRequest.of("x", List.of(metroCore("on-ch4"),
            ConnectionRequest.of("plain", at("metro-1"), at("core-1"), SecurityLevel.NONE, G10))), ResourceLedger
            .empty(planner.index())).connections();
        assertEquals(List.of("on-ch4"), low.connectionsOn(plans));

        // admission uses the new rate: a connection on a channel in use still fits, a new channel does not
        final var onCh4 = planner.plan(SliceRequest.of("x", List.of(metroCore("c"))), ledger);
        assertEquals(List.of(CH4), links(onCh4.connections().get(0)));
        ledger.reserve(onLink("fill", CH4, 3, 4, 5, 6, 7, 8, 9, 10));
        ledger.release("s2");
        assertTrue(planner.plan(SliceRequest.of("x", List.of(metroCore("c"))), ledger).reason().orElseThrow()
            .contains("QKD key demand 170.7 b/s (committed 85.3 + new 85.3) exceeds 90% of its secret key rate "
                + "100.0 b/s"));

        // the QKD link recovers
        assertFalse(ledger.keyRateChanged(CH4, 1_000).overCommitted());
        assertEquals(List.of(), ledger.overCommittedKeySources());
    }

    @Test
    void aRebuildOnLowerRatesKeepsTheReservationsAndReportsTheOverCommitment() {
        final var before = ResourceLedger.empty(TopologyIndex.of(sharedSource(1_000)));
        before.reserve(onLink("s1", CH4, 1));
        before.reserve(onLink("s2", CH5, 1));
        final var restored = ResourceLedger.rebuild(TopologyIndex.of(sharedSource(100)),
            before.reservations().values());
        assertEquals(List.of(), restored.problems());
        assertEquals(before.reservations(), restored.ledger().reservations());
        final List<KeySourceLoad> over = restored.ledger().overCommittedKeySources();
        assertEquals(List.of(SOURCE), over.stream().map(KeySourceLoad::source).toList());
        assertEquals(1, over.get(0).channelsOver());
        assertEquals(List.of("s1", "s2"), List.copyOf(over.get(0).slices()));
    }

    @Test
    void rateChangesAreChecked() {
        final var ledger = ResourceLedger.empty(TopologyIndex.of(sharedSource(1_000)));
        assertEquals("unknown link or qkd-link nowhere", assertThrows(IllegalArgumentException.class,
            () -> ledger.keyRateChanged("nowhere", 10)).getMessage());
        assertEquals("link metro-1/core-1#ch3 has key-exchange qra, it draws no QKD key",
            assertThrows(IllegalArgumentException.class,
                () -> ledger.keyRateChanged(linkId("metro-1", "core-1", 3), 10)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ledger.keyRateChanged(SOURCE, -1));
        assertThrows(IllegalArgumentException.class, () -> ledger.keyRateChanged(SOURCE, Double.NaN));
        // a link of the QKD system or the system's name: the same source; 0 (QKD link down) is a rate
        assertEquals(OptionalDouble.of(0), ledger.keyRateChanged(CH4, 0).rateBps());
        assertEquals(OptionalDouble.of(0), ledger.keyLoad(SOURCE).rateBps());
        // copies taken before keep their rate
        final var copy = ledger.copy();
        ledger.keyRateChanged(SOURCE, 500);
        assertEquals(OptionalDouble.of(0), copy.keyLoad(SOURCE).rateBps());
    }

    @Test
    void theBudgetFollowsTheConfiguration() throws InvalidRequestException {
        // key refresh 1 s: 256 b/s per channel; headroom 0: the whole rate
        final var budget = KeyBudget.of(Duration.ofSeconds(1), 0);
        assertEquals(256, budget.channelDemandBps(), DELTA);
        final var planner = SlicePlanner.of(sharedSource(256), budget);
        final var ledger = ResourceLedger.empty(planner.index());
        assertTrue(planner.plan(SliceRequest.of("s", List.of(metroCore("c"))), ledger).feasible());
        ledger.reserve(onLink("first", CH4, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        assertTrue(planner.plan(SliceRequest.of("s", List.of(metroCore("c"))), ledger).reason().orElseThrow()
            .contains("QKD key demand 512.0 b/s (committed 256.0 + new 256.0) exceeds 100% of its secret key rate "
                + "256.0 b/s"));
        assertThrows(IllegalArgumentException.class, () -> KeyBudget.of(Duration.ofSeconds(3), 1));
        assertThrows(IllegalArgumentException.class, () -> KeyBudget.of(Duration.ZERO, 0.1));
        assertEquals("x: QKD key demand 85.3 b/s (committed 0.0 + new 85.3) exceeds 87.5% of its secret key rate "
            + "10.0 b/s", KeyBudget.of(Duration.ofSeconds(3), 0.125).refusal("x", 0, 1, 10));
    }

    @Test
    void keySupplyDataIsCheckedAtLoad() {
        final Link qkd = Link.of("a/b", "a", "b", G10, 10, SecurityLevel.QKD_AES);
        assertEquals("link a/b secret-key-rate-bps must be positive, got -5.0",
            assertThrows(IllegalArgumentException.class, () -> qkd.withSecretKeyRate(-5)).getMessage());
        assertEquals("link a/b secret-key-rate-bps must be positive, got 0.0",
            assertThrows(IllegalArgumentException.class, () -> qkd.withSecretKeyRate(0)).getMessage());
        assertEquals("link a/c has secret-key-rate-bps but its key-exchange qra does not use QKD (qkd, hybrid-qkd-qra)",
            assertThrows(IllegalArgumentException.class, () -> Link.of("a/c", "a", "c", G10, 10,
                SecurityLevel.QRA_AES).withSecretKeyRate(100)).getMessage());
        final var sites = List.of(Site.of("a", SiteRole.METRO, null), Site.of("b", SiteRole.METRO, null));
        final Link other = Link.of("a/b#2", "a", "b", G10, 10, SecurityLevel.HYBRID_QKD_QRA_AES).withQkdLink("ab")
            .withSecretKeyRate(200);
        assertEquals("links a/b and a/b#2 share qkd-link ab but give different secret-key-rate-bps 100.0 and 200.0",
            assertThrows(IllegalArgumentException.class, () -> Topology.of("t", sites, List.of(
                qkd.withQkdLink("ab").withSecretKeyRate(100), other))).getMessage());
        assertEquals("link a/b#2 names qkd-link a/b, a link that draws its keys from qkd-link ab",
            assertThrows(IllegalArgumentException.class, () -> Topology.of("t", sites, List.of(
                qkd.withQkdLink("ab"), other.withQkdLink("a/b")))).getMessage());
        // one link giving the rate is enough: the other shares it
        final var index = TopologyIndex.of(Topology.of("t", sites, List.of(qkd.withQkdLink("ab"), other)));
        assertEquals(200, index.sourceRate(index.sourceIndex("ab")), DELTA);
        assertEquals(2, index.sourceLinks(index.sourceIndex("ab")).length);
    }
}
