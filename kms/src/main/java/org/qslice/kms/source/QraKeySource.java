/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.source;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.security.auth.DestroyFailedException;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMExtractor;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMGenerator;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMKeyGenerationParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMKeyPairGenerator;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMPrivateKeyParameters;
import org.qslice.api.kms.KeyType;
import org.qslice.kms.crypto.Context;
import org.qslice.kms.crypto.Hkdf;
import org.qslice.kms.crypto.KeyMaterial;

/**
 * Quantum-resistant keys: for each key the z-end generates a fresh ML-KEM-768 (FIPS 203) key pair, the a-end
 * encapsulates to its public key and the z-end decapsulates (Bouncy Castle's lightweight API); the shared secret
 * goes through HKDF-SHA-256.
 * <pre>
 *   info = "qslice qra ml-kem-768 v1" || 0x00 || lp(key id) || lp(master SAE) || lp(slave SAE)
 *   key  = HKDF-SHA-256("", ML-KEM shared secret, info, 32)
 * </pre>
 */
public final class QraKeySource implements KeySource {
    /** Context label. */
    public static final String LABEL = "qslice qra ml-kem-768 v1";

    private final SecureRandom random;

    /**
     * A QRA source.
     *
     * @param random randomness for key generation and encapsulation
     */
    public QraKeySource(final SecureRandom random) {
        this.random = random;
    }

    @Override
    public KeyType type() {
        return KeyType.QRA;
    }

    @Override
    public List<GeneratedKey> generate(final PoolContext pool, final int max) throws KeySourceException {
        final var keys = new ArrayList<GeneratedKey>(max);
        final var generator = new MLKEMKeyPairGenerator();
        generator.init(new MLKEMKeyGenerationParameters(random, MLKEMParameters.ml_kem_768));
        final var encapsulator = new MLKEMGenerator(random);
        for (int i = 0; i < max; i++) {
            final AsymmetricCipherKeyPair zEnd = generator.generateKeyPair();
            final SecretWithEncapsulation atA = encapsulator.generateEncapsulated(zEnd.getPublic());
            final byte[] secretA = atA.getSecret();
            if (!(zEnd.getPrivate() instanceof MLKEMPrivateKeyParameters privateKey)) {
                throw new KeySourceException("ML-KEM-768 generator returned an unexpected key type");
            }
            final byte[] secretZ = new MLKEMExtractor(privateKey).extractSecret(atA.getEncapsulation());
            try {
                if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(secretA, secretZ)) {
                    keys.forEach(key -> key.material().destroy());
                    throw new KeySourceException("ML-KEM-768 secrets differ between the ends of " + pool.pool());
                }
                final UUID id = UUID.randomUUID();
                final byte[] key = derive(secretA, id, pool.masterSaeId(), pool.slaveSaeId());
                keys.add(new GeneratedKey(id, KeyMaterial.copyOf(key)));
                Arrays.fill(key, (byte) 0);
            } finally {
                Arrays.fill(secretA, (byte) 0);
                Arrays.fill(secretZ, (byte) 0);
                try {
                    atA.destroy();
                } catch (DestroyFailedException e) {
                    // the secret copy above is zeroed; nothing more to do
                }
            }
        }
        return keys;
    }

    /**
     * The KDF step, exposed for test vectors.
     *
     * @param shared ML-KEM shared secret
     * @param id key id
     * @param masterSaeId master SAE
     * @param slaveSaeId slave SAE
     * @return the 32-byte key
     */
    static byte[] derive(final byte[] shared, final UUID id, final String masterSaeId, final String slaveSaeId) {
        return Hkdf.derive(Hkdf.Hash.SHA256, new byte[0], shared,
            Context.of(LABEL, id.toString(), masterSaeId, slaveSaeId), KEY_BYTES);
    }
}
