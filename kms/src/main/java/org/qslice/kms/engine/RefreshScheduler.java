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
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a rotation for each channel at fixed deadlines {@code anchor + k * interval}: the next deadline is computed
 * from the anchor, never from when the last rotation ran, so lateness does not accumulate (no drift). A rotation
 * that starts more than {@code tolerance} after its deadline counts as missed (it still runs); deadlines that passed
 * entirely while the scheduler was behind are counted missed and skipped. Thread-safe; the rotations run on the
 * {@link TaskScheduler}'s thread.
 */
public final class RefreshScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshScheduler.class);

    /**
     * Performs one rotation.
     */
    @FunctionalInterface
    public interface Rotator {
        /**
         * Rotates a channel's key.
         *
         * @param channelId the channel
         * @param missedBefore deadlines missed since the previous call (0 normally)
         * @param late whether this rotation itself starts later than the tolerance
         */
        void rotate(String channelId, long missedBefore, boolean late);
    }

    private final class Timer implements Runnable {
        final String channelId;
        final long anchor;
        final long interval;
        long index;
        TaskScheduler.Cancellable handle;
        boolean cancelled;

        Timer(final String channelId, final long anchor, final long interval) {
            this.channelId = channelId;
            this.anchor = anchor;
            this.interval = interval;
        }

        void arm() {
            handle = scheduler.schedule(this, anchor + index * interval - scheduler.nanoTime());
        }

        @Override
        @SuppressWarnings("checkstyle:IllegalCatch")
        public void run() {
            final long now = scheduler.nanoTime();
            final long missed;
            final boolean late;
            synchronized (RefreshScheduler.this) {
                if (cancelled) {
                    return;
                }
                final long deadline = anchor + index * interval;
                final long behind = Math.max(0, now - deadline);
                missed = behind / interval;
                index += missed;
                late = now - (anchor + index * interval) > tolerance;
            }
            try {
                rotator.rotate(channelId, missed, late);
            } catch (RuntimeException e) {
                // one failing rotation must not stop this channel's schedule
                LOG.warn("rotation of channel {} failed unexpectedly", channelId, e);
            }
            synchronized (RefreshScheduler.this) {
                if (!cancelled) {
                    index++;
                    arm();
                }
            }
        }
    }

    private final TaskScheduler scheduler;
    private final Rotator rotator;
    private final long tolerance;
    private final Map<String, Timer> timers = new HashMap<>();

    /**
     * A scheduler.
     *
     * @param scheduler clock and executor
     * @param rotator what a rotation does
     * @param tolerance lateness allowed before a deadline counts as missed
     */
    public RefreshScheduler(final TaskScheduler scheduler, final Rotator rotator, final Duration tolerance) {
        this.scheduler = requireNonNull(scheduler);
        this.rotator = requireNonNull(rotator);
        this.tolerance = tolerance.toNanos();
    }

    /**
     * Starts (or restarts, when the interval changed) a channel's rotations: the first now, then one per interval.
     *
     * @param channelId the channel
     * @param interval rotation interval
     */
    public synchronized void schedule(final String channelId, final Duration interval) {
        final long nanos = interval.toNanos();
        final Timer existing = timers.get(channelId);
        if (existing != null) {
            if (existing.interval == nanos) {
                return;
            }
            cancelTimer(existing);
        }
        final var timer = new Timer(channelId, scheduler.nanoTime(), nanos);
        timers.put(channelId, timer);
        timer.arm();
    }

    /**
     * Stops a channel's rotations.
     *
     * @param channelId the channel
     */
    public synchronized void cancel(final String channelId) {
        final Timer timer = timers.remove(channelId);
        if (timer != null) {
            cancelTimer(timer);
        }
    }

    /**
     * Stops every channel's rotations.
     */
    public synchronized void cancelAll() {
        timers.values().forEach(RefreshScheduler::cancelTimer);
        timers.clear();
    }

    /**
     * Returns how many channels are scheduled.
     *
     * @return the count
     */
    public synchronized int size() {
        return timers.size();
    }

    private static void cancelTimer(final Timer timer) {
        timer.cancelled = true;
        if (timer.handle != null) {
            timer.handle.cancel();
        }
    }
}
