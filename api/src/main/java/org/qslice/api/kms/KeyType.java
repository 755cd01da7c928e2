/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.kms;

import java.util.Arrays;

/**
 * Type of key a pool holds, as {@code qslice-types:key-type}.
 */
public enum KeyType {
    /** Key from quantum key distribution (ETSI GS QKD 014 key manager or the built-in link simulator). */
    QKD("qkd"),
    /** Key from a post-quantum KEM exchange (ML-KEM-768) between the two ends, through HKDF. */
    QRA("qra"),
    /** Key from an X25519 Diffie-Hellman agreement between the two ends, through HKDF. */
    DH("dh"),
    /** Key derived from a QKD key and a QRA key (CatKDF-style HKDF-SHA-384). */
    HYBRID_QKD_QRA("hybrid-qkd-qra");

    private final String yangName;

    KeyType(final String yangName) {
        this.yangName = yangName;
    }

    /**
     * Returns the YANG enum name, e.g. {@code hybrid-qkd-qra}.
     *
     * @return the YANG name
     */
    public String yangName() {
        return yangName;
    }

    /**
     * Looks a key type up by its YANG name.
     *
     * @param name YANG name, e.g. {@code qra}
     * @return the key type
     * @throws IllegalArgumentException if no key type has that name
     */
    public static KeyType ofYangName(final String name) {
        return Arrays.stream(values()).filter(type -> type.yangName.equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown key type '" + name + "', expected one of "
                + Arrays.stream(values()).map(KeyType::yangName).toList()));
    }
}
