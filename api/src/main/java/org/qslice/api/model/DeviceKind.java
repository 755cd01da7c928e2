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
 * Kind of a network device qslice configures ({@code qslice-types:device-kind}).
 */
public enum DeviceKind {
    /** Ethernet switch of a site. */
    ETHERNET_SWITCH("ethernet-switch"),
    /** Optical switch selecting DWDM channels. */
    OPTICAL_SWITCH("optical-switch"),
    /** Encrypting transponder client card. */
    ENCRYPTOR("encryptor");

    private final String yangName;

    DeviceKind(final String yangName) {
        this.yangName = yangName;
    }

    /**
     * Returns the name used in YANG, JSON and on the console, e.g. {@code optical-switch}.
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
    public static DeviceKind parse(final String name) {
        requireNonNull(name, "device kind");
        final String lower = name.trim().toLowerCase(Locale.ROOT);
        for (DeviceKind value : values()) {
            if (value.yangName.equals(lower)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown device kind '" + name + "', expected one of "
            + Arrays.stream(values()).map(DeviceKind::yangName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return yangName;
    }
}
