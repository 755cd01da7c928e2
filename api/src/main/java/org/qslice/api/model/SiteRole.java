/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Role of a site in the 5G transport network ({@code qslice-types:site-role}).
 */
public enum SiteRole {
    /** Cell site (radio access). */
    CELL("cell"),
    /** Aggregation site. */
    AGGREGATION("aggregation"),
    /** Metro site. */
    METRO("metro"),
    /** Core site (mobile core). */
    CORE("core");

    private final String yangName;

    SiteRole(final String yangName) {
        this.yangName = yangName;
    }

    /**
     * Returns the name used in YANG, JSON and on the console, e.g. {@code aggregation}.
     *
     * @return the YANG enum name
     */
    public String yangName() {
        return yangName;
    }

    /**
     * Parses a YANG name.
     *
     * @param name the name, case-insensitive
     * @return the value
     * @throws IllegalArgumentException naming the accepted values if {@code name} is unknown
     */
    public static SiteRole parse(final String name) {
        requireNonNull(name, "site role");
        final String lower = name.trim().toLowerCase(Locale.ROOT);
        for (SiteRole value : values()) {
            if (value.yangName.equals(lower)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown site role '" + name + "', expected one of "
            + Arrays.stream(values()).map(SiteRole::yangName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return yangName;
    }
}
