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
import org.opendaylight.yang.gen.v1.urn.qslice.optical._switch.rev261126.OpticalSwitch;
import org.opendaylight.yang.gen.v1.urn.qslice.optical._switch.rev261126.OpticalSwitchBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.optical._switch.rev261126.optical._switch.CrossConnect;
import org.opendaylight.yang.gen.v1.urn.qslice.optical._switch.rev261126.optical._switch.CrossConnectBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.optical._switch.rev261126.optical._switch.CrossConnectKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * {@link OpticalSwitchDriver} for the {@code qslice-optical-switch} model, through the device's mount point.
 */
public final class MountPointOpticalSwitch implements OpticalSwitchDriver {
    /** The model's root container. */
    public static final DataObjectIdentifier<OpticalSwitch> ROOT =
        DataObjectIdentifier.builder(OpticalSwitch.class).build();

    /** The list removals take out entries of, for a batched edit-config. */
    static final BatchedRemoval.EntryList ENTRIES = new BatchedRemoval.EntryList(
        OpticalSwitch.QNAME, CrossConnect.QNAME,
        QName.create(CrossConnect.QNAME, "name"));

    /** The keys of the entries the device holds. */
    private static final Function<OpticalSwitch, Collection<String>> NAMES =
        root -> root.nonnullCrossConnect().keySet().stream().map(CrossConnectKey::getName).toList();
    /** The entries the device holds. */
    private static final Function<OpticalSwitch, List<OpticalCrossConnect>> ENTRIES_HELD =
        root -> root.nonnullCrossConnect().values().stream().map(xc -> new OpticalCrossConnect(xc.requireName(),
            xc.getDescription() == null ? "" : xc.getDescription(), xc.getInPort() == null ? "" : xc.getInPort(),
            xc.getOutPort() == null ? "" : xc.getOutPort(), xc.getChannel() == null ? 0 : xc.getChannel().intValue(),
            xc.getClientPort() == null ? 0 : xc.getClientPort().intValue())).toList();

    private final MountPointDevices devices;

    /**
     * Creates the driver.
     *
     * @param devices device access
     */
    public MountPointOpticalSwitch(final MountPointDevices devices) {
        this.devices = requireNonNull(devices);
    }

    @Override
    public ListenableFuture<?> add(final String nodeId, final List<OpticalCrossConnect> crossConnects) {
        final var entries = crossConnects.stream().map(xc -> new CrossConnectBuilder()
            .setName(xc.name())
            .setDescription(xc.description())
            .setInPort(xc.inPort())
            .setOutPort(xc.outPort())
            .setChannel(Uint16.valueOf(xc.channel()))
            .setClientPort(Uint8.valueOf(xc.clientPort()))
            .build()).toList();
        return devices.submit(nodeId, "adding " + entries.size() + " optical cross-connect(s)", broker -> {
            final var tx = broker.newWriteOnlyTransaction();
            tx.merge(LogicalDatastoreType.CONFIGURATION, ROOT,
                new OpticalSwitchBuilder().setCrossConnect(BindingMap.ordered(entries)).build());
            return tx.commit();
        });
    }

    @Override
    public ListenableFuture<List<OpticalCrossConnect>> read(final String nodeId) {
        return devices.read(nodeId, ROOT, ENTRIES_HELD);
    }

    @Override
    public ListenableFuture<?> remove(final String nodeId, final List<String> names) {
        return devices.removeEntries(nodeId, "removing " + names.size() + " optical cross-connect(s)", ENTRIES,
            names, broker -> Removal.remove(broker, names, MountPointOpticalSwitch::path,
                NAMES, ROOT));
    }

    static DataObjectIdentifier<CrossConnect> path(final String name) {
        return DataObjectIdentifier.builder(OpticalSwitch.class).child(CrossConnect.class,
            new CrossConnectKey(name)).build();
    }
}
