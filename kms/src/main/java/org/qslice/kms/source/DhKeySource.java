/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.source;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.crypto.KeyAgreement;
import org.qslice.api.kms.KeyType;
import org.qslice.kms.crypto.Context;
import org.qslice.kms.crypto.Hkdf;
import org.qslice.kms.crypto.KeyMaterial;

/**
 * Diffie-Hellman keys: each key is an X25519 agreement between fresh ephemeral key pairs of the two ends (the JDK's
 * X25519), through HKDF-SHA-256.
 * <pre>
 *   salt = public(a-end) || public(z-end)   (X.509 encodings)
 *   info = "qslice dh x25519 v1" || 0x00 || lp(key id) || lp(master SAE) || lp(slave SAE)
 *   key  = HKDF-SHA-256(salt, X25519 shared secret, info, 32)
 * </pre>
 */
public final class DhKeySource implements KeySource {
    /** Context label. */
    public static final String LABEL = "qslice dh x25519 v1";

    private final SecureRandom random;

    /**
     * A DH source.
     *
     * @param random randomness for the ephemeral key pairs
     */
    public DhKeySource(final SecureRandom random) {
        this.random = random;
    }

    @Override
    public KeyType type() {
        return KeyType.DH;
    }

    @Override
    public List<GeneratedKey> generate(final PoolContext pool, final int max) throws KeySourceException {
        final var keys = new ArrayList<GeneratedKey>(max);
        try {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("X25519");
            generator.initialize(255, random);
            for (int i = 0; i < max; i++) {
                final KeyPair aEnd = generator.generateKeyPair();
                final KeyPair zEnd = generator.generateKeyPair();
                final byte[] atA = agree(aEnd.getPrivate(), zEnd.getPublic());
                final byte[] atZ = agree(zEnd.getPrivate(), aEnd.getPublic());
                try {
                    if (!MessageDigest.isEqual(atA, atZ)) {
                        throw new KeySourceException("X25519 agreement differs between the ends of " + pool.pool());
                    }
                    final UUID id = UUID.randomUUID();
                    final byte[] key = derive(atA, aEnd.getPublic().getEncoded(), zEnd.getPublic().getEncoded(), id,
                        pool.masterSaeId(), pool.slaveSaeId());
                    keys.add(new GeneratedKey(id, KeyMaterial.copyOf(key)));
                    Arrays.fill(key, (byte) 0);
                } finally {
                    Arrays.fill(atA, (byte) 0);
                    Arrays.fill(atZ, (byte) 0);
                }
            }
            return keys;
        } catch (GeneralSecurityException e) {
            keys.forEach(key -> key.material().destroy());
            throw new KeySourceException("X25519 key agreement failed for " + pool.pool(), e);
        }
    }

    /**
     * The KDF step, exposed for test vectors.
     *
     * @param shared X25519 shared secret
     * @param publicA encoded public key of the a-end
     * @param publicZ encoded public key of the z-end
     * @param id key id
     * @param masterSaeId master SAE
     * @param slaveSaeId slave SAE
     * @return the 32-byte key
     */
    static byte[] derive(final byte[] shared, final byte[] publicA, final byte[] publicZ, final UUID id,
            final String masterSaeId, final String slaveSaeId) {
        final byte[] salt = new byte[publicA.length + publicZ.length];
        System.arraycopy(publicA, 0, salt, 0, publicA.length);
        System.arraycopy(publicZ, 0, salt, publicA.length, publicZ.length);
        return Hkdf.derive(Hkdf.Hash.SHA256, salt, shared, Context.of(LABEL, id.toString(), masterSaeId, slaveSaeId),
            KEY_BYTES);
    }

    private static byte[] agree(final PrivateKey own, final PublicKey peer) throws GeneralSecurityException {
        final KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(own);
        agreement.doPhase(peer, true);
        return agreement.generateSecret();
    }
}
