/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.mdsal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;
import org.qslice.api.kms.ChannelSpec;
import org.qslice.api.kms.KmsException;
import org.qslice.api.kms.PoolSpec;

/**
 * Checks requests before they reach the datastore; messages name the field and the reason.
 */
public final class Validation {
    private static final Pattern CHANNEL_ID = Pattern.compile("[A-Za-z0-9._:/#\\-]{1,128}");
    private static final Pattern SAE_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
    private static final int MAX_POOL = 100_000;

    private Validation() {
        // utility class
    }

    /**
     * Checks a channel id.
     *
     * @param channelId the id
     * @throws KmsException {@code INVALID_VALUE}
     */
    public static void channelId(final String channelId) {
        if (!CHANNEL_ID.matcher(channelId).matches()) {
            throw invalid("channel-id '" + channelId + "' must be 1-128 characters of A-Z a-z 0-9 . _ : / # -");
        }
    }

    /**
     * Checks an SAE id.
     *
     * @param field the field name
     * @param saeId the id
     * @throws KmsException {@code INVALID_VALUE}
     */
    public static void saeId(final String field, final @Nullable String saeId) {
        if (saeId == null || !SAE_ID.matcher(saeId).matches()) {
            throw invalid(field + " '" + saeId + "' must be 1-128 characters of A-Z a-z 0-9 . _ : -");
        }
    }

    /**
     * Checks a pool specification.
     *
     * @param spec the pool
     * @throws KmsException {@code INVALID_VALUE}
     */
    public static void pool(final PoolSpec spec) {
        channelId(spec.id().channelId());
        saeId("master-sae-id", spec.masterSaeId());
        saeId("slave-sae-id", spec.slaveSaeId());
        if (spec.masterSaeId().equals(spec.slaveSaeId())) {
            throw invalid("master-sae-id and slave-sae-id must differ (both '" + spec.masterSaeId() + "')");
        }
        final Integer size = spec.poolSize();
        if (size != null && (size < 1 || size > MAX_POOL)) {
            throw invalid("pool-size " + size + " of pool " + spec.id() + " must be 1.." + MAX_POOL);
        }
        final Integer lowWater = spec.lowWater();
        if (lowWater != null && (lowWater < 0 || lowWater > MAX_POOL)) {
            throw invalid("low-water " + lowWater + " of pool " + spec.id() + " must be 0.." + MAX_POOL);
        }
        if (size != null && lowWater != null && lowWater > size) {
            throw invalid("low-water " + lowWater + " exceeds pool-size " + size + " of pool " + spec.id());
        }
        final BigDecimal length = spec.linkLengthKm();
        if (length != null && (length.signum() < 0 || length.compareTo(BigDecimal.valueOf(1000)) > 0)) {
            throw invalid("link-length-km " + length + " of pool " + spec.id() + " must be 0..1000");
        }
    }

    /**
     * Checks a channel specification.
     *
     * @param spec the channel
     * @throws KmsException {@code INVALID_VALUE}
     */
    public static void channel(final ChannelSpec spec) {
        channelId(spec.channelId());
        final Duration interval = spec.refreshInterval();
        if (interval != null && (interval.toMillis() < 100 || interval.toMillis() > 86_400_000)) {
            throw invalid("refresh-interval-ms " + interval.toMillis() + " of channel " + spec.channelId()
                + " must be 100..86400000");
        }
        if (spec.masterSaeId() != null) {
            saeId("master-sae-id", spec.masterSaeId());
        }
        if (spec.slaveSaeId() != null) {
            saeId("slave-sae-id", spec.slaveSaeId());
        }
    }

    private static KmsException invalid(final String message) {
        return new KmsException(KmsException.Reason.INVALID_VALUE, message);
    }
}
