/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.mdsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.qslice.api.model.ConnectionRole;
import org.qslice.api.model.DeviceKind;
import org.qslice.api.model.KeyExchange;
import org.qslice.api.model.SecurityLevel;
import org.qslice.api.model.SiteRole;
import org.qslice.api.model.SliceState;

class YangEnumsTest {
    @Test
    void securityLevelsKeepNameAndRank() {
        for (SecurityLevel level : SecurityLevel.values()) {
            final var yang = YangEnums.toYang(level);
            assertEquals(level.yangName(), yang.getName());
            assertEquals(level.rank(), yang.getIntValue(), "YANG enum value must equal the rank of " + level);
            assertEquals(level, YangEnums.fromYang(yang));
        }
    }

    @Test
    void everyEnumRoundTripsThroughItsBinding() {
        for (SiteRole role : SiteRole.values()) {
            assertEquals(role.yangName(), YangEnums.toYang(role).getName());
            assertEquals(role, YangEnums.fromYang(YangEnums.toYang(role)));
        }
        for (DeviceKind kind : DeviceKind.values()) {
            assertEquals(kind.yangName(), YangEnums.toYang(kind).getName());
            assertEquals(kind, YangEnums.fromYang(YangEnums.toYang(kind)));
        }
        for (KeyExchange method : KeyExchange.values()) {
            assertEquals(method.yangName(), YangEnums.toYang(method).getName());
            assertEquals(method, YangEnums.fromYang(YangEnums.toYang(method)));
        }
        for (ConnectionRole role : ConnectionRole.values()) {
            assertEquals(role.yangName(), YangEnums.toYang(role).getName());
            assertEquals(role, YangEnums.fromYang(YangEnums.toYang(role)));
        }
        for (SliceState state : SliceState.values()) {
            assertEquals(state.yangName(), YangEnums.toYang(state).getName());
            assertEquals(state, YangEnums.fromYang(YangEnums.toYang(state)));
        }
    }

    @Test
    void nullBindingValuesAreNamed() {
        assertEquals("security level", assertThrows(NullPointerException.class,
            () -> YangEnums.fromYang((org.opendaylight.yang.gen.v1.urn.qslice.types.rev261126.SecurityLevel) null))
                .getMessage());
        assertEquals("connection role", assertThrows(NullPointerException.class,
            () -> YangEnums.fromYang((org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ConnectionRole) null))
                .getMessage());
    }
}
