/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.crypto;

import java.util.Arrays;
import java.util.UUID;

/**
 * Hybrid key combiner in the style of ETSI TS 103 744's CatKDF: HKDF-SHA-384 over the concatenation of the QKD key
 * and the QRA key, with a context that binds both key ids and both endpoint ids. The result is secure while either
 * constituent key is.
 *
 * <pre>
 *   IKM  = k_qkd || k_qra
 *   salt = "" (RFC 5869: 48 zero bytes)
 *   info = "qslice hybrid-qkd-qra catkdf v1" || 0x00 || lp(qkd key id) || lp(qra key id)
 *          || lp(master SAE id) || lp(slave SAE id)          (lp = 2-byte big-endian length || UTF-8)
 *   key  = HKDF-SHA-384(salt, IKM, info, 32)
 * </pre>
 */
public final class CatKdf {
    /** Label that starts the context. */
    public static final String LABEL = "qslice hybrid-qkd-qra catkdf v1";
    /** Output length: an AES-256 key. */
    public static final int KEY_LENGTH = 32;

    private CatKdf() {
        // utility class
    }

    /**
     * Combines a QKD key and a QRA key into one AES-256 key.
     *
     * @param qkdKey the QKD key bytes
     * @param qraKey the QRA key bytes
     * @param qkdKeyId the QKD key's id
     * @param qraKeyId the QRA key's id
     * @param masterSaeId SAE at the a-end
     * @param slaveSaeId SAE at the z-end
     * @return the 32-byte hybrid key; the caller zeroes it when done
     */
    public static byte[] derive(final byte[] qkdKey, final byte[] qraKey, final UUID qkdKeyId, final UUID qraKeyId,
            final String masterSaeId, final String slaveSaeId) {
        final byte[] ikm = new byte[qkdKey.length + qraKey.length];
        System.arraycopy(qkdKey, 0, ikm, 0, qkdKey.length);
        System.arraycopy(qraKey, 0, ikm, qkdKey.length, qraKey.length);
        try {
            return Hkdf.derive(Hkdf.Hash.SHA384, new byte[0], ikm,
                Context.of(LABEL, qkdKeyId.toString(), qraKeyId.toString(), masterSaeId, slaveSaeId), KEY_LENGTH);
        } finally {
            Arrays.fill(ikm, (byte) 0);
        }
    }
}
