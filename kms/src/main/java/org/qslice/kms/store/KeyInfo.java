/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.jdt.annotation.Nullable;

/**
 * What may be shown of a key: id, state, timestamps, who fetched it. Never material.
 *
 * @param id key id
 * @param state state
 * @param created when it entered the pool
 * @param delivered when first handed out, if it was
 * @param consumed when consumed or discarded, if it was
 * @param deliveredTo SAEs that fetched it
 * @param channelKey drawn by the refresh scheduler
 */
public record KeyInfo(UUID id, KeyState state, Instant created, @Nullable Instant delivered,
        @Nullable Instant consumed, List<String> deliveredTo, boolean channelKey) {
    /**
     * Copies the list.
     *
     * @param id id
     * @param state state
     * @param created created
     * @param delivered delivered
     * @param consumed consumed
     * @param deliveredTo fetched by
     * @param channelKey channel key
     */
    public KeyInfo {
        requireNonNull(id);
        requireNonNull(state);
        requireNonNull(created);
        deliveredTo = List.copyOf(deliveredTo);
    }
}
