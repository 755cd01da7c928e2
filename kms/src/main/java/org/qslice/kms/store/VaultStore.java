/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jdt.annotation.Nullable;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.crypto.MasterKey;
import org.qslice.kms.crypto.Sealer;

/**
 * The KMS's files, committed as one state per <em>epoch</em>.
 *
 * <p>A commit writes the pools that changed as new files ({@code pool-<hash>-<epoch>.kv}), the channels' rotation
 * state ({@code channels-<epoch>.kv}), then the sealed manifest {@code vault.kv}: the epoch, whether the KMS stopped
 * cleanly, the first live journal segment, and the SHA-256 of every file of that state. Only then are files of
 * earlier states deleted, so a crash at any point leaves the last committed state whole. Every {@code .kv} file is
 * {@code "QSKV2\n" || AES-256-GCM-SIV(vault key, content, aad = magic || file name)}, forced to disk before it is
 * renamed into place; the vault key is derived from the master key.
 *
 * <p><b>Rollback.</b> Each commit also writes the epoch, sealed, to an anchor file outside the vault directory (next
 * to the master key). At start the manifest must be at least as new as the anchor, and every file must match the
 * manifest: a vault restored from an older copy, or one file swapped for an older version, is refused. Restoring the
 * vault and the anchor together is not detected; keep the anchor where the vault's backups are not (it lives in
 * {@code etc/}, the vault in {@code data/}).
 *
 * <p>Not thread-safe: one committer at a time (the engine serializes them).
 */
