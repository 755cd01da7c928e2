/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.kms;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.eclipse.jdt.annotation.Nullable;

/**
 * An encrypted channel whose key the KMS rotates.
 *
 * @param channelId channel identifier; with {@code keyType} it names the pool the channel draws from
 * @param keyType type of the channel's key
 * @param masterSaeId SAE at the a-end; needed only when the pool does not exist yet
 * @param slaveSaeId SAE at the z-end; needed only when the pool does not exist yet
 * @param refreshInterval rotation interval, or {@code null} for the KMS default (3 s)
 */
public record ChannelSpec(String channelId, KeyType keyType, @Nullable String masterSaeId,
        @Nullable String slaveSaeId, @Nullable Duration refreshInterval) {
    /**
     * Checks the mandatory components.
     *
     * @param channelId channel identifier
     * @param keyType key type
     * @param masterSaeId master SAE or {@code null}
     * @param slaveSaeId slave SAE or {@code null}
     * @param refreshInterval interval or {@code null}
     */
    public ChannelSpec {
        requireNonNull(channelId);
        requireNonNull(keyType);
    }

    /**
     * Returns the pool the channel draws its keys from.
     *
     * @return the pool id
     */
    public PoolId poolId() {
        return new PoolId(channelId, keyType);
    }
}
