/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A monotonic clock and delayed execution: the real one over a {@link ScheduledExecutorService}, or a virtual-time
 * one in tests.
 */
public interface TaskScheduler {
    /**
     * A scheduled task.
     */
    @FunctionalInterface
    interface Cancellable {
        /**
         * Cancels the task if it has not run.
         */
        void cancel();
    }

    /**
     * Returns the monotonic time.
     *
     * @return nanoseconds
     */
    long nanoTime();

    /**
     * Runs a task after a delay.
     *
     * @param task the task
     * @param delayNanos delay in nanoseconds (not positive: as soon as possible)
     * @return a handle to cancel it
     */
    Cancellable schedule(Runnable task, long delayNanos);

    /**
     * The real scheduler over an executor.
     *
     * @param executor the executor (owned by the caller)
     * @return the scheduler
     */
    static TaskScheduler of(final ScheduledExecutorService executor) {
        requireNonNull(executor);
        return new TaskScheduler() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Cancellable schedule(final Runnable task, final long delayNanos) {
                final ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delayNanos),
                    TimeUnit.NANOSECONDS);
                return () -> future.cancel(false);
            }
        };
    }
}
