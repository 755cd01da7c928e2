/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.pce;

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
import org.qslice.api.model.SliceRequest;
import org.qslice.api.model.Topology;

/**
 * The BT testbed of Wright et al., JOCN 2021, as far as the paper's text describes it.
 *
 * <p>Sites cell-1, cell-2 (cell), agg-1 (aggregation, CDN compute), metro-1 (metro, compute, optical switch) and
 * core-1 (core), chained cell-1/cell-2 -- agg-1 -- metro-1 -- core-1. Every inter-site connection rides the 121 km
 * field link looped back: 242 km of fibre at 5 us/km, so 1210 us per link, plus 15 us for the encryptor cards
 * (present on every channel, pass-through on channel 1): 1225 us effective. Each adjacent pair of sites has five
 * parallel links, one per 100G DWDM channel with 10 x 10G client ports: ch1 none, ch2 dh-aes, ch3 qra-aes, ch4 and
 * ch5 qkd-aes.
 */
final class PaperTestbed {
    static final long FIBRE_US = 1210;
    static final long HOP_US = FIBRE_US + Encryptor.DEFAULT_LATENCY_US;
    static final long G10 = 10_000;
    static final SecurityLevel[] CHANNEL_LEVELS = {
        SecurityLevel.NONE, SecurityLevel.DH_AES, SecurityLevel.QRA_AES, SecurityLevel.QKD_AES, SecurityLevel.QKD_AES
    };

    private PaperTestbed() {
        // fixture
    }

    static Topology topology() {
        final var sites = List.of(
            site("cell-1", SiteRole.CELL, null),
            site("cell-2", SiteRole.CELL, null),
            site("agg-1", SiteRole.AGGREGATION, new Compute(32, 128)),
            site("metro-1", SiteRole.METRO, new Compute(64, 256)),
            site("core-1", SiteRole.CORE, null));
        final var links = new ArrayList<Link>();
        for (String[] pair : new String[][] {
            { "cell-1", "agg-1" }, { "cell-2", "agg-1" }, { "agg-1", "metro-1" }, { "metro-1", "core-1" } }) {
            for (int ch = 1; ch <= CHANNEL_LEVELS.length; ch++) {
                links.add(channelLink(pair[0], pair[1], ch, CHANNEL_LEVELS[ch - 1]));
            }
        }
        return Topology.of("paper-testbed", sites, links);
    }

    private static Site site(final String id, final SiteRole role, final Compute compute) {
        final var devices = new ArrayList<Device>();
        devices.add(new Device(id + "-eth", DeviceKind.ETHERNET_SWITCH));
        devices.add(new Device(id + "-enc", DeviceKind.ENCRYPTOR));
        if (role == SiteRole.METRO) {
            devices.add(new Device(id + "-ots", DeviceKind.OPTICAL_SWITCH));
        }
        return new Site(id, role, Optional.ofNullable(compute), devices);
    }

    static String linkId(final String siteA, final String siteB, final int channel) {
        return siteA + "/" + siteB + "#ch" + channel;
    }

    private static Link channelLink(final String siteA, final String siteB, final int channel,
            final SecurityLevel level) {
        return Link.of(linkId(siteA, siteB, channel), siteA, siteB, 100_000, FIBRE_US, level)
            .withChannel(DwdmChannel.of(channel, 10, G10))
            .withEncryptor(new Encryptor(Optional.of("transponder-encryptor"), level != SecurityLevel.NONE,
                Encryptor.DEFAULT_LATENCY_US, Optional.of(siteA + "-enc"), Optional.of(siteB + "-enc")))
            .withOpticalSwitch("metro-1/metro-1-ots");
    }

    static SiteEndpoint at(final String id) {
        return new SiteEndpoint(id);
    }

    /**
     * Use-Case 1: an enterprise app at the metro site. Each cell site reaches metro compute over qra-aes, the
     * aggregated traffic goes metro -> core over qkd-aes, the control plane cell -> core over dh-aes.
     */
    static SliceRequest useCase1() {
        return SliceRequest.of("use-case-1", List.of(
            ConnectionRequest.of("cell1-app", at("cell-1"), ComputeEndpoint.ofRole(SiteRole.METRO, 8, 32),
                SecurityLevel.QRA_AES, G10).withMaxLatencyUs(5_000),
            ConnectionRequest.of("cell2-app", at("cell-2"), ComputeEndpoint.ofRole(SiteRole.METRO, 8, 32),
                SecurityLevel.QRA_AES, G10).withMaxLatencyUs(5_000),
            ConnectionRequest.of("metro-core", at("metro-1"), at("core-1"), SecurityLevel.QKD_AES, 2 * G10),
            controlPlane("cell1-core-cp", "cell-1"),
            controlPlane("cell2-core-cp", "cell-2")));
    }

    /**
     * Use-Case 2: a CDN at the aggregation site. Content core -> aggregation compute over qkd-aes, aggregation ->
     * cells unencrypted, the control plane cell -> core over dh-aes.
     */
    static SliceRequest useCase2() {
        return SliceRequest.of("use-case-2", List.of(
            ConnectionRequest.of("cdn-feed", at("core-1"), ComputeEndpoint.ofRole(SiteRole.AGGREGATION, 16, 64),
                SecurityLevel.QKD_AES, G10),
            ConnectionRequest.of("cdn-cell1", at("agg-1"), at("cell-1"), SecurityLevel.NONE, G10),
            ConnectionRequest.of("cdn-cell2", at("agg-1"), at("cell-2"), SecurityLevel.NONE, G10),
            controlPlane("cell1-core-cp", "cell-1"),
            controlPlane("cell2-core-cp", "cell-2")));
    }

    private static ConnectionRequest controlPlane(final String name, final String cell) {
        return ConnectionRequest.of(name, at(cell), at("core-1"), SecurityLevel.DH_AES, 1_000)
            .withRole(ConnectionRole.CONTROL_PLANE);
    }
}
