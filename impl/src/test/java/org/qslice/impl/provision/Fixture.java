/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.qslice.api.model.Compute;
import org.qslice.api.model.ComputeEndpoint;
import org.qslice.api.model.ConnectionRequest;
import org.qslice.api.model.ConnectionRole;
import org.qslice.api.model.Device;
import org.qslice.api.model.DeviceKind;
import org.qslice.api.model.DwdmChannel;
import org.qslice.api.model.Encryptor;
import org.qslice.api.model.Link;
import org.qslice.api.model.SecurityLevel;
import org.qslice.api.model.Site;
import org.qslice.api.model.SiteEndpoint;
import org.qslice.api.model.SiteRole;
import org.qslice.api.model.SliceInfo;
import org.qslice.api.model.SlicePlan;
import org.qslice.api.model.SliceRequest;
import org.qslice.api.model.SliceState;
import org.qslice.api.model.Topology;
import org.qslice.impl.pce.InvalidRequestException;
import org.qslice.impl.pce.ResourceLedger;
import org.qslice.impl.pce.SlicePlanner;

/**
 * The paper's testbed as in {@code testbed/paper-topology.json} (devices {@code <site>-sw}, {@code <site>-enc},
 * {@code metro-1-osw}, switch ports {@code eth-<peer>-ch<n>}) and its two use cases, planned on a shared ledger.
 */
final class Fixture {
    static final SecurityLevel[] LEVELS = {
        SecurityLevel.NONE, SecurityLevel.DH_AES, SecurityLevel.QRA_AES, SecurityLevel.QKD_AES, SecurityLevel.QKD_AES
    };
    static final long G10 = 10_000;

    final Topology topology = topology();
    final SlicePlanner planner = SlicePlanner.of(topology);
    final ResourceLedger ledger = ResourceLedger.empty(planner.index());

    static Topology topology() {
        final var sites = List.of(site("cell-1", SiteRole.CELL, null), site("cell-2", SiteRole.CELL, null),
            site("agg-1", SiteRole.AGGREGATION, new Compute(32, 128)),
            site("metro-1", SiteRole.METRO, new Compute(64, 256)), site("core-1", SiteRole.CORE, null));
        final var links = new ArrayList<Link>();
        for (String[] pair : new String[][] {
            { "cell-1", "agg-1" }, { "cell-2", "agg-1" }, { "agg-1", "metro-1" }, { "metro-1", "core-1" } }) {
            for (int ch = 1; ch <= LEVELS.length; ch++) {
                final String a = pair[0];
                final String b = pair[1];
                links.add(Link.of(a + "/" + b + "#ch" + ch, a, b, 100_000, 1210, LEVELS[ch - 1])
                    .withChannel(DwdmChannel.of(ch, 10, G10))
                    .withEncryptor(new Encryptor(Optional.of("qslice-sim-10x10g"), LEVELS[ch - 1] != SecurityLevel.NONE,
                        15, Optional.of(a + "-enc"), Optional.of(b + "-enc")))
                    .withOpticalSwitch("metro-1/metro-1-osw")
                    .withPorts("eth-" + b + "-ch" + ch, "eth-" + a + "-ch" + ch));
            }
        }
        return Topology.of("qslice", sites, links);
    }

    private static Site site(final String id, final SiteRole role, final Compute compute) {
        final var devices = new ArrayList<Device>();
        devices.add(new Device(id + "-sw", DeviceKind.ETHERNET_SWITCH));
        devices.add(new Device(id + "-enc", DeviceKind.ENCRYPTOR));
        if (role == SiteRole.METRO) {
            devices.add(new Device(id + "-osw", DeviceKind.OPTICAL_SWITCH));
        }
        return new Site(id, role, Optional.ofNullable(compute), devices);
    }

    static SliceRequest useCase1(final String id) {
        return SliceRequest.of(id, List.of(
            ConnectionRequest.of("cell-1-app", at("cell-1"), ComputeEndpoint.ofRole(SiteRole.METRO, 4, 16),
                SecurityLevel.QRA_AES, 1_000),
            ConnectionRequest.of("cell-2-app", at("cell-2"), ComputeEndpoint.ofRole(SiteRole.METRO, 4, 16),
                SecurityLevel.QRA_AES, 1_000),
            ConnectionRequest.of("metro-core", at("metro-1"), at("core-1"), SecurityLevel.QKD_AES, G10),
            control("cell-1-control", "cell-1"), control("cell-2-control", "cell-2")));
    }

    static SliceRequest useCase2(final String id) {
        return SliceRequest.of(id, List.of(
            ConnectionRequest.of("core-cdn", at("core-1"), ComputeEndpoint.ofRole(SiteRole.AGGREGATION, 8, 32),
                SecurityLevel.QKD_AES, G10),
            ConnectionRequest.of("cdn-cell-1", at("agg-1"), at("cell-1"), SecurityLevel.NONE, 5_000),
            ConnectionRequest.of("cdn-cell-2", at("agg-1"), at("cell-2"), SecurityLevel.NONE, 5_000),
            control("cell-1-control", "cell-1"), control("cell-2-control", "cell-2")));
    }

    private static ConnectionRequest control(final String name, final String cell) {
        return ConnectionRequest.of(name, at(cell), at("core-1"), SecurityLevel.DH_AES, 100)
            .withRole(ConnectionRole.CONTROL_PLANE);
    }

    private static SiteEndpoint at(final String site) {
        return new SiteEndpoint(site);
    }

    /**
     * Plans and reserves a slice on the shared ledger.
     */
    SliceInfo reserve(final SliceRequest request) throws InvalidRequestException {
        final SlicePlan plan = planner.plan(request, ledger);
        if (!plan.feasible()) {
            throw new IllegalStateException("not feasible: " + plan.reason());
        }
        ledger.reserve(plan.reservation());
        return new SliceInfo(request, SliceState.RESERVED, true, plan.connections(), Instant.EPOCH, Instant.EPOCH,
            Optional.empty());
    }
}
