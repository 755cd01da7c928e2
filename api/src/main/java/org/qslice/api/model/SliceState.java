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
    FAILED,
    /** Active, and restoration is moving connections off a failed link, device or key supply. */
    RESTORING,
    /** Active, but a connection is down: a failure hit its path and no path at its security level was found. */
    DEGRADED;

    /**
     * Returns the YANG enum name, e.g. {@code reserved}.
     *
     * @return the name
     */
    public String yangName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return yangName();
    }
}
