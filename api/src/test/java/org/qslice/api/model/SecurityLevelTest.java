/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecurityLevelTest {
    @Test
    void orderFollowsThePaper() {
        assertTrue(SecurityLevel.QKD_AES.satisfies(SecurityLevel.QRA_AES));
        assertTrue(SecurityLevel.QRA_AES.satisfies(SecurityLevel.DH_AES));
        assertTrue(SecurityLevel.DH_AES.satisfies(SecurityLevel.NONE));
        assertTrue(SecurityLevel.HYBRID_QKD_QRA_AES.satisfies(SecurityLevel.QKD_AES));
        assertFalse(SecurityLevel.QRA_AES.satisfies(SecurityLevel.QKD_AES));
        assertFalse(SecurityLevel.NONE.satisfies(SecurityLevel.DH_AES));
        assertTrue(SecurityLevel.DH_AES.satisfies(SecurityLevel.DH_AES));
    }

    @Test
    void yangNameRoundTripKeepsEveryLevel() {
        for (SecurityLevel level : SecurityLevel.values()) {
            assertEquals(level, SecurityLevel.parse(level.yangName()));
        }
    }

    @Test
    void unknownNameNamesTheAcceptedValues() {
        final var ex = assertThrows(IllegalArgumentException.class, () -> SecurityLevel.parse("quantum"));
        assertTrue(ex.getMessage().contains("'quantum'"), ex.getMessage());
        assertTrue(ex.getMessage().contains("qkd-aes"), ex.getMessage());
        assertEquals(SecurityLevel.QRA_AES, SecurityLevel.parse(" QRA-AES "));
    }
}
