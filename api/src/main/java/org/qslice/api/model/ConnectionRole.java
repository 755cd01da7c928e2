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
 * Role of a slice connection ({@code qslice-slice:connection-role}).
 */
public enum ConnectionRole {
    /** Control-plane traffic, e.g. to the mobile core. */
    CONTROL_PLANE("control-plane"),
    /** User-plane traffic. */
    USER_PLANE("user-plane");

    private final String yangName;

    ConnectionRole(final String yangName) {
        this.yangName = yangName;
    }

    /**
     * Returns the name used in YANG, JSON and on the console, e.g. {@code user-plane}.
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
    public static ConnectionRole parse(final String name) {
        requireNonNull(name, "connection role");
        final String lower = name.trim().toLowerCase(Locale.ROOT);
        for (ConnectionRole value : values()) {
            if (value.yangName.equals(lower)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown connection role '" + name + "', expected one of "
            + Arrays.stream(values()).map(ConnectionRole::yangName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return yangName;
    }
}
