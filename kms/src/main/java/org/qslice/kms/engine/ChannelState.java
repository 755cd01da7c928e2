/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import static java.util.Objects.requireNonNull;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Mutable rotation state of one channel; guarded by its own monitor.
 */
final class ChannelState {
    /**
     * A rotation that moved the channel to a new key.
     *
     * @param previous the key the channel used until now, if any
     * @param retired the key before that, which no end needs any more, if any
     */
    record Advance(@Nullable UUID previous, @Nullable UUID retired) {
    }

    private final String channelId;
    private ChannelSettings settings;
    private @Nullable UUID current;
    private @Nullable UUID previous;
    private @Nullable Instant lastRotation;
    private long rotations;
    private long missed;
    private long failed;
    private long targetFailures;
    private @Nullable String lastError;
    private boolean inFlight;
    private boolean dirty = true;

    ChannelState(final String channelId, final ChannelSettings settings) {
        this.channelId = requireNonNull(channelId);
        this.settings = requireNonNull(settings);
    }

    String channelId() {
        return channelId;
    }

    synchronized ChannelSettings settings() {
        return settings;
    }

    synchronized void reconfigure(final ChannelSettings newSettings) {
        if (!settings.equals(newSettings)) {
            settings = newSettings;
            dirty = true;
        }
    }

    /**
     * Starts a rotation: counts deadlines missed before it, and skips it while the previous key id is still being
     * applied to the encryptors.
     *
     * @return the settings to rotate with, or empty if the rotation is skipped
     */
    synchronized Optional<ChannelSettings> begin(final long missedBefore, final boolean late) {
        missed += missedBefore;
        if (missedBefore > 0) {
            dirty = true;
        }
        if (inFlight) {
            missed++;
            dirty = true;
            return Optional.empty();
        }
        if (late) {
            missed++;
        }
        return Optional.of(settings);
    }

    synchronized void waiting(final String reason) {
        lastError = reason;
        dirty = true;
    }

    synchronized void failed(final String reason) {
        failed++;
        lastError = reason;
        dirty = true;
    }

    synchronized Advance advance(final UUID keyId, final Instant now) {
        final var advance = new Advance(current, previous);
        previous = current;
        current = keyId;
        lastRotation = now;
        rotations++;
        lastError = null;
        dirty = true;
        return advance;
    }

    synchronized void applying() {
        inFlight = true;
    }

    synchronized void applied(final @Nullable Throwable failure) {
        inFlight = false;
        if (failure != null) {
            targetFailures++;
            lastError = "channel-key target failed: " + failure.getMessage();
            dirty = true;
        }
    }

    /** Adds the ids the channel's ends may still use (current and previous) to {@code keep}. */
    synchronized void keys(final Set<UUID> keep) {
        if (current != null) {
            keep.add(current);
        }
        if (previous != null) {
            keep.add(previous);
        }
    }

    synchronized void markDirty() {
        dirty = true;
    }

    /** Returns the snapshot if the channel changed since the last call (or always), and clears the change. */
    synchronized Optional<ChannelSnapshot> takeChange(final boolean all) {
        if (!all && !dirty) {
            return Optional.empty();
        }
        dirty = false;
        return Optional.of(snapshot());
    }

    synchronized ChannelSnapshot snapshot() {
        return new ChannelSnapshot(channelId, settings, current, previous, lastRotation, rotations, missed, failed,
            targetFailures, lastError);
    }

    synchronized Saved saved() {
        return new Saved(channelId, current, previous, lastRotation, rotations, missed, failed, targetFailures);
    }

    /**
     * Restored counters of a channel (applied when its configuration arrives).
     */
    record Saved(String channelId, @Nullable UUID current, @Nullable UUID previous, @Nullable Instant lastRotation,
            long rotations, long missed, long failed, long targetFailures) {
        static Saved read(final DataInputStream in) throws IOException {
            final String id = in.readUTF();
            final UUID current = readUuid(in);
            final UUID previous = readUuid(in);
            final Instant last = in.readBoolean() ? Instant.ofEpochMilli(in.readLong()) : null;
            return new Saved(id, current, previous, last, in.readLong(), in.readLong(), in.readLong(),
                in.readLong());
        }

        void write(final DataOutputStream out) throws IOException {
            out.writeUTF(channelId);
            writeUuid(out, current);
            writeUuid(out, previous);
            out.writeBoolean(lastRotation != null);
            if (lastRotation != null) {
                out.writeLong(lastRotation.toEpochMilli());
            }
            out.writeLong(rotations);
            out.writeLong(missed);
            out.writeLong(failed);
            out.writeLong(targetFailures);
        }

        void applyTo(final ChannelState state) {
            synchronized (state) {
                state.current = current;
                state.previous = previous;
                state.lastRotation = lastRotation;
                state.rotations = rotations;
                state.missed = missed;
                state.failed = failed;
                state.targetFailures = targetFailures;
                state.dirty = true;
            }
        }
    }

    private static void writeUuid(final DataOutputStream out, final @Nullable UUID uuid) throws IOException {
        out.writeBoolean(uuid != null);
        if (uuid != null) {
            out.writeLong(uuid.getMostSignificantBits());
            out.writeLong(uuid.getLeastSignificantBits());
        }
    }

    private static @Nullable UUID readUuid(final DataInputStream in) throws IOException {
        return in.readBoolean() ? new UUID(in.readLong(), in.readLong()) : null;
    }
}
