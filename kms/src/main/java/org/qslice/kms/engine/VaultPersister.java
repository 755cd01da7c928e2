/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.store.DeliveryJournal;
import org.qslice.kms.store.KeyPool;
import org.qslice.kms.store.VaultStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the pools and the channels' state to the vault and owns the delivery journal. A commit rolls the journal to
 * a new segment first, so that the pools serialized after the roll include every delivery of the older segments,
 * which the commit then retires. A pool delivers only once a commit holds it ({@link KeyPool#attach}). Commits are
 * serialized; any thread may ask for one.
 */
final class VaultPersister implements AutoCloseable, KmsBackend.Durability {
    private static final Logger LOG = LoggerFactory.getLogger(VaultPersister.class);

    private final VaultStore vault;
    private final DeliveryJournal journal;
    private final Map<PoolId, Long> committed = new HashMap<>();
    private long committedChannels = -1;

    VaultPersister(final VaultStore vault, final DeliveryJournal journal) {
        this.vault = requireNonNull(vault);
        this.journal = requireNonNull(journal);
    }

    /**
     * Lets a pool restored from the vault deliver: the vault already holds it.
     *
     * @param pool the pool
     */
    void attachRestored(final KeyPool pool) {
        pool.attach(journal::append);
    }

    @Override
    public void sync() throws IOException {
        journal.sync();
    }

    /**
     * Commits the vault if anything changed (always if {@code all} or {@code clean}).
     *
     * @param pools every pool
     * @param channels the channels
     * @param all write every pool and the channels, changed or not
     * @param clean this is the last commit before a clean stop
     * @return whether the vault now holds the state (false after a failed write: the previous epoch stays committed)
     */
    synchronized boolean commit(final Collection<KeyPool> pools, final ChannelRotator channels, final boolean all,
            final boolean clean) {
        final List<KeyPool> current = List.copyOf(pools);
        final long channelsVersion = channels.version();
        final boolean channelsChanged = all || channelsVersion != committedChannels;
        final boolean poolsChanged = committed.size() != current.size()
            || current.stream().anyMatch(pool -> !pool.attached()
                || !Long.valueOf(pool.version()).equals(committed.get(pool.id())));
        if (!all && !clean && !channelsChanged && !poolsChanged) {
            return true;
        }
        final long firstSegment;
        try {
            firstSegment = journal.roll();
        } catch (IOException e) {
            LOG.warn("cannot start a new KMS journal segment; vault epoch {} stays the committed state",
                vault.epoch(), e);
            return false;
        }
        final var changed = new HashMap<PoolId, byte[]>();
        final var versions = new HashMap<PoolId, Long>();
        final var live = new HashSet<PoolId>();
        for (KeyPool pool : current) {
            live.add(pool.id());
            final long version = pool.version();
            if (all || !Long.valueOf(version).equals(committed.get(pool.id()))) {
                changed.put(pool.id(), pool.serialize());
                versions.put(pool.id(), version);
            }
        }
        final byte[] channelBytes = channelsChanged ? serialize(channels.saved()) : null;
        try {
            vault.commit(changed, live, channelBytes, firstSegment, clean);
        } catch (IOException e) {
            LOG.warn("cannot commit the KMS vault; epoch {} stays the committed state and deliveries go on through"
                + " the journal", vault.epoch(), e);
            return false;
        }
        committed.keySet().retainAll(live);
        committed.putAll(versions);
        if (channelsChanged) {
            committedChannels = channelsVersion;
        }
        current.stream().filter(pool -> !pool.attached()).forEach(pool -> pool.attach(journal::append));
        return true;
    }

    /**
     * Returns the committed epoch.
     *
     * @return the epoch
     */
    synchronized long epoch() {
        return vault.epoch();
    }

    @Override
    public void close() {
        try {
            journal.close();
        } catch (IOException e) {
            LOG.warn("cannot close the KMS journal", e);
        }
    }

    private static byte[] serialize(final List<ChannelState.Saved> states) {
        final var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeInt(states.size());
            for (ChannelState.Saved saved : states) {
                saved.write(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("in-memory serialization failed", e);
        }
        return bytes.toByteArray();
    }
}
