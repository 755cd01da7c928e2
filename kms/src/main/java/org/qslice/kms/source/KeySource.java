/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.source;

import java.util.List;
import org.qslice.api.kms.KeyType;

/**
 * Produces AES-256 keys of one type for a pool. Implementations are thread-safe and may block (they run on the
 * KMS's refill thread, never on an RPC or network thread).
 */
public interface KeySource {
    /** Key length in bytes (AES-256). */
    int KEY_BYTES = 32;

    /**
     * Returns the type of keys produced.
     *
     * @return the key type
     */
    KeyType type();

    /**
     * Produces up to {@code max} keys. May produce fewer (e.g. a QKD link has not distilled more yet), even none.
     *
     * @param pool the pool the keys are for
     * @param max at most this many keys
     * @return fresh keys; the caller owns (and destroys) their material
     * @throws KeySourceException if the source failed
     */
    List<GeneratedKey> generate(PoolContext pool, int max) throws KeySourceException;
}
