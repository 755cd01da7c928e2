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
import org.junit.jupiter.api.TestReporter;
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
    /**
     * AAA's encryption service. When installing features changes the controller's model context, OpenDaylight
     * restarts its binding services; now and then (upstream race, seen with aaa 0.22.3 / controller 12.0.3 on 2
     * cores) the configurator of this bundle gets no initial data from its datastore listener and never re-enables
     * the service, and AAA, hence RESTCONF, stays down. Restarting this bundle recovers it.
     */
    private static final String AAA_ENCRYPTION_BUNDLE = "org.opendaylight.aaa.encrypt-service-impl";

    @Test
    void qsliceInstallsIntoARunningStockController(final TestReporter reporter) throws Exception {
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

            if (!answersWithin(stock, Duration.ofSeconds(90))) {
                // RESTCONF did not come back. Only the known upstream race is recovered, the way docs/install.md
                // tells an administrator to: anything else fails here with the controller's diagnostics.
                final String last = lastEncryptionServiceLine(home.resolve("data/log/karaf.log"));
                assertTrue(last.endsWith("Encryption Service disabled"), "RESTCONF did not come back after "
                    + "feature:install, and not because of the known AAA race (last AAA encryption line: '" + last
                    + "'); components not active:\n" + stock.console(Duration.ofMinutes(1),
                        "scr:list | grep -v ACTIVE", "bundle:list -s | grep -v Active"));
                reporter.publishEntry("upstream-aaa-race", "AAA's encryption service was not re-enabled after the "
                    + "model context changed; recovered with bundle:restart " + AAA_ENCRYPTION_BUNDLE);
                stock.console(CONSOLE, "bundle:restart " + AAA_ENCRYPTION_BUNDLE);
                stock.awaitReady(Duration.ofMinutes(2), () -> restconf.answers("qslice-info:get-info"));
            }
            final var info = restconf.rpc("qslice-info:get-info", null);
            assertEquals(200, info.status(), info.body());
            final String version = stock.console(CONSOLE, "qslice:version");
            assertTrue(version.contains("odl-qslice-all"), version);
        }
    }

    /**
     * Waits for qslice to answer over RESTCONF, without failing.
     */
    private static boolean answersWithin(final KarafInstance stock, final Duration timeout)
            throws InterruptedException {
        try {
            stock.awaitReady(timeout, () -> stock.restconf().answers("qslice-info:get-info"));
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * The last line of Karaf's log in which AAA's encryption-service configurator reports its state
     * ({@code Encryption Service enabled|disabled}), empty if none.
     */
    private static String lastEncryptionServiceLine(final Path karafLog) throws java.io.IOException {
        String last = "";
        for (String line : Files.readAllLines(karafLog)) {
            if (line.contains("| Encryption Service ")) {
                last = line.strip();
            }
        }
        return last;
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
