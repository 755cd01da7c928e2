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
import java.util.concurrent.CopyOnWriteArrayList;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.store.KeyPool;
import org.qslice.kms.store.PoolDelta;

/**
 * Records what the engine reports.
 */
final class RecordingListener implements EngineListener {
    final List<KeyPool.Starvation> starvations = new CopyOnWriteArrayList<>();
    final List<String> rotationFailures = new CopyOnWriteArrayList<>();
    final List<EngineInfo> infos = new CopyOnWriteArrayList<>();

    @Override
    public void engineChanged(final EngineInfo info) {
        infos.add(info);
    }

    @Override
    public void poolsChanged(final List<PoolDelta> deltas, final List<PoolId> removed) {
        // not needed
    }

    @Override
    public void channelsChanged(final List<ChannelSnapshot> changed, final List<String> removed) {
        // not needed
    }

    @Override
    public void starvation(final KeyPool.Starvation event, final Instant at) {
        starvations.add(event);
    }

    @Override
    public void rotationFailed(final String channelId, final KeyType keyType, final String reason,
            final Instant at) {
        rotationFailures.add(channelId + ": " + reason);
    }
}
