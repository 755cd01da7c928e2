/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.etsi;

import static java.util.Objects.requireNonNull;

/**
 * The ETSI GS QKD 014 Status object.
 *
 * @param sourceKmeId source_KME_ID
 * @param targetKmeId target_KME_ID
 * @param masterSaeId master_SAE_ID
 * @param slaveSaeId slave_SAE_ID
 * @param keySize key_size in bits
 * @param storedKeyCount stored_key_count
 * @param maxKeyCount max_key_count
 * @param maxKeyPerRequest max_key_per_request
 * @param maxKeySize max_key_size in bits
 * @param minKeySize min_key_size in bits
 * @param maxSaeIdCount max_SAE_ID_count (additional slave SAEs; 0: not supported)
 */
public record Etsi014Status(String sourceKmeId, String targetKmeId, String masterSaeId, String slaveSaeId,
        int keySize, long storedKeyCount, long maxKeyCount, int maxKeyPerRequest, int maxKeySize, int minKeySize,
        int maxSaeIdCount) {
    /**
     * Checks the components.
     *
     * @param sourceKmeId source KME
     * @param targetKmeId target KME
     * @param masterSaeId master SAE
     * @param slaveSaeId slave SAE
     * @param keySize key size
     * @param storedKeyCount stored keys
     * @param maxKeyCount max keys
     * @param maxKeyPerRequest max per request
     * @param maxKeySize max size
     * @param minKeySize min size
     * @param maxSaeIdCount max SAE ids
     */
    public Etsi014Status {
        requireNonNull(sourceKmeId);
        requireNonNull(targetKmeId);
        requireNonNull(masterSaeId);
        requireNonNull(slaveSaeId);
    }
}
