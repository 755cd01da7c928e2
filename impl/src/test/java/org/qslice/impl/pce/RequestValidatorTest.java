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
import static org.qslice.impl.pce.PaperTestbed.G10;
import static org.qslice.impl.pce.PaperTestbed.HOP_US;
import static org.qslice.impl.pce.PaperTestbed.at;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qslice.api.model.Compute;
import org.qslice.api.model.ComputeEndpoint;
import org.qslice.api.model.ConnectionRequest;
import org.qslice.api.model.Link;
import org.qslice.api.model.SecurityLevel;
import org.qslice.api.model.Site;
import org.qslice.api.model.SiteRole;
import org.qslice.api.model.SliceRequest;
import org.qslice.api.model.Topology;

class RequestValidatorTest {
    private final SlicePlanner planner = SlicePlanner.of(PaperTestbed.topology());
    private final RequestValidator validator = planner.validator();

    private static ConnectionRequest ok(final String name) {
        return ConnectionRequest.of(name, at("cell-1"), at("core-1"), SecurityLevel.DH_AES, G10);
    }

    private String invalid(final ConnectionRequest... connections) {
        return invalid(SliceRequest.of("s", List.of(connections)));
    }

    private String invalid(final SliceRequest request) {
        final var ex = assertThrows(InvalidRequestException.class, () -> validator.validate(request));
        // The planner validates too.
        assertThrows(InvalidRequestException.class, () -> planner.plan(request,
            ResourceLedger.empty(planner.index())));
        assertEquals(ex.field() + ": " + ex.reason(), ex.getMessage());
        return ex.getMessage();
    }

    @Test
    void theUseCasesAreValid() throws InvalidRequestException {
        validator.validate(PaperTestbed.useCase1());
        validator.validate(PaperTestbed.useCase2());
    }

    @Test
    void sliceLevelProblems() {
        assertEquals("slice-id: 'a b' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or "
            + "digit", invalid(SliceRequest.of("a b", List.of(ok("x")))));
        assertEquals("connection: a slice needs at least one connection", invalid(SliceRequest.of("s", List.of())));
        assertEquals("connection[x]/name: duplicate connection name x", invalid(ok("x"), ok("y"), ok("x")));
        assertEquals("connection[ ]/name: must not be empty", invalid(ok(" ")));
    }

    @Test
    void unknownNames() {
        assertEquals("connection[x]/a-end/site: unknown site cell-9", invalid(ConnectionRequest.of("x",
            at("cell-9"), at("core-1"), SecurityLevel.NONE, G10)));
        assertEquals("connection[x]/z-end/compute/candidate-site: unknown site dc-7", invalid(ConnectionRequest.of(
            "x", at("cell-1"), new ComputeEndpoint(Optional.empty(), Set.of("dc-7"), 1, 1), SecurityLevel.NONE,
            G10)));
        assertEquals("connection[x]/include/site: unknown site nowhere",
            invalid(ok("x").withInclude(Set.of("nowhere"), Set.of())));
        assertEquals("connection[x]/exclude/site: unknown site nowhere",
            invalid(ok("x").withExclude(Set.of("nowhere"), Set.of())));
        assertEquals("connection[x]/include/link: unknown link agg-1/metro-1#ch9",
            invalid(ok("x").withInclude(Set.of(), Set.of("agg-1/metro-1#ch9"))));
        assertEquals("connection[x]/exclude/link: unknown link l",
            invalid(ok("x").withExclude(Set.of(), Set.of("l"))));
    }

    @Test
    void unknownSecurityLevelNamesTheField() {
        final var ex = assertThrows(InvalidRequestException.class,
            () -> RequestValidator.parseSecurityLevel("connection[x]/min-security-level", "quantum"));
        assertEquals("connection[x]/min-security-level", ex.field());
        assertEquals("unknown security level 'quantum', expected one of none, dh-aes, qra-aes, qkd-aes, "
            + "hybrid-qkd-qra-aes", ex.reason());
    }

    @Test
    void endsAndFilters() {
        assertEquals("connection[x]/z-end/site: a-end and z-end are the same site cell-1", invalid(
            ConnectionRequest.of("x", at("cell-1"), at("cell-1"), SecurityLevel.NONE, G10)));
        assertEquals("connection[x]/a-end/site: site cell-1 is an end and excluded",
            invalid(ok("x").withExclude(Set.of("cell-1"), Set.of())));
        assertEquals("connection[x]/include/site: site agg-1 is both included and excluded",
            invalid(ok("x").withInclude(Set.of("agg-1"), Set.of()).withExclude(Set.of("agg-1"), Set.of())));
        assertEquals("connection[x]/include/link: link agg-1/metro-1#ch2 ends at excluded site agg-1",
            invalid(ok("x").withInclude(Set.of(), Set.of("agg-1/metro-1#ch2")).withExclude(Set.of("agg-1"),
                Set.of())));
    }

