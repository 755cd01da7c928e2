/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.store;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.UUID;

/**
 * What changed in a pool since the last delta: the statistics, and the key entries to write or delete. With
 * {@code full} set the lists hold every entry and the previous mirror must be replaced.
 *
 * @param snapshot current statistics
 * @param full whether this is a complete picture
 * @param managedUpserts managed (available/delivered) keys to write
 * @param managedDeletes managed keys to delete
 * @param retiredUpserts retired keys to write
 * @param retiredDeletes retired keys to delete
 */
public record PoolDelta(PoolSnapshot snapshot, boolean full, List<KeyInfo> managedUpserts,
        List<UUID> managedDeletes, List<KeyInfo> retiredUpserts, List<UUID> retiredDeletes) {
    /**
     * Copies the lists.
     *
     * @param snapshot snapshot
     * @param full full
     * @param managedUpserts managed upserts
     * @param managedDeletes managed deletes
     * @param retiredUpserts retired upserts
     * @param retiredDeletes retired deletes
     */
    public PoolDelta {
        requireNonNull(snapshot);
        managedUpserts = List.copyOf(managedUpserts);
        managedDeletes = List.copyOf(managedDeletes);
        retiredUpserts = List.copyOf(retiredUpserts);
        retiredDeletes = List.copyOf(retiredDeletes);
    }
}
