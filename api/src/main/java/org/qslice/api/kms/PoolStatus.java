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
import org.eclipse.jdt.annotation.Nullable;

/**
 * Configuration and statistics of a pool (never key material).
 *
 * @param id the pool
 * @param masterSaeId master SAE
 * @param slaveSaeId slave SAE
 * @param enginePresent whether the KMS engine holds the pool (false: configured, statistics not yet known)
 * @param poolSize effective pool size
 * @param lowWater effective low-water mark
 * @param stored available keys
 * @param pending delivered keys still awaiting their peer
 * @param generatedTotal keys generated since the pool was created
 * @param deliveredTotal keys handed out
 * @param consumedTotal keys consumed
 * @param discardedTotal keys erased without being consumed
 * @param generationFailures failed attempts to obtain keys
 * @param consumptionRate keys handed out per second (moving average)
 * @param generationRate keys generated per second (moving average)
 * @param starving whether {@code stored < lowWater}
 * @param starvationEvents times the pool fell below its low-water mark
 * @param lastRefresh when a channel rotation last drew from the pool, if ever
 * @param lastError last key source error, if any
 * @param secretKeyRateBps the secret key rate of the QKD system behind a QKD or hybrid pool, as the KMS's QKD source
 *     knows it (bit/s), or {@code null} when it does not
 */
public record PoolStatus(PoolId id, String masterSaeId, String slaveSaeId, boolean enginePresent, long poolSize,
        long lowWater, long stored, long pending, long generatedTotal, long deliveredTotal, long consumedTotal,
        long discardedTotal, long generationFailures, double consumptionRate, double generationRate,
        boolean starving, long starvationEvents, @Nullable Instant lastRefresh, @Nullable String lastError,
        @Nullable Double secretKeyRateBps) {
    /**
     * Checks the mandatory components.
     *
     * @param id pool
     * @param masterSaeId master SAE
     * @param slaveSaeId slave SAE
     * @param enginePresent engine holds the pool
     * @param poolSize size
     * @param lowWater low-water
     * @param stored stored
     * @param pending pending
     * @param generatedTotal generated
     * @param deliveredTotal delivered
     * @param consumedTotal consumed
     * @param discardedTotal discarded
     * @param generationFailures failures
     * @param consumptionRate consumption rate
     * @param generationRate generation rate
     * @param starving starving
     * @param starvationEvents starvation events
     * @param lastRefresh last refresh
     * @param lastError last error
     * @param secretKeyRateBps QKD secret key rate or null
     */
    public PoolStatus {
        requireNonNull(id);
        requireNonNull(masterSaeId);
        requireNonNull(slaveSaeId);
    }
}
