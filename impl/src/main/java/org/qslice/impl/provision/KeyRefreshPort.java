/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.List;
import java.util.Optional;

/**
 * The key management service as provisioning uses it: start and stop the key rotation of an encrypted channel.
 */
public interface KeyRefreshPort {
    /**
     * Tells whether the KMS can be used now.
     *
     * @return why not, empty if it can
     */
    Optional<String> unavailable();

    /**
     * Starts rotating the keys of channels (idempotent), all in one step: all are registered or none.
     *
     * @param channels the channels
     * @return completes when registered
     */
    ListenableFuture<?> start(List<ChannelRefresh> channels);

    /**
     * Stops rotating the keys of channels, in one step; a channel the KMS does not know counts as stopped.
     *
     * @param channelIds the channels
     * @return completes when unregistered
     */
    ListenableFuture<?> stop(List<String> channelIds);

    /**
     * A KMS that is not installed: every use fails with the reason.
     *
     * @param reason why there is no KMS
     * @return the port
     */
    static KeyRefreshPort absent(final String reason) {
        return new KeyRefreshPort() {
            @Override
            public Optional<String> unavailable() {
                return Optional.of(reason);
            }

            @Override
            public ListenableFuture<?> start(final List<ChannelRefresh> channels) {
                return Futures.immediateFailedFuture(
                    new IllegalStateException(reason));
            }

            @Override
            public ListenableFuture<?> stop(final List<String> channelIds) {
                return Futures.immediateFailedFuture(
                    new IllegalStateException(reason));
            }
        };
    }
}
