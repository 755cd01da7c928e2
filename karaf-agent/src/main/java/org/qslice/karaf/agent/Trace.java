/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.karaf.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the agent says what it did, never on standard output or error (Karaf shows those in the user's console).
 *
 * <p>With {@code -Dqslice.karaf.agent.trace=<file>} every rewritten or skipped class is one line appended to that file
 * (useful to check a new Karaf or OpenDaylight release: Karaf resets {@code java.util.logging} while it starts, so
 * {@code FINE} records of the agent are usually lost there). Without it, records go to {@code java.util.logging} at
 * {@code FINE}.
 */
final class Trace {
    static final String PROPERTY = "qslice.karaf.agent.trace";

    private final Path file;

    Trace(final Path file) {
        this.file = file;
    }

    static Trace fromSystemProperties() {
        final String file = System.getProperty(PROPERTY);
        return new Trace(file == null || file.isBlank() ? null : Path.of(file));
    }

    void report(final String message) {
        report(message, null);
    }

    void report(final String message, final Throwable cause) {
        if (file != null) {
            append(cause == null ? message : message + ": " + cause);
            return;
        }
        final Logger logger = Holder.LOG;
        if (logger.isLoggable(Level.FINE)) {
            logger.log(Level.FINE, message, cause);
        }
    }

    private synchronized void append(final String line) {
        try {
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        } catch (IOException e) {
            // a trace that cannot be written is no reason to disturb class loading
        }
    }

    /**
     * Creates the logger on first use only: most JVMs never log anything from here.
     */
    private static final class Holder {
        static final Logger LOG = Logger.getLogger(KarafCompatTransformer.class.getName());

        private Holder() {
            // holder
        }
    }
}
