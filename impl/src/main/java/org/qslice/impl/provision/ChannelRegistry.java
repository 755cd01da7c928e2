/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which slices use each encrypted channel: a channel's key rotation starts with its first slice and stops when its
 * last slice leaves. Slices sharing a channel share its encryptors, so the device locks already order their changes;
 * this class only needs to be thread-safe. After a controller restart a channel's users are seeded, on first use,
 * from the slices that are active on it.
 */
public final class ChannelRegistry {
    private final Function<String, Set<String>> seed;
    private final Map<String, Set<String>> users = new HashMap<>();

    /**
     * Creates a registry.
     *
     * @param seed the ids of the active slices using a channel, for a channel seen for the first time
     */
    public ChannelRegistry(final Function<String, Set<String>> seed) {
        this.seed = requireNonNull(seed);
    }

    /**
     * Records that a slice uses a channel.
     *
     * @param sliceId the slice
     * @param channelId the channel
     */
    public synchronized void join(final String sliceId, final String channelId) {
        users(channelId).add(sliceId);
    }

    /**
     * Records that a slice no longer uses a channel.
     *
     * @param sliceId the slice
     * @param channelId the channel
     * @return true if no slice uses the channel any more
     */
    public synchronized boolean leave(final String sliceId, final String channelId) {
        final Set<String> current = users(channelId);
        current.remove(sliceId);
        return current.isEmpty();
    }

    /**
     * Returns the slices using a channel.
     *
     * @param channelId the channel
     * @return a copy
     */
    public synchronized Set<String> users(final String channelId) {
        return users.computeIfAbsent(channelId, id -> new HashSet<>(seed.apply(id)));
    }
}
