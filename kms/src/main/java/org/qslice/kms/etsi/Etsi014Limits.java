/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.etsi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What keeps one client, or a flood of unauthenticated ones, from starving key delivery for the others.
 *
 * @param maxConnections open connections at most; a connection beyond is closed before any TLS work (0: no cap)
 * @param handshakeTimeout a connection that has not completed its TLS handshake by then is closed
 * @param connectionsPerSecond new connections accepted per second, in bursts of twice that; the others are closed
 *     before any TLS work, so that handshake cryptography cannot take the CPU the established clients need (0: no
 *     limit)
 * @param saeRequestsPerSecond requests per second of one authenticated SAE, in bursts of twice that; beyond it the
 *     request gets 429 with {@code Retry-After} (0: no limit)
 */
public record Etsi014Limits(int maxConnections, Duration handshakeTimeout, double connectionsPerSecond,
        double saeRequestsPerSecond) {
    /** No limit but Netty's default 10 s handshake timeout (the QKD simulator, tests). */
    public static final Etsi014Limits NONE = new Etsi014Limits(0, Duration.ofSeconds(10), 0, 0);

    /**
     * Checks the components.
     *
     * @param maxConnections connection cap
     * @param handshakeTimeout handshake timeout
     * @param connectionsPerSecond connection rate
     * @param saeRequestsPerSecond per-SAE request rate
     */
    public Etsi014Limits {
        requireNonNull(handshakeTimeout);
        if (maxConnections < 0 || connectionsPerSecond < 0 || saeRequestsPerSecond < 0
            || handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("limits must not be negative, the handshake timeout positive");
        }
    }

    /**
     * Copy with another connection cap.
     *
     * @param newMax the cap (0: none)
     * @return the limits
     */
    public Etsi014Limits withMaxConnections(final int newMax) {
        return new Etsi014Limits(newMax, handshakeTimeout, connectionsPerSecond, saeRequestsPerSecond);
    }

    /**
     * Copy with another handshake timeout.
     *
     * @param newTimeout the timeout
     * @return the limits
     */
    public Etsi014Limits withHandshakeTimeout(final Duration newTimeout) {
        return new Etsi014Limits(maxConnections, newTimeout, connectionsPerSecond, saeRequestsPerSecond);
    }

    /**
     * Copy with another connection rate.
     *
     * @param newRate new connections per second (0: none)
     * @return the limits
     */
    public Etsi014Limits withConnectionsPerSecond(final double newRate) {
        return new Etsi014Limits(maxConnections, handshakeTimeout, newRate, saeRequestsPerSecond);
    }

    /**
     * Copy with another per-SAE request rate.
     *
     * @param newRate requests per second (0: none)
     * @return the limits
     */
    public Etsi014Limits withSaeRequestsPerSecond(final double newRate) {
        return new Etsi014Limits(maxConnections, handshakeTimeout, connectionsPerSecond, newRate);
    }
}
