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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.api.model.KeyExchange;

/**
 * What an {@link EncryptorDriver} does the same whatever the card's model: the key rotation. The KMS's new key ids
 * for a device are collected while the device is busy and written in one transaction when its turn comes; a line's
 * newest key id is given to ports bound later; a device that holds no port of a line is not asked. A model
 * (qslice-encryptor, or OpenConfig's terminal device with qslice's encryption augmentation) says how its client-port
 * entries are read and written.
 *
 * @param <E> the model's entry for one client port
 */
abstract class KeyedEncryptor<E> implements EncryptorDriver {
    /**
     * A client-port entry as key rotation sees it.
     *
     * @param name the entry's name
     * @param line the line (link id) it rides, null if the entry names none
     * @param inService whether it carries traffic
     * @param encryption whether it encrypts
     * @param method the key-exchange method it runs, null if the entry names none
     * @param pending the method it switches to with the next key id, null if none
     * @param keyId the key id in use, null if none
     */
    record PortKeys(String name, @Nullable String line, boolean inService, boolean encryption,
            @Nullable KeyExchange method, @Nullable KeyExchange pending, @Nullable UUID keyId) {
        PortKeys {
            requireNonNull(name);
        }
    }

    /** Device access. */
    final MountPointDevices devices;
    private final String model;
    // guarded by itself
    private final Map<String, KeyBatch> pendingKeys = new HashMap<>();
    // the newest key id the KMS gave each line (both ends of a line share it), written with new ports of the line
    private final Map<String, UUID> lineKeys = new ConcurrentHashMap<>();
    // guarded by pendingKeys: per device, its client ports (name -> line) as of the last key-id read of the device,
    // kept up to date by add and remove; a device without an entry has not been read yet
    private final Map<String, Map<String, String>> knownPorts = new HashMap<>();

    /**
     * Creates the driver.
     *
     * @param devices device access
     * @param model how messages name the model, e.g. {@code " (OpenConfig)"}; empty for qslice's own
     */
    KeyedEncryptor(final MountPointDevices devices, final String model) {
        this.devices = requireNonNull(devices);
        this.model = requireNonNull(model);
    }

    /**
     * Reads the device's client-port entries (configuration).
     *
     * @param broker the device's data broker
     * @return the entries, empty if there are none
     */
    abstract ListenableFuture<List<E>> entries(DataBroker broker);

    /**
     * Returns what key rotation needs of an entry.
     *
     * @param entry the entry
     * @return its keys
     */
    abstract PortKeys keys(E entry);

    /**
     * Writes client ports (creating or replacing their entries), in service.
     *
     * @param tx the device transaction
     * @param ports the ports
     * @param keyIds the key id each encrypting port starts with, by port name (absent: none yet)
     */
    abstract void bind(WriteTransaction tx, List<EncryptorPort> ports, Map<String, UUID> keyIds);

    /**
     * Points entries at new key ids (only the key id changes).
     *
     * @param tx the device transaction
     * @param keyIds the entries and their new key ids
     */
    abstract void writeKeyIds(WriteTransaction tx, Map<E, UUID> keyIds);

    /**
     * Writes the first key of a switched method: the key id, the method, its key source, and no pending method.
     *
     * @param tx the device transaction
     * @param entry the entry
     * @param keyId the key id
     * @param method the method the entry runs from this key on
     * @param keySource the key pool of the method
     */
    abstract void writeSwitched(WriteTransaction tx, E entry, UUID keyId, KeyExchange method, String keySource);

    /**
     * Writes (or, with null, removes) the pending method of an entry.
     *
     * @param tx the device transaction
     * @param entry the entry
     * @param pending the pending method, or null
     */
    abstract void writePending(WriteTransaction tx, E entry, @Nullable KeyExchange pending);

    /**
     * Removes entries by name.
     *
     * @param nodeId the device's NETCONF node id
     * @param names the names
     * @return completes when the device committed the removal
     */
    abstract ListenableFuture<?> removeEntries(String nodeId, List<String> names);

    /**
     * {@inheritDoc}
     *
     * <p>An encrypting port is written with the newest key id the KMS gave its line (taken when the device's turn
     * comes), so a channel registered before its ports are bound needs no key-id transaction of its own.
     */
    @Override
    public final ListenableFuture<?> add(final String nodeId, final List<EncryptorPort> ports) {
        return devices.submit(nodeId, "binding " + ports.size() + " client port(s)" + model, broker -> {
            final var keyIds = new HashMap<String, UUID>();
            // the key ids are taken and the ports become known in one step: a key id that comes later sees them
            synchronized (pendingKeys) {
                for (EncryptorPort port : ports) {
                    final UUID keyId = port.encryption() ? lineKeys.get(port.line()) : null;
                    if (keyId != null) {
                        keyIds.put(port.name(), keyId);
                    }
                }
                final Map<String, String> known = knownPorts.get(nodeId);
                if (known != null) {
                    ports.forEach(port -> known.put(port.name(), port.line()));
                }
            }
            final var tx = broker.newWriteOnlyTransaction();
            bind(tx, ports, keyIds);
            return tx.commit();
        });
    }

