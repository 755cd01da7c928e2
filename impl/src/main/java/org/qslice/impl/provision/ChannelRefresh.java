/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.qslice.api.kms.KeyType;

/**
 * An encrypted channel to register with the KMS for key rotation.
 *
 * @param channelId the channel (link id)
 * @param keyType the key type the link's key exchange implies
 * @param masterSaeId SAE at the link's a-end: the a-end encryptor's NETCONF node id
 * @param slaveSaeId SAE at the link's b-end: the b-end encryptor's NETCONF node id
 * @param interval rotation interval
 */
public record ChannelRefresh(String channelId, KeyType keyType, String masterSaeId, String slaveSaeId,
        Duration interval) {
    /**
     * Checks for nulls.
     */
    public ChannelRefresh {
        requireNonNull(channelId, "channel id");
        requireNonNull(keyType, "key type");
        requireNonNull(masterSaeId, "master SAE");
        requireNonNull(slaveSaeId, "slave SAE");
        requireNonNull(interval, "interval");
    }
}
