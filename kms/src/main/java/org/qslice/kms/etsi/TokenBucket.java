/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.etsi;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code rate} tokens per second, holding at most {@code burst}. Thread-safe.
 */
final class TokenBucket {
    private final double rate;
    private final double burst;
    private final LongSupplier nanos;
    private double tokens;
    private long last;

    TokenBucket(final double rate, final double burst, final LongSupplier nanos) {
        this.rate = rate;
        this.burst = burst;
        this.nanos = nanos;
        this.tokens = burst;
        this.last = nanos.getAsLong();
    }

    /** Takes a token if there is one. */
    synchronized boolean tryAcquire() {
        final long now = nanos.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * rate / 1e9);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whole seconds until the next token, at least 1 (for {@code Retry-After}). */
    synchronized long secondsUntilNext() {
        return Math.max(1, (long) Math.ceil((1 - tokens) / rate));
    }
}
