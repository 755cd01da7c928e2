/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.qslice.api.kms.PoolId;

/**
 * Desired refresh of a channel (configuration with defaults applied).
 *
 * @param pool the pool the channel draws from (channel id and key type)
 * @param interval rotation interval
 * @param inService whether to rotate
 */
public record ChannelSettings(PoolId pool, Duration interval, boolean inService) {
    /**
     * Checks the components.
     *
     * @param pool pool
     * @param interval interval
     * @param inService in service
     */
    public ChannelSettings {
        requireNonNull(pool);
        requireNonNull(interval);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("refresh interval must be positive");
        }
    }
}
