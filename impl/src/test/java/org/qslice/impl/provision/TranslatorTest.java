/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qslice.api.SliceException;
import org.qslice.api.kms.KeyType;
import org.qslice.api.model.DwdmChannel;
import org.qslice.api.model.Link;
import org.qslice.api.model.SecurityLevel;
import org.qslice.api.model.SliceInfo;
import org.qslice.api.model.SlicePlan;
import org.qslice.api.model.SliceState;
import org.qslice.api.model.Topology;
import org.qslice.impl.device.EncryptorPort;
import org.qslice.impl.device.EthernetCrossConnect;
import org.qslice.impl.pce.ResourceLedger;
import org.qslice.impl.pce.SlicePlanner;

class TranslatorTest {
    private final Fixture fixture = new Fixture();
    private final Translator translator = new Translator("access", Duration.ofSeconds(3));

    @Test
    void useCase1FollowsTheSwimLane() throws Exception {
        final ProvisioningPlan plan = translator.translate(fixture.reserve(Fixture.useCase1("uc1")),
            fixture.topology);
        final List<String> order = plan.steps().stream().map(step -> step.lane().yangName() + " " + step.target())
            .toList();
        // the KMS registration first (the first keys are drawn while the switches are configured), then the
        // paper's swim lane
        assertEquals(List.of("key-refresh kms",
            "ingress-switch cell-1/cell-1-sw", "ingress-switch cell-2/cell-2-sw", "ingress-switch metro-1/metro-1-sw",
            "optical-switch metro-1/metro-1-osw",
            "encryptor agg-1/agg-1-enc", "encryptor cell-1/cell-1-enc", "encryptor cell-2/cell-2-enc",
            "encryptor core-1/core-1-enc", "encryptor metro-1/metro-1-enc",
            "switch agg-1/agg-1-sw", "switch core-1/core-1-sw"), order);
        final var refresh = plan.steps().stream().filter(step -> step.change() instanceof Step.KeyRefresh)
            .flatMap(step -> ((Step.KeyRefresh) step.change()).channels().stream()).toList();
        assertEquals(1, plan.steps().stream().filter(step -> step.change() instanceof Step.KeyRefresh).count());
        assertEquals(8, refresh.size(), refresh.toString());
        // qra for the cell -> metro app paths, qkd metro -> core, dh for the control plane
        assertTrue(refresh.stream().anyMatch(c -> c.channelId().equals("metro-1/core-1#ch4")
            && c.keyType() == KeyType.QKD && c.masterSaeId().equals("metro-1-enc")
            && c.slaveSaeId().equals("core-1-enc")), refresh.toString());
        assertTrue(refresh.stream().anyMatch(c -> c.keyType() == KeyType.QRA), refresh.toString());
        assertTrue(refresh.stream().anyMatch(c -> c.keyType() == KeyType.DH), refresh.toString());
        for (int i = 0; i < plan.steps().size(); i++) {
            assertEquals(i + 1, plan.steps().get(i).index());
        }
    }

    @Test
    void aTransitSiteCrossConnectsTheTwoLinks() throws Exception {
        final SliceInfo slice = fixture.reserve(Fixture.useCase1("uc1"));
        final ProvisioningPlan plan = translator.translate(slice, fixture.topology);
        final var control = slice.connections().stream().filter(c -> c.name().equals("cell-1-control"))
            .findFirst().orElseThrow();
        final var agg = crossConnects(plan, "agg-1/agg-1-sw").stream()
            .filter(xc -> xc.name().equals("uc1/cell-1-control")).findFirst().orElseThrow();
        final var in = control.hops().get(0);
        final var out = control.hops().get(1);
        assertEquals("eth-cell-1-ch" + in.channel().getAsInt(), agg.aPort());
        assertEquals(Translator.LINK_VLAN_BASE + in.clientPorts().get(0), agg.aVlan());
        assertEquals("eth-metro-1-ch" + out.channel().getAsInt(), agg.zPort());
        assertEquals(Translator.LINK_VLAN_BASE + out.clientPorts().get(0), agg.zVlan());
        final var head = crossConnects(plan, "cell-1/cell-1-sw").stream()
            .filter(xc -> xc.name().equals("uc1/cell-1-control")).findFirst().orElseThrow();
        assertEquals("access", head.aPort());
        assertEquals(100, head.bandwidthMbps());
    }

    @Test
    void translationIsDeterministic() throws Exception {
        final SliceInfo slice = fixture.reserve(Fixture.useCase2("uc2"));
        assertEquals(translator.translate(slice, fixture.topology), translator.translate(slice, fixture.topology));
        assertEquals(translator.translate(slice, fixture.topology),
            new Translator("access", Duration.ofSeconds(3)).translate(slice, Fixture.topology()));
    }

