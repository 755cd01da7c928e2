/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.store.PoolSettings;

/**
 * Shared helpers of the engine tests.
 */
public final class TestSupport {
    private TestSupport() {
        // utility class
    }

    /**
     * A fast test configuration under a directory: free ports, short intervals.
     *
     * @param dir the directory
     * @return the configuration
     */
    public static EngineConfig config(final Path dir) {
        return config(dir, Duration.ofMillis(100));
    }

    /**
     * A fast test configuration whose vault commits every {@code persistInterval}.
     *
     * @param dir the directory
     * @param persistInterval how often the vault commits
     * @return the configuration
     */
    public static EngineConfig config(final Path dir, final Duration persistInterval) {
        final EngineConfig base = EngineConfig.defaults(dir);
        return base.withEtsi014(base.etsi014().withPort(0).withMaxKeyPerRequest(16).withThreads(1, 0))
            .withVault(base.vault().withPersistInterval(persistInterval))
            .withTiming(base.timing().withMirrorInterval(Duration.ofMillis(50)).withRefillBatch(16));
    }

    /**
     * Pool settings.
     *
     * @param master master SAE
     * @param slave slave SAE
     * @param size pool size
     * @return settings
     */
    public static PoolSettings settings(final String master, final String slave, final int size) {
        return new PoolSettings(master, slave, size, Math.min(4, size), 50, 1024, 16);
    }

    /**
     * Waits until a condition holds, polling every 20 ms.
     *
     * @param timeout at most this long
     * @param what what is awaited, for the failure message
     * @param condition the condition
     */
    public static void await(final Duration timeout, final String what, final BooleanSupplier condition) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /**
     * Waits until a pool is full.
     *
     * @param engine the engine
     * @param id the pool
     */
    public static void awaitFull(final KmsEngine engine, final PoolId id) {
        await(Duration.ofSeconds(30), "pool " + id + " full",
            () -> engine.pool(id).map(pool -> pool.missing() == 0).orElse(false));
    }
}
