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

/**
 * Builds unambiguous KDF context strings: a label, then each field as a two-byte big-endian length and its UTF-8
 * bytes.
 */
public final class Context {
    private Context() {
        // utility class
    }

    /**
     * Encodes a label and fields.
     *
     * @param label ASCII label, e.g. {@code qslice dh x25519 v1}
     * @param fields fields, each at most 65535 UTF-8 bytes
     * @return {@code label || 0x00 || len(f1) || f1 || ...}
     */
    public static byte[] of(final String label, final String... fields) {
        final var out = new ByteArrayOutputStream();
        out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        for (String field : fields) {
            final byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 0xFFFF) {
                throw new IllegalArgumentException("context field longer than 65535 bytes");
            }
            out.write(bytes.length >>> 8);
            out.write(bytes.length & 0xFF);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
