/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The ordered security levels a link offers and a connection requires.
 *
 * <p>The order is the declaration order: {@code NONE < DH_AES < QRA_AES < QKD_AES < HYBRID_QKD_QRA_AES}. A link
 * of level {@code L} may carry a connection whose minimum level {@code M} satisfies {@code L.satisfies(M)}.
 */
public enum SecurityLevel {
    /** No encryption. */
    NONE("none", "no encryption"),
    /** Diffie-Hellman (X25519/ECDH) key agreement, AES-256. */
    DH_AES("dh-aes", "AES-256, Diffie-Hellman key agreement"),
    /** Post-quantum KEM (ML-KEM-768/NTRU), AES-256. */
    QRA_AES("qra-aes", "AES-256, quantum-resistant KEM keys"),
    /** Quantum key distribution, AES-256. */
    QKD_AES("qkd-aes", "AES-256, QKD keys"),
    /** QKD and QRA keys combined by a KDF, AES-256. */
    HYBRID_QKD_QRA_AES("hybrid-qkd-qra-aes", "AES-256, key derived from QKD and QRA keys");

    private final String yangName;
    private final String description;

    SecurityLevel(final String yangName, final String description) {
        this.yangName = yangName;
        this.description = description;
    }

    /**
     * Returns the name used in YANG, JSON and on the console, e.g. {@code qkd-aes}.
     *
     * @return the YANG enum name
     */
    public String yangName() {
        return yangName;
    }

    /**
     * Returns a short human description.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * Returns the position in the order, 0 for the weakest.
     *
     * @return the rank
     */
    public int rank() {
        return ordinal();
    }

    /**
     * Tells whether a link of this level may carry a connection requiring {@code minimum}.
     *
     * @param minimum the required minimum level
     * @return true if this level is at least {@code minimum}
     */
    public boolean satisfies(final SecurityLevel minimum) {
        return compareTo(requireNonNull(minimum)) >= 0;
    }

    /**
     * Parses a YANG name such as {@code qra-aes}.
     *
     * @param name the name, case-insensitive
     * @return the level
     * @throws IllegalArgumentException naming the accepted values if {@code name} is unknown
     */
    public static SecurityLevel parse(final String name) {
        requireNonNull(name, "security level");
        final String lower = name.trim().toLowerCase(Locale.ROOT);
        for (SecurityLevel level : values()) {
            if (level.yangName.equals(lower)) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown security level '" + name + "', expected one of "
            + Arrays.stream(values()).map(SecurityLevel::yangName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return yangName;
    }
}
