/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.kms;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Key exchange of the ETSI GS QKD 014 key delivery server's TLS handshakes: TLS 1.3 with the hybrid post-quantum group
 * X25519MLKEM768 preferred, counted since the engine started.
 *
 * @param pqOnly only clients offering X25519MLKEM768 are accepted
 * @param offeredGroups groups a client can get, most preferred first
 * @param lastGroup group of the last completed handshake, if any
 * @param lastHandshake when it completed
 * @param handshakes completed handshakes per group name
 * @param failedHandshakes handshakes that did not complete (refused ones included)
 * @param refusedHandshakes handshakes the pq-only policy refused
 */
public record KeyDeliveryTls(boolean pqOnly, List<String> offeredGroups, @Nullable String lastGroup,
        @Nullable Instant lastHandshake, Map<String, Long> handshakes, long failedHandshakes,
        long refusedHandshakes) {
    /**
     * Copies the collections.
     *
     * @param pqOnly pq-only
     * @param offeredGroups offered groups
     * @param lastGroup last group
     * @param lastHandshake last handshake
     * @param handshakes per group
     * @param failedHandshakes failed
     * @param refusedHandshakes refused
     */
    public KeyDeliveryTls {
        offeredGroups = List.copyOf(offeredGroups);
        handshakes = Map.copyOf(requireNonNull(handshakes));
    }
}
