/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.kms;

import static java.util.Objects.requireNonNull;

/**
 * Identifies a key pool: the channel (or link) its keys protect and the key type.
 *
 * @param channelId channel identifier, e.g. {@code metro-1/core-1#ch3}
 * @param keyType type of the keys
 */
public record PoolId(String channelId, KeyType keyType) {
    /**
     * Checks the components.
     *
     * @param channelId channel identifier
     * @param keyType key type
     */
    public PoolId {
        requireNonNull(channelId);
        requireNonNull(keyType);
    }

    @Override
    public String toString() {
        return channelId + "/" + keyType.yangName();
    }
}
