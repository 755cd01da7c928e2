/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.etsi;

import static java.util.Objects.requireNonNull;

import java.util.UUID;
import org.qslice.kms.crypto.KeyMaterial;

/**
 * A key handed out over ETSI GS QKD 014: its key_ID and the material (shown nowhere but the JSON body).
 *
 * @param keyId key_ID
 * @param material the key
 */
public record DeliveredKey(UUID keyId, KeyMaterial material) {
    /**
     * Checks the components.
     *
     * @param keyId key id
     * @param material material
     */
    public DeliveredKey {
        requireNonNull(keyId);
        requireNonNull(material);
    }
}