public final class VaultStore {
    private static final byte[] MAGIC = "QSKV2\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ANCHOR_MAGIC = "QSKA2\n".getBytes(StandardCharsets.US_ASCII);
    private static final Set<PosixFilePermission> OWNER_DIR = EnumSet.of(PosixFilePermission.OWNER_READ,
        PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    private static final String MANIFEST = "vault.kv";
    private static final int MANIFEST_FORMAT = 1;

    /**
     * What a start reads back: the last committed state.
     *
     * @param epoch the committed epoch (0 for a new vault)
     * @param clean whether the KMS stopped cleanly after that commit
     * @param pools the pools' contents
     * @param channels the channels' content, if any
     * @param firstSegment the first live journal segment
     */
    public record Loaded(long epoch, boolean clean, List<byte[]> pools, Optional<byte[]> channels,
            long firstSegment) {
    }

    private final Path directory;
    private final Path anchor;
    private final Sealer fileSealer;
    private final Sealer journalSealer;
    private final VaultFaults faults;
    private final Map<PoolId, String> poolFiles = new HashMap<>();
    private final Map<String, byte[]> digests = new LinkedHashMap<>();
    private final Set<String> replicated = new HashSet<>();
    private @Nullable VaultReplica replica;
    private @Nullable String channelsFile;
    private long epoch;

    /**
     * A vault in a directory.
     *
     * @param directory the directory (created 0700 as needed)
     * @param anchor the epoch anchor file, outside the directory
     * @param master the master key
     * @param random nonce source
     * @param faults test-only fault injection ({@link VaultFaults#NONE})
     */
    public VaultStore(final Path directory, final Path anchor, final MasterKey master, final SecureRandom random,
            final VaultFaults faults) {
        this.directory = directory;
        this.anchor = anchor;
        this.faults = faults;
        final byte[] key = master.derive("qslice-kms vault file v2");
        final byte[] journalKey = master.derive("qslice-kms journal v2");
        try {
            this.fileSealer = new Sealer(key, random);
            this.journalSealer = new Sealer(journalKey, random);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(journalKey, (byte) 0);
        }
    }

    /**
     * Returns the key-sealing key's sealer for pool material, derived from the master key.
     *
     * @param master the master key
     * @param random nonce source
     * @return the sealer
     */
    public static Sealer keySealer(final MasterKey master, final SecureRandom random) {
        final byte[] key = master.derive("qslice-kms key seal v2");
        try {
            return new Sealer(key, random);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Makes every commit from now on (the one {@link #open()} makes included) go to a replica first: the files the
     * replica lacks and the manifest, in one replica commit, before the local manifest is written. A replica commit
     * that fails fails the vault commit.
     *
     * @param copy the replica
     * @param held the names of the vault files the replica holds (without {@link VaultReplica#VAULT})
     */
    public void replicateTo(final VaultReplica copy, final Set<String> held) {
        replica = copy;
        replicated.clear();
        replicated.addAll(held);
    }

    /**
     * Replaces the vault in a directory by a replica's: its files, its journal segments; the anchor is removed (it
     * guards the local files against an older local copy, and the replica is newer than any: every commit goes to it
     * first). Call it before {@link #open()}, on a replica just taken over.
     *
     * @param directory the vault directory (created 0700 as needed)
     * @param anchor the epoch anchor file
     * @param snapshot the replica's content
     * @return the names of the vault files written (for {@link #replicateTo})
     * @throws IOException if the files cannot be written
     */
    public static Set<String> restore(final Path directory, final Path anchor, final VaultReplica.Snapshot snapshot)
            throws IOException {
        createDirectory(directory);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                final String name = file.getFileName().toString();
                if (name.endsWith(".kv") || name.endsWith(".tmp") || name.startsWith("journal-")) {
                    Files.delete(file);
                }
            }
        }
        Files.deleteIfExists(anchor);
        final var names = new HashSet<String>();
        for (var file : snapshot.files().entrySet()) {
            if (file.getKey().startsWith(VaultReplica.VAULT)) {
                final String name = file.getKey().substring(VaultReplica.VAULT.length());
                if (name.isEmpty() || name.contains("/") || !name.endsWith(".kv")) {
                    throw new VaultException("the replicated vault holds an unexpected file " + file.getKey(), null);
                }
                VaultFiles.writeDurably(directory.resolve(name), file.getValue());
                names.add(name);
            }
        }
        final var segments = new TreeMap<Long, List<VaultReplica.Record>>();
        for (VaultReplica.Record record : snapshot.records()) {
            segments.computeIfAbsent(record.segment(), number -> new ArrayList<>()).add(record);
        }
        for (var segment : segments.entrySet()) {
            DeliveryJournal.writeSegment(directory, segment.getKey(), segment.getValue());
        }
        VaultFiles.syncDirectory(directory);
        return names;
    }

    /**
     * Opens the vault and reads its last committed state. Checks it against the anchor and the manifest, then commits
     * the same state as not clean, so that a crash from now on is known as one.
     *
     * @return the state
     * @throws VaultException if the vault was rolled back, a file was altered or swapped, or nothing decrypts
     * @throws IOException if the directory cannot be read or prepared
     */
    public Loaded open() throws IOException {
        if (!Files.isDirectory(directory)) {
            createDirectory(directory);
        }
        if (Files.exists(directory.resolve("state"))) {
            throw new VaultException("the KMS vault " + directory + " is in the format of an earlier qslice (QSKV1),"
                + " whose files cannot prove they are current; move it aside to start with empty pools", null);
        }
        final long anchored = readAnchor();
        final Path manifestFile = directory.resolve(MANIFEST);
        final Loaded loaded;
        if (!Files.exists(manifestFile)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.kv")) {
                if (files.iterator().hasNext()) {
                    throw new VaultException("the KMS vault " + directory + " holds key files but no " + MANIFEST
                        + ": it is incomplete or was tampered with", null);
                }
            }
            // a new vault, or one emptied by an operator: nothing in it can be delivered again
            loaded = new Loaded(0, true, List.of(), Optional.empty(), 0);
            epoch = anchored;
        } else {
            loaded = readState(manifestFile, anchored);
        }
        writeManifest(false, loaded.firstSegment());
        deleteUnreferenced(loaded.firstSegment());
        return loaded;
    }

    private Loaded readState(final Path manifestFile, final long anchored) throws IOException {
        final byte[] manifest = read(manifestFile);
        final boolean clean;
        final long firstSegment;
        try (var in = new DataInputStream(new ByteArrayInputStream(manifest))) {
            final int format = in.readInt();
            if (format != MANIFEST_FORMAT) {
                throw new VaultException("unknown KMS vault manifest format " + format, null);
            }
            epoch = in.readLong();
            clean = in.readBoolean();
            firstSegment = in.readLong();
            final int count = in.readInt();
            for (int i = 0; i < count; i++) {
                final String name = in.readUTF();
                final byte[] digest = new byte[32];
                in.readFully(digest);
                digests.put(name, digest);
            }
        }
        if (epoch < anchored) {
            throw new VaultException("the KMS vault " + directory + " was rolled back: its epoch is " + epoch
                + ", the anchor " + anchor + " says " + anchored + "; keys it holds may have been delivered since."
                + " Restore the newest vault, or move the vault aside to start with empty pools", null);
        }
        final var pools = new ArrayList<byte[]>();
        byte[] channels = null;
        for (var file : digests.entrySet()) {
            final Path path = directory.resolve(file.getKey());
            if (!Files.exists(path)) {
                throw new VaultException("the KMS vault " + directory + " misses " + file.getKey()
                    + " of epoch " + epoch, null);
            }
            final byte[] raw = Files.readAllBytes(path);
            if (!MessageDigest.isEqual(sha256(raw), file.getValue())) {
                throw new VaultException("vault file " + path + " is not the one committed in epoch " + epoch
                    + ": altered, or an older copy", null);
            }
            final byte[] content = unseal(path, raw);
            if (file.getKey().startsWith("channels-")) {
                channelsFile = file.getKey();
                channels = content;
            } else {
                pools.add(content);
            }
        }
        return new Loaded(epoch, clean, pools, Optional.ofNullable(channels), firstSegment);
    }

    /**
     * Remembers which file holds a pool read back by {@link #open()} (the engine tells after deserializing it).
     *
     * @param id the pool
     */
    public void adopt(final PoolId id) {
        for (String name : digests.keySet()) {
            if (name.startsWith(poolPrefix(id))) {
                poolFiles.put(id, name);
            }
        }
    }

    /**
     * Commits a new state: writes the changed pools and channels, then the manifest, then the anchor; afterwards
     * deletes the files of earlier states. If anything fails before the manifest is written, the previous state
     * stays the committed one.
     *
     * @param changed pools to write
     * @param live every pool of the state (those not in {@code changed} keep their current file)
     * @param channels the channels' state, or null to keep the current file
     * @param firstSegment the first journal segment the state does not cover
     * @param clean whether this is the last commit before a clean stop
     * @throws IOException if a write fails
     */
    public void commit(final Map<PoolId, byte[]> changed, final Set<PoolId> live, final byte @Nullable [] channels,
            final long firstSegment, final boolean clean) throws IOException {
        final long next = epoch + 1;
        final var files = new HashMap<PoolId, String>();
        for (PoolId id : live) {
            final byte[] content = changed.get(id);
            if (content != null) {
                faults.before(VaultFaults.Write.POOL);
                final String name = poolPrefix(id) + next + ".kv";
                digests.put(name, write(directory.resolve(name), content));
                files.put(id, name);
            } else {
                final String current = poolFiles.get(id);
                if (current != null) {
                    files.put(id, current);
                }
            }
        }
        String channelsName = channelsFile;
        if (channels != null) {
            faults.before(VaultFaults.Write.CHANNELS);
            channelsName = "channels-" + next + ".kv";
            digests.put(channelsName, write(directory.resolve(channelsName), channels));
        }
        final var referenced = new HashSet<>(files.values());
        if (channelsName != null) {
            referenced.add(channelsName);
        }
        digests.keySet().retainAll(referenced);
        epoch = next;
        writeManifest(clean, firstSegment);
        poolFiles.clear();
        poolFiles.putAll(files);
        channelsFile = channelsName;
        deleteUnreferenced(firstSegment);
    }

    /**
     * Returns the sealer of the journal's records.
     *
     * @return the sealer
     */
    public Sealer journalSealer() {
        return journalSealer;
    }

    /**
     * Returns the committed epoch.
     *
     * @return the epoch
     */
    public long epoch() {
        return epoch;
    }

    /**
     * Returns the directory.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * Returns the epoch anchor file.
     *
     * @return the file
     */
    public Path anchor() {
        return anchor;
    }

    private void writeManifest(final boolean clean, final long firstSegment) throws IOException {
        final var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeInt(MANIFEST_FORMAT);
            out.writeLong(epoch);
            out.writeBoolean(clean);
            out.writeLong(firstSegment);
            out.writeInt(digests.size());
            for (var file : digests.entrySet()) {
                out.writeUTF(file.getKey());
                out.write(file.getValue());
            }
        }
        final Path manifestFile = directory.resolve(MANIFEST);
        final byte[] manifestRaw = seal(manifestFile, bytes.toByteArray());
        final VaultReplica copy = replica;
        if (copy != null) {
            replicate(copy, manifestRaw, firstSegment);
        }
        faults.before(VaultFaults.Write.MANIFEST);
        VaultFiles.writeDurably(manifestFile, manifestRaw);
        faults.before(VaultFaults.Write.ANCHOR);
        final byte[] sealed = fileSealer.seal(ByteBuffer.allocate(Long.BYTES).putLong(epoch).array(),
            anchorAad());
        final byte[] raw = new byte[ANCHOR_MAGIC.length + sealed.length];
        System.arraycopy(ANCHOR_MAGIC, 0, raw, 0, ANCHOR_MAGIC.length);
        System.arraycopy(sealed, 0, raw, ANCHOR_MAGIC.length, sealed.length);
        final Path parent = anchor.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        VaultFiles.writeDurably(anchor, raw);
    }

    /**
     * Sends the replica every file of the state it lacks (those written by this commit, and all of them the first
     * time a vault that ran without a replica commits to an empty one) with the manifest, and removes the files of
     * earlier states from it.
     */
    private void replicate(final VaultReplica copy, final byte[] manifestRaw, final long firstSegment)
            throws IOException {
        final var put = new HashMap<String, byte[]>();
        for (String name : digests.keySet()) {
            if (!replicated.contains(name)) {
                put.put(VaultReplica.VAULT + name, Files.readAllBytes(directory.resolve(name)));
            }
        }
        put.put(VaultReplica.VAULT + MANIFEST, manifestRaw);
        final var removed = new HashSet<String>();
        for (String name : replicated) {
            if (!MANIFEST.equals(name) && !digests.containsKey(name)) {
                removed.add(VaultReplica.VAULT + name);
            }
        }
        copy.commit(put, removed, firstSegment);
        replicated.clear();
        replicated.addAll(digests.keySet());
        replicated.add(MANIFEST);
    }

    private long readAnchor() throws IOException {
        if (!Files.exists(anchor)) {
            return 0;
        }
        final byte[] raw = Files.readAllBytes(anchor);
        if (raw.length < ANCHOR_MAGIC.length
            || !Arrays.equals(raw, 0, ANCHOR_MAGIC.length, ANCHOR_MAGIC, 0, ANCHOR_MAGIC.length)) {
            throw new VaultException("the KMS vault anchor " + anchor + " is not a qslice anchor", null);
        }
        try {
            final byte[] content = fileSealer.open(Arrays.copyOfRange(raw, ANCHOR_MAGIC.length, raw.length),
                anchorAad());
            return ByteBuffer.wrap(content).getLong();
        } catch (GeneralSecurityException e) {
            throw new VaultException("the KMS vault anchor " + anchor + " does not decrypt: wrong master key, or"
                + " the anchor of another vault", e);
        }
    }

    private byte[] anchorAad() {
        final byte[] dir = directory.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8);
        final byte[] aad = new byte[ANCHOR_MAGIC.length + dir.length];
        System.arraycopy(ANCHOR_MAGIC, 0, aad, 0, ANCHOR_MAGIC.length);
        System.arraycopy(dir, 0, aad, ANCHOR_MAGIC.length, dir.length);
        return aad;
    }

    /** Creates the vault directory, owner-only where the file system has POSIX permissions. */
    private static void createDirectory(final Path directory) throws IOException {
        if (VaultFiles.posix(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        } else {
            Files.createDirectories(directory);
        }
    }

    private void deleteUnreferenced(final long firstSegment) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                final String name = file.getFileName().toString();
                final boolean stale = name.endsWith(".kv") && !MANIFEST.equals(name) && !digests.containsKey(name)
                    || name.endsWith(".tmp");
                if (stale) {
                    Files.deleteIfExists(file);
                }
            }
        }
        for (var segment : DeliveryJournal.segments(directory).headMap(firstSegment).values()) {
            Files.deleteIfExists(segment);
        }
    }

