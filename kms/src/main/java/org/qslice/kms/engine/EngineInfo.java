/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.eclipse.jdt.annotation.Nullable;

/**
 * What the engine reports about itself.
 *
 * @param state state
 * @param started when it started
 * @param etsi014Url key delivery base URL, when running
 * @param qkdKmeUrl KME the QKD source uses, when running
 * @param pkiDirectory certificate directory
 * @param cleanStart the previous stop was clean
 * @param lastError why it failed
 */
public record EngineInfo(EngineState state, @Nullable Instant started, @Nullable String etsi014Url,
        @Nullable String qkdKmeUrl, @Nullable String pkiDirectory, boolean cleanStart, @Nullable String lastError) {
    /**
     * Checks the state.
     *
     * @param state state
     * @param started started
     * @param etsi014Url url
     * @param qkdKmeUrl kme url
     * @param pkiDirectory pki
     * @param cleanStart clean
     * @param lastError error
     */
    public EngineInfo {
        requireNonNull(state);
    }
}
