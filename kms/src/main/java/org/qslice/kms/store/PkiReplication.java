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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qslice.kms.crypto.MasterKey;
import org.qslice.kms.crypto.Sealer;

/**
 * The KMS's own PKI in the replica: its CA (certificate and key) and the ETSI GS QKD 014 server's key pair, sealed
 * under a key derived from the master key. The first engine with a replica puts its files there; every engine that
 * takes the KMS over later writes them into its PKI directory before opening it, so the server presents the same
 * certificate and the SAE certificates the CA issued stay valid whichever member serves.
 */
public final class PkiReplication {
    /** The files replicated; SAE certificates the KMS issued for itself are issued again where needed. */
    static final List<String> FILES = List.of("ca.crt", "ca.key", "server.crt", "server.key");

    private final Sealer sealer;

    /**
     * PKI replication under a master key.
     *
     * @param master the master key
     * @param random nonce source
     */
    public PkiReplication(final MasterKey master, final SecureRandom random) {
        final byte[] key = master.derive("qslice-kms replica pki v1");
        try {
            sealer = new Sealer(key, random);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Whether a replica's content holds a PKI.
     *
     * @param snapshot the content
     * @return true if it holds any PKI file
     */
    public static boolean holds(final VaultReplica.Snapshot snapshot) {
        return snapshot.files().keySet().stream().anyMatch(name -> name.startsWith(VaultReplica.PKI));
    }

    /**
     * Writes the replica's PKI files into a directory (owner-only, replacing what is there).
     *
     * @param snapshot the replica's content
     * @param directory the PKI directory
     * @throws IOException if a file does not decrypt (another master key) or cannot be written
     */
    public void restore(final VaultReplica.Snapshot snapshot, final Path directory) throws IOException {
        Files.createDirectories(directory);
        for (var file : snapshot.files().entrySet()) {
            if (!file.getKey().startsWith(VaultReplica.PKI)) {
                continue;
            }
            final String name = file.getKey().substring(VaultReplica.PKI.length());
            if (!FILES.contains(name)) {
                throw new VaultException("the replicated PKI holds an unexpected file " + file.getKey(), null);
            }
            final byte[] content;
            try {
                content = sealer.open(file.getValue(), aad(file.getKey()));
            } catch (GeneralSecurityException e) {
                throw new VaultException("the replicated KMS PKI does not decrypt with this member's master key:"
                    + " every member needs the same master key file", e);
            }
            try {
                VaultFiles.writeDurably(directory.resolve(name), content);
            } finally {
                Arrays.fill(content, (byte) 0);
            }
        }
    }

    /**
     * Puts a directory's PKI files into a replica.
     *
     * @param replica the replica
     * @param directory the PKI directory
     * @throws IOException if a file cannot be read or the replica not written
     */
    public void push(final VaultReplica replica, final Path directory) throws IOException {
        final Map<String, byte[]> put = new HashMap<>();
        for (String name : FILES) {
            final Path file = directory.resolve(name);
            if (Files.isRegularFile(file)) {
                final byte[] content = Files.readAllBytes(file);
                try {
                    put.put(VaultReplica.PKI + name, sealer.seal(content, aad(VaultReplica.PKI + name)));
                } finally {
                    Arrays.fill(content, (byte) 0);
                }
            }
        }
        replica.commit(put, Set.of(), 0);
    }

    private static byte[] aad(final String name) {
        return ("qslice-kms replica " + name).getBytes(StandardCharsets.UTF_8);
    }
}
