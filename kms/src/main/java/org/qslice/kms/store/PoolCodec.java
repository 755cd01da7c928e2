/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.store;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.eclipse.jdt.annotation.Nullable;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;

/**
 * The binary forms of a pool: the vault file (format 2: settings, counters, journal position, entries with their
 * sealed material) and the journal records of deliveries. Stateless.
 */
final class PoolCodec {
    static final int FORMAT = 2;
    static final byte RECORD_DELIVERED = 1;
    static final byte RECORD_RETIRED = 2;

    /**
     * A pool read back from the vault.
     */
    record Decoded(PoolId id, PoolSettings settings, PoolStatistics statistics, long journalSeq,
            List<PoolEntry> available, List<PoolEntry> pending, List<PoolEntry> history) {
    }

    /**
     * A journal record read back.
     */
    record Record(PoolId pool, byte kind, List<PoolEntry> entries) {
    }

    private PoolCodec() {
        // stateless
    }

    static byte[] serialize(final PoolId id, final PoolSettings settings, final PoolStatistics stats,
            final long journalSeq, final Collection<PoolEntry> available, final Collection<PoolEntry> pending,
            final Collection<PoolEntry> history) {
        final var bytes = new ByteArrayOutputStream(64 + 120 * (available.size() + pending.size()));
        try (var out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeUTF(id.channelId());
            out.writeUTF(id.keyType().yangName());
            out.writeUTF(settings.masterSaeId());
            out.writeUTF(settings.slaveSaeId());
            out.writeInt(settings.poolSize());
            out.writeInt(settings.lowWater());
            out.writeDouble(settings.linkLengthKm());
            out.writeInt(settings.maxPending());
            out.writeInt(settings.historySize());
            out.writeLong(stats.generatedTotal);
            out.writeLong(stats.deliveredTotal);
            out.writeLong(stats.consumedTotal);
            out.writeLong(stats.discardedTotal);
            out.writeLong(stats.generationFailures);
            out.writeLong(stats.starvationEvents);
            out.writeLong(journalSeq);
            writeInstant(out, stats.lastGenerated);
            writeInstant(out, stats.lastDelivered);
            writeInstant(out, stats.lastRefresh);
            writeEntries(out, available);
            writeEntries(out, pending);
            writeEntries(out, history);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory serialization failed", e);
        }
        return bytes.toByteArray();
    }

    static Decoded deserialize(final byte[] bytes) throws IOException {
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            final int format = in.readInt();
            if (format != FORMAT) {
                throw new IOException("unknown pool format " + format);
            }
            final PoolId id = readPoolId(in);
            final var settings = new PoolSettings(in.readUTF(), in.readUTF(), in.readInt(), in.readInt(),
                in.readDouble(), in.readInt(), in.readInt());
            final var stats = new PoolStatistics();
            stats.generatedTotal = in.readLong();
            stats.deliveredTotal = in.readLong();
            stats.consumedTotal = in.readLong();
            stats.discardedTotal = in.readLong();
            stats.generationFailures = in.readLong();
            stats.starvationEvents = in.readLong();
            final long journalSeq = in.readLong();
            stats.lastGenerated = readInstant(in);
            stats.lastDelivered = readInstant(in);
            stats.lastRefresh = readInstant(in);
            return new Decoded(id, settings, stats, journalSeq, readEntries(in), readEntries(in), readEntries(in));
        }
    }

    static byte[] record(final PoolId id, final byte kind, final List<PoolEntry> entries) {
        final var bytes = new ByteArrayOutputStream(64 + 120 * entries.size());
        try (var out = new DataOutputStream(bytes)) {
            out.writeUTF(id.channelId());
            out.writeUTF(id.keyType().yangName());
            out.writeByte(kind);
            writeEntries(out, entries);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory serialization failed", e);
        }
        return bytes.toByteArray();
    }

    static PoolId recordPool(final byte[] record) throws IOException {
        try (var in = new DataInputStream(new ByteArrayInputStream(record))) {
            return readPoolId(in);
        }
    }

    static Record readRecord(final byte[] record) throws IOException {
        try (var in = new DataInputStream(new ByteArrayInputStream(record))) {
            final PoolId id = readPoolId(in);
            final byte kind = in.readByte();
            if (kind != RECORD_DELIVERED && kind != RECORD_RETIRED) {
                throw new IOException("malformed journal record kind " + kind);
            }
            return new Record(id, kind, readEntries(in));
        }
    }

    private static PoolId readPoolId(final DataInputStream in) throws IOException {
        try {
            return new PoolId(in.readUTF(), KeyType.ofYangName(in.readUTF()));
        } catch (IllegalArgumentException e) {
            throw new IOException("malformed pool id", e);
        }
    }

    private static void writeEntries(final DataOutputStream out, final Collection<PoolEntry> entries)
            throws IOException {
        out.writeInt(entries.size());
        for (PoolEntry entry : entries) {
            out.writeLong(entry.id.getMostSignificantBits());
            out.writeLong(entry.id.getLeastSignificantBits());
            out.writeByte(entry.state.ordinal());
            out.writeBoolean(entry.channelKey);
            writeInstant(out, entry.created);
            writeInstant(out, entry.delivered);
            writeInstant(out, entry.consumed);
            writeStrings(out, entry.deliveredTo);
            writeStrings(out, entry.mayFetch);
            final byte[] sealed = entry.sealed;
            if (sealed == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(sealed.length);
                out.write(sealed);
            }
        }
    }

    private static List<PoolEntry> readEntries(final DataInputStream in) throws IOException {
        final int count = in.readInt();
        if (count < 0 || count > 10_000_000) {
            throw new IOException("malformed entry count " + count);
        }
        final var entries = new ArrayList<PoolEntry>(Math.min(count, 4096));
        final KeyState[] states = KeyState.values();
        for (int i = 0; i < count; i++) {
            final var id = new UUID(in.readLong(), in.readLong());
            final int state = in.readByte();
            if (state < 0 || state >= states.length) {
                throw new IOException("malformed key state " + state);
            }
            final boolean channelKey = in.readBoolean();
            final Instant created = requireNonNull(readInstant(in));
            final Instant delivered = readInstant(in);
            final Instant consumed = readInstant(in);
            final List<String> deliveredTo = readStrings(in);
            final List<String> mayFetch = readStrings(in);
            final int length = in.readInt();
            byte[] sealed = null;
            if (length >= 0) {
                sealed = new byte[length];
                in.readFully(sealed);
            }
            final var entry = new PoolEntry(id, created, channelKey, states[state], sealed);
            entry.delivered = delivered;
            entry.consumed = consumed;
            entry.deliveredTo.addAll(deliveredTo);
            entry.mayFetch.addAll(mayFetch);
            entries.add(entry);
        }
        return entries;
    }

    private static void writeStrings(final DataOutputStream out, final Collection<String> strings)
            throws IOException {
        out.writeInt(strings.size());
        for (String string : strings) {
            out.writeUTF(string);
        }
    }

    private static List<String> readStrings(final DataInputStream in) throws IOException {
        final int count = in.readInt();
        if (count < 0 || count > 16) {
            throw new IOException("malformed string count " + count);
        }
        final var strings = new ArrayList<String>(count);
        for (int i = 0; i < count; i++) {
            strings.add(in.readUTF());
        }
        return strings;
    }

    private static void writeInstant(final DataOutputStream out, final @Nullable Instant instant) throws IOException {
        out.writeBoolean(instant != null);
        if (instant != null) {
            out.writeLong(instant.getEpochSecond());
            out.writeInt(instant.getNano());
        }
    }

    private static @Nullable Instant readInstant(final DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }
}
