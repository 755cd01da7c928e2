/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.slice;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.AsyncCallable;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.concurrent.Executor;

/**
 * Runs asynchronous operations one at a time, in submission order, without blocking any thread: an operation starts
 * on the executor once the future returned by the previous one has completed (successfully or not).
 */
public final class AsyncQueue {
    private final Executor executor;
    private ListenableFuture<?> tail = Futures.immediateVoidFuture();

    /**
     * Creates a queue.
     *
     * @param executor where operations start; state touched only by operations needs no other locking when this is
     *                 a single thread
     */
    public AsyncQueue(final Executor executor) {
        this.executor = requireNonNull(executor);
    }

    /**
     * Submits an operation.
     *
     * @param <T> result type
     * @param operation the operation; its future must complete eventually
     * @return the operation's result
     */
    public synchronized <T> ListenableFuture<T> submit(final AsyncCallable<T> operation) {
        requireNonNull(operation);
        final ListenableFuture<?> previous = tail;
        final ListenableFuture<T> result = Futures.whenAllComplete(previous).callAsync(operation, executor);
        tail = Futures.catching(result, Throwable.class, failure -> null, MoreExecutors.directExecutor());
        return result;
    }
}
