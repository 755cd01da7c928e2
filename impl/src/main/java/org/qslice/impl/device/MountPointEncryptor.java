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
import java.util.List;
import java.util.UUID;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Uuid;
import org.opendaylight.yang.gen.v1.urn.qslice.encryptor.rev261126.Encryptor;
import org.opendaylight.yang.gen.v1.urn.qslice.encryptor.rev261126.EncryptorBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.encryptor.rev261126.KeyExchange;
import org.opendaylight.yang.gen.v1.urn.qslice.encryptor.rev261126.encryptor.ClientPort;
import org.opendaylight.yang.gen.v1.urn.qslice.encryptor.rev261126.encryptor.ClientPortBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.encryptor.rev261126.encryptor.ClientPortKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * {@link EncryptorDriver} for the {@code qslice-encryptor} model, through the device's mount point.
 */
public final class MountPointEncryptor implements EncryptorDriver {
    /** The model's root container. */
    public static final DataObjectIdentifier<Encryptor> ROOT = DataObjectIdentifier.builder(Encryptor.class).build();

    /** The list removals take out entries of, for a batched edit-config. */
    static final BatchedRemoval.EntryList ENTRIES = new BatchedRemoval.EntryList(Encryptor.QNAME, ClientPort.QNAME,
        QName.create(ClientPort.QNAME, "name"));

    private final MountPointDevices devices;

    /**
     * Creates the driver.
     *
     * @param devices device access
     */
    public MountPointEncryptor(final MountPointDevices devices) {
        this.devices = requireNonNull(devices);
    }

    @Override
    public ListenableFuture<?> add(final String nodeId, final List<EncryptorPort> ports) {
        final var entries = ports.stream().map(MountPointEncryptor::binding).toList();
        return devices.submit(nodeId, "binding " + entries.size() + " client port(s)", broker -> {
            final var tx = broker.newWriteOnlyTransaction();
            tx.merge(LogicalDatastoreType.CONFIGURATION, ROOT,
                new EncryptorBuilder().setClientPort(BindingMap.ordered(entries)).build());
            return tx.commit();
        });
    }

    @Override
    public ListenableFuture<?> remove(final String nodeId, final List<String> names) {
        return devices.removeEntries(nodeId, "removing " + names.size() + " client port(s)", ENTRIES, names,
            broker -> Removal.remove(broker, names, MountPointEncryptor::path,
                root -> root.nonnullClientPort().keySet().stream().map(ClientPortKey::getName).toList(), ROOT));
    }

    @Override
    public ListenableFuture<Integer> setKeyId(final String nodeId, final String line, final UUID keyId) {
        final var uuid = new Uuid(keyId.toString());
        return devices.submit(nodeId, "pointing line " + line + " at a new key id", broker -> {
            final ListenableFuture<java.util.Optional<Encryptor>> read;
            try (var tx = broker.newReadOnlyTransaction()) {
                read = tx.read(LogicalDatastoreType.CONFIGURATION, ROOT);
            }
            return Futures.transformAsync(read, current -> {
                // only entries that exist now (read under the device's queue, so no removal can interleave)
                final var updates = current.map(root -> root.nonnullClientPort().values().stream()
                    .filter(port -> line.equals(port.getLine()) && Boolean.TRUE.equals(port.getInService())
                        && Boolean.TRUE.equals(port.getEncryption()))
                    .map(port -> new ClientPortBuilder().setName(port.getName()).setCurrentKeyId(uuid).build())
                    .toList()).orElse(List.of());
                if (updates.isEmpty()) {
                    return Futures.immediateFuture(0);
                }
                final var tx = broker.newWriteOnlyTransaction();
                tx.merge(LogicalDatastoreType.CONFIGURATION, ROOT,
                    new EncryptorBuilder().setClientPort(BindingMap.ordered(updates)).build());
                return Futures.transform(tx.commit(), ignored -> updates.size(), MoreExecutors.directExecutor());
            }, MoreExecutors.directExecutor());
        });
    }

    static DataObjectIdentifier<ClientPort> path(final String name) {
        return DataObjectIdentifier.builder(Encryptor.class).child(ClientPort.class, new ClientPortKey(name)).build();
    }

    static ClientPort binding(final EncryptorPort port) {
        return new ClientPortBuilder()
            .setName(port.name())
            .setDescription(port.description())
            .setLine(port.line())
            .setChannel(Uint16.valueOf(port.channel()))
            .setPortNumber(Uint8.valueOf(port.portNumber()))
            .setVlan(Uint16.valueOf(port.vlan()))
            .setInService(true)
            .setEncryption(port.encryption())
            .setKeyExchange(keyExchange(port.keyExchange()))
            .setKeySource(port.keySource().isEmpty() ? null : port.keySource())
            .setKeyRefreshIntervalMs(Uint32.valueOf(port.refreshIntervalMs()))
            .build();
    }

    private static KeyExchange keyExchange(final org.qslice.api.model.KeyExchange exchange) {
        return switch (exchange) {
            case NONE -> KeyExchange.None;
            case DH -> KeyExchange.Dh;
            case QRA -> KeyExchange.Qra;
            case QKD -> KeyExchange.Qkd;
            case HYBRID_QKD_QRA -> KeyExchange.Hybrid;
        };
    }
}
