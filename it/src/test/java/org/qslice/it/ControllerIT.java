/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qslice.tools.http.Restconf;
import org.qslice.tools.karaf.KarafInstance;

/**
 * The Foundation checks: the distribution boots, every qslice bundle is active, RESTCONF and the console answer, and
 * authentication is intact.
 */
@ExtendWith(ControllerExtension.class)
class ControllerIT {
    private static final Duration CONSOLE = Duration.ofMinutes(2);
    private static final List<String> BUNDLES = List.of("org.qslice.yang-models", "org.qslice.api", "org.qslice.impl",
        "org.qslice.kms", "org.qslice.cli");

    @Test
    void everyQsliceBundleIsActive(final KarafInstance controller) throws Exception {
        final String out = controller.console(CONSOLE, "bundle:list -s -t 0");
        for (String bundle : BUNDLES) {
            final var line = out.lines().filter(l -> l.contains(" " + bundle + " ") || l.endsWith(" " + bundle))
                .findFirst();
            assertTrue(line.isPresent(), bundle + " not installed:\n" + out);
            assertTrue(line.orElseThrow().contains("Active"), bundle + " not active: " + line.orElseThrow());
        }
    }

    @Test
    void restconfAnswersGetInfo(final KarafInstance controller) throws Exception {
        final var response = controller.restconf().rpc("qslice-info:get-info", null);
        assertEquals(200, response.status(), response.body());
        final var output = response.json().getAsJsonObject("qslice-info:output");
        assertTrue(output.get("version").getAsString().startsWith("0.1.0"), response.body());
        assertEquals("none", output.getAsJsonArray("security-level").get(0).getAsJsonObject().get("name")
            .getAsString());
        assertEquals(5, output.getAsJsonArray("security-level").size());
    }

    @Test
    void wrongPasswordIsRefused(final KarafInstance controller) throws Exception {
        final URI root = controller.restconfUri();
        final var response = new Restconf(root, "admin", "not-the-password").rpc("qslice-info:get-info", null);
        assertEquals(401, response.status(), response.body());
    }

    @Test
    void consoleAnswersQsliceVersion(final KarafInstance controller) throws Exception {
        final String out = controller.console(CONSOLE, "qslice:version");
        assertTrue(out.contains("qslice 0.1.0"), out);
        for (String feature : List.of("odl-qslice-all", "odl-qslice-api", "odl-qslice-kms", "odl-qslice-cli",
                "odl-qslice-rest", "odl-qslice-ui")) {
            assertTrue(out.lines().anyMatch(line -> line.strip().startsWith(feature + " ")), feature + ":\n" + out);
        }
    }

    @Test
    void consoleRefusesAWrongPassword(final KarafInstance controller) throws Exception {
        final String out = controller.consoleAs(CONSOLE, "karaf", "wrong", "qslice:version");
        assertFalse(out.contains("installed qslice features"), out);
    }
}
