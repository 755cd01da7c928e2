/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.interfaces.rev210406.OpenconfigInterfacesData;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.interfaces.rev210406.interfaces.top.Interfaces;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.interfaces.rev210406.interfaces.top.InterfacesBuilder;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.interfaces.rev210406.interfaces.top.interfaces.Interface;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.interfaces.rev210406.interfaces.top.interfaces.InterfaceBuilder;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.interfaces.rev210406.interfaces.top.interfaces.InterfaceKey;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.interfaces.rev210406.subinterfaces.top.Subinterfaces;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.interfaces.rev210406.subinterfaces.top.SubinterfacesBuilder;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.interfaces.rev210406.subinterfaces.top.subinterfaces.Subinterface;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.interfaces.rev210406.subinterfaces.top.subinterfaces.SubinterfaceBuilder;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.interfaces.rev210406.subinterfaces.top.subinterfaces.SubinterfaceKey;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.vlan.rev210728.Subinterface1;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.vlan.rev210728.Subinterface1Builder;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.vlan.rev210728.vlan.logical.egress.mapping.top.EgressMappingBuilder;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.vlan.rev210728.vlan.logical.ingress.mapping.top.IngressMappingBuilder;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.vlan.rev210728.vlan.logical.match.top.MatchBuilder;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.vlan.rev210728.vlan.logical.match.top.match.SingleTaggedBuilder;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.vlan.rev210728.vlan.logical.top.Vlan;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.vlan.rev210728.vlan.logical.top.VlanBuilder;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.vlan.types.rev220524.VlanId;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.vlan.types.rev220524.VlanStackAction;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.iana._if.type.rev230126.EthernetCsmacd;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.QNameModule;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * {@link EthernetSwitchDriver} for switches that speak OpenConfig ({@code openconfig-interfaces} 2021-04-06 with
 * {@code openconfig-vlan} 2021-07-28), through the device's mount point.
 *
 * <p>A cross-connect is two VLAN subinterfaces, one per end: on the end's interface, subinterface index = the end's
 * VLAN, matching single-tagged frames of that VLAN ({@code vlan/match/single-tagged}). When the two ends' VLANs
 * differ, the a-end swaps its VLAN for the z-end's on ingress and back on egress ({@code vlan/ingress-mapping},
 * {@code vlan/egress-mapping}), so the frames cross the switch in the z-end's VLAN. Both subinterfaces carry
 * {@code qslice:<name> <owner>} as their description: that is how a removal by name finds them again, with no state
 * kept here, and how a read tells qslice's subinterfaces from anyone else's.
 *
 * <p>OpenConfig has no committed rate of a subinterface (that is {@code openconfig-qos}, which this revision set does
 * not carry): the cross-connect's bandwidth is reserved by qslice's path computation but not written to the switch,
 * and reads back as 0.
 */
public final class OpenConfigEthernetSwitch implements EthernetSwitchDriver {
    /** The model's root container. */
    public static final DataObjectIdentifier<Interfaces> ROOT =
        DataObjectIdentifier.builderOfInherited(OpenconfigInterfacesData.class, Interfaces.class).build();
    /** The modules a switch must advertise. */
    public static final List<QNameModule> MODULES = List.of(Interfaces.QNAME.getModule(), Vlan.QNAME.getModule());

    /** Marks qslice's subinterfaces in their description. */

    private final MountPointDevices devices;

    /**
     * Creates the driver.
     *
     * @param devices device access
     */
    public OpenConfigEthernetSwitch(final MountPointDevices devices) {
        this.devices = requireNonNull(devices);
    }

