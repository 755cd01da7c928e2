/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.pce;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

/**
 * How much QKD key an encrypted channel draws and how much of a QKD system's secret key rate admission may commit.
 *
 * <p>Demand is per channel, not per connection: a channel (link) whose key exchange uses QKD and that carries at least
 * one connection of any slice draws {@code keyBits / keyRefresh} bit/s from its key source (256 bits every 3 s:
 * 85.3 bit/s); the connections sharing the channel share its one key stream. A source admits {@code n} channels while
 * {@code n * channelDemand <= rate * (1 - headroom)}; a source without a rate admits any number. This class holds
 * the only copy of that rule ({@link #admits}) and of its refusal message ({@link #refusal}).
 *
 * @param keyBits bits of one channel key, positive
 * @param keyRefresh how often a channel gets a new key, positive
 * @param headroom the fraction of a rate admission keeps free, in {@code [0, 1)}
 */
public record KeyBudget(int keyBits, Duration keyRefresh, double headroom) {
    /** Bits of one channel key (AES-256). */
    public static final int DEFAULT_KEY_BITS = 256;
    /** Default key refresh interval of encrypted channels, the orchestrator's {@code key-refresh-ms}. */
    public static final long DEFAULT_KEY_REFRESH_MS = 3_000;
    /** Default fraction of a secret key rate kept free, the orchestrator's {@code key-headroom}. */
    public static final double DEFAULT_HEADROOM = 0.1;
    /** The defaults. */
    public static final KeyBudget DEFAULT = new KeyBudget(DEFAULT_KEY_BITS, Duration.ofMillis(DEFAULT_KEY_REFRESH_MS),
        DEFAULT_HEADROOM);

    /**
     * Checks the arguments.
     */
    public KeyBudget {
        if (keyBits <= 0) {
            throw new IllegalArgumentException("key bits must be positive, got " + keyBits);
        }
        if (keyRefresh.isNegative() || keyRefresh.isZero()) {
            throw new IllegalArgumentException("key refresh must be positive, got " + keyRefresh);
        }
        if (!(headroom >= 0 && headroom < 1)) {
            throw new IllegalArgumentException("key headroom must be in [0, 1), got " + headroom);
        }
    }

    /**
     * Returns the budget of an orchestrator configuration.
     *
     * @param keyRefresh the key refresh interval of encrypted channels
     * @param headroom the fraction of a rate kept free
     * @return the budget, with 256-bit keys
     */
    public static KeyBudget of(final Duration keyRefresh, final double headroom) {
        return new KeyBudget(DEFAULT_KEY_BITS, keyRefresh, headroom);
    }

    /**
     * Returns what one channel in use draws from its key source.
     *
     * @return bit/s
     */
    public double channelDemandBps() {
        return keyBits * 1000.0 / keyRefresh.toMillis();
    }

    /**
     * Returns the demand of a number of channels.
     *
     * @param channels channels in use
     * @return bit/s
     */
    public double demandBps(final int channels) {
        return channels * channelDemandBps();
    }

    /**
     * Returns what admission may commit on a source.
     *
     * @param rateBps the source's secret key rate, NaN if not limited
     * @return {@code rate * (1 - headroom)}, NaN if not limited
     */
    public double limitBps(final double rateBps) {
        return rateBps * (1 - headroom);
    }

    /**
     * Tells whether a source may carry a number of channels.
     *
     * @param channels the channels in use, the new ones included
     * @param rateBps the source's secret key rate, NaN if not limited
     * @return true if their demand stays within the limit or the source is not limited
     */
    public boolean admits(final int channels, final double rateBps) {
        return Double.isNaN(rateBps) || demandBps(channels) <= limitBps(rateBps);
    }

    /**
     * Describes why a source refuses new channels, e.g. {@code link metro-1/core-1#ch1: QKD key demand 170.7 b/s
     * (committed 85.3 + new 85.3) exceeds 90% of its secret key rate 150.0 b/s}.
     *
     * @param what the link, and the source if it is shared, e.g. {@code link a/b#ch4 (qkd-link a/b)}
     * @param committed channels in use before
     * @param added new channels
     * @param rateBps the source's secret key rate
     * @return the reason
     */
    public String refusal(final String what, final int committed, final int added, final double rateBps) {
        return what + ": QKD key demand " + bps(demandBps(committed + added)) + " b/s (committed "
            + bps(demandBps(committed)) + " + new " + bps(demandBps(added)) + ") exceeds "
            + BigDecimal.valueOf(100 * (1 - headroom)).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString()
            + "% of its secret key rate " + bps(rateBps) + " b/s";
    }

    private static String bps(final double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