    @Test
    void entriesAndVlansNeverCollideAcrossSlices() throws Exception {
        final var plans = List.of(
            translator.translate(fixture.reserve(Fixture.useCase1("uc1")), fixture.topology),
            translator.translate(fixture.reserve(Fixture.useCase2("uc2")), fixture.topology),
            translator.translate(fixture.reserve(Fixture.useCase1("uc1-bis")), fixture.topology),
            translator.translate(fixture.reserve(Fixture.useCase2("uc2-bis")), fixture.topology));
        final Map<String, Set<String>> keys = new HashMap<>();
        final Map<String, Set<String>> vlans = new HashMap<>();
        for (ProvisioningPlan plan : plans) {
            for (Step step : plan.steps()) {
                final String device = step.target();
                switch (step.change()) {
                    case Step.SwitchConfig config -> {
                        for (EthernetCrossConnect xc : config.crossConnects()) {
                            assertTrue(keys.computeIfAbsent(device, d -> new HashSet<>()).add(xc.name()), xc.name());
                            assertTrue(vlans.computeIfAbsent(device, d -> new HashSet<>()).add(xc.aPort() + "."
                                + xc.aVlan()), device + " " + xc.aPort() + "." + xc.aVlan() + " used twice");
                            assertTrue(vlans.get(device).add(xc.zPort() + "." + xc.zVlan()),
                                device + " " + xc.zPort() + "." + xc.zVlan() + " used twice");
                        }
                    }
                    case Step.OpticalConfig config -> config.names().forEach(name -> assertTrue(keys
                        .computeIfAbsent(device, d -> new HashSet<>()).add(name), device + " " + name));
                    case Step.EncryptorConfig config -> {
                        for (EncryptorPort port : config.ports()) {
                            assertTrue(keys.computeIfAbsent(device, d -> new HashSet<>()).add(port.name()),
                                device + " " + port.name());
                        }
                    }
                    case Step.KeyRefresh refresh -> {
                        // shared channels are registered by every slice using them
                    }
                }
            }
        }
    }

    /**
     * The bug of VLANs derived at activation: a link added at a site that sorts before the others shifted the
     * access VLANs, so a slice reserved after it got the tag an active slice held on the same access port.
     */
    @Test
    void aTopologyChangeNeverShiftsOrSharesAnAccessVlan() throws Exception {
        final SliceInfo before = fixture.reserve(Fixture.useCase1("uc1"));
        final ProvisioningPlan planned = translator.translate(before, fixture.topology);
        final var links = new ArrayList<>(fixture.topology.links().values());
        links.add(Link.of("agg-1/cell-1#ch0", "agg-1", "cell-1", 100_000, 1210, SecurityLevel.QKD_AES)
            .withChannel(DwdmChannel.of(9, 10, Fixture.G10)).withPorts("eth-cell-1-ch0", "eth-agg-1-ch0"));
        final Topology changed = Topology.of("qslice", fixture.topology.sites().values(), links);
        final var planner = SlicePlanner.of(changed);
        final var restored = ResourceLedger.rebuild(planner.index(), List.of(before.reservation()));
        assertEquals(List.of(), restored.problems());
        // the active slice's entries are the same on the new topology
        assertEquals(planned, translator.translate(before, changed));
        final SlicePlan next = planner.plan(Fixture.useCase1("uc1-bis"), restored.ledger());
        assertTrue(next.feasible(), next.reason().toString());
        restored.ledger().reserve(next.reservation());
        final SliceInfo after = new SliceInfo(Fixture.useCase1("uc1-bis"), SliceState.RESERVED, true,
            next.connections(), Instant.EPOCH, Instant.EPOCH, Optional.empty());
        final Set<String> used = new HashSet<>();
        for (ProvisioningPlan plan : List.of(planned, translator.translate(after, changed))) {
            for (Step step : plan.steps()) {
                if (step.change() instanceof Step.SwitchConfig config) {
                    for (EthernetCrossConnect xc : config.crossConnects()) {
                        assertTrue(used.add(step.target() + " " + xc.aPort() + "." + xc.aVlan()),
                            step.target() + " " + xc.aPort() + "." + xc.aVlan() + " used twice");
                        assertTrue(used.add(step.target() + " " + xc.zPort() + "." + xc.zVlan()),
                            step.target() + " " + xc.zPort() + "." + xc.zVlan() + " used twice");
                    }
                }
            }
        }
        // and the ledger holds them: the reservation names every access VLAN, deleting gives them back
        assertEquals(10, before.reservation().accessVlans().size());
        final int first = ResourceLedger.ACCESS_VLAN_FIRST;
        assertEquals(List.of(first + 4, first + 5), restored.ledger().lowestFreeAccessVlans("cell-1", 2));
        restored.ledger().release("uc1");
        assertEquals(List.of(first, first + 1), restored.ledger().lowestFreeAccessVlans("cell-1", 2));
    }

    @Test
    void aMissingSwitchPortIsNamed() throws Exception {
        final SliceInfo slice = fixture.reserve(Fixture.useCase2("uc2"));
        final Topology bare = new Topology("qslice", fixture.topology.sites(), fixture.topology.links().entrySet()
            .stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> {
                final var link = e.getValue();
                return new org.qslice.api.model.Link(link.id(), link.siteA(), link.siteB(), link.capacityMbps(),
                    link.latencyUs(), link.security(), link.keyExchange(), link.channel(), link.encryptor(),
                    link.opticalSwitch(), java.util.Optional.empty(), java.util.Optional.empty());
            })));
        final var failure = assertThrows(SliceException.class, () -> translator.translate(slice, bare));
        assertEquals(SliceException.Kind.STATE, failure.kind());
        assertTrue(failure.getMessage().contains("names no Ethernet switch port at site"), failure.getMessage());
    }

    private static List<EthernetCrossConnect> crossConnects(final ProvisioningPlan plan, final String device) {
        return plan.steps().stream().filter(step -> step.target().equals(device))
            .flatMap(step -> ((Step.SwitchConfig) step.change()).crossConnects().stream()).toList();
    }
}
