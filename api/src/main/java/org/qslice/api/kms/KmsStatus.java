/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.kms;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;

/**
 * What {@code qslice:kms-status} shows: the engine, every pool and every channel.
 *
 * @param engineState {@code starting}, {@code running}, {@code stopped}, {@code failed}, or {@code unknown} when
 *                    no engine reported (e.g. it runs on another cluster node that has not started yet)
 * @param started when the engine started, if known
 * @param etsi014Url base URL of the ETSI GS QKD 014 key delivery API, if running
 * @param qkdKmeUrl the KME the QKD source pulls from, if running
 * @param cleanStart whether the previous stop was clean
 * @param lastError why the engine failed, if it did
 * @param pools pools, sorted by id
 * @param channels channels, sorted by id
 * @param keyDeliveryTls the key delivery server's TLS key exchange, if the engine reported it
 */
public record KmsStatus(String engineState, @Nullable Instant started, @Nullable String etsi014Url,
        @Nullable String qkdKmeUrl, boolean cleanStart, @Nullable String lastError, List<PoolStatus> pools,
        List<ChannelStatus> channels, @Nullable KeyDeliveryTls keyDeliveryTls) {
    /**
     * Checks and copies the components.
     *
     * @param engineState engine state
     * @param started start time
     * @param etsi014Url key delivery URL
     * @param qkdKmeUrl KME URL
     * @param cleanStart clean start
     * @param lastError last error
     * @param pools pools
     * @param channels channels
     * @param keyDeliveryTls key delivery TLS
     */
    public KmsStatus {
        requireNonNull(engineState);
        pools = List.copyOf(pools);
        channels = List.copyOf(channels);
    }

    /**
     * A status without the key delivery TLS report.
     *
     * @param engineState engine state
     * @param started start time
     * @param etsi014Url key delivery URL
     * @param qkdKmeUrl KME URL
     * @param cleanStart clean start
     * @param lastError last error
     * @param pools pools
     * @param channels channels
     */
    public KmsStatus(final String engineState, final @Nullable Instant started, final @Nullable String etsi014Url,
            final @Nullable String qkdKmeUrl, final boolean cleanStart, final @Nullable String lastError,
            final List<PoolStatus> pools, final List<ChannelStatus> channels) {
        this(engineState, started, etsi014Url, qkdKmeUrl, cleanStart, lastError, pools, channels, null);
    }
}
