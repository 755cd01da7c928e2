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
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.openconfig.transport.line.connectivity.rev190627.ConnectionConfig;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.openconfig.transport.line.connectivity.rev190627.OpenconfigTransportLineConnectivityData;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.openconfig.transport.line.connectivity.rev190627.line.connectivity.top.Connections;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.openconfig.transport.line.connectivity.rev190627.line.connectivity.top.ConnectionsBuilder;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.openconfig.transport.line.connectivity.rev190627.line.connectivity.top.connections.Connection;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.openconfig.transport.line.connectivity.rev190627.line.connectivity.top.connections.ConnectionBuilder;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.openconfig.transport.line.connectivity.rev190627.line.connectivity.top.connections.ConnectionKey;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.openconfig.transport.line.connectivity.rev190627.line.connectivity.top.connections.connection.ConfigBuilder;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.QNameModule;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * {@link OpticalSwitchDriver} for optical switches that speak {@code openconfig-transport-line-connectivity}
 * (2019-06-27), through the device's mount point: a cross-connect is a port-to-port {@code connection}, source = the
 * cross-connect's in-port, dest = its out-port.
 *
 * <p>The model numbers connections ({@code index}, uint32) and has no name, description, channel or client port: the
 * driver numbers each cross-connect by a 31-bit CRC-32 of its name, so a removal by name needs no state kept here,
 * and a connection reads back as {@code connection-<index>} with only its ports.
 */
public final class OpenConfigOpticalSwitch implements OpticalSwitchDriver {
    /** The model's root container. */
    public static final DataObjectIdentifier<Connections> ROOT = DataObjectIdentifier.builderOfInherited(
        OpenconfigTransportLineConnectivityData.class, Connections.class).build();
    /** The modules an optical switch must advertise. */
    public static final List<QNameModule> MODULES = List.of(Connections.QNAME.getModule());

    /** The list removals take out entries of, for a batched edit-config. */
    static final BatchedRemoval.EntryList ENTRIES = new BatchedRemoval.EntryList(Connections.QNAME,
        Connection.QNAME, QName.create(Connection.QNAME, "index"));

    private static final String PREFIX = "connection-";
    private static final Function<Connections, Collection<String>> INDEXES =
        root -> root.nonnullConnection().keySet().stream().map(key -> PREFIX + key.getIndex()).toList();

    private final MountPointDevices devices;

    /**
     * Creates the driver.
     *
     * @param devices device access
     */
    public OpenConfigOpticalSwitch(final MountPointDevices devices) {
        this.devices = requireNonNull(devices);
    }

    @Override
    public ListenableFuture<?> add(final String nodeId, final List<OpticalCrossConnect> crossConnects) {
        final var entries = crossConnects.stream().map(xc -> {
            final Uint32 index = OpenConfigNames.index(xc.name());
            return new ConnectionBuilder().setIndex(index).setConfig(new ConfigBuilder().setIndex(index)
                .setSource(new ConnectionConfig.Source(xc.inPort())).setDest(new ConnectionConfig.Dest(xc.outPort()))
                .build()).build();
        }).toList();
        return devices.submit(nodeId, "adding " + entries.size() + " optical connection(s) (OpenConfig)", broker -> {
            final var tx = broker.newWriteOnlyTransaction();
            tx.merge(LogicalDatastoreType.CONFIGURATION, ROOT,
                new ConnectionsBuilder().setConnection(BindingMap.ordered(entries)).build());
            return tx.commit();
        });
    }

    @Override
    public ListenableFuture<List<OpticalCrossConnect>> read(final String nodeId) {
        return devices.read(nodeId, ROOT, root -> root.nonnullConnection().values().stream()
            .map(OpenConfigOpticalSwitch::domain).toList());
    }

    @Override
    public ListenableFuture<?> remove(final String nodeId, final List<String> names) {
        final List<String> held = names.stream().map(name -> heldName(nodeId, name)).toList();
        return devices.removeEntries(nodeId, "removing " + names.size() + " optical connection(s) (OpenConfig)",
            ENTRIES, held.stream().map(name -> name.substring(PREFIX.length())).toList(),
            broker -> Removal.remove(broker, held, OpenConfigOpticalSwitch::path, INDEXES, ROOT));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Numbered, with only its ports.
     */
    @Override
    public OpticalCrossConnect asHeld(final String nodeId, final OpticalCrossConnect xc) {
        return new OpticalCrossConnect(heldName(nodeId, xc.name()), "", xc.inPort(), xc.outPort(), 0, 0);
    }

    @Override
    public String heldName(final String nodeId, final String name) {
        return PREFIX + OpenConfigNames.index(name);
    }

    private static OpticalCrossConnect domain(final Connection connection) {
        final var config = connection.getConfig();
        return new OpticalCrossConnect(PREFIX + connection.requireIndex(), "",
            config == null || config.getSource() == null ? "" : config.getSource().stringValue(),
            config == null || config.getDest() == null ? "" : config.getDest().stringValue(), 0, 0);
    }

    private static DataObjectIdentifier<Connection> path(final String held) {
        return DataObjectIdentifier.builderOfInherited(OpenconfigTransportLineConnectivityData.class,
            Connections.class).child(Connection.class, new ConnectionKey(Uint32.valueOf(held.substring(
                PREFIX.length())))).build();
    }
}
