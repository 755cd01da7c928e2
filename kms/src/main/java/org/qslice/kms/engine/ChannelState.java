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
import java.util.UUID;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Mutable rotation state of one channel; guarded by its own monitor.
 */
final class ChannelState {
    final String channelId;
    ChannelSettings settings;
    @Nullable UUID current;
    @Nullable UUID previous;
    @Nullable Instant lastRotation;
    long rotations;
    long missed;
    long failed;
    long targetFailures;
    @Nullable String lastError;
    boolean inFlight;
    boolean dirty = true;

    ChannelState(final String channelId, final ChannelSettings settings) {
        this.channelId = requireNonNull(channelId);
        this.settings = requireNonNull(settings);
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
