/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
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
public final class MountPointEncryptor extends KeyedEncryptor<ClientPort> {
    /** The model's root container. */
    public static final DataObjectIdentifier<Encryptor> ROOT = DataObjectIdentifier.builder(Encryptor.class).build();

    /** The list removals take out entries of, for a batched edit-config. */
    static final BatchedRemoval.EntryList ENTRIES = new BatchedRemoval.EntryList(Encryptor.QNAME, ClientPort.QNAME,
        QName.create(ClientPort.QNAME, "name"));

    /** The keys of the entries the device holds. */
    private static final Function<Encryptor, Collection<String>> NAMES =
        root -> root.nonnullClientPort().keySet().stream().map(ClientPortKey::getName).toList();

    /**
     * Creates the driver.
     *
     * @param devices device access
     */
    public MountPointEncryptor(final MountPointDevices devices) {
        super(devices, "");
    }

    @Override
    ListenableFuture<List<ClientPort>> entries(final DataBroker broker) {
        try (var tx = broker.newReadOnlyTransaction()) {
            return Futures.transform(tx.read(LogicalDatastoreType.CONFIGURATION, ROOT),
                root -> root.map(present -> List.copyOf(present.nonnullClientPort().values())).orElse(List.of()),
                MoreExecutors.directExecutor());
        }
    }

    @Override
    PortKeys keys(final ClientPort port) {
        return new PortKeys(port.requireName(), port.getLine(), Boolean.TRUE.equals(port.getInService()),
            Boolean.TRUE.equals(port.getEncryption()), port.getKeyExchange() == null ? null
                : method(port.getKeyExchange()), port.getPendingKeyExchange() == null ? null
                : method(port.getPendingKeyExchange()), port.getCurrentKeyId() == null ? null
                : UUID.fromString(port.getCurrentKeyId().getValue()));
    }

    @Override
    void bind(final WriteTransaction tx, final List<EncryptorPort> ports, final Map<String, UUID> keyIds) {
        tx.merge(LogicalDatastoreType.CONFIGURATION, ROOT, new EncryptorBuilder().setClientPort(BindingMap.ordered(
            ports.stream().map(port -> binding(port, uuid(keyIds.get(port.name())))).toList())).build());
    }

    @Override
    void writeKeyIds(final WriteTransaction tx, final Map<ClientPort, UUID> keyIds) {
        tx.merge(LogicalDatastoreType.CONFIGURATION, ROOT, new EncryptorBuilder().setClientPort(BindingMap.ordered(
            keyIds.entrySet().stream().map(update -> new ClientPortBuilder().setName(update.getKey().requireName())
                .setCurrentKeyId(uuid(update.getValue())).build()).toList())).build());
    }

    @Override
    void writeSwitched(final WriteTransaction tx, final ClientPort port, final UUID keyId,
            final org.qslice.api.model.KeyExchange method, final String keySource) {
        // the whole entry, so the pending method goes
        tx.put(LogicalDatastoreType.CONFIGURATION, path(port.requireName()), new ClientPortBuilder(port)
            .setCurrentKeyId(uuid(keyId)).setKeyExchange(keyExchange(method)).setPendingKeyExchange(null)
            .setKeySource(keySource).build());
    }

    @Override
    void writePending(final WriteTransaction tx, final ClientPort port,
            final org.qslice.api.model.@Nullable KeyExchange pending) {
        tx.put(LogicalDatastoreType.CONFIGURATION, path(port.requireName()), new ClientPortBuilder(port)
            .setPendingKeyExchange(pending == null ? null : keyExchange(pending)).build());
    }

    @Override
    ListenableFuture<?> removeEntries(final String nodeId, final List<String> names) {
        return devices.removeEntries(nodeId, "removing " + names.size() + " client port(s)", ENTRIES, names,
            broker -> Removal.remove(broker, names, MountPointEncryptor::path, NAMES, ROOT));
    }

    @Override
    public ListenableFuture<List<EncryptorPort>> read(final String nodeId) {
        return devices.read(nodeId, ROOT, root -> root.nonnullClientPort().values().stream()
            .map(MountPointEncryptor::domain).toList());
    }

    @Override
    public ListenableFuture<Set<org.qslice.api.model.KeyExchange>> supported(final String nodeId) {
        return Futures.transform(devices.read(nodeId, ROOT, root -> root.getSupportedKeyExchange() == null
            ? List.<KeyExchange>of() : List.copyOf(root.getSupportedKeyExchange())),
            methods -> methods.stream().map(MountPointEncryptor::method)
                .collect(Collectors.toUnmodifiableSet()), MoreExecutors.directExecutor());
    }

    private static @Nullable Uuid uuid(final @Nullable UUID keyId) {
        return keyId == null ? null : new Uuid(keyId.toString());
    }

    static DataObjectIdentifier<ClientPort> path(final String name) {
        return DataObjectIdentifier.builder(Encryptor.class).child(ClientPort.class, new ClientPortKey(name)).build();
    }

    static ClientPort binding(final EncryptorPort port, final @Nullable Uuid keyId) {
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
            .setCurrentKeyId(keyId)
            .build();
    }

    static EncryptorPort domain(final ClientPort port) {
        final KeyExchange exchange = port.getKeyExchange() == null ? KeyExchange.None : port.getKeyExchange();
        return new EncryptorPort(port.requireName(), port.getDescription() == null ? "" : port.getDescription(),
            port.getLine() == null ? "" : port.getLine(), port.getChannel() == null ? 0 : port.getChannel().intValue(),
            port.getPortNumber() == null ? 0 : port.getPortNumber().intValue(),
            port.getVlan() == null ? 0 : port.getVlan().intValue(), Boolean.TRUE.equals(port.getEncryption()),
            method(exchange), port.getKeySource() == null ? "" : port.getKeySource(),
            port.getKeyRefreshIntervalMs() == null ? 0 : port.getKeyRefreshIntervalMs().longValue());
    }

    private static org.qslice.api.model.KeyExchange method(final KeyExchange exchange) {
        return KeyedEncryptor.method(exchange.getName());
    }

    private static KeyExchange keyExchange(final org.qslice.api.model.KeyExchange method) {
        return KeyExchange.ofName(deviceName(method));
    }
}