    private static String poolPrefix(final PoolId id) {
        final byte[] hash = sha256((id.channelId() + "\u0000" + id.keyType().yangName())
            .getBytes(StandardCharsets.UTF_8));
        return "pool-" + HexFormat.of().formatHex(hash, 0, 16) + "-";
    }

    private byte[] read(final Path file) throws IOException {
        return unseal(file, Files.readAllBytes(file));
    }

    private byte[] unseal(final Path file, final byte[] raw) throws VaultException {
        if (raw.length < MAGIC.length || !Arrays.equals(raw, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new VaultException("vault file " + file + " is not a qslice vault file", null);
        }
        try {
            return fileSealer.open(Arrays.copyOfRange(raw, MAGIC.length, raw.length), aad(file));
        } catch (GeneralSecurityException e) {
            throw new VaultException("vault file " + file + " does not decrypt: wrong master key or altered file", e);
        }
    }

    /** Writes a sealed file durably; returns the SHA-256 of its bytes. */
    private byte[] write(final Path file, final byte[] content) throws IOException {
        final byte[] raw = seal(file, content);
        VaultFiles.writeDurably(file, raw);
        return sha256(raw);
    }

    /** A file's bytes: the magic and its sealed content. */
    private byte[] seal(final Path file, final byte[] content) {
        final byte[] sealed = fileSealer.seal(content, aad(file));
        final byte[] raw = new byte[MAGIC.length + sealed.length];
        System.arraycopy(MAGIC, 0, raw, 0, MAGIC.length);
        System.arraycopy(sealed, 0, raw, MAGIC.length, sealed.length);
        return raw;
    }

    private static byte[] aad(final Path file) {
        final byte[] name = file.getFileName().toString().getBytes(StandardCharsets.UTF_8);
        final byte[] aad = new byte[MAGIC.length + name.length];
        System.arraycopy(MAGIC, 0, aad, 0, MAGIC.length);
        System.arraycopy(name, 0, aad, MAGIC.length, name.length);
        return aad;
    }

    private static byte[] sha256(final byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
