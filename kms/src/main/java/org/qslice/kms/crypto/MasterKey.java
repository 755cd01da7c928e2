/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
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
     * @param file the file
     * @param random randomness for a new key
     * @return the master key
     * @throws IOException if the file cannot be read or created, is not 32 Base64-encoded bytes, or is readable by
     *                     others than its owner
     */
    public static MasterKey loadOrCreate(final Path file, final SecureRandom random) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            final byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            final Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            final byte[] encoded = Base64.getEncoder().encode(fresh);
            try {
                if (isPosix(file)) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.createFile(file);
                }
                Files.write(file, encoded, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                return new MasterKey(fresh, true);
            } catch (FileAlreadyExistsException e) {
                // lost a race with another creator: read theirs
                Arrays.fill(fresh, (byte) 0);
            } finally {
                Arrays.fill(encoded, (byte) 0);
            }
        }
        if (isPosix(file)) {
            final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new IOException("master key file " + file + " has permissions "
                    + PosixFilePermissions.toString(permissions) + "; it must be readable by its owner only (0600)");
            }
        }
        final byte[] text = Files.readAllBytes(file);
        try {
            final byte[] decoded = Base64.getDecoder().decode(new String(text, StandardCharsets.US_ASCII).strip());
            if (decoded.length != 32) {
                Arrays.fill(decoded, (byte) 0);
                throw new IOException("master key file " + file + " does not hold 32 Base64-encoded bytes");
            }
            return new MasterKey(decoded, false);
        } catch (IllegalArgumentException e) {
            throw new IOException("master key file " + file + " is not Base64", e);
        } finally {
            Arrays.fill(text, (byte) 0);
        }
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
