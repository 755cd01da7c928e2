/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Journals in a map, for tests; counts the writes, and can be told to fail them.
 */
public final class MapJournalStore implements JournalStore {
    private final Map<String, Journal> journals = new TreeMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private volatile boolean failing;

    /**
     * Returns a stored journal.
     *
     * @param sliceId the slice
     * @return the journal
     */
    public synchronized Optional<Journal> get(final String sliceId) {
        return Optional.ofNullable(journals.get(sliceId));
    }

    /**
     * Returns how many writes succeeded.
     *
     * @return the count
     */
    public int writes() {
        return writes.get();
    }

    /**
     * Makes every later write fail (or succeed again).
     *
     * @param fail whether writes fail
     */
    public void failWrites(final boolean fail) {
        failing = fail;
    }

    @Override
    public synchronized ListenableFuture<?> save(final Journal journal) {
        if (failing) {
            return Futures.immediateFailedFuture(new IllegalStateException("injected: journal write failed"));
        }
        journals.put(journal.sliceId(), journal);
        writes.incrementAndGet();
        return Futures.immediateVoidFuture();
    }

    @Override
    public synchronized ListenableFuture<?> mark(final String sliceId, final Map<Integer, Journal.StepState> states) {
        final Journal journal = journals.get(sliceId);
        if (failing || journal == null) {
            return Futures.immediateFailedFuture(new IllegalStateException("injected or missing: " + sliceId));
        }
        journals.put(sliceId, journal.with(states));
        writes.incrementAndGet();
        return Futures.immediateVoidFuture();
    }

    @Override
    public synchronized ListenableFuture<?> remove(final String sliceId) {
        journals.remove(sliceId);
        return Futures.immediateVoidFuture();
    }

    @Override
    public synchronized ListenableFuture<List<Loaded>> loadAll() {
        final var loaded = new ArrayList<Loaded>();
        journals.forEach((id, journal) -> loaded.add(new Loaded(id, Optional.of(journal), Optional.empty())));
        return Futures.immediateFuture(loaded);
    }
}
