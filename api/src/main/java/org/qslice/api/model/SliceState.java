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
 * Lifecycle state of a slice.
 */
public enum SliceState {
    /** Computed, nothing reserved. */
    PLANNED,
    /** Paths and resources reserved; devices not configured. */
    RESERVED,
    /** Devices being configured. */
    PROVISIONING,
    /** Devices configured. */
    ACTIVE,
    /** Device configuration being removed. */
    DEPROVISIONING,
    /** The last activation or deactivation failed. */
    FAILED;

    /**
     * Returns the YANG enum name, e.g. {@code reserved}.
     *
     * @return the name
     */
    public String yangName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Converts from the generated binding.
     *
     * @param state the binding value
     * @return the domain value
     */
    public static SliceState fromYang(
            final org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.SliceState state) {
        return valueOf(state.getName().toUpperCase(Locale.ROOT));
    }

    /**
     * Converts to the generated binding.
     *
     * @return the binding value
     */
    public org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.SliceState toYang() {
        return org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.SliceState.ofName(yangName());
    }

    @Override
    public String toString() {
        return yangName();
    }
}
