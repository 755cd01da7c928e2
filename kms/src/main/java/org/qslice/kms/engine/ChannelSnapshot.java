/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Rotation state of a channel (never material).
 *
 * @param channelId channel
 * @param settings its refresh settings
 * @param currentKeyId current key
 * @param previousKeyId previous key
 * @param lastRotation last rotation
 * @param rotations rotations
 * @param missedRotations missed deadlines
 * @param failedRotations failed rotations
 * @param targetFailures target failures
 * @param lastError last error
 */
public record ChannelSnapshot(String channelId, ChannelSettings settings, @Nullable UUID currentKeyId,
        @Nullable UUID previousKeyId, @Nullable Instant lastRotation, long rotations, long missedRotations,
        long failedRotations, long targetFailures, @Nullable String lastError) {
    /**
     * Checks the components.
     *
     * @param channelId channel
     * @param settings settings
     * @param currentKeyId current
     * @param previousKeyId previous
     * @param lastRotation last rotation
     * @param rotations rotations
     * @param missedRotations missed
     * @param failedRotations failed
     * @param targetFailures target failures
     * @param lastError last error
     */
    public ChannelSnapshot {
        requireNonNull(channelId);
        requireNonNull(settings);
    }
}
