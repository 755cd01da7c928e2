/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.etsi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.eclipse.jdt.annotation.Nullable;
import org.qslice.kms.crypto.KeyMaterial;

/**
 * Reads an ETSI 014 Key container ({@code {"keys":[{"key_ID":"...","key":"..."},...], ...}}) from its UTF-8 bytes
 * without ever making a {@code String} of a key: the Base64 of each key is decoded straight from the body, and every
 * intermediate array is zeroed. Other members and extensions are skipped. Not a general JSON parser: it accepts
 * valid JSON and refuses what it cannot read with an {@link IOException}.
 */
final class KeyContainerReader {
    private final byte[] body;
    private int at;

    private KeyContainerReader(final byte[] body) {
        this.body = body;
    }

    /**
     * Reads the keys of a Key container.
     *
     * @param body the response body (the caller zeroes it)
     * @return the keys; the caller destroys their material
     * @throws IOException if the body is not a Key container
     */
    static List<DeliveredKey> read(final byte[] body) throws IOException {
        final var keys = new ArrayList<DeliveredKey>();
        try {
            new KeyContainerReader(body).container(keys);
            return keys;
        } catch (IllegalArgumentException e) {
            // a key_ID that is not a UUID
            keys.forEach(key -> key.material().destroy());
            throw new IOException("malformed Key container", e);
        } catch (IOException e) {
            keys.forEach(key -> key.material().destroy());
            throw e;
        }
    }

    private void container(final List<DeliveredKey> keys) throws IOException {
        expect('{');
        boolean found = false;
        if (!peek('}')) {
            do {
                final String name = name();
                if ("keys".equals(name)) {
                    found = true;
                    expect('[');
                    if (!peek(']')) {
                        do {
                            keys.add(key());
                        } while (comma());
                    }
                    expect(']');
                } else {
                    skipValue();
                }
            } while (comma());
        }
        expect('}');
        space();
        if (at != body.length || !found) {
            throw new IOException(found ? "trailing bytes after the Key container" : "KME answer has no keys array");
        }
    }

    private DeliveredKey key() throws IOException {
        expect('{');
        UUID id = null;
        byte @Nullable [] material = null;
        try {
            if (!peek('}')) {
                do {
                    final String name = name();
                    if ("key_ID".equals(name)) {
                        id = UUID.fromString(string());
                    } else if ("key".equals(name)) {
                        material = base64();
                    } else {
                        skipValue();
                    }
                } while (comma());
            }
            expect('}');
            if (id == null || material == null) {
                throw new IOException("a key of the Key container lacks " + (id == null ? "key_ID" : "key"));
            }
            return new DeliveredKey(id, KeyMaterial.copyOf(material));
        } finally {
            if (material != null) {
                Arrays.fill(material, (byte) 0);
            }
        }
    }

    /** The Base64 string value at the cursor, decoded from the body's bytes. */
    private byte[] base64() throws IOException {
        space();
        expect('"');
        final int start = at;
        while (at < body.length && body[at] != '"') {
            if (body[at] == '\\') {
                throw new IOException("escaped characters in a key");
            }
            at++;
        }
        if (at >= body.length) {
            throw new IOException("unterminated key");
        }
        final ByteBuffer decoded;
        try {
            decoded = Base64.getDecoder().decode(ByteBuffer.wrap(body, start, at - start));
        } catch (IllegalArgumentException e) {
            throw new IOException("a key is not Base64", e);
        }
        at++;
        final byte[] bytes = new byte[decoded.remaining()];
        decoded.get(bytes);
        Arrays.fill(decoded.array(), (byte) 0);
        return bytes;
    }

    private String name() throws IOException {
        final String name = string();
        expect(':');
        return name;
    }

    /** A string that is not secret (names, key ids). */
    private String string() throws IOException {
        space();
        expect('"');
        final int start = at;
        boolean escaped = false;
        while (at < body.length && body[at] != '"') {
            if (body[at] == '\\') {
                escaped = true;
                at++;
            }
            at++;
        }
        if (at >= body.length) {
            throw new IOException("unterminated string");
        }
        final String text = new String(body, start, at - start, StandardCharsets.UTF_8);
        at++;
        return escaped ? text.replace("\\/", "/").replace("\\\"", "\"").replace("\\\\", "\\") : text;
    }

    private void skipValue() throws IOException {
        space();
        if (at >= body.length) {
            throw new IOException("value expected");
        }
        switch (body[at]) {
            case '"' -> string();
            case '{' -> {
                at++;
                if (!peek('}')) {
                    do {
                        name();
                        skipValue();
                    } while (comma());
                }
                expect('}');
            }
            case '[' -> {
                at++;
                if (!peek(']')) {
                    do {
                        skipValue();
                    } while (comma());
                }
                expect(']');
            }
            default -> {
                final int start = at;
                while (at < body.length && ",}] \t\r\n".indexOf(body[at]) < 0) {
                    at++;
                }
                if (at == start) {
                    throw new IOException("value expected");
                }
            }
        }
    }

    private boolean comma() {
        space();
        if (at < body.length && body[at] == ',') {
            at++;
            return true;
        }
        return false;
    }

    private boolean peek(final char expected) {
        space();
        return at < body.length && body[at] == expected;
    }

    private void expect(final char expected) throws IOException {
        space();
        if (at >= body.length || body[at] != expected) {
            throw new IOException("'" + expected + "' expected at byte " + at + " of the Key container");
        }
        at++;
    }

    private void space() {
        while (at < body.length && (body[at] == ' ' || body[at] == '\t' || body[at] == '\r' || body[at] == '\n')) {
            at++;
        }
    }
}
