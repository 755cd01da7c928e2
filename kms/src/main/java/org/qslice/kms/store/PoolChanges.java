/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.eclipse.jdt.annotation.Nullable;

/**
 * What changed in a pool since the last report (the datastore mirror's delta), and the version counter the vault
 * commits compare. Guarded by the pool's lock.
 */
final class PoolChanges {
    private final LinkedHashMap<UUID, @Nullable KeyInfo> managed = new LinkedHashMap<>();
    private final LinkedHashMap<UUID, Boolean> retired = new LinkedHashMap<>();
    private boolean fullResync = true;
    private boolean dirty = true;
    private long version = 1;

    /** Something changed. */
    void touch() {
        dirty = true;
        version++;
    }

    /** A key that exists (available or delivered) is new or changed. */
    void managed(final PoolEntry entry) {
        managed.put(entry.id, entry.info());
    }

    /** A key left the managed keys; {@code inHistory} whether it entered the retired-key history. */
    void left(final UUID id) {
        managed.put(id, null);
    }

    /** A key entered ({@code true}) or left ({@code false}) the retired-key history. */
    void history(final UUID id, final boolean present) {
        retired.put(id, present);
    }

    void requestFullResync() {
        fullResync = true;
        dirty = true;
    }

    boolean dirty() {
        return dirty;
    }

    long version() {
        return version;
    }

    /** The changes since the last call (everything after a full resync request), then resets the tracking. */
    PoolDelta delta(final PoolSnapshot snapshot, final Collection<PoolEntry> available,
            final Collection<PoolEntry> pending, final Collection<PoolEntry> history) {
        final PoolDelta delta;
        if (fullResync) {
            final var all = new ArrayList<KeyInfo>(available.size() + pending.size());
            available.forEach(entry -> all.add(entry.info()));
            pending.forEach(entry -> all.add(entry.info()));
            delta = new PoolDelta(snapshot, true, all, List.of(), history.stream().map(PoolEntry::info).toList(),
                List.of());
        } else {
            final var upserts = new ArrayList<KeyInfo>();
            final var deletes = new ArrayList<UUID>();
            managed.forEach((key, info) -> {
                if (info != null) {
                    upserts.add(info);
                } else {
                    deletes.add(key);
                }
            });
            final var retiredUpserts = new ArrayList<KeyInfo>();
            final var retiredDeletes = new ArrayList<UUID>();
            final var inHistory = new LinkedHashMap<UUID, PoolEntry>();
            history.forEach(entry -> inHistory.put(entry.id, entry));
            retired.forEach((key, present) -> {
                final PoolEntry entry = inHistory.get(key);
                if (present && entry != null) {
                    retiredUpserts.add(entry.info());
                } else if (entry == null) {
                    retiredDeletes.add(key);
                }
            });
            delta = new PoolDelta(snapshot, false, upserts, deletes, retiredUpserts, retiredDeletes);
        }
        managed.clear();
        retired.clear();
        fullResync = false;
        dirty = false;
        return delta;
    }
}
