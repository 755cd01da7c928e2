/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.qslice.tools.karaf.KarafInstance;
import org.qslice.tools.slice.SliceClient;
import org.qslice.tools.testbed.Testbed;

/**
 * Kills a controller under test with SIGKILL at a chosen point and restarts it. The kill lands deterministically:
 * the controller's test-only pause point (its control file names the point, e.g. {@code activate 3 after-edit})
 * stops it there and writes a marker this waits for.
 */
final class ControllerKills {
    /** How long a restarted controller may take to recover a slice. */
    static final Duration RECOVER = Duration.ofMinutes(3);

    private static final Duration REACH = Duration.ofSeconds(60);

    /** A call to the controller that the kill interrupts. */
    @FunctionalInterface
    interface Call {
        /**
         * Makes the call.
         *
         * @return anything
         * @throws IOException if the connection breaks
         * @throws InterruptedException if interrupted
         */
        Object call() throws IOException, InterruptedException;
    }

    private ControllerKills() {
        // utility class
    }

    /**
     * Starts the call, waits until the controller paused at the point, and kills it there.
     *
     * @param controller the controller
     * @param point the pause point
     * @param call the call that reaches it
     */
    static void killAt(final KarafInstance controller, final String point, final Call call) throws Exception {
        pause(controller, point);
        // the call never answers: the controller dies under it
        Thread.ofPlatform().daemon().name("kill-at-call").start(() -> {
            try {
                call.call();
            } catch (IOException | InterruptedException e) {
                // the connection breaks when the controller is killed
            }
        });
        awaitReached(controller, point);
        kill(controller);
        Files.delete(ControllerExtension.pauseFile(controller.home()));
    }

    /**
     * Arms the pause point.
     *
     * @param controller the controller
     * @param point the point
     */
    static void pause(final KarafInstance controller, final String point) throws IOException {
        final Path control = ControllerExtension.pauseFile(controller.home());
        Files.deleteIfExists(reached(control));
        Files.writeString(control, point + "\n", StandardCharsets.UTF_8);
    }

    private static Path reached(final Path control) {
        return control.resolveSibling(control.getFileName() + ".reached");
    }

    /**
     * Waits until the controller paused at the point.
     *
     * @param controller the controller
     * @param point the point
     */
    static void awaitReached(final KarafInstance controller, final String point) throws Exception {
        final Path marker = reached(ControllerExtension.pauseFile(controller.home()));
        final long deadline = System.nanoTime() + REACH.toNanos();
        while (!(Files.exists(marker) && Files.readString(marker, StandardCharsets.UTF_8).trim().equals(point))) {
            if (System.nanoTime() > deadline || !controller.isRunning()) {
                throw new AssertionError("the controller did not reach " + point + " within " + REACH
                    + (controller.isRunning() ? "" : " (it is not running)") + "\n"
                    + String.join("\n", controller.logTail(40)));
            }
            Thread.sleep(50);
        }
    }

    /**
     * SIGKILL by PID, then waits until the process is gone.
     *
     * @param controller the controller
     */
    static void kill(final KarafInstance controller) throws Exception {
        final ProcessHandle process = controller.process().orElseThrow(() -> new AssertionError("no controller"));
        assertTrue(process.destroyForcibly(), "SIGKILL " + process.pid());
        process.onExit().get(60, TimeUnit.SECONDS);
    }

    /**
     * Starts the controller and waits until it serves RESTCONF.
     *
     * @param controller the controller
     */
    static void startAndAwait(final KarafInstance controller) throws Exception {
        controller.start(Duration.ofSeconds(60));
        final var restconf = controller.restconf();
        controller.awaitReady(ControllerExtension.BOOT_TIMEOUT, () -> restconf.answers("qslice-info:get-info"));
    }

    /**
     * Starts the controller and waits until it serves RESTCONF and every testbed device is connected.
     *
     * @param controller the controller
     * @param testbed the testbed
     */
    static void restart(final KarafInstance controller, final Testbed testbed) throws Exception {
        startAndAwait(controller);
        testbed.awaitConnected(controller.restconf(), Duration.ofMinutes(2));
    }

    /**
     * Waits until a slice is in a state.
     *
     * @param slices the client
     * @param slice the slice id
     * @param state the state
     * @return the slice's status in that state
     */
    static JsonObject awaitState(final SliceClient slices, final String slice, final String state) throws Exception {
        final long deadline = System.nanoTime() + RECOVER.toNanos();
        JsonObject status = null;
        while (System.nanoTime() < deadline) {
            status = slices.slice(slice).map(found -> found.getAsJsonObject("status")).orElse(null);
            if (status != null && state.equals(status.get("state").getAsString())) {
                return status;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("slice " + slice + " not " + state + " within " + RECOVER + ": " + status);
    }
}
