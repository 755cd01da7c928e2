/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.qslice.api.model.KeyExchange;

/**
 * Waits for a service call on the console thread, with a bound, and turns failures into one readable line.
 */
final class Await {
    /** Bound of one console call (activation of a large slice included). */
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    private Await() {
        // utility class
    }

    /**
     * Waits for a stage.
     *
     * @param <T> result type
     * @param stage the call
     * @return its result
     * @throws CommandFailure with the failure's message
     */
    static <T> T result(final CompletionStage<T> stage) throws CommandFailure {
        try {
            return stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            final Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new CommandFailure(cause.getMessage() != null ? cause.getMessage() : cause.toString(), cause);
        } catch (TimeoutException e) {
            throw new CommandFailure("no answer within " + TIMEOUT.toMinutes() + " minutes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted", e);
        }
    }

    /**
     * Reads a file given on the command line.
     *
     * @param file the path
     * @return its content
     * @throws CommandFailure if it cannot be read
     */
    static String file(final String file) throws CommandFailure {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a key-exchange method given on the command line.
     *
     * @param method e.g. {@code dh}
     * @return the method
     * @throws CommandFailure naming the accepted methods if it is unknown
     */
    static KeyExchange method(final String method) throws CommandFailure {
        try {
            return KeyExchange.parse(method);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
    }

    /**
     * A console command failure: Karaf prints its message as "Error executing command: ...".
     */
    static final class CommandFailure extends Exception {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        CommandFailure(final String message, final Throwable cause) {
            super(message, cause);
        }
    }
}
