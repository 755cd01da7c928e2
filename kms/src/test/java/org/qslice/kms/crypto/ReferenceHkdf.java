/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 5869 written out by hand on the JDK's HMAC, independent of the Bouncy Castle HKDF the KMS uses.
 */
public final class ReferenceHkdf {
    private ReferenceHkdf() {
        // utility class
    }

    /**
     * HKDF.
     *
     * @param mac JDK MAC name, e.g. HmacSHA384
     * @param salt salt (empty: HashLen zeros)
     * @param ikm input keying material
     * @param info info
     * @param length output length
     * @return OKM
     */
    public static byte[] hkdf(final String mac, final byte[] salt, final byte[] ikm, final byte[] info,
            final int length) {
        try {
            final Mac hmac = Mac.getInstance(mac);
            final int hashLen = hmac.getMacLength();
            hmac.init(new SecretKeySpec(salt.length == 0 ? new byte[hashLen] : salt, mac));
            final byte[] prk = hmac.doFinal(ikm);
            hmac.init(new SecretKeySpec(prk, mac));
            final var okm = new ByteArrayOutputStream();
            byte[] previous = new byte[0];
            for (int i = 1; okm.size() < length; i++) {
                hmac.update(previous);
                hmac.update(info);
                hmac.update((byte) i);
                previous = hmac.doFinal();
                okm.writeBytes(previous);
            }
            final byte[] out = new byte[length];
            System.arraycopy(okm.toByteArray(), 0, out, 0, length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The length-prefixed context, written out by hand.
     *
     * @param label label
     * @param fields fields
     * @return bytes
     */
    public static byte[] context(final String label, final String... fields) {
        final var out = new ByteArrayOutputStream();
        out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        for (String field : fields) {
            final byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            out.write(bytes.length >> 8);
            out.write(bytes.length & 0xff);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
