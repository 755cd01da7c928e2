/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One key of a pool: its id, state, who has it and who may still fetch it, and its sealed material (null once
 * erased). Guarded by the pool's lock.
 */
final class PoolEntry {
    final UUID id;
    final Instant created;
    final boolean channelKey;
    final List<String> deliveredTo = new ArrayList<>(2);
    final Set<String> mayFetch = new LinkedHashSet<>(2);
    KeyState state;
    @Nullable Instant delivered;
    @Nullable Instant consumed;
    byte @Nullable [] sealed;

    PoolEntry(final UUID id, final Instant created, final boolean channelKey, final KeyState state,
            final byte @Nullable [] sealed) {
        this.id = id;
        this.created = created;
        this.channelKey = channelKey;
        this.state = state;
        this.sealed = sealed;
    }

    KeyInfo info() {
        return new KeyInfo(id, state, created, delivered, consumed, deliveredTo, channelKey);
    }

    void erase() {
        if (sealed != null) {
            Arrays.fill(sealed, (byte) 0);
            sealed = null;
        }
    }
}
