/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where provisioning journals persist: the configuration datastore in the controller (replicated by a cluster,
 * kept across restarts), a map in tests. Every write is durable when its future completes.
 */
public interface JournalStore {
    /**
     * A stored journal, or why it could not be read.
     *
     * @param sliceId the slice
     * @param journal the journal, empty if it does not decode
     * @param error why it does not decode
     */
    record Loaded(String sliceId, Optional<Journal> journal, Optional<String> error) {
        /**
         * Checks for nulls.
         */
        public Loaded {
            requireNonNull(sliceId);
            requireNonNull(journal);
            requireNonNull(error);
        }
    }

    /**
     * Writes a slice's whole journal, replacing the previous one.
     *
     * @param journal the journal
     * @return completion of the durable write
     */
    ListenableFuture<?> save(Journal journal);

    /**
     * Writes new states of some steps of a stored journal.
     *
     * @param sliceId the slice
     * @param states new states by step index
     * @return completion of the durable write
     */
    ListenableFuture<?> mark(String sliceId, Map<Integer, Journal.StepState> states);

    /**
     * Removes a slice's journal.
     *
     * @param sliceId the slice
     * @return completion of the durable write
     */
    ListenableFuture<?> remove(String sliceId);

    /**
     * Reads every stored journal.
     *
     * @return the journals
     */
    ListenableFuture<List<Loaded>> loadAll();
}
