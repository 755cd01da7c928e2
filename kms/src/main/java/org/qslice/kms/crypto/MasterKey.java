/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import javax.security.auth.Destroyable;

/**
 * The KMS master key: 32 random bytes in a file (Base64, one line) readable by the owner only (0600), created on
 * first start. Sub-keys for each purpose are derived from it with HKDF-SHA-256, so the file key itself never
 * encrypts anything directly.
 */
public final class MasterKey implements Destroyable {
    private static final Set<PosixFilePermission> OWNER_ONLY =
        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final byte[] key;
    private final boolean created;
    private boolean destroyed;

    private MasterKey(final byte[] key, final boolean created) {
        this.key = key;
        this.created = created;
    }

    /**
     * Reads the master key file, or creates it (0600, parent directories as needed) when it does not exist.
     *
     * <p>A new key is written to a temporary file in the same directory (0600), forced to disk, then linked to its
     * name, so a crash leaves either no key file or a complete one, never an empty or partial one. An empty file
     * (left by a crash of an older qslice between creating and writing it) held no key, so nothing was ever sealed
     * under it: it is replaced by a new key. The file must be a regular file (not a symbolic link, which is never
     * followed), owned by the user running the KMS and readable by that owner only.
     *
     * @param file the file
     * @param random randomness for a new key
     * @return the master key
     * @throws IOException if the file cannot be read or created, is not 32 Base64-encoded bytes, is a symbolic link,
     *                     belongs to another user or is readable by others than its owner
     */
    public static MasterKey loadOrCreate(final Path file, final SecureRandom random) throws IOException {
        final boolean exists = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        if (!exists || isEmptyRegularFile(file)) {
            final MasterKey created = create(file, random, exists);
            if (created != null) {
                return created;
            }
        }
        check(file);
        final byte[] text = read(file);
        byte[] trimmed = null;
        try {
            trimmed = strip(text);
            final byte[] decoded = Base64.getDecoder().decode(trimmed);
            if (decoded.length != 32) {
                Arrays.fill(decoded, (byte) 0);
                throw new IOException("master key file " + file + " does not hold 32 Base64-encoded bytes");
            }
            return new MasterKey(decoded, false);
        } catch (IllegalArgumentException e) {
            throw new IOException("master key file " + file + " is not Base64", e);
        } finally {
            Arrays.fill(text, (byte) 0);
            if (trimmed != null) {
                Arrays.fill(trimmed, (byte) 0);
            }
        }
    }

    private static boolean isEmptyRegularFile(final Path file) throws IOException {
        final BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
        return attributes.isRegularFile() && attributes.size() == 0;
    }

    /**
     * Writes a new key durably under the name; null if another creator won the race (then read theirs).
     */
    private static MasterKey create(final Path file, final SecureRandom random, final boolean replaceEmpty)
            throws IOException {
        final Path absolute = file.toAbsolutePath();
        final Path parent = absolute.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        final byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        final byte[] encoded = Base64.getEncoder().encode(fresh);
        final Path temporary = absolute.resolveSibling(absolute.getFileName() + ".new-" + Long.toHexString(
            random.nextLong() & Long.MAX_VALUE));
        try {
            final var options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try (FileChannel channel = isPosix(absolute)
                    ? FileChannel.open(temporary, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : FileChannel.open(temporary, options)) {
                final ByteBuffer buffer = ByteBuffer.wrap(encoded);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (replaceEmpty) {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                try {
                    // a link never replaces: a concurrent creator's key stays, and this one is dropped
                    Files.createLink(absolute, temporary);
                } catch (FileAlreadyExistsException e) {
                    Arrays.fill(fresh, (byte) 0);
                    return null;
                } catch (UnsupportedOperationException | FileSystemException e) {
                    // a file system without hard links: a rename, atomic too
                    Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            forceDirectory(parent);
            return new MasterKey(fresh, true);
        } finally {
            Arrays.fill(encoded, (byte) 0);
            Files.deleteIfExists(temporary);
        }
    }

    private static void forceDirectory(final Path directory) {
        if (directory == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be opened and forced; the file itself is on disk
        }
    }

    private static void check(final Path file) throws IOException {
        final BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink() || !attributes.isRegularFile()) {
            throw new IOException("master key file " + file + " is " + (attributes.isSymbolicLink()
                ? "a symbolic link" : "not a regular file") + ": it must be a regular file (links are not followed)");
        }
        if (isPosix(file)) {
            final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file,
                LinkOption.NOFOLLOW_LINKS);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new IOException("master key file " + file + " has permissions "
                    + PosixFilePermissions.toString(permissions) + "; it must be readable by its owner only (0600)");
            }
            final UserPrincipal owner = Files.getOwner(file, LinkOption.NOFOLLOW_LINKS);
            final String user = System.getProperty("user.name");
            if (user != null && !owner.getName().equals(user)) {
                throw new IOException("master key file " + file + " belongs to " + owner.getName() + ", not to "
                    + user + " who runs the KMS");
            }
        }
    }

    private static byte[] read(final Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            final long size = channel.size();
            if (size > 1024) {
                throw new IOException("master key file " + file + " does not hold 32 Base64-encoded bytes");
            }
            final ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read it all
            }
            return buffer.array();
        }
    }

    /**
     * The bytes between leading and trailing ASCII white space, in a new array (never a String: it is key material).
     */
    private static byte[] strip(final byte[] text) {
        int from = 0;
        int to = text.length;
        while (from < to && text[from] <= ' ') {
            from++;
        }
        while (to > from && text[to - 1] <= ' ') {
            to--;
        }
        return Arrays.copyOfRange(text, from, to);
    }

    private static boolean isPosix(final Path file) {
        final Path absolute = file.toAbsolutePath();
        return absolute.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Whether {@link #loadOrCreate(Path, SecureRandom)} created the file.
     *
     * @return true on first start
     */
    public boolean created() {
        return created;
    }

    /**
     * Derives a 32-byte sub-key for one purpose.
     *
     * @param purpose label, e.g. {@code qslice-kms vault v1}
     * @return the sub-key; the caller zeroes it when done
     */
    public byte[] derive(final String purpose) {
        if (destroyed) {
            throw new IllegalStateException("master key was destroyed");
        }
        return Hkdf.derive(Hkdf.Hash.SHA256, new byte[0], key, Context.of("qslice-kms master", purpose), 32);
    }

    @Override
    public void destroy() {
        Arrays.fill(key, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "MasterKey[destroyed=" + destroyed + "]";
    }
}