    /**
     * {@inheritDoc}
     *
     * <p>In one transaction: reads the interfaces, deletes the subinterfaces that carry one of the names or sit where
     * an end goes but differ from what it writes (a cross-connect rewritten, or changed on the device behind qslice's
     * back), and merges the ends. A fresh cross-connect costs the read and one edit.
     */
    @Override
    public ListenableFuture<?> add(final String nodeId, final List<EthernetCrossConnect> crossConnects) {
        final Interfaces interfaces = interfaces(crossConnects);
        final var names = crossConnects.stream().map(EthernetCrossConnect::name).collect(Collectors.toSet());
        final var wanted = new HashMap<String, Subinterface>();
        interfaces.nonnullInterface().values().forEach(port -> subinterfaces(port).forEach(sub ->
            wanted.put(port.requireName() + "." + sub.requireIndex(), sub)));
        return devices.submit(nodeId, "adding " + crossConnects.size() + " VLAN cross-connect(s) (OpenConfig)",
            broker -> {
                final ListenableFuture<Optional<Interfaces>> read;
                try (var tx = broker.newReadOnlyTransaction()) {
                    read = tx.read(LogicalDatastoreType.CONFIGURATION, ROOT);
                }
                return Futures.transformAsync(read, current -> {
                    final var tx = broker.newWriteOnlyTransaction();
                    current.ifPresent(root -> root.nonnullInterface().values().forEach(port -> subinterfaces(port)
                        .forEach(sub -> {
                            final String at = port.requireName() + "." + sub.requireIndex();
                            final boolean ours = names.contains(name(sub)) || wanted.containsKey(at);
                            if (ours && !sub.equals(wanted.get(at))) {
                                tx.delete(LogicalDatastoreType.CONFIGURATION, subinterface(port.requireName(),
                                    sub.requireIndex()));
                            }
                        })));
                    tx.merge(LogicalDatastoreType.CONFIGURATION, ROOT, interfaces);
                    return tx.commit();
                }, MoreExecutors.directExecutor());
            });
    }

    @Override
    public ListenableFuture<List<EthernetCrossConnect>> read(final String nodeId) {
        return devices.read(nodeId, ROOT, OpenConfigEthernetSwitch::crossConnects);
    }

