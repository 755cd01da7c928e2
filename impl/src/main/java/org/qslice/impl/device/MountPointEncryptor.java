/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
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
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;

/**
 * {@link EncryptorDriver} for the {@code qslice-encryptor} model, through the device's mount point.
 */
public final class MountPointEncryptor implements EncryptorDriver {
    /** The model's root container. */
    public static final DataObjectIdentifier<Encryptor> ROOT = DataObjectIdentifier.builder(Encryptor.class).build();

    /** The list removals take out entries of, for a batched edit-config. */
    static final BatchedRemoval.EntryList ENTRIES = new BatchedRemoval.EntryList(Encryptor.QNAME, ClientPort.QNAME,
        QName.create(ClientPort.QNAME, "name"));

    /** The keys of the entries the device holds. */
    private static final Function<Encryptor, Collection<String>> NAMES =
        root -> root.nonnullClientPort().keySet().stream().map(ClientPortKey::getName).toList();

    private final MountPointDevices devices;
    // guarded by itself
    private final Map<String, KeyBatch> pendingKeys = new HashMap<>();
    // the newest key id the KMS gave each line (both ends of a line share it), written with new ports of the line
    private final Map<String, Uuid> lineKeys = new ConcurrentHashMap<>();
    // guarded by pendingKeys: per device, its client ports (name -> line) as of the last key-id read of the device,
    // kept up to date by add and remove; a device without an entry has not been read yet
    private final Map<String, Map<String, String>> knownPorts = new HashMap<>();

    /**
     * Creates the driver.
     *
     * @param devices device access
     */
    public MountPointEncryptor(final MountPointDevices devices) {
        this.devices = requireNonNull(devices);
    }

    /**
     * {@inheritDoc}
     *
     * <p>An encrypting port is written with the newest key id the KMS gave its line (taken when the device's turn
     * comes), so a channel registered before its ports are bound needs no key-id transaction of its own.
     */
    @Override
    public ListenableFuture<?> add(final String nodeId, final List<EncryptorPort> ports) {
        return devices.submit(nodeId, "binding " + ports.size() + " client port(s)", broker -> {
            final List<ClientPort> entries;
            // the key ids are taken and the ports become known in one step: a key id that comes later sees them
            synchronized (pendingKeys) {
                entries = ports.stream().map(port -> binding(port, port.encryption()
                    ? lineKeys.get(port.line()) : null)).toList();
                final Map<String, String> known = knownPorts.get(nodeId);
                if (known != null) {
                    ports.forEach(port -> known.put(port.name(), port.line()));
                }
            }
            final var tx = broker.newWriteOnlyTransaction();
            tx.merge(LogicalDatastoreType.CONFIGURATION, ROOT,
                new EncryptorBuilder().setClientPort(BindingMap.ordered(entries)).build());
            return tx.commit();
        });
    }

    @Override
    public ListenableFuture<List<EncryptorPort>> read(final String nodeId) {
        return devices.read(nodeId, ROOT, root -> root.nonnullClientPort().values().stream()
            .map(MountPointEncryptor::domain).toList());
    }

