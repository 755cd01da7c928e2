/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;
import org.qslice.api.kms.PoolId;

/**
 * A pool's counters, last-event times, last source error, exponentially averaged rates and starvation state.
 * Guarded by the pool's lock.
 */
final class PoolStatistics {
    private static final double RATE_TAU_SECONDS = 10.0;

    long generatedTotal;
    long deliveredTotal;
    long consumedTotal;
    long discardedTotal;
    long generationFailures;
    long starvationEvents;
    @Nullable Instant lastGenerated;
    @Nullable Instant lastDelivered;
    @Nullable Instant lastRefresh;
    @Nullable String lastError;
    boolean starving;
    private boolean emptyReported;
    private KeyPool.@Nullable Starvation pendingStarvation;
    private @Nullable Instant rateSince;
    private long deliveredAtRate;
    private long generatedAtRate;
    private double consumptionRate;
    private double generationRate;

    void generated(final Instant now) {
        generatedTotal++;
        lastGenerated = now;
    }

    void delivered(final int count, final Instant now) {
        deliveredTotal += count;
        lastDelivered = now;
    }

    void retired(final KeyState state) {
        if (state == KeyState.CONSUMED) {
            consumedTotal++;
        } else {
            discardedTotal++;
        }
    }

    void sourceFailed(final String message) {
        generationFailures++;
        lastError = message;
    }

    /** Refilled: clears the source error and ends a starvation once the pool is back at its low-water mark. */
    void refilled(final int stored, final int lowWater) {
        lastError = null;
        if (starving && stored >= lowWater && stored > 0) {
            starving = false;
            emptyReported = false;
        }
    }

    /** Raises a starvation event when the pool falls below its low-water mark or runs empty. */
    void updateStarvation(final PoolId id, final int stored, final PoolSettings settings) {
        final int lowWater = Math.min(settings.lowWater(), settings.poolSize());
        if (stored < lowWater || stored == 0) {
            if (!starving) {
                starving = true;
                starvationEvents++;
                pendingStarvation = new KeyPool.Starvation(id, stored, lowWater, settings.poolSize(), stored == 0);
                emptyReported = stored == 0;
            } else if (stored == 0 && !emptyReported) {
                emptyReported = true;
                pendingStarvation = new KeyPool.Starvation(id, 0, lowWater, settings.poolSize(), true);
            }
        } else if (starving) {
            starving = false;
            emptyReported = false;
        }
    }

    Optional<KeyPool.Starvation> takeStarvation() {
        final KeyPool.Starvation event = pendingStarvation;
        pendingStarvation = null;
        return Optional.ofNullable(event);
    }

    PoolSnapshot snapshot(final PoolId id, final PoolSettings settings, final int stored, final int pending,
            final Instant now) {
        updateRates(now);
        return new PoolSnapshot(id, settings, stored, pending, generatedTotal, deliveredTotal, consumedTotal,
            discardedTotal, generationFailures, consumptionRate, generationRate, starving, starvationEvents,
            lastGenerated, lastDelivered, lastRefresh, lastError);
    }

    private void updateRates(final Instant now) {
        if (rateSince == null) {
            rateSince = now;
            deliveredAtRate = deliveredTotal;
            generatedAtRate = generatedTotal;
            return;
        }
        final double seconds = Duration.between(rateSince, now).toNanos() / 1e9;
        if (seconds < 1.0) {
            return;
        }
        final double weight = 1 - Math.exp(-seconds / RATE_TAU_SECONDS);
        consumptionRate += weight * ((deliveredTotal - deliveredAtRate) / seconds - consumptionRate);
        generationRate += weight * ((generatedTotal - generatedAtRate) / seconds - generationRate);
        rateSince = now;
        deliveredAtRate = deliveredTotal;
        generatedAtRate = generatedTotal;
    }
}