    @Override
    public ListenableFuture<?> remove(final String nodeId, final List<String> names) {
        if (names.isEmpty()) {
            return Futures.immediateVoidFuture();
        }
        return devices.submit(nodeId, "removing " + names.size() + " VLAN cross-connect(s) (OpenConfig)", broker -> {
            final ListenableFuture<Optional<Interfaces>> read;
            try (var tx = broker.newReadOnlyTransaction()) {
                read = tx.read(LogicalDatastoreType.CONFIGURATION, ROOT);
            }
            return Futures.transformAsync(read, current -> {
                final var paths = new ArrayList<DataObjectIdentifier<Subinterface>>();
                current.ifPresent(root -> root.nonnullInterface().values().forEach(port -> subinterfaces(port)
                    .forEach(sub -> {
                        final String name = name(sub);
                        if (name != null && names.contains(name)) {
                            paths.add(subinterface(port.requireName(), sub.requireIndex()));
                        }
                    })));
                if (paths.isEmpty()) {
                    return Futures.immediateFuture(null);
                }
                final var tx = broker.newWriteOnlyTransaction();
                paths.forEach(path -> tx.delete(LogicalDatastoreType.CONFIGURATION, path));
                return Futures.transform(tx.commit(), ignored -> null, MoreExecutors.directExecutor());
            }, MoreExecutors.directExecutor());
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Without a rate (0), and with the ends in the order a read finds them: the a-end is the one that maps VLANs;
     * two ends of the same VLAN are ordered by port.
     */
    @Override
    public EthernetCrossConnect asHeld(final String nodeId, final EthernetCrossConnect xc) {
        return canonical(new EthernetCrossConnect(xc.name(), xc.description(), 0, xc.aPort(), xc.aVlan(), xc.zPort(),
            xc.zVlan()));
    }

    /**
     * Returns the OpenConfig configuration of cross-connects, as {@link #add} merges it.
     *
     * @param crossConnects the cross-connects
     * @return the interfaces, with one subinterface per end
     */
    public static Interfaces interfaces(final List<EthernetCrossConnect> crossConnects) {
        final var byPort = new LinkedHashMap<String, List<Subinterface>>();
        for (EthernetCrossConnect xc : crossConnects) {
            final boolean swap = xc.aVlan() != xc.zVlan();
            byPort.computeIfAbsent(xc.aPort(), port -> new ArrayList<>()).add(end(xc, xc.aVlan(),
                swap ? xc.zVlan() : 0));
            byPort.computeIfAbsent(xc.zPort(), port -> new ArrayList<>()).add(end(xc, xc.zVlan(), 0));
        }
        return new InterfacesBuilder().setInterface(BindingMap.ordered(byPort.entrySet().stream()
            .map(port -> new InterfaceBuilder()
                .setName(port.getKey())
                .setConfig(new org.opendaylight.yang.gen.v1.http.openconfig.net.yang.interfaces.rev210406.interfaces
                    .top.interfaces._interface.ConfigBuilder().setName(port.getKey()).setType(EthernetCsmacd.VALUE)
                    .build())
                .setSubinterfaces(new SubinterfacesBuilder().setSubinterface(BindingMap.ordered(port.getValue()))
                    .build())
                .build()).toList())).build();
    }

    /** One end: a subinterface matching the end's VLAN; with {@code mapTo} != 0, swapping it for that VLAN. */
    private static Subinterface end(final EthernetCrossConnect xc, final int vlan, final int mapTo) {
        final var vlanConfig = new VlanBuilder().setMatch(new MatchBuilder().setSingleTagged(new SingleTaggedBuilder()
            .setConfig(new org.opendaylight.yang.gen.v1.http.openconfig.net.yang.vlan.rev210728.vlan.logical.match.top
                .match.single.tagged.ConfigBuilder().setVlanId(vlanId(vlan)).build()).build()).build());
        if (mapTo != 0) {
            vlanConfig.setIngressMapping(new IngressMappingBuilder().setConfig(new org.opendaylight.yang.gen.v1.http
                .openconfig.net.yang.vlan.rev210728.vlan.logical.ingress.mapping.top.ingress.mapping.ConfigBuilder()
                .setVlanStackAction(VlanStackAction.SWAP).setVlanId(vlanId(mapTo)).build()).build());
            vlanConfig.setEgressMapping(new EgressMappingBuilder().setConfig(new org.opendaylight.yang.gen.v1.http
                .openconfig.net.yang.vlan.rev210728.vlan.logical.egress.mapping.top.egress.mapping.ConfigBuilder()
                .setVlanStackAction(VlanStackAction.SWAP).setVlanId(vlanId(vlan)).build()).build());
        }
        return new SubinterfaceBuilder()
            .setIndex(Uint32.valueOf(vlan))
            .setConfig(new org.opendaylight.yang.gen.v1.http.openconfig.net.yang.interfaces.rev210406.subinterfaces
                .top.subinterfaces.subinterface.ConfigBuilder().setIndex(Uint32.valueOf(vlan))
                .setDescription(OpenConfigNames.MARK + xc.name() + " " + xc.description()).setEnabled(true).build())
            .addAugmentation(new Subinterface1Builder().setVlan(vlanConfig.build()).build())
            .build();
    }

    /** The cross-connects of a device's interfaces: its qslice subinterfaces paired by name, and anyone else's. */
    static List<EthernetCrossConnect> crossConnects(final Interfaces root) {
        final var ends = new LinkedHashMap<String, List<End>>();
        final var foreign = new ArrayList<EthernetCrossConnect>();
        for (Interface port : root.nonnullInterface().values()) {
            for (Subinterface sub : subinterfaces(port)) {
                final String name = name(sub);
                final int vlan = matchedVlan(sub);
                if (name == null) {
                    // someone else's: named by port and index, so a check reports it as foreign
                    final int shown = vlan == 0 ? shownVlan(sub.requireIndex().intValue()) : vlan;
                    foreign.add(new EthernetCrossConnect(port.requireName() + "." + sub.requireIndex(),
                        description(sub), 0, port.requireName(), shown, port.requireName(), shown));
                } else {
                    ends.computeIfAbsent(name, n -> new ArrayList<>()).add(new End(port.requireName(),
                        vlan == 0 ? shownVlan(sub.requireIndex().intValue()) : vlan, mappedVlan(sub),
                        description(sub)));
                }
            }
        }
        final var result = new ArrayList<EthernetCrossConnect>();
        ends.forEach((name, found) -> {
            final String text = found.getFirst().description();
            final String owner = OpenConfigNames.rest(text, name);
            // the a-end maps VLANs; else by port
            final List<End> sorted = found.stream().sorted(Comparator.comparing((End end) -> end.mapTo() == 0)
                .thenComparing(End::port).thenComparingInt(End::vlan)).toList();
            final End a = sorted.getFirst();
            // a half-written cross-connect reads with an empty z port: a check sees it changed
            final End z = sorted.size() > 1 ? sorted.get(1) : new End("", a.vlan(), 0, text);
            result.add(new EthernetCrossConnect(name, owner, 0, a.port(), a.vlan(), z.port(), z.vlan()));
        });
        result.addAll(foreign);
        return result;
    }

    private static EthernetCrossConnect canonical(final EthernetCrossConnect xc) {
        if (xc.aVlan() == xc.zVlan() && xc.aPort().compareTo(xc.zPort()) > 0) {
            return new EthernetCrossConnect(xc.name(), xc.description(), xc.bandwidthMbps(), xc.zPort(), xc.zVlan(),
                xc.aPort(), xc.aVlan());
        }
        return xc;
    }

    private record End(String port, int vlan, int mapTo, String description) {
    }

    private static List<Subinterface> subinterfaces(final Interface port) {
        final Subinterfaces subs = port.getSubinterfaces();
        return subs == null ? List.of() : List.copyOf(subs.nonnullSubinterface().values());
    }

    private static String description(final Subinterface sub) {
        return sub.getConfig() == null || sub.getConfig().getDescription() == null ? ""
            : sub.getConfig().getDescription();
    }

    /** The cross-connect name in a subinterface's description, null if it is not qslice's. */
    private static @Nullable String name(final Subinterface sub) {
        return OpenConfigNames.name(description(sub));
    }

    private static int matchedVlan(final Subinterface sub) {
        final Vlan vlan = vlan(sub);
        if (vlan == null || vlan.getMatch() == null || vlan.getMatch().getSingleTagged() == null
                || vlan.getMatch().getSingleTagged().getConfig() == null
                || vlan.getMatch().getSingleTagged().getConfig().getVlanId() == null) {
            return 0;
        }
        return vlan.getMatch().getSingleTagged().getConfig().getVlanId().getValue().intValue();
    }

    private static int mappedVlan(final Subinterface sub) {
        final Vlan vlan = vlan(sub);
        if (vlan == null || vlan.getIngressMapping() == null || vlan.getIngressMapping().getConfig() == null
                || vlan.getIngressMapping().getConfig().getVlanId() == null) {
            return 0;
        }
        return vlan.getIngressMapping().getConfig().getVlanId().getValue().intValue();
    }

    private static @Nullable Vlan vlan(final Subinterface sub) {
        final Subinterface1 augmentation = sub.augmentation(Subinterface1.class);
        return augmentation == null ? null : augmentation.getVlan();
    }

    /** A subinterface index as a VLAN (an index that is none reads as VLAN 1). */
    private static int shownVlan(final int index) {
        return index >= 1 && index <= 4094 ? index : 1;
    }

    private static VlanId vlanId(final int vlan) {
        return new VlanId(Uint16.valueOf(vlan));
    }

    static DataObjectIdentifier<Subinterface> subinterface(final String port, final Uint32 index) {
        return DataObjectIdentifier.builderOfInherited(OpenconfigInterfacesData.class, Interfaces.class)
            .child(Interface.class, new InterfaceKey(port))
            .child(Subinterfaces.class)
            .child(Subinterface.class, new SubinterfaceKey(index))
            .build();
    }

}
