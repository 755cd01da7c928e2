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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.qslice.tools.ShippedArtifacts;
import org.qslice.tools.karaf.KarafInstance;
import org.qslice.tools.karaf.Ports;

/**
 * A stock OpenDaylight distribution of the same train (odl-mdsal-broker + odl-restconf-nb booted, no qslice) accepts
 * qslice's features repository at runtime: {@code feature:repo-add} + {@code feature:install odl-qslice-all}, after
 * which qslice answers over RESTCONF and on the console.
 */
class InstallIntoStockIT {
    private static final Duration CONSOLE = Duration.ofMinutes(5);

    @Test
    void qsliceInstallsIntoARunningStockController() throws Exception {
        final Path stockDist = Path.of(System.getProperty("qslice.stock.dist"));
        final Path home = Files.createTempDirectory(ControllerExtension.workDir(), "stock-");
        assertFalse(Files.exists(stockDist.resolve("system/org/qslice")),
            "the stock distribution must not carry qslice");
        try (KarafInstance stock = KarafInstance.create(stockDist, home, Ports.free(),
                ControllerExtension.javaHome())) {
            stock.start(Duration.ofSeconds(60));
            final var restconf = stock.restconf();
            stock.awaitReady(ControllerExtension.BOOT_TIMEOUT,
                () -> answersGet(restconf, "/operations"));
            assertNotEquals(200, restconf.rpc("qslice-info:get-info", null).status(),
                "qslice must not be there before installation");

            final int copied = ShippedArtifacts.copy(ControllerExtension.distribution().resolve("system"),
                home.resolve("system"));
            assertTrue(copied > 0, "nothing to ship");

            final String out = stock.console(CONSOLE,
                "feature:repo-add " + ShippedArtifacts.FEATURES_REPOSITORY,
                "feature:install odl-qslice-all",
                "feature:list -i");
            assertTrue(out.contains("odl-qslice-all"), out);

            stock.awaitReady(Duration.ofMinutes(3), () -> restconf.answers("qslice-info:get-info"));
            final var info = restconf.rpc("qslice-info:get-info", null);
            assertEquals(200, info.status(), info.body());
            final String version = stock.console(CONSOLE, "qslice:version");
            assertTrue(version.contains("odl-qslice-all"), version);
        }
    }

    private static boolean answersGet(final org.qslice.tools.http.Restconf restconf, final String path) {
        try {
            return restconf.send("GET", path, null).status() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