    @Override
    public final ListenableFuture<?> remove(final String nodeId, final List<String> names) {
        synchronized (pendingKeys) {
            final Map<String, String> known = knownPorts.get(nodeId);
            if (known != null) {
                names.forEach(known::remove);
            }
        }
        return removeEntries(nodeId, names);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Calls for one device are coalesced: while the device is busy (e.g. with the previous key id), new key ids of
     * any of its lines accumulate and go out in one transaction when its turn comes, each line with its newest key
     * id. A device known to hold no port of the line (as of its last key-id read, kept up to date by add and remove)
     * is not asked at all.
     */
    @Override
    public final ListenableFuture<Integer> setKeyId(final String nodeId, final String line, final UUID keyId,
            final Optional<KeyExchange> method) {
        final SettableFuture<Integer> result = SettableFuture.create();
        final KeyBatch batch;
        final boolean first;
        synchronized (pendingKeys) {
            lineKeys.put(line, keyId);
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
            batch.keys.put(line, new LineKey(keyId, method.orElse(null)));
            batch.waiting.computeIfAbsent(line, l -> new ArrayList<>()).add(result);
        }
        if (first) {
            final ListenableFuture<Map<String, Integer>> applied = devices.submit(nodeId,
                "pointing line(s) at new key ids" + model, broker -> {
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
    public final void forgetKeys(final Collection<String> lines) {
        synchronized (pendingKeys) {
            lineKeys.keySet().removeAll(lines);
        }
    }

    @Override
    public final ListenableFuture<Integer> setPending(final String nodeId, final String line,
            final Optional<KeyExchange> method) {
        return devices.submit(nodeId, method.map(m -> "announcing key exchange " + m + " on line " + line)
            .orElse("withdrawing the pending key exchange of line " + line) + model,
            broker -> Futures.transformAsync(entries(broker), current -> {
                final KeyExchange pending = method.orElse(null);
                final List<E> written = current.stream().filter(entry -> {
                    final PortKeys keys = keys(entry);
                    return line.equals(keys.line()) && keys.pending() != pending;
                }).toList();
                if (written.isEmpty()) {
                    return Futures.immediateFuture(0);
                }
                final var tx = broker.newWriteOnlyTransaction();
                written.forEach(entry -> writePending(tx, entry, pending));
                return Futures.transform(tx.commit(), ignored -> written.size(), MoreExecutors.directExecutor());
            }, MoreExecutors.directExecutor()));
    }

    /**
     * Reads the device's client ports and points the in-service, encrypting ones of each line at the line's new key
     * id (a port already on it is not rewritten; with a method, the ports switch to it). Also refreshes the device's
     * known ports.
     *
     * @return the number of ports per line that hold the line's new key id now
     */
    private ListenableFuture<Map<String, Integer>> apply(final String nodeId, final DataBroker broker,
            final Map<String, LineKey> keys) {
        return Futures.transformAsync(entries(broker), current -> {
            final var ports = new HashMap<String, String>();
            final var counts = new HashMap<String, Integer>();
            final var updates = new HashMap<E, UUID>();
            final var switched = new ArrayList<E>();
            for (E entry : current) {
                final PortKeys port = keys(entry);
                if (port.line() != null) {
                    ports.put(port.name(), port.line());
                }
                final LineKey key = port.line() == null ? null : keys.get(port.line());
                if (key != null && port.inService() && port.encryption()) {
                    if (key.method() != null && (key.method() != port.method() || port.pending() != null)) {
                        switched.add(entry);
                    } else if (!key.id().equals(port.keyId())) {
                        updates.put(entry, key.id());
                    }
                    counts.merge(port.line(), 1, Integer::sum);
                }
            }
            synchronized (pendingKeys) {
                knownPorts.put(nodeId, ports);
            }
            if (updates.isEmpty() && switched.isEmpty()) {
                return Futures.immediateFuture(Map.<String, Integer>copyOf(counts));
            }
            final var tx = broker.newWriteOnlyTransaction();
            if (!updates.isEmpty()) {
                writeKeyIds(tx, updates);
            }
            for (E entry : switched) {
                final String line = requireNonNull(keys(entry).line());
                final LineKey key = keys.get(line);
                final KeyExchange method = requireNonNull(key.method());
                writeSwitched(tx, entry, key.id(), method,
                    new PoolId(line, KeyType.ofYangName(method.yangName())).toString());
            }
            return Futures.transform(tx.commit(), ignored -> Map.<String, Integer>copyOf(counts),
                MoreExecutors.directExecutor());
        }, MoreExecutors.directExecutor());
    }

    /**
     * Returns the method a device model's {@code key-exchange} enum value names (both encryptor models use the names
     * none, dh, qra, qkd, hybrid).
     *
     * @param name the enum value's YANG name
     * @return the method
     */
    static KeyExchange method(final String name) {
        return name.equals("hybrid") ? KeyExchange.HYBRID_QKD_QRA : KeyExchange.parse(name);
    }

    /**
     * Returns the device models' {@code key-exchange} enum name of a method.
     *
     * @param method the method
     * @return the YANG name
     */
    static String deviceName(final KeyExchange method) {
        return method == KeyExchange.HYBRID_QKD_QRA ? "hybrid" : method.yangName();
    }

    /** A line's newest key id, and the method its ports run from it on (null: unchanged). */
    private record LineKey(UUID id, @Nullable KeyExchange method) {
    }

    /**
     * The new key ids of one device's lines that wait for the device, and the callers waiting for them.
     */
    private static final class KeyBatch {
        final Map<String, LineKey> keys = new HashMap<>();
        final Map<String, List<SettableFuture<Integer>>> waiting = new HashMap<>();
    }
}
