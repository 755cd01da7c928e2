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
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.GCMSIVBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-256-GCM-SIV (RFC 8452, Bouncy Castle) with a random 96-bit nonce per message and caller-supplied associated
 * data. A sealed message is {@code version (1) || nonce (12) || ciphertext || tag (16)}.
 *
 * <p>Why GCM-SIV and not GCM: the sealing keys never change (they are derived from the master key), and one of them
 * seals every key a pool ever holds. Under AES-GCM, random 96-bit nonces cap a key at 2^32 messages (NIST SP 800-38D
 * section 8.3), about 10 days at 5,000 keys/s, and a repeated nonce would give away the authentication key. GCM-SIV
 * derives a fresh encryption and authentication key from each nonce, so the per-key bound is far above anything a
 * KMS reaches (RFC 8452 section 9), and even a nonce collision only reveals whether two sealed (plaintext, associated
 * data) pairs were equal; qslice's associated data always holds a unique key id or file name, so it reveals nothing.
 * Thread-safe.
 */
public final class Sealer {
    /** The first byte of every sealed message: the format (AES-256-GCM-SIV, 12-byte nonce, 16-byte tag). */
    public static final byte VERSION = 2;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final int OVERHEAD = 1 + NONCE + TAG_BITS / 8;

    private final byte[] key;
    private final SecureRandom random;
    private volatile boolean destroyed;

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
        this.key = key.clone();
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
        final GCMSIVBlockCipher cipher = cipher(true, nonce, aad);
        final byte[] out = new byte[1 + NONCE + cipher.getOutputSize(plaintext.length)];
        out[0] = VERSION;
        System.arraycopy(nonce, 0, out, 1, NONCE);
        try {
            final int written = cipher.processBytes(plaintext, 0, plaintext.length, out, 1 + NONCE);
            cipher.doFinal(out, 1 + NONCE + written);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("AES-GCM-SIV encryption failed", e);
        }
        return out;
    }

    /**
     * Authenticates and decrypts.
     *
     * @param sealed a message from {@link #seal(byte[], byte[])}
     * @param aad the same associated data
     * @return the secret; the caller zeroes it when done
     * @throws GeneralSecurityException if the message was altered, the associated data differs, the key is wrong or
     *     the message is of another format
     */
    public byte[] open(final byte[] sealed, final byte[] aad) throws GeneralSecurityException {
        if (sealed.length < OVERHEAD) {
            throw new GeneralSecurityException("sealed message too short");
        }
        if (sealed[0] != VERSION) {
            throw new GeneralSecurityException("sealed message of unknown format " + sealed[0]);
        }
        final GCMSIVBlockCipher cipher = cipher(false, Arrays.copyOfRange(sealed, 1, 1 + NONCE), aad);
        final byte[] out = new byte[cipher.getOutputSize(sealed.length - 1 - NONCE)];
        try {
            final int written = cipher.processBytes(sealed, 1 + NONCE, sealed.length - 1 - NONCE, out, 0);
            cipher.doFinal(out, written);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(out, (byte) 0);
            throw new GeneralSecurityException("sealed message does not authenticate", e);
        }
        return out;
    }

    /**
     * Zeroes the key; the sealer is unusable afterwards.
     */
    public void destroy() {
        destroyed = true;
        Arrays.fill(key, (byte) 0);
    }

    private GCMSIVBlockCipher cipher(final boolean encrypt, final byte[] nonce, final byte[] aad) {
        if (destroyed) {
            throw new IllegalStateException("sealer destroyed");
        }
        final var cipher = new GCMSIVBlockCipher();
        // KeyParameter copies the key; the copy lives only as long as this cipher
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, aad));
        return cipher;
    }
}
