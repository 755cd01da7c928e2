/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.qslice.api.kms.KeyType;
import org.qslice.api.model.KeyExchange;
import org.qslice.impl.device.EncryptorDriver;

/**
 * Writes the keys the KMS rotates to the two encryptors of their channel, and tells who waits for a channel's first
 * key of a key type (the lock-step of a key-exchange switch): every rotated key id goes to both ends with the method
 * its key type is, so the first key of a new type switches both ends' method (and removes their pending method) at
 * the same key boundary.
 */
public final class ChannelKeys {
    private final EncryptorDriver encryptors;
    // guarded by itself: per channel, who waits for a key of which type
    private final Map<String, List<Waiter>> waiting = new HashMap<>();

    private record Waiter(KeyType type, SettableFuture<UUID> applied) {
    }

    /**
     * Creates the writer.
     *
     * @param encryptors the encryptor driver
     */
    public ChannelKeys(final EncryptorDriver encryptors) {
        this.encryptors = requireNonNull(encryptors);
    }

    /**
     * Returns the method a key type is established with.
     *
     * @param type the key type
     * @return the method
     */
    public static KeyExchange method(final KeyType type) {
        return switch (type) {
            case DH -> KeyExchange.DH;
            case QRA -> KeyExchange.QRA;
            case QKD -> KeyExchange.QKD;
            case HYBRID_QKD_QRA -> KeyExchange.HYBRID_QKD_QRA;
        };
    }

    /**
     * Points both ends of a channel at a new key id, running the key's method.
     *
     * @param channelId the channel (link id)
     * @param type the key's type
     * @param keyId the key id
     * @param masterNodeId one end's NETCONF node id
     * @param slaveNodeId the other end's
     * @return completes when both ends hold it
     */
    public ListenableFuture<?> apply(final String channelId, final KeyType type, final UUID keyId,
            final String masterNodeId, final String slaveNodeId) {
        final Optional<KeyExchange> method = Optional.of(method(type));
        final ListenableFuture<List<Integer>> both = Futures.allAsList(
            encryptors.setKeyId(masterNodeId, channelId, keyId, method),
            encryptors.setKeyId(slaveNodeId, channelId, keyId, method));
        Futures.addCallback(both, new FutureCallback<>() {
            @Override
            public void onSuccess(final List<Integer> updated) {
                final var done = new ArrayList<Waiter>();
                synchronized (waiting) {
                    final List<Waiter> waiters = waiting.get(channelId);
                    if (waiters != null) {
                        waiters.removeIf(waiter -> waiter.type() == type && done.add(waiter));
                        if (waiters.isEmpty()) {
                            waiting.remove(channelId);
                        }
                    }
                }
                done.forEach(waiter -> waiter.applied().set(keyId));
            }

            @Override
            public void onFailure(final Throwable failure) {
                // the KMS tries again with the next key; whoever waits keeps waiting
            }
        }, MoreExecutors.directExecutor());
        return both;
    }

    /**
     * Waits for the next key of a type to be held by both ends of a channel. Cancel the future to stop waiting.
     *
     * @param channelId the channel
     * @param type the key type
     * @return the key id, once both ends hold it
     */
    public ListenableFuture<UUID> next(final String channelId, final KeyType type) {
        final var waiter = new Waiter(requireNonNull(type), SettableFuture.create());
        synchronized (waiting) {
            waiting.computeIfAbsent(requireNonNull(channelId), id -> new ArrayList<>()).add(waiter);
        }
        waiter.applied().addListener(() -> {
            synchronized (waiting) {
                final List<Waiter> waiters = waiting.get(channelId);
                if (waiters != null && waiters.remove(waiter) && waiters.isEmpty()) {
                    waiting.remove(channelId);
                }
            }
        }, MoreExecutors.directExecutor());
        return waiter.applied();
    }
}
