/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.kms;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The key management service, as an OSGi service. Every method is asynchronous and never blocks the caller; failed
 * stages carry a {@link KmsException}. Configuration goes to the MD-SAL configuration datastore (it survives
 * restarts and reaches the KMS engine wherever it runs in a cluster); statistics come from the operational datastore.
 * Key material never passes through this interface: encryptors fetch keys over ETSI GS QKD 014.
 */
public interface KeyManagementService {
    /**
     * Creates a pool, or reconfigures it when it exists. The engine fills it in the background.
     *
     * @param spec the pool
     * @return completes with {@code true} when the pool was created, {@code false} when it was reconfigured
     */
    CompletionStage<Boolean> createPool(PoolSpec spec);

    /**
     * Removes a pool; its keys are erased.
     *
     * @param id the pool
     * @return completes when removed; fails with {@link KmsException.Reason#NOT_FOUND} when there is no such pool and
     *         {@link KmsException.Reason#IN_USE} while a channel draws from it
     */
    CompletionStage<Void> removePool(PoolId id);

    /**
     * Returns every pool with its statistics, sorted by id.
     *
     * @return the pools
     */
    CompletionStage<List<PoolStatus>> pools();

    /**
     * Returns the engine, pools and channels.
     *
     * @return the status
     */
    CompletionStage<KmsStatus> status();

    /**
     * Starts rotating a channel's key at its interval; this is how an activated slice's encrypted link registers.
     * Creates the pool {@code (channelId, keyType)} when it does not exist (then both SAE ids are required). The
     * registration is configuration: it survives restarts until {@link #stopChannelRefresh(String)}.
     *
     * @param spec the channel
     * @return completes when the registration is stored
     */
    CompletionStage<Void> startChannelRefresh(ChannelSpec spec);

    /**
     * Stops rotating a channel's key (when its slice is deactivated). The pool stays.
     *
     * @param channelId the channel
     * @return completes when stored; fails with {@link KmsException.Reason#NOT_FOUND} for an unknown channel
     */
    CompletionStage<Void> stopChannelRefresh(String channelId);

    /**
     * Starts rotating the keys of several channels, as {@link #startChannelRefresh(ChannelSpec)} does for one, in one
     * step: all are registered, or (on failure) none. An activated slice registers its encrypted links this way.
     *
     * @param specs the channels
     * @return completes when the registrations are stored
     */
    CompletionStage<Void> startChannelRefreshes(List<ChannelSpec> specs);

    /**
     * Stops rotating the keys of several channels in one step. Channels the KMS does not rotate count as stopped.
     *
     * @param channelIds the channels
     * @return completes when stored
     */
    CompletionStage<Void> stopChannelRefreshes(List<String> channelIds);
}
