/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.qslice.info.rev261126.GetInfoInputBuilder;
import org.qslice.api.QsliceInfo;

class QsliceInfoProviderTest {
    @Test
    void getInfoListsLevelsWeakestFirst() throws Exception {
        final QsliceInfo info = () -> "1.2.3";
        final var result = new QsliceInfoProvider.GetInfoImpl(info).invoke(new GetInfoInputBuilder().build()).get();
        assertTrue(result.isSuccessful());
        final var output = result.getResult();
        assertEquals("1.2.3", output.getVersion());
        final List<String> names = output.nonnullSecurityLevel().stream()
            .map(level -> level.getName().getName()).toList();
        assertEquals(List.of("none", "dh-aes", "qra-aes", "qkd-aes", "hybrid-qkd-qra-aes"), names);
    }
}
