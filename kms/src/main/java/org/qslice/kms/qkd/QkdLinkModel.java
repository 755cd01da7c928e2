/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.qkd;

/**
 * Secret key rate of a QKD link over fibre: {@code R = R0 * 10^(-alpha * L / 10)}, the channel transmittance
 * {@code 10^(-alpha L / 10)} scaling the rate at zero distance.
 *
 * @param r0BitsPerSecond secret key rate at zero distance, bit/s
 * @param alphaDbPerKm fibre attenuation, dB/km (0.2 for standard single-mode fibre at 1550 nm)
 */
public record QkdLinkModel(double r0BitsPerSecond, double alphaDbPerKm) {
    /** Default rate at zero distance: 1 Mbit/s. */
    public static final double DEFAULT_R0 = 1_000_000;
    /** Default attenuation: 0.2 dB/km. */
    public static final double DEFAULT_ALPHA = 0.2;

    /**
     * Checks the parameters.
     *
     * @param r0BitsPerSecond rate at zero distance
     * @param alphaDbPerKm attenuation
     */
    public QkdLinkModel {
        if (!(r0BitsPerSecond > 0) || !(alphaDbPerKm >= 0)) {
            throw new IllegalArgumentException("R0 must be positive and alpha not negative");
        }
    }

    /**
     * Returns the secret key rate of a link.
     *
     * @param lengthKm fibre length in km
     * @return bit/s
     */
    public double rateBitsPerSecond(final double lengthKm) {
        return r0BitsPerSecond * Math.pow(10, -alphaDbPerKm * lengthKm / 10);
    }
}
