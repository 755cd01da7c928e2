/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.crypto;

import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * Secret key bytes with an explicit end of life. {@link #toString()} never shows the bytes; {@link #destroy()} zeroes
 * them. Not thread-safe: one owner at a time.
 */
public final class KeyMaterial implements Destroyable {
    private final byte[] bytes;
    private boolean destroyed;

    private KeyMaterial(final byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Copies secret bytes; the caller keeps (and should zero) its array.
     *
     * @param source the bytes
     * @return key material holding a copy
     */
    public static KeyMaterial copyOf(final byte[] source) {
        return new KeyMaterial(source.clone());
    }

    /**
     * Returns a copy of the bytes; the caller zeroes it when done.
     *
     * @return the bytes
     * @throws IllegalStateException if destroyed
     */
    public byte[] bytes() {
        if (destroyed) {
            throw new IllegalStateException("key material was destroyed");
        }
        return bytes.clone();
    }

    /**
     * Returns the length in bytes.
     *
     * @return the length
     */
    public int length() {
        return bytes.length;
    }

    @Override
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "KeyMaterial[" + bytes.length + " bytes]";
    }
}
