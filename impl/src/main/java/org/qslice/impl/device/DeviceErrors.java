/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Turns device failures into messages and classifies them.
 */
public final class DeviceErrors {
    private DeviceErrors() {
        // utility class
    }

    /**
     * Describes a failure for an error message: the innermost meaningful message of the cause chain.
     *
     * @param failure the failure
     * @return the text
     */
    public static String describe(final Throwable failure) {
        Throwable current = unwrap(failure);
        if (current instanceof DeviceException) {
            return current.getMessage();
        }
        final var text = new StringBuilder();
        while (current != null) {
            final String message = current.getMessage();
            if (message != null && !message.isBlank() && text.indexOf(message) < 0) {
                if (!text.isEmpty()) {
                    text.append(": ");
                }
                text.append(message);
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return text.isEmpty() ? unwrap(failure).getClass().getSimpleName() : text.toString();
    }

    /**
     * Tells whether a failure leaves the outcome of the operation unknown (the device did not answer in time, so
     * the change may still land).
     *
     * @param failure the failure
     * @return true for a timeout anywhere in the cause chain
     */
    public static boolean uncertain(final Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof TimeoutException || current instanceof CancellationException) {
                return true;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return false;
    }

    private static Throwable unwrap(final Throwable failure) {
        Throwable current = failure;
        while (current instanceof ExecutionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
