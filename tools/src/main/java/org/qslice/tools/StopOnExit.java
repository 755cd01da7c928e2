/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import org.qslice.tools.testbed.Testbed;

/**
 * Stops what a command started (a controller, simulators) also when the command itself is stopped early: Ctrl-C,
 * SIGTERM, an error. The action runs in a JVM shutdown hook; it must be safe to run again after the command
 * stopped the thing itself (every stop here goes by PID and checks the process is still ours, so it is).
 */
final class StopOnExit {
    private StopOnExit() {
        // utility class
    }

    /**
     * A stop action.
     */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    /**
     * Registers a stop action.
     *
     * @param what what it stops, for the message if it fails
     * @param action the action
     */
    static void register(final String what, final Action action) {
        requireNonNull(what);
        requireNonNull(action);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> run(what, action), "qslice-stop-" + what));
    }

    /**
     * Registers stopping the simulated testbed whose state is in a directory (every simulator it started so far).
     *
     * @param dir the testbed's directory
     */
    static void testbed(final Path dir) {
        register("testbed " + dir.getFileName(), () -> Testbed.open(dir).ifPresent(
            Testbed::close));
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private static void run(final String what, final Action action) {
        try {
            action.run();
        } catch (Exception e) {
            Out.err("could not stop " + what + " at exit: " + e.getMessage());
        }
    }
}
