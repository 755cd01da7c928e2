/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import java.util.Locale;

/**
 * The swim lanes of an activation, in the order they run: the KMS registration of the encrypted channels, then the
 * paper's device sequence (switch, optical switch, encryptors, switch). Deactivation runs them backwards.
 */
public enum Lane {
    /**
     * Registration of each encrypted channel for key rotation with the KMS. First, so that the channels' first keys
     * are drawn while the switches are configured and the encryptor ports are written with them.
     */
    KEY_REFRESH,
    /** Ethernet switches at the a-end sites of the slice's connections. */
    INGRESS_SWITCH,
    /** Optical switches selecting the DWDM channels. */
    OPTICAL_SWITCH,
    /** Encryptor cards of the channels. */
    ENCRYPTOR,
    /** The remaining Ethernet switches (transit sites and z-end sites). */
    SWITCH;

    /**
     * Returns the name used in records.
     *
     * @return e.g. {@code optical-switch}
     */
    public String yangName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
