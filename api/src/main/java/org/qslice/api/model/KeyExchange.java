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
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the key of an encrypted link is established ({@code qslice-types:key-exchange-method}).
 */
public enum KeyExchange {
    /** No key exchange (unencrypted). */
    NONE("none"),
    /** Diffie-Hellman key agreement (X25519 / ECDH). */
    DH("dh"),
    /** Post-quantum KEM (ML-KEM-768, NTRU). */
    QRA("qra"),
    /** Quantum key distribution. */
    QKD("qkd"),
    /** QKD and QRA keys combined by a KDF. */
    HYBRID_QKD_QRA("hybrid-qkd-qra");

    private final String yangName;

    KeyExchange(final String yangName) {
        this.yangName = yangName;
    }

    /**
     * Returns the name used in YANG, JSON and on the console, e.g. {@code dh}.
     *
     * @return the YANG enum name
     */
    public String yangName() {
        return yangName;
    }

    /**
     * Tells whether keys of this method are drawn from a QKD system's secret key stream ({@code qkd} and
     * {@code hybrid-qkd-qra}), so that an encrypted channel using it draws on the QKD link's secret key rate.
     *
     * @return true for QKD and hybrid QKD/QRA
     */
    public boolean usesQkd() {
        return this == QKD || this == HYBRID_QKD_QRA;
    }

    /**
     * Returns the highest level this method still gives when some methods are deprecated (broken): none for a
     * deprecated method; a hybrid QKD/QRA key stays as strong as the part that is not deprecated (qkd-aes with QRA
     * deprecated, qra-aes with QKD deprecated).
     *
     * @param deprecated the deprecated methods
     * @return the level cap
     */
    public SecurityLevel levelUnder(final Set<KeyExchange> deprecated) {
        if (deprecated.contains(this)) {
            return SecurityLevel.NONE;
        }
        return switch (this) {
            case NONE -> SecurityLevel.NONE;
            case DH -> SecurityLevel.DH_AES;
            case QRA -> SecurityLevel.QRA_AES;
            case QKD -> SecurityLevel.QKD_AES;
            case HYBRID_QKD_QRA -> deprecated.contains(QKD) ? QRA.levelUnder(deprecated)
                : deprecated.contains(QRA) ? SecurityLevel.QKD_AES : SecurityLevel.HYBRID_QKD_QRA_AES;
        };
    }

    /**
     * Returns the method implied by a security level, the YANG default of {@code key-exchange}.
     *
     * @param level the link's security level
     * @return the key-exchange method
     */
    public static KeyExchange defaultFor(final SecurityLevel level) {
        return switch (requireNonNull(level, "security level")) {
            case NONE -> NONE;
            case DH_AES -> DH;
            case QRA_AES -> QRA;
            case QKD_AES -> QKD;
            case HYBRID_QKD_QRA_AES -> HYBRID_QKD_QRA;
        };
    }

    /**
     * Parses a YANG name.
     *
     * @param name the name, case-insensitive
     * @return the value
     * @throws IllegalArgumentException naming the accepted values if {@code name} is unknown
     */
    public static KeyExchange parse(final String name) {
        requireNonNull(name, "key exchange method");
        final String lower = name.trim().toLowerCase(Locale.ROOT);
        for (KeyExchange value : values()) {
            if (value.yangName.equals(lower)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown key exchange method '" + name + "', expected one of "
            + Arrays.stream(values()).map(KeyExchange::yangName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return yangName;
    }
}
