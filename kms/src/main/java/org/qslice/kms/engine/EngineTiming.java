/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The engine's own rhythm: rotations, expiry, reports and refill.
 *
 * @param rotationTolerance how late a rotation may start before its deadline counts as missed
 * @param deliveredKeyTtl how long a delivered key waits for its peer
 * @param mirrorInterval how often changes are reported (datastore mirror) and expiry runs
 * @param refillBatch keys generated per pool per refill step
 */
public record EngineTiming(Duration rotationTolerance, Duration deliveredKeyTtl, Duration mirrorInterval,
        int refillBatch) {
    /**
     * Checks the components.
     *
     * @param rotationTolerance tolerance
     * @param deliveredKeyTtl ttl
     * @param mirrorInterval report period
     * @param refillBatch refill batch
     */
    public EngineTiming {
        requireNonNull(rotationTolerance);
        requireNonNull(deliveredKeyTtl);
        requireNonNull(mirrorInterval);
        if (refillBatch < 1) {
            throw new IllegalArgumentException("refillBatch must be positive");
        }
    }

    /**
     * The defaults.
     *
     * @return the timing
     */
    public static EngineTiming defaults() {
        return new EngineTiming(Duration.ofMillis(ConfigDefaults.ROTATION_TOLERANCE_MS),
            Duration.ofSeconds(ConfigDefaults.DELIVERED_KEY_TTL_SECONDS),
            Duration.ofMillis(ConfigDefaults.MIRROR_INTERVAL_MS), ConfigDefaults.REFILL_BATCH);
    }

    /**
     * Copy with another report period.
     *
     * @param newInterval the period
     * @return the timing
     */
    public EngineTiming withMirrorInterval(final Duration newInterval) {
        return new EngineTiming(rotationTolerance, deliveredKeyTtl, newInterval, refillBatch);
    }

    /**
     * Copy with another refill batch.
     *
     * @param newBatch keys per step
     * @return the timing
     */
    public EngineTiming withRefillBatch(final int newBatch) {
        return new EngineTiming(rotationTolerance, deliveredKeyTtl, mirrorInterval, newBatch);
    }
}
