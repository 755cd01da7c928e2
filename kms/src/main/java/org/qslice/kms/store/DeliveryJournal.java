/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.eclipse.jdt.annotation.Nullable;
import org.qslice.kms.crypto.Sealer;

/**
 * The write-ahead log of deliveries: every change that hands a key out (enc_keys, a channel key drawn, a dec_keys
 * fetch) is appended here, and made durable by {@link #sync()} before the key leaves the KMS. Between two vault
 * commits the journal is what makes a delivery survive a kill -9: the next start replays it over the last committed
 * pool files.
 *
 * <p>Files: {@code journal-<segment>.log}, each {@code "QSKJ2\n" || first sequence number (8)} then records
 * {@code length (4) || AES-GCM-SIV(payload, aad = magic || segment || sequence number)}. The sequence number of a
 * record is its position, so a record removed, reordered or moved to another segment no longer authenticates. A
 * segment ends at its first record that is incomplete or does not authenticate: only a record whose append or sync
 * failed can be there, and its delivery was refused.
 *
 * <p>Group commit: {@link #sync()} forces everything appended so far; concurrent callers share one {@code fsync}.
 * After a failed append or sync the journal refuses appends (nothing is handed out) until {@link #roll()} starts a
 * new segment, which the engine does only right before committing every pool.
 */
public final class DeliveryJournal implements AutoCloseable {
    private static final byte[] MAGIC = "QSKJ2\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + Long.BYTES;
    private static final int MAX_RECORD = 1 << 20;

    /**
     * A replayed record.
     *
     * @param seq its sequence number
     * @param payload its content
     */
    public record Entry(long seq, byte[] payload) {
    }

    private final Path directory;
    private final Sealer sealer;
    private final VaultFaults faults;
    private final Object syncLock = new Object();
    private final @Nullable VaultReplica replica;
    /** Records appended and not yet in the replica (guarded by this). */
    private final List<VaultReplica.Record> unreplicated = new ArrayList<>();
    private @Nullable FileChannel channel;
    private long segment;
    private long nextSeq;
    private long appended;
    private volatile long synced;
    private @Nullable IOException failure;

    private DeliveryJournal(final Path directory, final Sealer sealer, final VaultFaults faults, final long segment,
            final long nextSeq, final @Nullable VaultReplica replica) {
        this.directory = directory;
        this.replica = replica;
        this.sealer = sealer;
        this.faults = faults;
        this.segment = segment;
        this.nextSeq = nextSeq;
    }

    /**
     * Opens a journal whose first new segment is {@code segment} and whose first record is {@code nextSeq}.
     *
     * @param directory the vault directory
     * @param sealer the journal's sealer
     * @param faults test-only fault injection
     * @param segment the new segment's number (higher than every segment on disk)
     * @param nextSeq the next sequence number
     * @return the journal, with its segment created
     * @throws IOException if the segment cannot be created
     */
    public static DeliveryJournal open(final Path directory, final Sealer sealer, final VaultFaults faults,
            final long segment, final long nextSeq) throws IOException {
        return open(directory, sealer, faults, segment, nextSeq, null);
    }

    /**
     * Opens a journal whose records also go to a replica: {@link #sync()} returns once the replica holds them too.
     *
     * @param directory the vault directory
     * @param sealer the journal's sealer
     * @param faults test-only fault injection
     * @param segment the new segment's number (higher than every segment on disk)
     * @param nextSeq the next sequence number
     * @param replica the replica, or null
     * @return the journal, with its segment created
     * @throws IOException if the segment cannot be created
     */
    public static DeliveryJournal open(final Path directory, final Sealer sealer, final VaultFaults faults,
            final long segment, final long nextSeq, final @Nullable VaultReplica replica) throws IOException {
        final var journal = new DeliveryJournal(directory, sealer, faults, segment, nextSeq, replica);
        synchronized (journal) {
            journal.startSegment(segment);
        }
        return journal;
    }