    @Override
    public ListenableFuture<?> remove(final String nodeId, final List<String> names) {
        synchronized (pendingKeys) {
            final Map<String, String> known = knownPorts.get(nodeId);
            if (known != null) {
                names.forEach(known::remove);
            }
        }
        return devices.removeEntries(nodeId, "removing " + names.size() + " client port(s)", ENTRIES, names,
            broker -> Removal.remove(broker, names, MountPointEncryptor::path,
                NAMES, ROOT));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Key-id updates of one device are coalesced: the updates that arrive while the device is busy (a slice's
     * channels all get their first key at once) go to the device together, in one read and one transaction, when its
     * turn comes. A newer key id of a line replaces an older one not yet sent. A device known to have no port of
     * the line (a channel registered before its encryptor ports are bound) is not touched at all: the ports get the
     * key when they are bound.
     */
    @Override
    public ListenableFuture<Integer> setKeyId(final String nodeId, final String line, final UUID keyId,
            final Optional<org.qslice.api.model.KeyExchange> method) {
        final SettableFuture<Integer> result = SettableFuture.create();
        final KeyBatch batch;
        final boolean first;
        synchronized (pendingKeys) {
            lineKeys.put(line, new Uuid(keyId.toString()));
            final Map<String, String> known = knownPorts.get(nodeId);
            if (known != null && !known.containsValue(line)) {
                result.set(0);
                return result;
            }
            final KeyBatch pending = pendingKeys.get(nodeId);
            first = pending == null;
            batch = first ? new KeyBatch() : pending;
            if (first) {
                pendingKeys.put(nodeId, batch);
            }
            batch.keys.put(line, new LineKey(new Uuid(keyId.toString()), method.map(MountPointEncryptor::keyExchange)
                .orElse(null)));
            batch.waiting.computeIfAbsent(line, l -> new ArrayList<>()).add(result);
        }
        if (first) {
            final ListenableFuture<Map<String, Integer>> applied = devices.submit(nodeId,
                "pointing line(s) at new key ids", broker -> {
                    // the batch closes when the device's turn comes: what arrives later goes in the next one
                    synchronized (pendingKeys) {
                        if (!pendingKeys.remove(nodeId, batch)) {
                            // already failed (timed out while queued)
                            return Futures.immediateFuture(Map.<String, Integer>of());
                        }
                    }
                    return apply(nodeId, broker, batch.keys);
                });
            Futures.addCallback(applied, new FutureCallback<>() {
                @Override
                public void onSuccess(final Map<String, Integer> updated) {
                    batch.waiting.forEach((l, futures) -> futures.forEach(
                        future -> future.set(updated.getOrDefault(l, 0))));
                }

                @Override
                public void onFailure(final Throwable failure) {
                    synchronized (pendingKeys) {
                        // not sent yet (no mount point, or timed out while queued): close it, later updates
                        // start a new one
                        pendingKeys.remove(nodeId, batch);
                    }
                    batch.waiting.values().forEach(futures -> futures.forEach(
                        future -> future.setException(failure)));
                }
            }, MoreExecutors.directExecutor());
        }
        return result;
    }

    @Override
    public void forgetKeys(final Collection<String> lines) {
        synchronized (pendingKeys) {
            lineKeys.keySet().removeAll(lines);
        }
    }

    /**
     * Reads the device's ports and points the in-service, encrypting ones of each line at the line's key id, in one
     * transaction; only entries that exist now are written (read under the device's queue, so no removal can
     * interleave), and only those that do not hold the key yet (ports bound after the key came hold it already).
     *
     * @return per line, the number of ports that hold the line's key now
     */
    private ListenableFuture<Map<String, Integer>> apply(final String nodeId, final DataBroker broker,
            final Map<String, LineKey> keys) {
        final ListenableFuture<Optional<Encryptor>> read;
        try (var tx = broker.newReadOnlyTransaction()) {
            read = tx.read(LogicalDatastoreType.CONFIGURATION, ROOT);
        }
        return Futures.transformAsync(read, current -> {
            final var ports = new HashMap<String, String>();
            current.ifPresent(root -> root.nonnullClientPort().values().forEach(port -> {
                if (port.getLine() != null) {
                    ports.put(port.getName(), port.getLine());
                }
            }));
            synchronized (pendingKeys) {
                knownPorts.put(nodeId, ports);
            }
            final var counts = new HashMap<String, Integer>();
            final var updates = new ArrayList<ClientPort>();
            final var switched = new ArrayList<ClientPort>();
            current.ifPresent(root -> root.nonnullClientPort().values().forEach(port -> {
                final LineKey key = port.getLine() == null ? null : keys.get(port.getLine());
                if (key != null && Boolean.TRUE.equals(port.getInService())
                        && Boolean.TRUE.equals(port.getEncryption())) {
                    if (key.method() != null && (key.method() != port.getKeyExchange()
                            || port.getPendingKeyExchange() != null)) {
                        // the first key of a switched method: the whole entry, so the pending method goes
                        switched.add(new ClientPortBuilder(port).setCurrentKeyId(key.id())
                            .setKeyExchange(key.method()).setPendingKeyExchange(null)
                            .setKeySource(new PoolId(port.getLine(), KeyType.ofYangName(domain(key.method())
                                .yangName())).toString()).build());
                    } else if (!key.id().equals(port.getCurrentKeyId())) {
                        updates.add(new ClientPortBuilder().setName(port.getName()).setCurrentKeyId(key.id()).build());
                    }
                    counts.merge(port.getLine(), 1, Integer::sum);
                }
            }));
            if (updates.isEmpty() && switched.isEmpty()) {
                return Futures.immediateFuture(Map.<String, Integer>copyOf(counts));
            }
            final var tx = broker.newWriteOnlyTransaction();
            if (!updates.isEmpty()) {
                tx.merge(LogicalDatastoreType.CONFIGURATION, ROOT,
                    new EncryptorBuilder().setClientPort(BindingMap.ordered(updates)).build());
            }
            switched.forEach(port -> tx.put(LogicalDatastoreType.CONFIGURATION, path(port.requireName()), port));
            return Futures.transform(tx.commit(), ignored -> Map.<String, Integer>copyOf(counts),
                MoreExecutors.directExecutor());
        }, MoreExecutors.directExecutor());
    }

    @Override
    public ListenableFuture<Set<org.qslice.api.model.KeyExchange>> supported(final String nodeId) {
        return Futures.transform(devices.read(nodeId, ROOT, root -> root.getSupportedKeyExchange() == null
            ? List.<KeyExchange>of() : List.copyOf(root.getSupportedKeyExchange())),
            methods -> methods.stream().map(MountPointEncryptor::domain)
                .collect(Collectors.toUnmodifiableSet()), MoreExecutors.directExecutor());
    }

    @Override
    public ListenableFuture<Integer> setPending(final String nodeId, final String line,
            final Optional<org.qslice.api.model.KeyExchange> method) {
        return devices.submit(nodeId, method.map(m -> "announcing key exchange " + m + " on line " + line)
            .orElse("withdrawing the pending key exchange of line " + line), broker -> {
                final ListenableFuture<Optional<Encryptor>> read;
                try (var tx = broker.newReadOnlyTransaction()) {
                    read = tx.read(LogicalDatastoreType.CONFIGURATION, ROOT);
                }
                return Futures.transformAsync(read, current -> {
                    final KeyExchange pending = method.map(MountPointEncryptor::keyExchange).orElse(null);
                    final List<ClientPort> written = current.map(root -> root.nonnullClientPort().values().stream()
                        .filter(port -> line.equals(port.getLine()) && port.getPendingKeyExchange() != pending)
                        .map(port -> new ClientPortBuilder(port).setPendingKeyExchange(pending).build()).toList())
                        .orElse(List.of());
                    if (written.isEmpty()) {
                        return Futures.immediateFuture(0);
                    }
                    final var tx = broker.newWriteOnlyTransaction();
                    written.forEach(port -> tx.put(LogicalDatastoreType.CONFIGURATION, path(port.requireName()),
                        port));
                    return Futures.transform(tx.commit(), ignored -> written.size(), MoreExecutors.directExecutor());
                }, MoreExecutors.directExecutor());
            });
    }

    /** A line's newest key id, and the method its ports run from it on (null: unchanged). */
    private record LineKey(Uuid id, @Nullable KeyExchange method) {
    }

    /**
     * Key-id updates of one device not yet sent: the newest key id per line, and who waits for each line.
     */
    private static final class KeyBatch {
        final Map<String, LineKey> keys = new HashMap<>();
        final Map<String, List<SettableFuture<Integer>>> waiting = new HashMap<>();
    }

    static DataObjectIdentifier<ClientPort> path(final String name) {
        return DataObjectIdentifier.builder(Encryptor.class).child(ClientPort.class, new ClientPortKey(name)).build();
    }

    static ClientPort binding(final EncryptorPort port, final Uuid keyId) {
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
            domain(exchange), port.getKeySource() == null ? "" : port.getKeySource(),
            port.getKeyRefreshIntervalMs() == null ? 0 : port.getKeyRefreshIntervalMs().longValue());
    }

    private static org.qslice.api.model.KeyExchange domain(final KeyExchange exchange) {
        return switch (exchange) {
            case None -> org.qslice.api.model.KeyExchange.NONE;
            case Dh -> org.qslice.api.model.KeyExchange.DH;
            case Qra -> org.qslice.api.model.KeyExchange.QRA;
            case Qkd -> org.qslice.api.model.KeyExchange.QKD;
            case Hybrid -> org.qslice.api.model.KeyExchange.HYBRID_QKD_QRA;
        };
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
