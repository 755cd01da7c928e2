/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.mdsal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Defaults for what a pool or channel entry leaves out.
 *
 * @param poolSize pool size
 * @param lowWater low-water mark (capped at the pool size)
 * @param linkLengthKm QKD link length
 * @param refreshInterval channel rotation interval
 * @param maxPending delivered keys awaiting a peer, per pool
 * @param historySize retired key ids kept, per pool
 */
public record KmsDefaults(int poolSize, int lowWater, double linkLengthKm, Duration refreshInterval, int maxPending,
        int historySize) {
    /**
     * Checks the interval.
     *
     * @param poolSize pool size
     * @param lowWater low water
     * @param linkLengthKm link length
     * @param refreshInterval interval
     * @param maxPending max pending
     * @param historySize history size
     */
    public KmsDefaults {
        requireNonNull(refreshInterval);
    }
}
