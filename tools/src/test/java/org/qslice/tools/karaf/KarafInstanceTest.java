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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertEquals(6, ports.toProperties().values().stream().distinct().count());
        assertEquals(ports, Ports.fromProperties(ports.toProperties()));
    }

    @Test
    void portsStoredBeforeTheKmsPortExistedReadWithItsDefault() {
        final Properties old = Ports.free().toProperties();
        old.remove("kms");
        assertEquals(Ports.DEFAULTS.kms(), Ports.fromProperties(old).kms());
    }

    @Test
    void createPutsEveryPortOnLoopbackIncludingTheKmsOne(@TempDir final Path dir) throws IOException {
        final Path assembly = dir.resolve("assembly");
        write(assembly.resolve("bin/karaf"), "#!/bin/sh\n");
        write(assembly.resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port = 8181\n");
        write(assembly.resolve("etc/jetty.xml"), "<Property name=\"jetty.port\" default=\"8181\"/>\n"
            + "<Property name=\"jetty.host\" default=\"0.0.0.0\"/>\n");
        write(assembly.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort = 8101\nsshHost = 0.0.0.0\n");
        write(assembly.resolve("etc/org.apache.karaf.management.cfg"), "rmiRegistryPort = 1099\n");
        write(assembly.resolve("configuration/initial/pekko.conf"),
            "canonical.port = 2550\nseed-nodes = [\"pekko://opendaylight-cluster-data@127.0.0.1:2550\"]\n");
        final Ports ports = Ports.free();

        // a stock controller has no KMS configuration: it is created
        final Path home = dir.resolve("home");
        KarafInstance.create(assembly, home, ports, dir);
        final String kms = Files.readString(home.resolve("etc/org.qslice.kms.cfg"));
        assertTrue(kms.contains("etsi014Port = " + ports.kms() + "\n"), kms);
        assertTrue(kms.contains("etsi014Host = 127.0.0.1\n"), kms);
        assertTrue(Files.readString(home.resolve("etc/org.apache.karaf.shell.cfg"))
            .contains("sshPort = " + ports.ssh()));
        assertTrue(Files.readString(home.resolve("etc/jetty.xml")).contains("default=\"" + ports.http() + "\""));
        assertTrue(Files.readString(home.resolve("configuration/initial/pekko.conf"))
            .contains("127.0.0.1:" + ports.pekko()));

        // reconfiguring keeps the operator's other KMS settings and changes only the port
        Files.writeString(home.resolve("etc/org.qslice.kms.cfg"), kms + "refreshInterval = 5\n");
        final Ports other = Ports.free();
        assertEquals(other, KarafInstance.create(assembly, home, other, dir).ports());
        final String again = Files.readString(home.resolve("etc/org.qslice.kms.cfg"));
        assertTrue(again.contains("etsi014Port = " + other.kms() + "\n"), again);
        assertTrue(again.contains("refreshInterval = 5\n"), again);
        assertEquals(1, again.split("etsi014Port", -1).length - 1, again);
    }

    private static void write(final Path file, final String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
