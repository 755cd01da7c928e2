/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.qslice.ethernet._switch.rev261126.EthernetSwitch;
import org.opendaylight.yang.gen.v1.urn.qslice.ethernet._switch.rev261126.EthernetSwitchBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.ethernet._switch.rev261126.PortVlan;
import org.opendaylight.yang.gen.v1.urn.qslice.ethernet._switch.rev261126.VlanId;
import org.opendaylight.yang.gen.v1.urn.qslice.ethernet._switch.rev261126.ethernet._switch.CrossConnect;
import org.opendaylight.yang.gen.v1.urn.qslice.ethernet._switch.rev261126.ethernet._switch.CrossConnectBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.ethernet._switch.rev261126.ethernet._switch.CrossConnectKey;
import org.opendaylight.yang.gen.v1.urn.qslice.ethernet._switch.rev261126.ethernet._switch.cross.connect.AEndBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.ethernet._switch.rev261126.ethernet._switch.cross.connect.ZEndBuilder;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * {@link EthernetSwitchDriver} for the {@code qslice-ethernet-switch} model, through the device's mount point.
 * Adding merges all cross-connects in one edit; removing deletes exactly the named entries.
 */
public final class MountPointEthernetSwitch implements EthernetSwitchDriver {
    /** The model's root container. */
    public static final DataObjectIdentifier<EthernetSwitch> ROOT =
        DataObjectIdentifier.builder(EthernetSwitch.class).build();

    /** The list removals take out entries of, for a batched edit-config. */
    static final BatchedRemoval.EntryList ENTRIES = new BatchedRemoval.EntryList(
        EthernetSwitch.QNAME, CrossConnect.QNAME,
        QName.create(CrossConnect.QNAME, "name"));

    /** The keys of the entries the device holds. */
    private static final Function<EthernetSwitch, Collection<String>> NAMES =
        root -> root.nonnullCrossConnect().keySet().stream().map(CrossConnectKey::getName).toList();
    /** The entries the device holds. */
    private static final Function<EthernetSwitch, List<EthernetCrossConnect>> ENTRIES_HELD =
        root -> root.nonnullCrossConnect().values().stream().map(MountPointEthernetSwitch::domain).toList();

    private final MountPointDevices devices;

    /**
     * Creates the driver.
     *
     * @param devices device access
     */
    public MountPointEthernetSwitch(final MountPointDevices devices) {
        this.devices = requireNonNull(devices);
    }

    @Override
    public ListenableFuture<?> add(final String nodeId, final List<EthernetCrossConnect> crossConnects) {
        final var entries = crossConnects.stream().map(MountPointEthernetSwitch::binding).toList();
        return devices.submit(nodeId, "adding " + entries.size() + " cross-connect(s)", broker -> {
            final var tx = broker.newWriteOnlyTransaction();
            tx.merge(LogicalDatastoreType.CONFIGURATION, ROOT,
                new EthernetSwitchBuilder().setCrossConnect(BindingMap.ordered(entries)).build());
            return tx.commit();
        });
    }

    @Override
    public ListenableFuture<List<EthernetCrossConnect>> read(final String nodeId) {
        return devices.read(nodeId, ROOT, ENTRIES_HELD);
    }

    @Override
    public ListenableFuture<?> remove(final String nodeId, final List<String> names) {
        return devices.removeEntries(nodeId, "removing " + names.size() + " cross-connect(s)", ENTRIES, names,
            broker -> Removal.remove(broker, names, MountPointEthernetSwitch::path,
                NAMES, ROOT));
    }

    static DataObjectIdentifier<CrossConnect> path(final String name) {
        return DataObjectIdentifier.builder(EthernetSwitch.class).child(CrossConnect.class,
            new CrossConnectKey(name)).build();
    }

    static CrossConnect binding(final EthernetCrossConnect xc) {
        return new CrossConnectBuilder()
            .setName(xc.name())
            .setDescription(xc.description())
            .setBandwidthMbps(Uint64.valueOf(xc.bandwidthMbps()))
            .setAEnd(new AEndBuilder().setPort(xc.aPort()).setVlan(new VlanId(Uint16.valueOf(xc.aVlan()))).build())
            .setZEnd(new ZEndBuilder().setPort(xc.zPort()).setVlan(new VlanId(Uint16.valueOf(xc.zVlan()))).build())
            .build();
    }

    static EthernetCrossConnect domain(final CrossConnect xc) {
        return new EthernetCrossConnect(xc.requireName(), xc.getDescription() == null ? "" : xc.getDescription(),
            xc.getBandwidthMbps() == null ? 1 : xc.getBandwidthMbps().longValue(),
            xc.getAEnd() == null || xc.getAEnd().getPort() == null ? "" : xc.getAEnd().getPort(), vlan(xc.getAEnd()),
            xc.getZEnd() == null || xc.getZEnd().getPort() == null ? "" : xc.getZEnd().getPort(), vlan(xc.getZEnd()));
    }

    private static int vlan(final PortVlan end) {
        return end == null || end.getVlan() == null ? 1 : end.getVlan().getValue().intValue();
    }
}
