/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.eclipse.jdt.annotation.Nullable;
import org.qslice.api.kms.PoolId;

/**
 * Statistics of a pool at one moment (never material).
 *
 * @param id pool
 * @param settings configuration
 * @param stored available keys
 * @param pending delivered keys awaiting a peer
 * @param generatedTotal keys generated
 * @param deliveredTotal keys handed out
 * @param consumedTotal keys consumed
 * @param discardedTotal keys discarded
 * @param generationFailures source failures
 * @param consumptionRate keys/s handed out (moving average)
 * @param generationRate keys/s generated (moving average)
 * @param starving below low-water
 * @param starvationEvents crossings below low-water
 * @param lastGenerated last key generated
 * @param lastDelivered last key handed out
 * @param lastRefresh last channel rotation from this pool
 * @param lastError last source error
 */
public record PoolSnapshot(PoolId id, PoolSettings settings, int stored, int pending, long generatedTotal,
        long deliveredTotal, long consumedTotal, long discardedTotal, long generationFailures,
        double consumptionRate, double generationRate, boolean starving, long starvationEvents,
        @Nullable Instant lastGenerated, @Nullable Instant lastDelivered, @Nullable Instant lastRefresh,
        @Nullable String lastError) {
    /**
     * Checks the components.
     *
     * @param id id
     * @param settings settings
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
     * @param starvationEvents events
     * @param lastGenerated last generated
     * @param lastDelivered last delivered
     * @param lastRefresh last refresh
     * @param lastError last error
     */
    public PoolSnapshot {
        requireNonNull(id);
        requireNonNull(settings);
    }
}