    /**
     * Returns a segment's file name.
     *
     * @param segment the segment number
     * @return its name
     */
    public static String fileName(final long segment) {
        return "journal-" + segment + ".log";
    }

    /**
     * Lists the segments in a directory, by number.
     *
     * @param directory the vault directory
     * @return segment number to file
     * @throws IOException if the directory cannot be read
     */
    public static TreeMap<Long, Path> segments(final Path directory) throws IOException {
        final var result = new TreeMap<Long, Path>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "journal-*.log")) {
            for (Path file : files) {
                final String name = file.getFileName().toString();
                try {
                    result.put(Long.parseLong(name.substring("journal-".length(), name.length() - ".log".length())),
                        file);
                } catch (NumberFormatException e) {
                    throw new VaultException("unexpected file " + file + " in the KMS vault", e);
                }
            }
        }
        return result;
    }

    /**
     * Writes a segment file holding records (restoring a replica's journal).
     *
     * @param directory the vault directory
     * @param segment the segment number
     * @param records its records, sealed as a journal seals them
     * @throws IOException if the file cannot be written
     */
    static void writeSegment(final Path directory, final long segment, final List<VaultReplica.Record> records)
            throws IOException {
        final var ordered = records.stream().sorted(java.util.Comparator.comparingLong(VaultReplica.Record::seq))
            .toList();
        final int size = HEADER + ordered.stream().mapToInt(record -> Integer.BYTES + record.sealed().length).sum();
        final ByteBuffer out = ByteBuffer.allocate(size).put(MAGIC).putLong(ordered.getFirst().seq());
        for (VaultReplica.Record record : ordered) {
            out.putInt(record.sealed().length).put(record.sealed());
        }
        VaultFiles.writeDurably(directory.resolve(fileName(segment)), out.array());
    }

    /**
     * Reads the records of every segment from {@code firstSegment} on, in order.
     *
     * @param directory the vault directory
     * @param sealer the journal's sealer
     * @param firstSegment the first live segment
     * @return the records
     * @throws IOException if a segment cannot be read or its header is not a journal header
     */
    public static List<Entry> read(final Path directory, final Sealer sealer, final long firstSegment)
            throws IOException {
        final var result = new ArrayList<Entry>();
        for (var segment : segments(directory).tailMap(firstSegment).entrySet()) {
            final byte[] raw = Files.readAllBytes(segment.getValue());
            if (raw.length < HEADER) {
                // created but its header never reached the disk: no record was appended to it
                continue;
            }
            if (!Arrays.equals(raw, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
                throw new VaultException("journal " + segment.getValue() + " is not a qslice journal", null);
            }
            final ByteBuffer in = ByteBuffer.wrap(raw);
            in.position(MAGIC.length);
            long seq = in.getLong();
            while (in.remaining() >= Integer.BYTES) {
                final int length = in.getInt();
                if (length <= 0 || length > MAX_RECORD || length > in.remaining()) {
                    break;
                }
                final byte[] sealed = new byte[length];
                in.get(sealed);
                try {
                    result.add(new Entry(seq, sealer.open(sealed, aad(segment.getKey(), seq))));
                } catch (GeneralSecurityException e) {
                    break;
                }
                seq++;
            }
        }
        return result;
    }

    /**
     * Appends a record; it is durable once {@link #sync()} returns after this call.
     *
     * @param payload the record
     * @return its sequence number
     * @throws IOException if the journal failed before or the append fails; nothing may be handed out then
     */
    public synchronized long append(final byte[] payload) throws IOException {
        checkNotFailed();
        final FileChannel out = channel;
        if (out == null) {
            throw new IOException("the KMS journal is closed");
        }
        final long seq = nextSeq;
        final byte[] sealed = sealer.seal(payload, aad(segment, seq));
        final ByteBuffer buffer = ByteBuffer.allocate(Integer.BYTES + sealed.length).putInt(sealed.length)
            .put(sealed).flip();
        try {
            faults.before(VaultFaults.Write.JOURNAL_APPEND);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        if (replica != null) {
            unreplicated.add(new VaultReplica.Record(segment, seq, sealed));
        }
        nextSeq++;
        appended++;
        return seq;
    }

    /**
     * Makes every record appended so far durable. Concurrent callers share one {@code fsync}.
     *
     * @throws IOException if the data cannot be forced to disk; the journal refuses appends afterwards
     */
    public void sync() throws IOException {
        final long target;
        synchronized (this) {
            checkNotFailed();
            target = appended;
        }
        if (synced >= target) {
            return;
        }
        synchronized (syncLock) {
            if (synced >= target) {
                return;
            }
            final FileChannel out;
            final long upTo;
            final List<VaultReplica.Record> batch;
            synchronized (this) {
                checkNotFailed();
                out = channel;
                upTo = appended;
                batch = takeUnreplicated();
            }
            if (out == null) {
                throw new IOException("the KMS journal is closed");
            }
            try {
                faults.before(VaultFaults.Write.JOURNAL_SYNC);
                out.force(false);
                replicate(batch);
            } catch (IOException e) {
                synchronized (this) {
                    failure = e;
                }
                throw e;
            }
            synced = upTo;
        }
    }

    /**
     * Starts a new segment; records appended from now on go there. Clears a failure.
     *
     * @return the new segment's number: segments before it are obsolete once every pool changed before this call is
     *     committed
     * @throws IOException if the segment cannot be created (the journal stays as it was)
     */
    public long roll() throws IOException {
        synchronized (syncLock) {
            synchronized (this) {
                final FileChannel old = channel;
                if (old != null) {
                    // a caller may be about to answer after a sync that this roll would otherwise skip
                    faults.before(VaultFaults.Write.JOURNAL_SYNC);
                    old.force(false);
                }
                try {
                    replicate(takeUnreplicated());
                } catch (IOException e) {
                    failure = e;
                    throw e;
                }
                startSegment(segment + 1);
                if (old != null) {
                    try {
                        old.close();
                    } catch (IOException e) {
                        // its records are forced; the segment is read back at the next start if still live
                    }
                }
                failure = null;
                return segment;
            }
        }
    }

    /**
     * Returns the current segment's number.
     *
     * @return the segment
     */
    public synchronized long segment() {
        return segment;
    }

    /**
     * Returns the sequence number the next record gets.
     *
     * @return the number
     */
    public synchronized long nextSeq() {
        return nextSeq;
    }

    @Override
    public synchronized void close() throws IOException {
        final FileChannel out = channel;
        channel = null;
        if (out != null) {
            out.close();
        }
    }

    private void startSegment(final long number) throws IOException {
        final Path file = directory.resolve(fileName(number));
        faults.before(VaultFaults.Write.JOURNAL_ROLL);
        final FileChannel created = VaultFiles.createOwnerOnly(file);
        try {
            created.write(ByteBuffer.allocate(HEADER).put(MAGIC).putLong(nextSeq).flip());
            created.force(true);
            VaultFiles.syncDirectory(directory);
        } catch (IOException e) {
            created.close();
            Files.deleteIfExists(file);
            throw e;
        }
        channel = created;
        segment = number;
        synced = appended;
    }

    private List<VaultReplica.Record> takeUnreplicated() {
        final List<VaultReplica.Record> batch = List.copyOf(unreplicated);
        unreplicated.clear();
        return batch;
    }

    private void replicate(final List<VaultReplica.Record> batch) throws IOException {
        final VaultReplica copy = replica;
        if (copy != null && !batch.isEmpty()) {
            copy.append(batch);
        }
    }

    private void checkNotFailed() throws IOException {
        final IOException failed = failure;
        if (failed != null) {
            throw new IOException("the KMS journal failed and is not written until the next vault commit: "
                + failed.getMessage(), failed);
        }
    }

    private static byte[] aad(final long segment, final long seq) {
        return ByteBuffer.allocate(MAGIC.length + 2 * Long.BYTES).put(MAGIC).putLong(segment).putLong(seq).array();
    }
}
