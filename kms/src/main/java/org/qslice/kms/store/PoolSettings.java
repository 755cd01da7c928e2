/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.store;

import static java.util.Objects.requireNonNull;

/**
 * Effective configuration of a pool (defaults applied).
 *
 * @param masterSaeId master SAE
 * @param slaveSaeId slave SAE
 * @param poolSize available keys to keep
 * @param lowWater starvation threshold
 * @param linkLengthKm QKD link length
 * @param maxPending delivered keys awaiting their peer kept at most (oldest discarded beyond)
 * @param historySize consumed/discarded key ids kept
 */
public record PoolSettings(String masterSaeId, String slaveSaeId, int poolSize, int lowWater, double linkLengthKm,
        int maxPending, int historySize) {
    /**
     * Checks the components.
     *
     * @param masterSaeId master
     * @param slaveSaeId slave
     * @param poolSize size
     * @param lowWater low-water
     * @param linkLengthKm link length
     * @param maxPending max pending
     * @param historySize history size
     */
    public PoolSettings {
        requireNonNull(masterSaeId);
        requireNonNull(slaveSaeId);
        if (poolSize < 1 || lowWater < 0 || maxPending < 1 || historySize < 0) {
            throw new IllegalArgumentException("pool size, max pending must be positive, low-water and history"
                + " not negative");
        }
    }
}
