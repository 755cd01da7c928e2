/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * Conversions between the domain's exact bandwidths in Mb/s ({@code long}) and YANG's {@code decimal64} Gb/s with
 * three fraction digits.
 */
public final class Bandwidth {
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private Bandwidth() {
        // utility class
    }

    /**
     * Converts Gb/s to Mb/s.
     *
     * @param gbps bandwidth in Gb/s, at most three fraction digits
     * @return bandwidth in Mb/s
     * @throws ArithmeticException if {@code gbps} is finer than 1 Mb/s or out of range
     */
    public static long mbps(final BigDecimal gbps) {
        return requireNonNull(gbps, "bandwidth").multiply(THOUSAND).longValueExact();
    }

    /**
     * Converts Mb/s to Gb/s with three fraction digits.
     *
     * @param mbps bandwidth in Mb/s
     * @return bandwidth in Gb/s
     */
    public static BigDecimal gbps(final long mbps) {
        return BigDecimal.valueOf(mbps, 3);
    }

    /**
     * Formats a bandwidth for messages, e.g. {@code 2.500 Gb/s}.
     *
     * @param mbps bandwidth in Mb/s
     * @return the text
     */
    public static String format(final long mbps) {
        return gbps(mbps).toPlainString() + " Gb/s";
    }

    /**
     * Formats a port speed for messages, e.g. {@code 10G} or {@code 2.5G}.
     *
     * @param mbps speed in Mb/s
     * @return the text
     */
    public static String formatPortSpeed(final long mbps) {
        return gbps(mbps).stripTrailingZeros().toPlainString() + "G";
    }
}
