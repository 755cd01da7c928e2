/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DomainModelTest {
    private static final Site A = Site.of("a", SiteRole.CELL, null);
    private static final Site B = Site.of("b", SiteRole.METRO, new Compute(4, 8));

    @Test
    void topologyRejectsLinksToUnknownSitesAndDuplicates() {
        final var link = Link.of("a/c", "a", "c", 1000, 10, SecurityLevel.NONE);
        assertEquals("link a/c names unknown site c", assertThrows(IllegalArgumentException.class,
            () -> Topology.of("t", List.of(A, B), List.of(link))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Topology.of("t", List.of(A, A), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Topology("t", Map.of("x", A), Map.of()));
        final var encrypted = Link.of("a/b", "a", "b", 1000, 10, SecurityLevel.DH_AES).withEncryptor(
            new Encryptor(Optional.empty(), true, 15, Optional.of("enc-a"), Optional.empty()));
        assertEquals("link a/b names encryptor enc-a which site a does not have",
            assertThrows(IllegalArgumentException.class, () -> Topology.of("t", List.of(A, B), List.of(encrypted)))
                .getMessage());
        final var topology = Topology.of("t", List.of(B, A), List.of(Link.of("a/b", "a", "b", 1, 1,
            SecurityLevel.NONE)));
        assertEquals(List.of("a", "b"), List.copyOf(topology.sites().keySet()));
    }

    @Test
    void linksAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Link.of("l", "a", "a", 1, 1, SecurityLevel.NONE));
        assertThrows(IllegalArgumentException.class, () -> Link.of("l", "a", "b", 0, 1, SecurityLevel.NONE));
        assertThrows(IllegalArgumentException.class, () -> Link.of("l", "a", "b", 1, -1, SecurityLevel.NONE));
        final var link = Link.of("l", "a", "b", 100_000, 1210, SecurityLevel.QKD_AES)
            .withEncryptor(new Encryptor(Optional.empty(), true, 15, Optional.empty(), Optional.empty()));
        assertEquals(1225, link.effectiveLatencyUs());
        assertEquals(KeyExchange.QKD, link.keyExchange());
        assertEquals("b", link.otherEnd("a"));
        assertThrows(IllegalArgumentException.class, () -> new DwdmChannel(1, 10, 10_000, new TreeSet<>(Set.of(11))));
        assertEquals(3, DwdmChannel.of(1, 10, 10_000).portsFor(25_000));
        assertEquals(1, DwdmChannel.of(1, 10, 10_000).portsFor(1));
    }

    @Test
    void reservationsMergePerLinkAndSite() {
        final var merged = SliceReservation.of("s", List.of(new LinkReservation("l", 10_000, List.of(2)),
            new LinkReservation("l", 5_000, List.of(1)), new LinkReservation("m", 1, List.of())),
            List.of(new ComputeReservation("b", 1, 2), new ComputeReservation("b", 3, 4)));
        assertEquals(new LinkReservation("l", 15_000, List.of(1, 2)), merged.links().get("l"));
        assertEquals(new ComputeReservation("b", 4, 6), merged.compute().get("b"));
        assertEquals(merged, SliceReservation.empty("s").merge(merged));
        assertThrows(IllegalArgumentException.class, () -> SliceReservation.of("s", List.of(
            new LinkReservation("l", 1, List.of(1)), new LinkReservation("l", 1, List.of(1))), List.of()));
        assertThrows(IllegalArgumentException.class, () -> merged.merge(SliceReservation.empty("t")));
        assertThrows(IllegalArgumentException.class, () -> new LinkReservation("l", 0, List.of()));
    }

    @Test
    void plansAreFeasibleOrBlockedButNotBoth() {
        final var hop = new Hop(0, "a/b", "a", "b", SecurityLevel.QRA_AES, 1225, OptionalInt.of(3),
            List.of(1));
        final var feasible = ConnectionPlan.feasible("c", "a", "b", List.of(hop),
            List.of(new LinkReservation("a/b", 10_000, List.of(1))), List.of(),
            List.of(new AccessVlan("a", 1000), new AccessVlan("b", 1000)));
        assertEquals(1225, feasible.totalLatencyUs());
        assertEquals(OptionalInt.of(1000), feasible.accessVlan("b"));
        assertEquals(List.of(new AccessVlan("a", 1000), new AccessVlan("b", 1000)),
            SlicePlan.of("s", List.of(feasible)).reservation().accessVlans());
        assertThrows(IllegalArgumentException.class, () -> ConnectionPlan.feasible("c", "a", "b", List.of(hop),
            List.of(), List.of(), List.of(new AccessVlan("a", 1000), new AccessVlan("a", 1001))));
        assertThrows(IllegalArgumentException.class, () -> new AccessVlan("a", 4095));
        assertEquals(Optional.of(SecurityLevel.QRA_AES), feasible.weakestLevel());
        final var blocked = ConnectionPlan.blocked("d", "connection d: no path");
        final var plan = SlicePlan.of("s", List.of(feasible, blocked));
        assertEquals(Optional.of("connection d: no path"), plan.reason());
        assertTrue(plan.reservation().isEmpty());
        assertEquals(List.of(new LinkReservation("a/b", 10_000, List.of(1))),
            SlicePlan.of("s", List.of(feasible)).reservation().linkList());
        assertThrows(IllegalArgumentException.class, () -> new SlicePlan("s", true, Optional.empty(),
            List.of(blocked)));
        assertThrows(IllegalArgumentException.class, () -> ConnectionPlan.feasible("c", "a", "b", List.of(),
            List.of(), List.of(), List.of()));
    }

    @Test
    void bandwidthConvertsExactly() {
        assertEquals(2_500, Bandwidth.mbps(new BigDecimal("2.5")));
        assertEquals(new BigDecimal("2.500"), Bandwidth.gbps(2_500));
        assertEquals("0.001 Gb/s", Bandwidth.format(1));
        assertEquals("10G", Bandwidth.formatPortSpeed(10_000));
        assertEquals("2.5G", Bandwidth.formatPortSpeed(2_500));
        assertThrows(ArithmeticException.class, () -> Bandwidth.mbps(new BigDecimal("0.0005")));
    }

    @Test
    void enumsRoundTripThroughTheirYangNames() {
        for (SiteRole role : SiteRole.values()) {
            assertEquals(role, SiteRole.parse(role.yangName()));
            assertEquals(role, SiteRole.parse(role.yangName().toUpperCase(Locale.ROOT)));
        }
        for (DeviceKind kind : DeviceKind.values()) {
            assertEquals(kind, DeviceKind.parse(kind.yangName()));
        }
        for (KeyExchange method : KeyExchange.values()) {
            assertEquals(method, KeyExchange.parse(method.yangName()));
        }
        for (ConnectionRole role : ConnectionRole.values()) {
            assertEquals(role, ConnectionRole.parse(role.yangName()));
        }
        assertEquals("unknown site role 'edge', expected one of cell, aggregation, metro, core",
            assertThrows(IllegalArgumentException.class, () -> SiteRole.parse("edge")).getMessage());
        assertEquals("compute(role metro, sites b,c)", new ComputeEndpoint(Optional.of(SiteRole.METRO),
            Set.of("c", "b"), 1, 1).describe());
    }
}
