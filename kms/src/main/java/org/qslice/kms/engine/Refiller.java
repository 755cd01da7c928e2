/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.source.GeneratedKey;
import org.qslice.kms.source.KeySource;
import org.qslice.kms.source.KeySourceException;
import org.qslice.kms.source.PoolContext;
import org.qslice.kms.store.KeyPool;
import org.qslice.kms.store.PoolSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the pools full: one thread ({@code qslice-kms-refill}) asks each pool's key source for what is missing, in
 * batches, round after round while a round made progress, then every 100 ms. A failing source marks its pool and
 * never stops the others.
 */
final class Refiller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Refiller.class);
    private static final Duration IDLE = Duration.ofMillis(100);

    private final Supplier<Collection<KeyPool>> pools;
    private final Function<PoolId, @Nullable KeyPool> current;
    private final Map<KeyType, KeySource> sources;
    private final int batch;
    private final Clock clock;
    private final ScheduledExecutorService refill;
    private final Object lock = new Object();
    private @Nullable ScheduledFuture<?> next;
    private volatile boolean closed;

    Refiller(final Supplier<Collection<KeyPool>> pools, final Function<PoolId, @Nullable KeyPool> current,
            final Map<KeyType, KeySource> sources, final int batch, final Clock clock) {
        this.pools = requireNonNull(pools);
        this.current = requireNonNull(current);
        this.sources = requireNonNull(sources);
        this.batch = batch;
        this.clock = requireNonNull(clock);
        refill = Executors.newSingleThreadScheduledExecutor(KmsEngine.daemon("qslice-kms-refill"));
    }

    /**
     * Runs a refill round after a delay (replacing a round already scheduled).
     *
     * @param delayMillis the delay
     */
    void schedule(final long delayMillis) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            final ScheduledFuture<?> pending = next;
            if (pending != null) {
                pending.cancel(false);
            }
            try {
                next = refill.schedule(this::round, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.debug("refill stopped", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        KmsEngine.shutdown(refill);
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void round() {
        if (closed) {
            return;
        }
        boolean progress = false;
        for (KeyPool pool : List.copyOf(pools.get())) {
            final int missing = pool.missing();
            if (missing == 0 || closed) {
                continue;
            }
            final PoolSettings settings = pool.settings();
            final var context = new PoolContext(pool.id(), settings.masterSaeId(), settings.slaveSaeId(),
                settings.linkLengthKm());
            try {
                final List<GeneratedKey> keys = sources.get(pool.id().keyType()).generate(context,
                    Math.min(missing, batch));
                if (!keys.isEmpty()) {
                    progress = true;
                    if (current.apply(pool.id()) == pool) {
                        pool.add(keys, clock.instant());
                    } else {
                        keys.forEach(key -> key.material().destroy());
                    }
                }
            } catch (KeySourceException e) {
                if (closed) {
                    return;
                }
                final String before = pool.snapshot(clock.instant()).lastError();
                pool.sourceFailed(e.getMessage());
                if (!e.getMessage().equals(before)) {
                    LOG.warn("key source for pool {} failed", pool.id(), e);
                }
            } catch (RuntimeException e) {
                // a broken source must not stop the refill of the other pools
                pool.sourceFailed("key source error: " + e.getClass().getSimpleName());
                LOG.warn("key source for pool {} failed unexpectedly", pool.id(), e);
            }
        }
        schedule(progress ? 0 : IDLE.toMillis());
    }
}
