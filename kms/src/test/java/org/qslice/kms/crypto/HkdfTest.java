/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HkdfTest {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * RFC 5869 appendix A, test cases 1-3 (SHA-256).
     */
    @ParameterizedTest
    @CsvSource({
        "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, 000102030405060708090a0b0c, f0f1f2f3f4f5f6f7f8f9, 42,"
            + "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f"
            + "303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f,"
            + "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f"
            + "909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeaf,"
            + "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
            + "e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff, 82,"
            + "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09"
            + "da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87",
        "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, '', '', 42,"
            + "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"
    })
    void rfc5869Vectors(final String ikm, final String salt, final String info, final int length,
            final String okm) {
        final byte[] expected = HEX.parseHex(okm);
        assertArrayEquals(expected, Hkdf.derive(Hkdf.Hash.SHA256, HEX.parseHex(salt), HEX.parseHex(ikm),
            HEX.parseHex(info), length));
        assertArrayEquals(expected, ReferenceHkdf.hkdf("HmacSHA256", HEX.parseHex(salt), HEX.parseHex(ikm),
            HEX.parseHex(info), length));
    }

    @Test
    void sha384MatchesTheHandWrittenReference() {
        final var random = new SecureRandom();
        for (int i = 0; i < 50; i++) {
            final byte[] salt = new byte[random.nextInt(64)];
            final byte[] ikm = new byte[1 + random.nextInt(96)];
            final byte[] info = new byte[random.nextInt(80)];
            random.nextBytes(salt);
            random.nextBytes(ikm);
            random.nextBytes(info);
            final int length = 1 + random.nextInt(200);
            assertArrayEquals(ReferenceHkdf.hkdf("HmacSHA384", salt, ikm, info, length),
                Hkdf.derive(Hkdf.Hash.SHA384, salt, ikm, info, length));
        }
    }

    @Test
    void catKdfVector() {
        final byte[] qkd = new byte[32];
        final byte[] qra = new byte[32];
        for (int i = 0; i < 32; i++) {
            qkd[i] = (byte) i;
            qra[i] = (byte) (32 + i);
        }
        final UUID qkdId = UUID.fromString("11111111-2222-3333-4444-555555555555");
        final UUID qraId = UUID.fromString("66666666-7777-8888-9999-aaaaaaaaaaaa");
        final byte[] key = CatKdf.derive(qkd, qra, qkdId, qraId, "enc-a", "enc-z");
        // computed independently with Python hashlib/hmac implementing RFC 5869 over the documented context
        assertEquals("fe4743fd5edfc4a02bb4d8928068ecccbd1ce5f3d3bf68677ce2dd77ff36d999", HEX.formatHex(key));
        final byte[] ikm = new byte[64];
        System.arraycopy(qkd, 0, ikm, 0, 32);
        System.arraycopy(qra, 0, ikm, 32, 32);
        assertArrayEquals(ReferenceHkdf.hkdf("HmacSHA384", new byte[0], ikm, ReferenceHkdf.context(CatKdf.LABEL,
            qkdId.toString(), qraId.toString(), "enc-a", "enc-z"), 32), key);
    }

    @Test
    void catKdfBindsEveryContextField() {
        final byte[] qkd = new byte[32];
        final byte[] qra = new byte[32];
        final UUID a = UUID.randomUUID();
        final UUID b = UUID.randomUUID();
        final String base = HEX.formatHex(CatKdf.derive(qkd, qra, a, b, "m", "s"));
        assertEquals(false, base.equals(HEX.formatHex(CatKdf.derive(qkd, qra, b, a, "m", "s"))));
        assertEquals(false, base.equals(HEX.formatHex(CatKdf.derive(qkd, qra, a, b, "s", "m"))));
        assertEquals(false, base.equals(HEX.formatHex(CatKdf.derive(qkd, qra, a, b, "m", "t"))));
        qra[0] = 1;
        assertEquals(false, base.equals(HEX.formatHex(CatKdf.derive(qkd, qra, a, b, "m", "s"))));
    }
}
