/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.crypto;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * HKDF (RFC 5869) extract-and-expand, by Bouncy Castle's {@link HKDFBytesGenerator}.
 */
public final class Hkdf {
    /**
     * The hash function HKDF runs on.
     */
    public enum Hash {
        /** HMAC-SHA-256. */
        SHA256,
        /** HMAC-SHA-384. */
        SHA384;

        Digest newDigest() {
            return switch (this) {
                case SHA256 -> new SHA256Digest();
                case SHA384 -> new SHA384Digest();
            };
        }
    }

    private Hkdf() {
        // utility class
    }

    /**
     * Derives {@code length} bytes.
     *
     * @param hash hash function
     * @param salt salt, or an empty array for RFC 5869's default (HashLen zero bytes)
     * @param ikm input keying material
     * @param info context and application specific information
     * @param length output length in bytes (at most 255 * HashLen)
     * @return the output keying material
     */
    public static byte[] derive(final Hash hash, final byte[] salt, final byte[] ikm, final byte[] info,
            final int length) {
        final var generator = new HKDFBytesGenerator(hash.newDigest());
        generator.init(new HKDFParameters(ikm, salt.length == 0 ? null : salt, info));
        final byte[] out = new byte[length];
        generator.generateBytes(out, 0, length);
        return out;
    }
}
