/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.source;

import static java.util.Objects.requireNonNull;

import org.qslice.api.kms.PoolId;

/**
 * What a key source needs to know about the pool it fills.
 *
 * @param pool the pool
 * @param masterSaeId SAE at the a-end
 * @param slaveSaeId SAE at the z-end
 * @param linkLengthKm fibre length of the channel (QKD link simulator)
 */
public record PoolContext(PoolId pool, String masterSaeId, String slaveSaeId, double linkLengthKm) {
    /**
     * Checks the components.
     *
     * @param pool pool
     * @param masterSaeId master SAE
     * @param slaveSaeId slave SAE
     * @param linkLengthKm link length
     */
    public PoolContext {
        requireNonNull(pool);
        requireNonNull(masterSaeId);
        requireNonNull(slaveSaeId);
    }
}
