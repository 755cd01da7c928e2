/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.slice;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.Optional;

/**
 * What a {@link Provisioner} operation came to once the devices are done: how it ended, and the bookkeeping (the
 * provisioning record) still being stored. The caller stores the slice's new state in parallel with the bookkeeping
 * and answers only when both are stored.
 *
 * @param failure why the devices could not be configured (after rolling back), empty on success
 * @param bookkeeping completes when the provisioner's own records are stored; never fails
 * @param note what the slice's status should say on success (a recovery's summary), empty for nothing
 * @param pathsMoved after a restoration (or the recovery of one): whether the connections now run on their new
 *                   paths (false: on their old ones); false for every other operation
 */
public record Provisioned(Optional<Throwable> failure, ListenableFuture<?> bookkeeping, Optional<String> note,
        boolean pathsMoved) {
    /**
     * Checks for nulls.
     */
    public Provisioned {
        requireNonNull(failure);
        requireNonNull(bookkeeping);
        requireNonNull(note);
    }

    /**
     * Creates an outcome of an operation that moves no path.
     *
     * @param failure why the devices could not be configured, empty on success
     * @param bookkeeping completes when the provisioner's own records are stored; never fails
     * @param note what the slice's status should say on success
     */
    public Provisioned(final Optional<Throwable> failure, final ListenableFuture<?> bookkeeping,
            final Optional<String> note) {
        this(failure, bookkeeping, note, false);
    }

    /**
     * Creates an outcome with no note.
     *
     * @param failure why the devices could not be configured, empty on success
     * @param bookkeeping completes when the provisioner's own records are stored; never fails
     */
    public Provisioned(final Optional<Throwable> failure, final ListenableFuture<?> bookkeeping) {
        this(failure, bookkeeping, Optional.empty());
    }

    /**
     * Returns a success with nothing left to store.
     *
     * @return the outcome
     */
    public static Provisioned succeeded() {
        return new Provisioned(Optional.empty(), Futures.immediateVoidFuture());
    }

    /**
     * Returns a failure with nothing left to store.
     *
     * @param failure why
     * @return the outcome
     */
    public static Provisioned failed(final Throwable failure) {
        return new Provisioned(Optional.of(failure), Futures.immediateVoidFuture());
    }
}
