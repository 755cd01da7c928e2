/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.qslice.api.kms.ChannelKeyTarget;
import org.qslice.api.kms.ChannelKeyUpdate;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.store.KeyPool;
import org.qslice.kms.store.PoolException;
import org.qslice.kms.store.PoolSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotates the channels' keys: owns every channel's state and the refresh scheduler. At each deadline it draws the
 * next key from the channel's pool, makes the draw durable (the journal), advances the channel and points the
 * encryptors at the new key id through the {@link ChannelKeyTarget}. A failed rotation keeps the channel's key; a
 * weaker key is never substituted. Thread: {@code qslice-kms-refresh}.
 */
final class ChannelRotator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelRotator.class);

    private record RotationFailure(String channelId, KeyType keyType, String reason, Instant at) {
    }

    private final Clock clock;
    private final Supplier<Optional<ChannelKeyTarget>> target;
    private final Function<PoolId, @Nullable KeyPool> pools;
    private final KmsBackend.Durability durability;
    private final ScheduledExecutorService refresh;
    private final RefreshScheduler scheduler;
    private final ConcurrentHashMap<String, ChannelState> channels = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ChannelState.Saved> saved = new ConcurrentHashMap<>();
    private final Set<String> removed = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<RotationFailure> failures = new ConcurrentLinkedQueue<>();
    private final AtomicLong version = new AtomicLong();

    ChannelRotator(final Clock clock, final Supplier<Optional<ChannelKeyTarget>> target,
            final Function<PoolId, @Nullable KeyPool> pools, final KmsBackend.Durability durability,
            final Duration rotationTolerance, final List<ChannelState.Saved> restored) {
        this.clock = requireNonNull(clock);
        this.target = requireNonNull(target);
        this.pools = requireNonNull(pools);
        this.durability = requireNonNull(durability);
        restored.forEach(channel -> saved.put(channel.channelId(), channel));
        refresh = Executors.newSingleThreadScheduledExecutor(KmsEngine.daemon("qslice-kms-refresh"));
        scheduler = new RefreshScheduler(TaskScheduler.of(refresh), this::rotate, rotationTolerance);
    }

    /**
     * Makes the rotated channels what the configuration says (a channel restored from the vault takes its saved
     * state when its configuration arrives).
     *
     * @param desired channels and their settings
     */
    synchronized void apply(final Map<String, ChannelSettings> desired) {
        for (Map.Entry<String, ChannelSettings> entry : desired.entrySet()) {
            final String id = entry.getKey();
            final ChannelSettings settings = entry.getValue();
            final var created = new boolean[1];
            final ChannelState state = channels.computeIfAbsent(id, key -> {
                created[0] = true;
                final var fresh = new ChannelState(key, settings);
                final ChannelState.Saved restored = saved.remove(key);
                if (restored != null) {
                    restored.applyTo(fresh);
                }
                return fresh;
            });
            if (created[0]) {
                removed.remove(id);
            } else {
                state.reconfigure(settings);
            }
            if (settings.inService()) {
                scheduler.schedule(id, settings.interval());
            } else {
                scheduler.cancel(id);
            }
        }
        for (String id : List.copyOf(channels.keySet())) {
            if (!desired.containsKey(id)) {
                channels.remove(id);
                scheduler.cancel(id);
                removed.add(id);
            }
        }
        version.incrementAndGet();
    }

    /**
     * Returns every channel's state, sorted by id.
     *
     * @return snapshots
     */
    List<ChannelSnapshot> snapshots() {
        return channels.values().stream().map(ChannelState::snapshot)
            .sorted(Comparator.comparing(ChannelSnapshot::channelId)).toList();
    }

    /**
     * Returns the key ids the channels' ends may still use (current and previous), never expired by the pools.
     *
     * @return the ids
     */
    Set<UUID> keys() {
        final var keep = new HashSet<UUID>();
        channels.values().forEach(channel -> channel.keys(keep));
        return keep;
    }

    /**
     * Reports changed and removed channels and rotation failures to the listener.
     *
     * @param listener the listener
     * @param all every channel, changed or not
     */
    void report(final EngineListener listener, final boolean all) {
        final var changed = new ArrayList<ChannelSnapshot>();
        channels.values().forEach(channel -> channel.takeChange(all).ifPresent(changed::add));
        final List<String> gone = new ArrayList<>(removed);
        removed.removeAll(gone);
        if (!changed.isEmpty() || !gone.isEmpty()) {
            listener.channelsChanged(changed, gone);
            version.incrementAndGet();
        }
        for (RotationFailure failure = failures.poll(); failure != null; failure = failures.poll()) {
            listener.rotationFailed(failure.channelId(), failure.keyType(), failure.reason(), failure.at());
        }
    }

    /**
     * Marks every channel changed, for a full report.
     */
    void markAllChanged() {
        channels.values().forEach(ChannelState::markDirty);
    }

    /**
     * Returns a number that grows whenever the persisted channel state may have changed.
     *
     * @return the version
     */
    long version() {
        return version.get();
    }

    /**
     * Returns the state to persist: configured channels and restored ones not configured (yet).
     *
     * @return the saved states
     */
    List<ChannelState.Saved> saved() {
        final var states = new ArrayList<ChannelState.Saved>();
        channels.values().forEach(state -> states.add(state.saved()));
        states.addAll(saved.values());
        return states;
    }

    @Override
    public void close() {
        scheduler.cancelAll();
        KmsEngine.shutdown(refresh);
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void rotate(final String channelId, final long missedBefore, final boolean late) {
        final ChannelState channel = channels.get(channelId);
        if (channel == null) {
            return;
        }
        final Instant now = clock.instant();
        final Optional<ChannelSettings> begun = channel.begin(missedBefore, late);
        if (begun.isEmpty()) {
            LOG.debug("channel {}: previous key id still being applied, rotation skipped", channelId);
            return;
        }
        final PoolId poolId = begun.orElseThrow().pool();
        final KeyPool pool = pools.apply(poolId);
        if (pool == null) {
            fail(channel, poolId.keyType(), "pool " + poolId + " does not exist; the channel keeps its key", now);
            return;
        }
        if (!pool.everFilled()) {
            channel.waiting("waiting for the first key of pool " + poolId);
            LOG.debug("channel {}: pool {} is still filling, first rotation at the next deadline", channelId, poolId);
            return;
        }
        final UUID keyId;
        try {
            keyId = pool.drawChannelKey(now);
        } catch (PoolException e) {
            fail(channel, poolId.keyType(), e.kind() == PoolException.Kind.EMPTY ? "pool " + poolId + " has no "
                + poolId.keyType().yangName() + " key; the channel keeps its key (no weaker key is substituted)"
                : e.getMessage() + "; the channel keeps its key", now);
            return;
        }
        try {
            durability.sync();
        } catch (IOException e) {
            fail(channel, poolId.keyType(), "the KMS cannot record the new channel key durably (" + e.getMessage()
                + "); the channel keeps its key", now);
            return;
        }
        final ChannelState.Advance advance = channel.advance(keyId, now);
        final UUID retired = advance.retired();
        if (retired != null) {
            pool.retireChannelKey(retired, now);
        }
        final Optional<ChannelKeyTarget> keyTarget = target.get();
        if (keyTarget.isEmpty()) {
            return;
        }
        final PoolSettings poolSettings = pool.settings();
        final var update = new ChannelKeyUpdate(channelId, poolId.keyType(), keyId, advance.previous(),
            poolSettings.masterSaeId(), poolSettings.slaveSaeId(), now);
        channel.applying();
        CompletionStage<Void> applied;
        try {
            applied = keyTarget.orElseThrow().applyChannelKey(update);
        } catch (RuntimeException e) {
            // a throwing target counts as a failed apply, it must not kill the scheduler
            applied = CompletableFuture.failedFuture(e);
        }
        applied.whenComplete((ignored, failure) -> {
            channel.applied(failure);
            if (failure != null) {
                LOG.warn("channel {}: the encryptors could not be pointed at key id {}", channelId, keyId, failure);
            }
        });
    }

    private void fail(final ChannelState channel, final KeyType type, final String reason, final Instant now) {
        channel.failed(reason);
        LOG.warn("channel {} key rotation failed: {}", channel.channelId(), reason);
        failures.add(new RotationFailure(channel.channelId(), type, reason, now));
    }
}
