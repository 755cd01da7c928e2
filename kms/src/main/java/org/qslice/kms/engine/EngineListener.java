/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import java.time.Instant;
import java.util.List;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.store.KeyPool;
import org.qslice.kms.store.PoolDelta;
import org.qslice.kms.tls.NegotiatedGroups;

/**
 * Receives what the engine does, to mirror it (datastore) and announce it (notifications). Called from the engine's
 * housekeeping thread, one call at a time; implementations must not block.
 */
public interface EngineListener {
    /**
     * The engine changed state.
     *
     * @param info the engine
     */
    void engineChanged(EngineInfo info);

    /**
     * Pools changed or were removed.
     *
     * @param deltas what changed, per pool
     * @param removed pools that no longer exist
     */
    void poolsChanged(List<PoolDelta> deltas, List<PoolId> removed);

    /**
     * Channels changed or were removed.
     *
     * @param changed channels whose state changed
     * @param removed channels no longer rotated
     */
    void channelsChanged(List<ChannelSnapshot> changed, List<String> removed);

    /**
     * A pool fell below its low-water mark or ran empty.
     *
     * @param event the pool and its counts
     * @param at when
     */
    void starvation(KeyPool.Starvation event, Instant at);

    /**
     * A channel's rotation failed; it keeps its key.
     *
     * @param channelId the channel
     * @param keyType its key type
     * @param reason why (never key material)
     * @param at when
     */
    void rotationFailed(String channelId, KeyType keyType, String reason, Instant at);

    /**
     * The ETSI 014 server's TLS handshakes changed: groups negotiated, failures, refusals (reported at start, then
     * when something moved).
     *
     * @param tls the counts
     */
    default void keyDeliveryTlsChanged(final NegotiatedGroups.Snapshot tls) {
        // ignored by default
    }

    /**
     * A listener that ignores everything.
     */
    EngineListener NOOP = new EngineListener() {
        @Override
        public void engineChanged(final EngineInfo info) {
            // ignored
        }

        @Override
        public void poolsChanged(final List<PoolDelta> deltas, final List<PoolId> removed) {
            // ignored
        }

        @Override
        public void channelsChanged(final List<ChannelSnapshot> changed, final List<String> removed) {
            // ignored
        }

        @Override
        public void starvation(final KeyPool.Starvation event, final Instant at) {
            // ignored
        }

        @Override
        public void rotationFailed(final String channelId, final KeyType keyType, final String reason,
                final Instant at) {
            // ignored
        }
    };
}
