/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.kms;

import java.util.concurrent.CompletionStage;

/**
 * Points a channel's encryptors at a new key id. Optional OSGi service: the provisioning bundle implements it by
 * writing the key id into each end's encryptor configuration through its NETCONF mount point. When no target is
 * registered the KMS only records the new key id in the datastore.
 *
 * <p>The KMS calls {@link #applyChannelKey(ChannelKeyUpdate)} from its refresh scheduler thread, at most once at a
 * time per channel: implementations must not block; return a stage that completes when the devices have the id.
 * A stage still incomplete at the channel's next deadline makes the KMS skip that rotation and count it missed.
 */
public interface ChannelKeyTarget {
    /**
     * Applies a channel's new key id.
     *
     * @param update the channel and its new key id
     * @return completes when applied; completes exceptionally when it could not be applied (counted and logged;
     *         the KMS tries again at the next rotation with a newer key)
     */
    CompletionStage<Void> applyChannelKey(ChannelKeyUpdate update);
}
