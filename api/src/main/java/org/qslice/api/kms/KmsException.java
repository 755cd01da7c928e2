/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.kms;

import static java.util.Objects.requireNonNull;

import java.io.Serial;

/**
 * A KMS request that could not be done, with a reason the caller can map to an error tag. Messages name the
 * object and the reason, never key material.
 */
public final class KmsException extends RuntimeException {
    /**
     * Why a request failed.
     */
    public enum Reason {
        /** A field has an invalid value; the message names the field. */
        INVALID_VALUE,
        /** The pool or channel does not exist. */
        NOT_FOUND,
        /** The object is in use (e.g. a channel draws from the pool being removed). */
        IN_USE,
        /** The datastore or the engine is not available. */
        UNAVAILABLE
    }

    @Serial
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    /**
     * A failure.
     *
     * @param reason why
     * @param message what failed and why, naming the object or field
     */
    public KmsException(final Reason reason, final String message) {
        super(message);
        this.reason = requireNonNull(reason);
    }

    /**
     * A failure with a cause.
     *
     * @param reason why
     * @param message what failed and why
     * @param cause underlying exception
     */
    public KmsException(final Reason reason, final String message, final Throwable cause) {
        super(message, cause);
        this.reason = requireNonNull(reason);
    }

    /**
     * Returns why the request failed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
