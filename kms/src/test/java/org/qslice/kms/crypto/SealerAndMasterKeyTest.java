/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealerAndMasterKeyTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void sealsAndOpensWithTheSameKeyAndAad() throws GeneralSecurityException {
        final byte[] key = new byte[32];
        random.nextBytes(key);
        final var sealer = new Sealer(key, random);
        final byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        final byte[] aad = {1, 2, 3};
        final byte[] sealed = sealer.seal(secret, aad);
        assertEquals(1 + 12 + 32 + 16, sealed.length);
        assertEquals(Sealer.VERSION, sealed[0]);
        assertArrayEquals(secret, sealer.open(sealed, aad));
        assertThrows(GeneralSecurityException.class, () -> sealer.open(sealed, new byte[] {1, 2, 4}));
        sealed[20] ^= 1;
        assertThrows(GeneralSecurityException.class, () -> sealer.open(sealed, aad));
        final byte[] other = key.clone();
        other[0] ^= 1;
        final byte[] fresh = sealer.seal(secret, aad);
        assertThrows(GeneralSecurityException.class, () -> new Sealer(other, random).open(fresh, aad));
    }

    /**
     * RFC 8452 appendix C.2, the first AES-256-GCM-SIV vector (empty plaintext and associated data): the sealer is
     * AES-256-GCM-SIV, not another AEAD under the same name.
     */
    @Test
    void matchesTheRfc8452Vector() throws GeneralSecurityException {
        final byte[] key = new byte[32];
        key[0] = 1;
        final var fixedNonce = new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(final byte[] bytes) {
                java.util.Arrays.fill(bytes, (byte) 0);
                bytes[0] = 3;
            }
        };
        final byte[] sealed = new Sealer(key, fixedNonce).seal(new byte[0], new byte[0]);
        assertEquals("07f5f4169bbf55a8400cd47ea6fd400f",
            java.util.HexFormat.of().formatHex(sealed, 13, sealed.length));
        assertEquals(0, new Sealer(key, fixedNonce).open(sealed, new byte[0]).length);
    }

    @Test
    void masterKeyFileIsCreatedOwnerOnlyAndReloaded(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("etc/master.key");
        final MasterKey first = MasterKey.loadOrCreate(file, random);
        assertTrue(first.created());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        final MasterKey second = MasterKey.loadOrCreate(file, random);
        assertFalse(second.created());
        assertArrayEquals(first.derive("x"), second.derive("x"));
        assertFalse(java.util.Arrays.equals(first.derive("x"), first.derive("y")));
        assertEquals("MasterKey[destroyed=false]", first.toString());
    }

    @Test
    void masterKeyReadableByOthersIsRefused(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("master.key");
        MasterKey.loadOrCreate(file, random);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        final IOException error = assertThrows(IOException.class, () -> MasterKey.loadOrCreate(file, random));
        assertTrue(error.getMessage().contains("0600"), error.getMessage());
    }

    @Test
    void aNewMasterKeyIsWrittenWholeUnderItsNameAndNoTemporaryFileStays(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("master.key");
        MasterKey.loadOrCreate(file, random);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "only the key file is left");
        }
        assertEquals(44, Files.size(file), "32 bytes in Base64");
        assertEquals(1, Files.getAttribute(file, "unix:nlink"), "the temporary link is gone");
    }

    @Test
    void anEmptyMasterKeyFileLeftByACrashIsReplacedByANewKey(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("master.key");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        final MasterKey key = MasterKey.loadOrCreate(file, random);
        assertTrue(key.created(), "an empty file held no key: a new one is created");
        assertArrayEquals(key.derive("x"), MasterKey.loadOrCreate(file, random).derive("x"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aMasterKeyFileThatIsASymbolicLinkIsRefusedNotFollowed(@TempDir final Path dir) throws IOException {
        final Path real = dir.resolve("elsewhere.key");
        MasterKey.loadOrCreate(real, random);
        final Path link = Files.createSymbolicLink(dir.resolve("master.key"), real);
        final IOException error = assertThrows(IOException.class, () -> MasterKey.loadOrCreate(link, random));
        assertTrue(error.getMessage().contains("symbolic link"), error.getMessage());
        // a dangling link is not followed either: no key is created at its target
        final Path dangling = Files.createSymbolicLink(dir.resolve("dangling.key"), dir.resolve("absent.key"));
        assertThrows(IOException.class, () -> MasterKey.loadOrCreate(dangling, random));
        assertFalse(Files.exists(dir.resolve("absent.key")));
    }
}
