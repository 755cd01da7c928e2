/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Encryptor cards at both ends of a link.
 *
 * @param cardModel encryptor card model, if known
 * @param encrypting whether the cards encrypt ({@code false}: pass-through cards, they still add latency)
 * @param latencyUs latency the cards add to the link, microseconds
 * @param deviceA encryptor device (site device name) at the link's a-end
 * @param deviceB encryptor device (site device name) at the link's b-end
 */
public record Encryptor(Optional<String> cardModel, boolean encrypting, long latencyUs, Optional<String> deviceA,
        Optional<String> deviceB) {
    /** Latency of the testbed's encryptor cards, the YANG default. */
    public static final long DEFAULT_LATENCY_US = 15;

    /**
     * Checks the arguments.
     */
    public Encryptor {
        requireNonNull(cardModel, "card model");
        Checks.nonNegative(latencyUs, "encryptor latency-us");
        requireNonNull(deviceA, "device A");
        requireNonNull(deviceB, "device B");
    }
}
