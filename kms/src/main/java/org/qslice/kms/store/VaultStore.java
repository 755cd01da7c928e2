/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.crypto.MasterKey;
import org.qslice.kms.crypto.Sealer;

/**
 * The KMS's files: one sealed file per pool ({@code pool-<hash>.kv}), one for the channels' rotation state
 * ({@code channels.kv}) and a {@code state} marker ({@code running} while open, {@code clean} after a clean close).
 * Every {@code .kv} file is {@code "QSKV1\n" || AES-256-GCM(vault key, content, aad = magic || file name)}; the vault
 * key is derived from the master key, so without the master key nothing in the directory decrypts. Files are 0600
 * in a 0700 directory and replaced atomically. Not thread-safe: one writer (the engine's persistence task).
 */
public final class VaultStore {
    private static final byte[] MAGIC = "QSKV1\n".getBytes(StandardCharsets.US_ASCII);
    private static final Set<PosixFilePermission> OWNER_ONLY =
        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_DIR = EnumSet.of(PosixFilePermission.OWNER_READ,
        PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    private static final String CHANNELS = "channels.kv";
    private static final String STATE = "state";

    private final Path directory;
    private final Sealer fileSealer;
    private final boolean posix;

    /**
     * A vault in a directory.
     *
     * @param directory the directory (created 0700 as needed)
     * @param master the master key
     * @param random nonce source
     */
    public VaultStore(final Path directory, final MasterKey master, final SecureRandom random) {
        this.directory = directory;
        final byte[] key = master.derive("qslice-kms vault file v1");
        this.fileSealer = new Sealer(key, random);
        Arrays.fill(key, (byte) 0);
        this.posix = directory.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Returns the key-sealing key's sealer for pool material, derived from the master key.
     *
     * @param master the master key
     * @param random nonce source
     * @return the sealer
     */
    public static Sealer keySealer(final MasterKey master, final SecureRandom random) {
        final byte[] key = master.derive("qslice-kms key seal v1");
        try {
            return new Sealer(key, random);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Opens the vault: creates the directory, reads the state marker and marks the vault running.
     *
     * @return whether the previous run closed cleanly (true for a new vault)
     * @throws IOException if the directory cannot be prepared
     */
    public boolean open() throws IOException {
        if (!Files.isDirectory(directory)) {
            if (posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectories(directory);
            }
        }
        final Path state = directory.resolve(STATE);
        final boolean clean = !Files.exists(state)
            || "clean".equals(Files.readString(state, StandardCharsets.US_ASCII).strip());
        writeAtomically(state, "running\n".getBytes(StandardCharsets.US_ASCII));
        return clean;
    }

    /**
     * Marks the vault cleanly closed (call after the last write).
     *
     * @throws IOException if the marker cannot be written
     */
    public void markClean() throws IOException {
        writeAtomically(directory.resolve(STATE), "clean\n".getBytes(StandardCharsets.US_ASCII));
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
     * Reads every pool file.
     *
     * @return the decrypted contents
     * @throws VaultException if a file does not decrypt (e.g. another master key)
     * @throws IOException if a file cannot be read
     */
    public List<byte[]> loadPools() throws IOException {
        final var result = new ArrayList<byte[]>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "pool-*.kv")) {
            for (Path file : files) {
                result.add(read(file));
            }
        }
        return result;
    }

    /**
     * Writes a pool file.
     *
     * @param id the pool
     * @param content serialized pool
     * @throws IOException if the file cannot be written
     */
    public void writePool(final PoolId id, final byte[] content) throws IOException {
        write(poolFile(id), content);
    }

    /**
     * Deletes a pool file.
     *
     * @param id the pool
     * @throws IOException if the file cannot be deleted
     */
    public void deletePool(final PoolId id) throws IOException {
        Files.deleteIfExists(poolFile(id));
    }

    /**
     * Reads the channels file.
     *
     * @return its content, if present
     * @throws IOException if it cannot be read or decrypted
     */
    public Optional<byte[]> loadChannels() throws IOException {
        final Path file = directory.resolve(CHANNELS);
        return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
    }

    /**
     * Writes the channels file.
     *
     * @param content serialized channels
     * @throws IOException if it cannot be written
     */
    public void writeChannels(final byte[] content) throws IOException {
        write(directory.resolve(CHANNELS), content);
    }

    /**
     * Returns the file a pool is stored in.
     *
     * @param id the pool
     * @return the path
     */
    public Path poolFile(final PoolId id) {
        try {
            final byte[] hash = MessageDigest.getInstance("SHA-256").digest((id.channelId() + "\u0000"
                + id.keyType().yangName()).getBytes(StandardCharsets.UTF_8));
            return directory.resolve("pool-" + HexFormat.of().formatHex(hash, 0, 16) + ".kv");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    private byte[] read(final Path file) throws IOException {
        final byte[] raw = Files.readAllBytes(file);
        if (raw.length < MAGIC.length || !Arrays.equals(raw, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new VaultException("vault file " + file + " is not a qslice vault file", null);
        }
        try {
            return fileSealer.open(Arrays.copyOfRange(raw, MAGIC.length, raw.length), aad(file));
        } catch (GeneralSecurityException e) {
            throw new VaultException("vault file " + file + " does not decrypt: wrong master key or altered file", e);
        }
    }

    private void write(final Path file, final byte[] content) throws IOException {
        final byte[] sealed = fileSealer.seal(content, aad(file));
        final byte[] raw = new byte[MAGIC.length + sealed.length];
        System.arraycopy(MAGIC, 0, raw, 0, MAGIC.length);
        System.arraycopy(sealed, 0, raw, MAGIC.length, sealed.length);
        writeAtomically(file, raw);
    }

    private static byte[] aad(final Path file) {
        final byte[] name = file.getFileName().toString().getBytes(StandardCharsets.UTF_8);
        final byte[] aad = new byte[MAGIC.length + name.length];
        System.arraycopy(MAGIC, 0, aad, 0, MAGIC.length);
        System.arraycopy(name, 0, aad, MAGIC.length, name.length);
        return aad;
    }

    private void writeAtomically(final Path file, final byte[] content) throws IOException {
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (posix) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(tmp);
        }
        Files.write(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
