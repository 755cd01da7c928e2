/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.kms;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import org.eclipse.jdt.annotation.Nullable;

/**
 * What a key pool should be.
 *
 * @param id the pool
 * @param masterSaeId SAE at the a-end of the channel (requests keys, e.g. the a-end encryptor)
 * @param slaveSaeId SAE at the z-end (the only SAE that may fetch a key of the pool by id)
 * @param poolSize available keys to keep, or {@code null} for the KMS default
 * @param lowWater starvation threshold, or {@code null} for the KMS default
 * @param linkLengthKm fibre length for the QKD link simulator, or {@code null} for the KMS default
 */
public record PoolSpec(PoolId id, String masterSaeId, String slaveSaeId, @Nullable Integer poolSize,
        @Nullable Integer lowWater, @Nullable BigDecimal linkLengthKm) {
    /**
     * Checks the mandatory components; value ranges are checked by the service.
     *
     * @param id the pool
     * @param masterSaeId master SAE
     * @param slaveSaeId slave SAE
     * @param poolSize pool size or {@code null}
     * @param lowWater low-water mark or {@code null}
     * @param linkLengthKm link length or {@code null}
     */
    public PoolSpec {
        requireNonNull(id);
        requireNonNull(masterSaeId);
        requireNonNull(slaveSaeId);
    }

    /**
     * A pool with the KMS defaults for size, low-water mark and link length.
     *
     * @param id the pool
     * @param masterSaeId master SAE
     * @param slaveSaeId slave SAE
     * @return the specification
     */
    public static PoolSpec of(final PoolId id, final String masterSaeId, final String slaveSaeId) {
        return new PoolSpec(id, masterSaeId, slaveSaeId, null, null, null);
    }
}
