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
import org.qslice.api.model.KeyExchange;

/**
 * The encryptor's port and key-id cache, a decorator of a stateless encryptor driver (switched off by
 * {@code encryptor-key-cache = false} in {@code org.qslice.orchestrator.cfg}). It saves device transactions in key
 * rotation, which writes a key id to both ends of every encrypted channel every few seconds:
 * <ul>
 *   <li><b>key ids</b>: the newest key id of each line is remembered and written with ports bound later, so a
 *       channel whose key came before its ports needs no key-id transaction of its own (without: the ports get
 *       their line's next key id, one rotation later);</li>
 *   <li><b>batching</b>: while a device is busy, new key ids for any of its lines accumulate and go out in one
 *       transaction when its turn comes, each line with its newest key id (without: one transaction each);</li>
 *   <li><b>ports</b>: each device's client ports (name to line), as the last key-id transaction read them and kept
 *       up to date by add and remove; a device known to hold no port of a line is not asked (without: it is read).
 *       </li>
 * </ul>
 * The cache is memory only: after a restart the ports are learned again at each device's first key id, the key ids
 * at each line's next rotation.
 */
public final class EncryptorKeyCache implements EncryptorDriver {
    private final KeyedEncryptor<?> driver;
    // guarded by itself
    private final Map<String, KeyBatch> pendingKeys = new HashMap<>();
    // guarded by pendingKeys: the newest key id the KMS gave each line (both ends of a line share it)
    private final Map<String, UUID> lineKeys = new HashMap<>();
    // guarded by pendingKeys: per device, its client ports (name -> line) as of the last key-id read of the device,
    // kept up to date by add and remove; a device without an entry has not been read yet
    private final Map<String, Map<String, String>> knownPorts = new HashMap<>();

    /**
     * Decorates a driver.
     *
     * @param driver the stateless driver of one encryptor model
     */
    public EncryptorKeyCache(final MountPointEncryptor driver) {
        this((KeyedEncryptor<?>) driver);
    }

    /**
     * Decorates a driver.
     *
     * @param driver the stateless driver of one encryptor model
     */
    public EncryptorKeyCache(final OpenConfigEncryptor driver) {
        this((KeyedEncryptor<?>) driver);
    }

    private EncryptorKeyCache(final KeyedEncryptor<?> driver) {
        this.driver = requireNonNull(driver);
    }

    /**
     * {@inheritDoc}
     *
     * <p>An encrypting port is written with the newest key id the KMS gave its line (taken when the device's turn
     * comes).
     */
    @Override
    public ListenableFuture<?> add(final String nodeId, final List<EncryptorPort> ports) {
        return driver.bindPorts(nodeId, ports, () -> {
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
            return keyIds;
        });
    }

    @Override
    public ListenableFuture<?> remove(final String nodeId, final List<String> names) {
        synchronized (pendingKeys) {
            final Map<String, String> known = knownPorts.get(nodeId);
            if (known != null) {
                names.forEach(known::remove);
            }
        }
        return driver.remove(nodeId, names);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Calls for one device are coalesced: while the device is busy, new key ids of any of its lines accumulate and
     * go out in one transaction when its turn comes. A device known to hold no port of the line is not asked.
     */
    @Override
    public ListenableFuture<Integer> setKeyId(final String nodeId, final String line, final UUID keyId,
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
            batch.keys.put(line, new KeyedEncryptor.LineKey(keyId, method.orElse(null)));
            batch.waiting.computeIfAbsent(line, l -> new ArrayList<>()).add(result);
        }
        if (first) {
            final ListenableFuture<KeyedEncryptor.Applied> applied = driver.applyKeys(nodeId, () -> {
                // the batch closes when the device's turn comes: what arrives later goes in the next one
                synchronized (pendingKeys) {
                    // not pending any more: already failed (timed out while queued)
                    return pendingKeys.remove(nodeId, batch) ? batch.keys : Map.of();
                }
            }, ports -> {
                // learned in the device's turn, so a port bound in a later turn is added to what was read
                synchronized (pendingKeys) {
                    knownPorts.put(nodeId, new HashMap<>(ports));
                }
            });
            Futures.addCallback(applied, new FutureCallback<>() {
                @Override
                public void onSuccess(final KeyedEncryptor.Applied done) {
                    batch.waiting.forEach((l, futures) -> futures.forEach(
                        future -> future.set(done.counts().getOrDefault(l, 0))));
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
        driver.forgetKeys(lines);
    }

    @Override
    public ListenableFuture<Integer> setPending(final String nodeId, final String line,
            final Optional<KeyExchange> method) {
        return driver.setPending(nodeId, line, method);
    }

    @Override
    public ListenableFuture<Set<KeyExchange>> supported(final String nodeId) {
        return driver.supported(nodeId);
    }

    @Override
    public ListenableFuture<List<EncryptorPort>> read(final String nodeId) {
        return driver.read(nodeId);
    }

    @Override
    public EncryptorPort asHeld(final String nodeId, final EncryptorPort entry) {
        return driver.asHeld(nodeId, entry);
    }

    @Override
    public String heldName(final String nodeId, final String name) {
        return driver.heldName(nodeId, name);
    }

    /**
     * The new key ids of one device's lines that wait for the device, and the callers waiting for them.
     */
    private static final class KeyBatch {
        final Map<String, KeyedEncryptor.LineKey> keys = new HashMap<>();
        final Map<String, List<SettableFuture<Integer>>> waiting = new HashMap<>();
    }
}
