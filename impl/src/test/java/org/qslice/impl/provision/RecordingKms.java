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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A KMS port that records the channels it rotates.
 */
final class RecordingKms implements KeyRefreshPort {
    final Set<String> rotating = new TreeSet<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public Optional<String> unavailable() {
        return Optional.empty();
    }

    @Override
    public synchronized ListenableFuture<?> start(final List<ChannelRefresh> channels) {
        for (ChannelRefresh channel : channels) {
            calls.add("start " + channel.channelId() + " " + channel.keyType().yangName());
            rotating.add(channel.channelId());
        }
        return Futures.immediateVoidFuture();
    }

    @Override
    public synchronized ListenableFuture<?> stop(final List<String> channelIds) {
        for (String channelId : channelIds) {
            calls.add("stop " + channelId);
            rotating.remove(channelId);
        }
        return Futures.immediateVoidFuture();
    }
}
