/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.store;

import java.io.IOException;

/**
 * Test-only fault injection: called before each write of the vault and the journal, it may throw as a full disk or
 * an I/O error would. Production uses {@link #NONE}.
 */
@FunctionalInterface
public interface VaultFaults {
    /** No faults. */
    VaultFaults NONE = write -> { };

    /**
     * The writes of the vault.
     */
    enum Write {
        /** A pool file. */
        POOL,
        /** The channels file. */
        CHANNELS,
        /** The manifest ({@code vault.kv}). */
        MANIFEST,
        /** The epoch anchor next to the master key. */
        ANCHOR,
        /** A journal record. */
        JOURNAL_APPEND,
        /** Forcing the journal to disk. */
        JOURNAL_SYNC,
        /** Starting a journal segment. */
        JOURNAL_ROLL
    }

    /**
     * Called before a write.
     *
     * @param write which write
     * @throws IOException to make it fail
     */
    void before(Write write) throws IOException;
}
