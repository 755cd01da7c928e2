/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KarafInstanceTest {
    @Test
    void setsCommentedAndMissingProperties() {
        assertEquals("a = 1\nsshPort = 9\n", KarafInstance.setProperty("a = 1\nsshPort = 8101\n", "sshPort", "9"));
        assertEquals("x = 1\n#y\nsshHost = 127.0.0.1\n",
            KarafInstance.setProperty("x = 1\n#y\n# sshHost = 0.0.0.0\n", "sshHost", "127.0.0.1"));
        assertEquals("x = 1\nz = 2\n", KarafInstance.setProperty("x = 1", "z", "2"));
    }

    @Test
    void portsFromEnvironmentNameTheBadVariable() {
        assertEquals(Ports.DEFAULTS, Ports.fromEnvironment(Map.of()));
        assertEquals(9181, Ports.fromEnvironment(Map.of("QSLICE_HTTP_PORT", "9181")).http());
        final var ex = assertThrows(IllegalArgumentException.class,
            () -> Ports.fromEnvironment(Map.of("QSLICE_SSH_PORT", "70000")));
        assertTrue(ex.getMessage().contains("QSLICE_SSH_PORT"), ex.getMessage());
    }

    @Test
    void freePortsAreDistinct() {
        final Ports ports = Ports.free();
        assertEquals(5, ports.toProperties().values().stream().distinct().count());
        assertEquals(ports, Ports.fromProperties(ports.toProperties()));
    }
}
