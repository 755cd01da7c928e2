/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import java.util.Locale;

/**
 * What a connection asks for when a link, device or key supply of its path fails.
 *
 * @param restorable whether the controller reroutes the connection (YANG {@code resiliency restorable}) or leaves it
 *                   down until the failure clears ({@code unprotected}); either way never below its minimum security
 *                   level
 * @param holdOffMs how long a failure must last before the connection is rerouted, milliseconds (a failure that
 *                  clears within it changes nothing)
 * @param revertive whether a rerouted connection moves back to its original path once the failure clears
 */
public record Resiliency(boolean restorable, long holdOffMs, boolean revertive) {
    /** The YANG default: restorable, no hold-off, not revertive. */
    public static final Resiliency DEFAULT = new Resiliency(true, 0, false);

    /**
     * Checks the hold-off.
     */
    public Resiliency {
        Checks.nonNegative(holdOffMs, "hold-off-ms");
    }

    /**
     * Returns the YANG name of the resiliency.
     *
     * @return {@code restorable} or {@code unprotected}
     */
    public String yangName() {
        return restorable ? "restorable" : "unprotected";
    }

    /**
     * Parses the YANG name of a resiliency.
     *
     * @param name {@code restorable} or {@code unprotected}
     * @return true for restorable
     * @throws IllegalArgumentException for any other name
     */
    public static boolean parseRestorable(final String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "restorable" -> true;
            case "unprotected" -> false;
            default -> throw new IllegalArgumentException("unknown resiliency '" + name
                + "', expected restorable or unprotected");
        };
    }
}
