/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.source;

import static java.util.Objects.requireNonNull;

import java.util.UUID;
import org.qslice.kms.crypto.KeyMaterial;

/**
 * A fresh key: its id and its material. {@link #toString()} shows the id only.
 *
 * @param id key id (ETSI GS QKD 014 key_ID)
 * @param material the 32 key bytes
 */
public record GeneratedKey(UUID id, KeyMaterial material) {
    /**
     * Checks the components.
     *
     * @param id key id
     * @param material material
     */
    public GeneratedKey {
        requireNonNull(id);
        requireNonNull(material);
    }
}
