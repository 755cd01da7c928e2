/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.source;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.qslice.api.kms.KeyType;
import org.qslice.kms.crypto.CatKdf;
import org.qslice.kms.crypto.KeyMaterial;

/**
 * Hybrid QKD+QRA keys: one fresh QKD key and one fresh QRA key per hybrid key, combined by {@link CatKdf}. The
 * hybrid key gets its own id; the constituents are erased.
 */
public final class HybridKeySource implements KeySource {
    private final KeySource qkd;
    private final KeySource qra;

    /**
     * A hybrid source.
     *
     * @param qkd source of the QKD constituent
     * @param qra source of the QRA constituent
     */
    public HybridKeySource(final KeySource qkd, final KeySource qra) {
        this.qkd = requireNonNull(qkd);
        this.qra = requireNonNull(qra);
    }

    @Override
    public KeyType type() {
        return KeyType.HYBRID_QKD_QRA;
    }

    @Override
    public List<GeneratedKey> generate(final PoolContext pool, final int max) throws KeySourceException {
        final List<GeneratedKey> qkdKeys = qkd.generate(pool, max);
        if (qkdKeys.isEmpty()) {
            return List.of();
        }
        final List<GeneratedKey> qraKeys;
        try {
            qraKeys = qra.generate(pool, qkdKeys.size());
        } catch (KeySourceException e) {
            qkdKeys.forEach(key -> key.material().destroy());
            throw e;
        }
        final var keys = new ArrayList<GeneratedKey>(qkdKeys.size());
        final int count = Math.min(qkdKeys.size(), qraKeys.size());
        for (int i = 0; i < count; i++) {
            final GeneratedKey qkdKey = qkdKeys.get(i);
            final GeneratedKey qraKey = qraKeys.get(i);
            final byte[] kQkd = qkdKey.material().bytes();
            final byte[] kQra = qraKey.material().bytes();
            final byte[] hybrid = CatKdf.derive(kQkd, kQra, qkdKey.id(), qraKey.id(), pool.masterSaeId(),
                pool.slaveSaeId());
            keys.add(new GeneratedKey(UUID.randomUUID(), KeyMaterial.copyOf(hybrid)));
            Arrays.fill(kQkd, (byte) 0);
            Arrays.fill(kQra, (byte) 0);
            Arrays.fill(hybrid, (byte) 0);
        }
        qkdKeys.forEach(key -> key.material().destroy());
        qraKeys.forEach(key -> key.material().destroy());
        return keys;
    }
}
