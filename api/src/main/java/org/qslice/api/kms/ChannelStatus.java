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
import java.time.Instant;
import java.util.UUID;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Rotation state of a channel (never key material).
 *
 * @param channelId channel
 * @param keyType type of the channel's key
 * @param refreshInterval effective rotation interval
 * @param inService whether the channel is rotated
 * @param currentKeyId the key the channel uses now, if any
 * @param lastRotation when the key was last rotated, if ever
 * @param rotations successful rotations
 * @param missedRotations deadlines that passed without a rotation
 * @param failedRotations rotations that failed (empty pool)
 * @param targetFailures times the channel-key target failed
 * @param lastError why the last rotation failed, if it did
 */
public record ChannelStatus(String channelId, KeyType keyType, Duration refreshInterval, boolean inService,
        @Nullable UUID currentKeyId, @Nullable Instant lastRotation, long rotations, long missedRotations,
        long failedRotations, long targetFailures, @Nullable String lastError) {
    /**
     * Checks the mandatory components.
     *
     * @param channelId channel
     * @param keyType key type
     * @param refreshInterval interval
     * @param inService in service
     * @param currentKeyId current key id
     * @param lastRotation last rotation
     * @param rotations rotations
     * @param missedRotations missed
     * @param failedRotations failed
     * @param targetFailures target failures
     * @param lastError last error
     */
    public ChannelStatus {
        requireNonNull(channelId);
        requireNonNull(keyType);
        requireNonNull(refreshInterval);
    }
}