    @Test
    void bandwidth() {
        assertEquals("connection[x]/bandwidth-gbps: must be positive, got 0.000", invalid(ConnectionRequest.of("x",
            at("cell-1"), at("core-1"), SecurityLevel.NONE, 0)));
        assertEquals("connection[x]/bandwidth-gbps: must be positive, got -1.500", invalid(ConnectionRequest.of("x",
            at("cell-1"), at("core-1"), SecurityLevel.NONE, -1_500)));
        assertEquals("connection[x]/bandwidth-gbps: 100.001 Gb/s exceeds what any link can carry (at most "
            + "100.000 Gb/s)", invalid(ConnectionRequest.of("x", at("cell-1"), at("core-1"), SecurityLevel.NONE,
                100_001)));
    }

    @Test
    void compute() {
        assertEquals("connection[x]/z-end/compute: no candidate site: no site with role core hosts compute",
            invalid(ConnectionRequest.of("x", at("cell-1"), ComputeEndpoint.ofRole(SiteRole.CORE, 1, 1),
                SecurityLevel.NONE, G10)));
        assertEquals("connection[x]/z-end/compute: no candidate site: no site with role metro hosts compute other "
            + "than the other end metro-1", invalid(ConnectionRequest.of("x", at("metro-1"),
                ComputeEndpoint.ofRole(SiteRole.METRO, 1, 1), SecurityLevel.NONE, G10)));
        assertEquals("connection[x]/a-end/compute/candidate-site: site cell-2 hosts no compute",
            invalid(ConnectionRequest.of("x", new ComputeEndpoint(Optional.empty(), Set.of("cell-2"), 1, 1),
                at("core-1"), SecurityLevel.NONE, G10)));
        assertEquals("connection[x]/z-end/compute/cpu-cores: 65 cpu cores exceed the compute of every candidate "
            + "site (largest: metro-1 with 64)", invalid(ConnectionRequest.of("x", at("cell-1"),
                ComputeEndpoint.ofRole(SiteRole.METRO, 65, 1), SecurityLevel.NONE, G10)));
        assertEquals("connection[x]/z-end/compute/memory-gb: 300 GB memory exceeds the compute of every candidate "
            + "site (largest: metro-1 with 256 GB)", invalid(ConnectionRequest.of("x", at("cell-1"),
                new ComputeEndpoint(Optional.empty(), Set.of(), 1, 300), SecurityLevel.NONE, G10)));
        assertEquals("connection[x]/z-end/compute: no candidate site: no site with role metro hosts compute and is "
            + "not excluded", invalid(ConnectionRequest.of("x", at("cell-1"), ComputeEndpoint.ofRole(SiteRole.METRO,
                1, 1), SecurityLevel.NONE, G10).withExclude(Set.of("metro-1"), Set.of())));
    }

    @Test
    void computeThatNoSingleSiteHas() {
        final var topology = Topology.of("t", List.of(Site.of("a", SiteRole.CELL, null),
            Site.of("cpu", SiteRole.METRO, new Compute(64, 16)), Site.of("ram", SiteRole.METRO, new Compute(8, 256))),
            List.of(Link.of("a/cpu", "a", "cpu", G10, 10, SecurityLevel.NONE),
                Link.of("a/ram", "a", "ram", G10, 10, SecurityLevel.NONE)));
        final var request = SliceRequest.of("s", List.of(ConnectionRequest.of("x", at("a"),
            ComputeEndpoint.ofRole(SiteRole.METRO, 32, 64), SecurityLevel.NONE, G10)));
        final var ex = assertThrows(InvalidRequestException.class,
            () -> SlicePlanner.of(topology).validator().validate(request));
        assertEquals("connection[x]/z-end/compute: no candidate site has both 32 cpu cores, 64 GB memory in total",
            ex.getMessage());
    }

    @Test
    void latencyBoundBelowThePhysicalMinimum() throws InvalidRequestException {
        assertEquals("connection[x]/max-latency-us: 3674 us is below the physical minimum 3675 us between cell-1 "
            + "and core-1", invalid(ok("x").withMaxLatencyUs(3 * HOP_US - 1)));
        validator.validate(SliceRequest.of("s", List.of(ok("x").withMaxLatencyUs(3 * HOP_US))));
        assertEquals("connection[x]/max-latency-us: 1000 us is below the physical minimum 1225 us between cell-1 "
            + "and compute(role aggregation)", invalid(ConnectionRequest.of("x", at("cell-1"),
                ComputeEndpoint.ofRole(SiteRole.AGGREGATION, 1, 1), SecurityLevel.NONE, G10).withMaxLatencyUs(1000)));
    }
}
