/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a key-exchange method still gives when methods are deprecated.
 */
class KeyExchangeTest {
    @Test
    void aDeprecatedMethodGivesNothingAndAHybridKeepsThePartLeft() {
        assertEquals(SecurityLevel.DH_AES, KeyExchange.DH.levelUnder(Set.of()));
        assertEquals(SecurityLevel.NONE, KeyExchange.DH.levelUnder(Set.of(KeyExchange.DH)));
        assertEquals(SecurityLevel.QRA_AES, KeyExchange.QRA.levelUnder(Set.of(KeyExchange.DH)));
        assertEquals(SecurityLevel.HYBRID_QKD_QRA_AES, KeyExchange.HYBRID_QKD_QRA.levelUnder(Set.of(KeyExchange.DH)));
        assertEquals(SecurityLevel.QKD_AES, KeyExchange.HYBRID_QKD_QRA.levelUnder(Set.of(KeyExchange.QRA)));
        assertEquals(SecurityLevel.QRA_AES, KeyExchange.HYBRID_QKD_QRA.levelUnder(Set.of(KeyExchange.QKD)));
        assertEquals(SecurityLevel.NONE, KeyExchange.HYBRID_QKD_QRA.levelUnder(Set.of(KeyExchange.QKD,
            KeyExchange.QRA)));
        assertEquals(SecurityLevel.NONE, KeyExchange.HYBRID_QKD_QRA.levelUnder(Set.of(KeyExchange.HYBRID_QKD_QRA)));
    }

    @Test
    void aLinkIsCappedNeverRaised() {
        final Link dh = new Link("a/b#ch2", "a", "b", 100_000, 100, SecurityLevel.DH_AES, KeyExchange.DH,
            java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
            java.util.Optional.empty(), java.util.Optional.empty());
        assertSame(dh, dh.withDeprecated(Set.of(KeyExchange.QRA)));
        final Link capped = dh.withDeprecated(Set.of(KeyExchange.DH));
        assertEquals(SecurityLevel.NONE, capped.security());
        assertEquals(KeyExchange.DH, capped.keyExchange(), "the devices keep their method");
    }
}
