/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qslice.api.model.Link;
import org.qslice.api.model.SecurityLevel;
import org.qslice.api.model.SiteRole;
import org.qslice.api.model.SliceRequest;
import org.qslice.impl.pce.InvalidRequestException;
import org.qslice.impl.pce.ResourceLedger;
import org.qslice.impl.pce.SlicePlanner;

class TopologyGeneratorTest {
    @Test
    void sameSeedSameTopologyAndRequests() {
        final var topology = TopologyGenerator.topology(300, 7);
        assertEquals(topology, TopologyGenerator.topology(300, 7));
        final var planner = SlicePlanner.of(topology);
        assertEquals(TopologyGenerator.requests(topology, planner.pathComputer(), 20, 1),
            TopologyGenerator.requests(topology, planner.pathComputer(), 20, 1));
        assertTrue(!topology.equals(TopologyGenerator.topology(300, 8)));
    }

    @Test
    void topologyHasTheAdvertisedShape() {
        final var topology = TopologyGenerator.topology(1_000, 42);
        assertEquals(1_000, topology.sites().size());
        final double degree = 2.0 * topology.links().size() / topology.sites().size();
        assertTrue(degree > 3 && degree < 5, "average degree " + degree);
        final var roles = new HashMap<SiteRole, Integer>();
        topology.sites().values().forEach(site -> roles.merge(site.role(), 1, Integer::sum));
        assertEquals(Map.of(SiteRole.CORE, 10, SiteRole.METRO, 50, SiteRole.AGGREGATION, 200, SiteRole.CELL, 740),
            roles);
        final var levels = EnumSet.noneOf(SecurityLevel.class);
        topology.links().values().forEach(link -> levels.add(link.security()));
        assertEquals(EnumSet.allOf(SecurityLevel.class), levels);
        final var pairs = new HashSet<String>();
        final long parallel = topology.links().values().stream().map(Link::id).filter(id -> id.contains("#ch"))
            .map(id -> id.substring(0, id.indexOf('#'))).filter(pair -> !pairs.add(pair)).count();
        assertTrue(parallel > 50, "parallel channel links: " + parallel);
    }

    @Test
    void requestsAreValidAndMostlyFeasible() throws InvalidRequestException {
        final var topology = TopologyGenerator.topology(500, 3);
        final var planner = SlicePlanner.of(topology);
        final var ledger = ResourceLedger.empty(planner.index());
        int feasible = 0;
        for (SliceRequest request : TopologyGenerator.requests(topology, planner.pathComputer(), 40, 5)) {
            if (planner.plan(request, ledger).feasible()) {
                feasible++;
            }
        }
        assertTrue(feasible >= 20, "feasible requests: " + feasible);
    }
}
