/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.store;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A copy of the vault that outlives the member writing it: on a cluster, the replicated configuration datastore.
 * The engine writes to it <em>before</em> its local files: a vault commit (its new files and manifest) before the
 * local manifest, a delivery's journal record before the key leaves the KMS. The engine that takes the KMS over
 * restores its vault from here ({@link #takeOver()}), so a key delivered by a member that died is never delivered
 * again, and a key it held is not lost.
 *
 * <p>Only sealed bytes pass through here: the vault's files and journal records as the vault writes them, and the
 * PKI's files sealed by the engine. Writes are fenced: {@link #takeOver()} starts a new term, and a write of an
 * earlier term fails, so an engine that was replaced (on a frozen or cut-off member) cannot record a delivery and so
 * hands nothing out.
 *
 * <p>Implementations block until the copy holds the write (or it failed), within a bound of their own.
 */
public interface VaultReplica {
    /** The area of the vault's files ({@code vault/NAME}). */
    String VAULT = "vault/";
    /** The area of the PKI's files ({@code pki/NAME}). */
    String PKI = "pki/";

    /**
     * A journal record.
     *
     * @param segment its segment
     * @param seq its sequence number
     * @param sealed its sealed bytes, as in the segment file
     */
    record Record(long segment, long seq, byte[] sealed) {
    }

    /**
     * What the copy held when this engine took it over.
     *
     * @param term the new term, this engine's
     * @param files the files, by area and name ({@code vault/vault.kv})
     * @param records the journal records, by segment and sequence number
     */
    record Snapshot(long term, Map<String, byte[]> files, List<Record> records) {
        /**
         * Copies the collections.
         *
         * @param term the term
         * @param files the files
         * @param records the records
         */
        public Snapshot {
            files = Map.copyOf(files);
            records = List.copyOf(records);
        }

        /**
         * Whether the copy held nothing (a new cluster, or a KMS that never ran with replication).
         *
         * @return true if there was no file and no record
         */
        public boolean isEmpty() {
            return files.isEmpty() && records.isEmpty();
        }
    }

    /**
     * Takes the copy over: starts a new term (writes of earlier terms fail from now on) and reads what it holds.
     *
     * @return its content
     * @throws IOException if the copy cannot be read or the new term not committed
     */
    Snapshot takeOver() throws IOException;

    /**
     * Writes files and removes others, and forgets the journal segments before {@code firstSegment}, atomically.
     *
     * @param put files to write, by area and name
     * @param removed files to remove, by area and name
     * @param firstSegment the first journal segment still live (segments before it are removed)
     * @throws IOException if the write failed or this engine's term is over; nothing of it took effect then
     */
    void commit(Map<String, byte[]> put, Set<String> removed, long firstSegment) throws IOException;

    /**
     * Appends journal records.
     *
     * @param records the records, in order
     * @throws IOException if the write failed or this engine's term is over; nothing of it took effect then
     */
    void append(List<Record> records) throws IOException;
}
