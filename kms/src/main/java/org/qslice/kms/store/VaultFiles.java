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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Owner-only files written durably: data forced to disk before a rename, the directory forced after it.
 */
final class VaultFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY =
        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private VaultFiles() {
        // utility
    }

    static boolean posix(final Path path) {
        return path.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    static FileChannel createOwnerOnly(final Path file) throws IOException {
        final var options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return posix(file) ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
            : FileChannel.open(file, options);
    }

    /**
     * Replaces {@code file} with {@code content}: a reader sees the old or the new content, never a mix, and the
     * new content is on disk when this returns.
     */
    static void writeDurably(final Path file, final byte[] content) throws IOException {
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel out = createOwnerOnly(tmp)) {
            final ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(file.toAbsolutePath().getParent());
    }

    /**
     * Forces a directory's entries (a rename or a new file) to disk, where the platform allows it.
     */
    static void syncDirectory(final Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some file systems (and Windows) cannot open or force a directory; the rename itself is atomic there
            if (Files.isDirectory(directory) && !posix(directory)) {
                return;
            }
            throw e;
        }
    }
}
