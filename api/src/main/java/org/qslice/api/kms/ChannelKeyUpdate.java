/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.kms;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A channel's new key id, handed to the {@link ChannelKeyTarget}. It carries ids only: each encryptor fetches the
 * key material itself, once, from the KMS's ETSI GS QKD 014 API ({@code dec_keys} with this key id, naming the other
 * end's SAE id in the path).
 *
 * @param channelId channel
 * @param keyType type of the key
 * @param keyId the new key id
 * @param previousKeyId the key id the channel used before, if any (still fetchable until the next rotation)
 * @param masterSaeId SAE at the a-end
 * @param slaveSaeId SAE at the z-end
 * @param rotatedAt when the KMS drew the key
 */
public record ChannelKeyUpdate(String channelId, KeyType keyType, UUID keyId, @Nullable UUID previousKeyId,
        String masterSaeId, String slaveSaeId, Instant rotatedAt) {
    /**
     * Checks the mandatory components.
     *
     * @param channelId channel
     * @param keyType key type
     * @param keyId key id
     * @param previousKeyId previous key id or {@code null}
     * @param masterSaeId master SAE
     * @param slaveSaeId slave SAE
     * @param rotatedAt time
     */
    public ChannelKeyUpdate {
        requireNonNull(channelId);
        requireNonNull(keyType);
        requireNonNull(keyId);
        requireNonNull(masterSaeId);
        requireNonNull(slaveSaeId);
        requireNonNull(rotatedAt);
    }
}
