/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce per message and caller-supplied associated data. A sealed message is
 * {@code nonce (12) || ciphertext || tag (16)}. Thread-safe.
 */
public final class Sealer {
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    /**
     * A sealer under a 32-byte key.
     *
     * @param key the AES-256 key (copied; the caller zeroes its array)
     * @param random nonce source
     */
    public Sealer(final byte[] key, final SecureRandom random) {
        if (key.length != 32) {
            throw new IllegalArgumentException("AES-256 needs a 32-byte key");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
    }

    /**
     * Encrypts and authenticates.
     *
     * @param plaintext the secret
     * @param aad associated data bound to the message (e.g. the key id)
     * @return the sealed message
     */
    public byte[] seal(final byte[] plaintext, final byte[] aad) {
        final byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            final byte[] out = new byte[NONCE + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            cipher.doFinal(plaintext, 0, plaintext.length, out, NONCE);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Authenticates and decrypts.
     *
     * @param sealed a message from {@link #seal(byte[], byte[])}
     * @param aad the same associated data
     * @return the secret; the caller zeroes it when done
     * @throws GeneralSecurityException if the message was altered, the associated data differs or the key is wrong
     */
    public byte[] open(final byte[] sealed, final byte[] aad) throws GeneralSecurityException {
        if (sealed.length < NONCE + TAG_BITS / 8) {
            throw new GeneralSecurityException("sealed message too short");
        }
        final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOf(sealed, NONCE)));
        cipher.updateAAD(aad);
        return cipher.doFinal(sealed, NONCE, sealed.length - NONCE);
    }
}
