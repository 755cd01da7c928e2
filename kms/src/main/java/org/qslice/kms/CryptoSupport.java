/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMExtractor;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMGenerator;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMKeyGenerationParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMKeyPairGenerator;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMPrivateKeyParameters;
import org.bouncycastle.util.Arrays;

/**
 * Checks, once at start, that the cryptography the KMS relies on is present in this runtime: Bouncy Castle's
 * ML-KEM-768 (FIPS 203) and the JDK's X25519 and AES-GCM.
 */
public final class CryptoSupport {
    private CryptoSupport() {
        // utility class
    }

    /**
     * Runs one ML-KEM-768 encapsulation/decapsulation round trip and looks up the JDK algorithms.
     *
     * @param random randomness source
     * @return a one-line description of what was verified
     * @throws IllegalStateException if a required algorithm is missing or the KEM round trip disagrees
     */
    public static String selfTest(final SecureRandom random) {
        final var generator = new MLKEMKeyPairGenerator();
        generator.init(new MLKEMKeyGenerationParameters(random, MLKEMParameters.ml_kem_768));
        final AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        final var encapsulated = new MLKEMGenerator(random).generateEncapsulated(pair.getPublic());
        if (!(pair.getPrivate() instanceof MLKEMPrivateKeyParameters privateKey)) {
            throw new IllegalStateException("ML-KEM-768 generator returned " + pair.getPrivate().getClass());
        }
        final byte[] decapsulated = new MLKEMExtractor(privateKey).extractSecret(encapsulated.getEncapsulation());
        final byte[] secret = encapsulated.getSecret();
        final boolean same = Arrays.constantTimeAreEqual(secret, decapsulated);
        Arrays.fill(secret, (byte) 0);
        Arrays.fill(decapsulated, (byte) 0);
        if (!same) {
            throw new IllegalStateException("ML-KEM-768 self-test failed: decapsulated secret differs");
        }
        try {
            java.security.KeyPairGenerator.getInstance("X25519");
            javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        } catch (NoSuchAlgorithmException | javax.crypto.NoSuchPaddingException e) {
            throw new IllegalStateException("JDK lacks X25519 or AES-GCM", e);
        }
        // the provider's own version (the jar's manifest carries no Implementation-Version under OSGi)
        return "ML-KEM-768 (Bouncy Castle " + new org.bouncycastle.jce.provider.BouncyCastleProvider().getVersionStr()
            + "), X25519, AES-256-GCM available";
    }
}
