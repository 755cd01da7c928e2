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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.api.model.KeyExchange;

/**
 * What an {@link EncryptorDriver} does the same whatever the card's model, without any state: a key id goes to the
 * client ports of its line that the device holds (read, then written, in one device transaction), new ports are
 * bound with the key ids the caller gives them. A model (qslice-encryptor, or OpenConfig's terminal device with
 * qslice's encryption augmentation) says how its client-port entries are read and written. {@link EncryptorKeyCache}
 * is the decorator that remembers key ids and ports to save device transactions.
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

    /**
     * A line's new key id, and the method its ports run from it on.
     *
     * @param id the key id
     * @param method the method, null: unchanged
     */
    record LineKey(UUID id, @Nullable KeyExchange method) {
        LineKey {
            requireNonNull(id);
        }
    }

    /**
     * What a key-id transaction found and did on a device.
     *
     * @param counts per line, the number of its ports that hold the line's new key id now
     * @param ports the device's client ports (name to line) as the transaction read them
     */
    record Applied(Map<String, Integer> counts, Map<String, String> ports) {
        /** Nothing read, nothing written. */
        static final Applied NONE = new Applied(Map.of(), Map.of());

        Applied {
            counts = Map.copyOf(counts);
            ports = Map.copyOf(ports);
        }
    }

    /** Device access. */
    final MountPointDevices devices;
    private final String model;

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
     * <p>Without key ids: an encrypting port gets its line's next one.
     */
    @Override
    public final ListenableFuture<?> add(final String nodeId, final List<EncryptorPort> ports) {
        return bindPorts(nodeId, ports, Map::of);
    }

    /**
     * Binds client ports (creates or replaces their entries) and puts them in service, in one device transaction.
     *
     * @param nodeId the device's NETCONF node id
     * @param ports the ports
     * @param keyIds called when the device's turn comes: the key id each encrypting port starts with, by port name
     * @return completes when the device committed them
     */
    final ListenableFuture<?> bindPorts(final String nodeId, final List<EncryptorPort> ports,
            final Supplier<Map<String, UUID>> keyIds) {
        return devices.submit(nodeId, "binding " + ports.size() + " client port(s)" + model, broker -> {
            final Map<String, UUID> starting = keyIds.get();
            final var tx = broker.newWriteOnlyTransaction();
            bind(tx, ports, starting);
            return tx.commit();
        });
    }

    @Override
    public final ListenableFuture<?> remove(final String nodeId, final List<String> names) {
        return removeEntries(nodeId, names);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One device transaction per call: the device's client ports are read, and those of the line written.
     */
    @Override
    public final ListenableFuture<Integer> setKeyId(final String nodeId, final String line, final UUID keyId,
            final Optional<KeyExchange> method) {
        return Futures.transform(applyKeys(nodeId, () -> Map.of(line, new LineKey(keyId, method.orElse(null))),
            ports -> { }), applied -> applied.counts().getOrDefault(line, 0), MoreExecutors.directExecutor());
    }

    /**
     * Points the ports of several lines at new key ids in one device transaction.
     *
     * @param nodeId the device's NETCONF node id
     * @param keys called when the device's turn comes: each line's new key id; empty: nothing to do
     * @param portsRead called with the device's client ports (name to line) as soon as they are read, still in the
     *     device's turn (before any later transaction on the device)
     * @return what the transaction found and did
     */
    final ListenableFuture<Applied> applyKeys(final String nodeId, final Supplier<Map<String, LineKey>> keys,
            final Consumer<Map<String, String>> portsRead) {
        return devices.submit(nodeId, "pointing line(s) at new key ids" + model, broker -> {
            final Map<String, LineKey> lines = keys.get();
            return lines.isEmpty() ? Futures.immediateFuture(Applied.NONE) : apply(broker, lines, portsRead);
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Nothing to forget: this driver remembers no key id.
     */
    @Override
    public void forgetKeys(final Collection<String> lines) {
        // stateless
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
     * id (a port already on it is not rewritten; with a method, the ports switch to it).
     */
    private ListenableFuture<Applied> apply(final DataBroker broker, final Map<String, LineKey> keys,
            final Consumer<Map<String, String>> portsRead) {
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
            final var applied = new Applied(counts, ports);
            portsRead.accept(applied.ports());
            if (updates.isEmpty() && switched.isEmpty()) {
                return Futures.immediateFuture(applied);
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
            return Futures.transform(tx.commit(), ignored -> applied, MoreExecutors.directExecutor());
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
}
