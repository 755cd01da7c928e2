/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.slice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.qslice.api.SliceException;
import org.qslice.api.model.ConnectionRequest;
import org.qslice.api.model.KeySupply;
import org.qslice.api.model.Link;
import org.qslice.api.model.LinkReservation;
import org.qslice.api.model.SecurityLevel;
import org.qslice.api.model.Site;
import org.qslice.api.model.SiteEndpoint;
import org.qslice.api.model.SiteRole;
import org.qslice.api.model.SliceRequest;
import org.qslice.api.model.SliceReservation;
import org.qslice.api.model.Topology;
import org.qslice.impl.pce.KeyBudget;
import org.qslice.impl.pce.KeySourceLoad;

/**
 * {@link PcePlanning} passes the orchestrator's key budget down and the key supply up: the status per key source and
 * the rate changes for restoration.
 */
class PcePlanningTest {
    /** Two QKD channels between a and b on one QKD system of 1000 b/s. */
    private static final Topology TOPOLOGY = Topology.of("t",
        List.of(Site.of("a", SiteRole.METRO, null), Site.of("b", SiteRole.CORE, null)),
        List.of(Link.of("a/b#1", "a", "b", 10_000, 100, SecurityLevel.QKD_AES).withQkdLink("a/b")
                .withSecretKeyRate(1_000),
            Link.of("a/b#2", "a", "b", 10_000, 100, SecurityLevel.QKD_AES).withQkdLink("a/b")));

    @Test
    void theKeySupplyReachesTheStatusAndRateChangesReachTheLedger() throws SliceException {
        final var conflicts = new ArrayList<String>();
        // key refresh 2 s: 128 b/s per channel; headroom 0.5
        final Planning planning = PcePlanning.factory(KeyBudget.of(Duration.ofSeconds(2), 0.5)).create(TOPOLOGY,
            List.of(SliceReservation.of("s1", List.of(new LinkReservation("a/b#1", 1_000, List.of())), List.of())),
            conflicts);
        assertEquals(List.of(), conflicts);
        assertEquals(Map.of("a/b", new KeySupply("a/b", List.of("a/b#1"), OptionalDouble.of(1_000),
            OptionalDouble.of(500), 128, 0)), planning.status().keySources());

        final KeySourceLoad load = planning.keyRateChanged("a/b#2", 100);
        assertTrue(load.overCommitted());
        assertEquals(List.of("s1"), List.copyOf(load.slices()));
        assertEquals(List.of(load), planning.overCommittedKeySources());

        // the channel in use still takes connections; a new one would not fit
        final var plan = planning.plan(SliceRequest.of("s2", List.of(ConnectionRequest.of("c",
            new SiteEndpoint("a"), new SiteEndpoint("b"), SecurityLevel.QKD_AES, 1_000))));
        assertEquals("a/b#1", plan.connections().get(0).hops().get(0).linkId());
        assertEquals(List.of(new KeySupply("a/b", List.of("a/b#1"), OptionalDouble.of(100), OptionalDouble.of(50),
            128, 0)), plan.keySupply());
    }
}
