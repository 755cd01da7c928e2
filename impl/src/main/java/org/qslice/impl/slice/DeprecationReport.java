/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.slice;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;
import org.qslice.api.model.KeyExchange;

/**
 * What a network-wide deprecation of key-exchange methods did to the slices: the connections whose path no longer met
 * their minimum level, those moved (make-before-break, like a restoration) and those that could not move, with why.
 *
 * @param deprecated the methods deprecated now
 * @param moved the connections moved
 * @param notMoved the connections still below their minimum, with the reason
 */
public record DeprecationReport(Set<KeyExchange> deprecated, List<Moved> moved, List<NotMoved> notMoved) {
    /**
     * Copies the collections.
     */
    public DeprecationReport {
        deprecated = Set.copyOf(deprecated);
        moved = List.copyOf(moved);
        notMoved = List.copyOf(notMoved);
    }

    /**
     * A connection moved off the links that no longer meet its level.
     *
     * @param sliceId the slice
     * @param connection the connection
     * @param from its links before
     * @param to its links now
     */
    public record Moved(String sliceId, String connection, List<String> from, List<String> to) {
        /**
         * Copies the lists.
         */
        public Moved {
            requireNonNull(sliceId);
            requireNonNull(connection);
            from = List.copyOf(from);
            to = List.copyOf(to);
        }
    }

    /**
     * A connection that still runs (or, reserved, would run) below its minimum level.
     *
     * @param sliceId the slice
     * @param connection the connection
     * @param reason why it did not move
     */
    public record NotMoved(String sliceId, String connection, String reason) {
        /**
         * Checks for nulls.
         */
        public NotMoved {
            requireNonNull(sliceId);
            requireNonNull(connection);
            requireNonNull(reason);
        }
    }
}
