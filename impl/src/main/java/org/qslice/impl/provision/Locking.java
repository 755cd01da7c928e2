/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How device work is serialized: the only thing a mode decides is the set of locks an operation on some devices
 * takes in the {@link DeviceLockTable}. Everything else (the slice manager's one queue, the engine, the journal) is
 * the same in both modes.
 */
public enum Locking {
    /**
     * One network lock (the paper: "the network configuration is locked by the orchestrator which only allows one
     * change at a time"): device work of two slices never overlaps, whatever devices they use.
     */
    GLOBAL,
    /** The lock of each device the operation touches: slices on disjoint devices are configured in parallel. */
    PER_DEVICE;

    /**
     * The name of the one lock of {@link #GLOBAL}; it is not a NETCONF node id (those have no spaces).
     */
    public static final String NETWORK = "the network";

    /**
     * Returns the locks an operation on these devices takes.
     *
     * @param devices the NETCONF node ids the operation touches
     * @return the lock names
     */
    public Set<String> lockSet(final Set<String> devices) {
        return switch (this) {
            case GLOBAL -> Set.of(NETWORK);
            case PER_DEVICE -> Set.copyOf(devices);
        };
    }

    /**
     * Returns the configuration value.
     *
     * @return {@code global} or {@code per-device}
     */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a configuration value ({@code global}, {@code per-device}; case and {@code _} for {@code -} do not
     * matter; empty means global).
     *
     * @param value the value
     * @return the mode, empty if the value names none
     */
    public static Optional<Locking> parse(final String value) {
        final String mode = value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (mode) {
            case "", "global" -> Optional.of(GLOBAL);
            case "per-device" -> Optional.of(PER_DEVICE);
            default -> Optional.empty();
        };
    }
}
