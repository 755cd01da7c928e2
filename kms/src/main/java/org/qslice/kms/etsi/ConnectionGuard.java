/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.etsi;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Applies {@link Etsi014Limits}: admits connections (cap and rate, decided before any TLS work) and requests (per
 * authenticated SAE). Counts what it refused. Thread-safe.
 */
final class ConnectionGuard {
    private final Etsi014Limits limits;
    private final LongSupplier nanos;
    private final @Nullable TokenBucket connections;
    private final ConcurrentHashMap<String, TokenBucket> saes = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refusedConnections = new AtomicLong();
    private final AtomicLong throttledRequests = new AtomicLong();

    ConnectionGuard(final Etsi014Limits limits, final LongSupplier nanos) {
        this.limits = limits;
        this.nanos = nanos;
        this.connections = limits.connectionsPerSecond() > 0
            ? new TokenBucket(limits.connectionsPerSecond(), Math.max(1, 2 * limits.connectionsPerSecond()), nanos)
            : null;
    }

    Etsi014Limits limits() {
        return limits;
    }

    /** Admits a new connection, or refuses it (the caller closes it); an admitted one is {@link #closed()} later. */
    boolean admit() {
        final int max = limits.maxConnections();
        if (max > 0 && open.incrementAndGet() > max) {
            open.decrementAndGet();
            refusedConnections.incrementAndGet();
            return false;
        } else if (max <= 0) {
            open.incrementAndGet();
        }
        final TokenBucket rate = connections;
        if (rate != null && !rate.tryAcquire()) {
            open.decrementAndGet();
            refusedConnections.incrementAndGet();
            return false;
        }
        return true;
    }

    void closed() {
        open.decrementAndGet();
    }

    /**
     * Admits a request of an authenticated SAE.
     *
     * @return 0 if admitted, else the seconds the SAE should wait
     */
    long admitRequest(final String sae) {
        final double rate = limits.saeRequestsPerSecond();
        if (rate <= 0) {
            return 0;
        }
        final TokenBucket bucket = saes.computeIfAbsent(sae, key -> new TokenBucket(rate, Math.max(1, 2 * rate),
            nanos));
        if (bucket.tryAcquire()) {
            return 0;
        }
        throttledRequests.incrementAndGet();
        return bucket.secondsUntilNext();
    }

    int open() {
        return open.get();
    }

    long refusedConnections() {
        return refusedConnections.get();
    }

    long throttledRequests() {
        return throttledRequests.get();
    }
}
