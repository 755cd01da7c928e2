/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.slice;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.qslice.api.kms.ChannelStatus;

/**
 * Finds the encrypted channels whose keys stopped: in service, their rotation counter has not moved for a while, and
 * the KMS counted failed rotations meanwhile (its pool is starved, or every rotation fails). A rotation the KMS skips
 * because the encryptors have not taken the previous key id yet (a slow or frozen device) is no key shortage: the
 * device is the failure, and a disconnected device is detected as such. Only what this watch observed counts, so a
 * controller that just started (with rotation times from before a restart) never sees a stall it did not watch
 * happen.
 *
 * <p>A channel stalls when its counter stood still for {@code max(periods x its refresh interval, floor)}. Not
 * thread-safe: one caller, e.g. the orchestrator's periodic check.
 */
public final class KeySupplyWatch {
    /** How many refresh intervals without a rotation make a stall. */
    public static final int PERIODS = 3;
    /** The shortest stall, whatever the interval. */
    public static final Duration FLOOR = Duration.ofSeconds(10);

    private record Seen(long rotations, long failed, Instant since) {
    }

    private final Map<String, Seen> seen = new HashMap<>();

    /**
     * Takes the channels' status now.
     *
     * @param channels the KMS's channels
     * @param now the time now
     * @return the stalled channels (link ids), each with when its last rotation was seen (or the watch began)
     */
    public Map<String, Instant> update(final List<ChannelStatus> channels, final Instant now) {
        final var stalled = new TreeMap<String, Instant>();
        final var present = new HashMap<String, Seen>();
        for (ChannelStatus channel : channels) {
            final Seen before = seen.get(channel.channelId());
            final Seen next = before == null || before.rotations() != channel.rotations()
                ? new Seen(channel.rotations(), channel.failedRotations(), now) : before;
            present.put(channel.channelId(), next);
            final Duration bound = channel.refreshInterval().multipliedBy(PERIODS);
            final Duration patience = bound.compareTo(FLOOR) < 0 ? FLOOR : bound;
            if (channel.inService() && channel.failedRotations() > next.failed()
                    && Duration.between(next.since(), now).compareTo(patience) >= 0) {
                stalled.put(channel.channelId(), next.since());
            }
        }
        seen.clear();
        seen.putAll(present);
        return stalled;
    }
}
