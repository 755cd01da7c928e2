/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.crypto.CatKdf;
import org.qslice.kms.crypto.KeyMaterial;
import org.qslice.kms.crypto.ReferenceHkdf;

class KeySourcesTest {
    private static final PoolContext POOL = new PoolContext(new PoolId("a/z#1", KeyType.DH), "enc-a", "enc-z", 50);

    private final SecureRandom random = new SecureRandom();

    private static void assertFreshKeys(final List<GeneratedKey> keys, final int count) {
        assertEquals(count, keys.size());
        final var ids = new HashSet<UUID>();
        final var materials = new HashSet<String>();
        for (GeneratedKey key : keys) {
            assertEquals(KeySource.KEY_BYTES, key.material().length());
            ids.add(key.id());
            materials.add(HexFormat.of().formatHex(key.material().bytes()));
            assertTrue(key.toString().contains("KeyMaterial[32 bytes]"), key.toString());
        }
        assertEquals(count, ids.size());
        assertEquals(count, materials.size());
    }

    @Test
    void dhProducesDistinctAes256Keys() throws KeySourceException {
        assertFreshKeys(new DhKeySource(random).generate(POOL, 20), 20);
    }

    @Test
    void dhKdfStepMatchesReference() {
        final byte[] shared = new byte[32];
        random.nextBytes(shared);
        final byte[] pubA = {1, 2, 3};
        final byte[] pubZ = {4, 5};
        final UUID id = UUID.randomUUID();
        assertArrayEquals(ReferenceHkdf.hkdf("HmacSHA256", new byte[] {1, 2, 3, 4, 5}, shared,
            ReferenceHkdf.context(DhKeySource.LABEL, id.toString(), "enc-a", "enc-z"), 32),
            DhKeySource.derive(shared, pubA, pubZ, id, "enc-a", "enc-z"));
    }

    @Test
    void qraRunsMlKem768BetweenTheEnds() throws KeySourceException {
        assertFreshKeys(new QraKeySource(random).generate(POOL, 10), 10);
    }

    @Test
    void qraKdfStepMatchesReference() {
        final byte[] shared = new byte[32];
        random.nextBytes(shared);
        final UUID id = UUID.randomUUID();
        assertArrayEquals(ReferenceHkdf.hkdf("HmacSHA256", new byte[0], shared,
            ReferenceHkdf.context(QraKeySource.LABEL, id.toString(), "enc-a", "enc-z"), 32),
            QraKeySource.derive(shared, id, "enc-a", "enc-z"));
    }

    private static KeySource fixed(final KeyType type, final byte fill) {
        return new KeySource() {
            @Override
            public KeyType type() {
                return type;
            }

            @Override
            public List<GeneratedKey> generate(final PoolContext pool, final int max) {
                final byte[] bytes = new byte[32];
                java.util.Arrays.fill(bytes, fill);
                return List.of(new GeneratedKey(new UUID(fill, fill), KeyMaterial.copyOf(bytes)));
            }
        };
    }

    @Test
    void hybridCombinesBothConstituentsWithCatKdf() throws KeySourceException {
        final List<GeneratedKey> keys = new HybridKeySource(fixed(KeyType.QKD, (byte) 1), fixed(KeyType.QRA,
            (byte) 2)).generate(POOL, 1);
        assertEquals(1, keys.size());
        final byte[] ikm = new byte[64];
        java.util.Arrays.fill(ikm, 0, 32, (byte) 1);
        java.util.Arrays.fill(ikm, 32, 64, (byte) 2);
        final byte[] expected = ReferenceHkdf.hkdf("HmacSHA384", new byte[0], ikm, ReferenceHkdf.context(
            CatKdf.LABEL, new UUID(1, 1).toString(), new UUID(2, 2).toString(), "enc-a", "enc-z"), 32);
        assertArrayEquals(expected, keys.get(0).material().bytes());
    }

    @Test
    void hybridYieldsNothingWithoutQkdKeys() throws KeySourceException {
        final KeySource none = new KeySource() {
            @Override
            public KeyType type() {
                return KeyType.QKD;
            }

            @Override
            public List<GeneratedKey> generate(final PoolContext pool, final int max) {
                return List.of();
            }
        };
        assertEquals(List.of(), new HybridKeySource(none, new QraKeySource(random)).generate(POOL, 4));
    }

    @Test
    void destroyedMaterialCannotBeRead() {
        final KeyMaterial material = KeyMaterial.copyOf(new byte[32]);
        material.destroy();
        assertThrows(IllegalStateException.class, material::bytes);
    }
}
