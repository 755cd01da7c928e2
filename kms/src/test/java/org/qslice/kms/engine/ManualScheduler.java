/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import java.util.PriorityQueue;

/**
 * A {@link TaskScheduler} on virtual time: tasks run when {@link #advanceTo(long)} passes their due time, each
 * task may take a configurable virtual duration.
 */
final class ManualScheduler implements TaskScheduler {
    private record Task(long due, long sequence, Runnable runnable, boolean[] cancelled) {
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> a.due != b.due
        ? Long.compare(a.due, b.due) : Long.compare(a.sequence, b.sequence));
    private long now;
    private long sequence;
    private long taskCost;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Cancellable schedule(final Runnable task, final long delayNanos) {
        final boolean[] cancelled = new boolean[1];
        queue.add(new Task(now + Math.max(0, delayNanos), sequence++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /**
     * Makes every task take this long (virtual nanoseconds).
     *
     * @param nanos cost of one task
     */
    void setTaskCost(final long nanos) {
        taskCost = nanos;
    }

    /**
     * Pauses the single virtual thread for a while (a stall).
     *
     * @param nanos how long
     */
    void stall(final long nanos) {
        now += nanos;
    }

    /**
     * Runs every task due up to a time, in order, as one thread would.
     *
     * @param time virtual time
     */
    void advanceTo(final long time) {
        while (!queue.isEmpty() && queue.peek().due <= time) {
            final Task task = queue.poll();
            if (task.cancelled[0]) {
                continue;
            }
            now = Math.max(now, task.due);
            task.runnable.run();
            now += taskCost;
        }
        now = Math.max(now, time);
    }
}
