/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.slice;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Something that happened to a slice because of a failure: the YANG {@code slice-event} notification.
 *
 * @param sliceId the slice
 * @param kind what happened
 * @param linkId the failed (or recovered) link, if one
 * @param detail what, naming the connections, links and level
 * @param at when
 */
public record SliceEvent(String sliceId, Kind kind, Optional<String> linkId, String detail, Instant at) {
    /**
     * What happened.
     */
    public enum Kind {
        /** A failure hit a connection's path. */
        FAILURE,
        /** Connections were moved to new paths. */
        RESTORED,
        /** A connection is down: no path at its level. */
        DEGRADED,
        /** A connection moved back to its original path. */
        REVERTED,
        /** The failures of the slice cleared. */
        CLEARED,
        /** A link of the slice switched its channel to another key-exchange method in place. */
        KEY_EXCHANGE_CHANGED;

        /**
         * Returns the YANG name.
         *
         * @return e.g. {@code restored}
         */
        public String yangName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * Checks for nulls.
     */
    public SliceEvent {
        requireNonNull(sliceId);
        requireNonNull(kind);
        requireNonNull(linkId);
        requireNonNull(detail);
        requireNonNull(at);
    }

    @Override
    public String toString() {
        return at + " " + kind.yangName() + ": " + detail;
    }
}
