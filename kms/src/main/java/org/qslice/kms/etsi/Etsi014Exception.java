/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.etsi;

import java.io.Serial;

/**
 * An ETSI GS QKD 014 error: an HTTP status (400, 401 or 503) and the {@code message}/{@code details} of the error
 * body. Never carries key material.
 */
public final class Etsi014Exception extends Exception {
    /** Bad request: malformed parameter, unknown mandatory extension, unsupported size. */
    public static final int BAD_REQUEST = 400;
    /** Unauthorized: the SAE may not do this (wrong pair, key of another SAE). */
    public static final int UNAUTHORIZED = 401;
    /** Server side error, e.g. not enough keys right now. */
    public static final int UNAVAILABLE = 503;

    @Serial
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String details;

    /**
     * An error.
     *
     * @param status HTTP status
     * @param message the {@code message} field
     * @param details the single {@code details} entry, or empty
     */
    public Etsi014Exception(final int status, final String message, final String details) {
        super(message);
        this.status = status;
        this.details = details;
    }

    /**
     * An error with a cause.
     *
     * @param status HTTP status
     * @param message the {@code message} field
     * @param details the single {@code details} entry, or empty
     * @param cause why
     */
    public Etsi014Exception(final int status, final String message, final String details, final Throwable cause) {
        super(message, cause);
        this.status = status;
        this.details = details;
    }

    /**
     * Returns the HTTP status.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * Returns the details.
     *
     * @return details, possibly empty
     */
    public String details() {
        return details;
    }

    static Etsi014Exception badRequest(final String message, final String details) {
        return new Etsi014Exception(BAD_REQUEST, message, details);
    }

    static Etsi014Exception badRequest(final String message, final String details, final Throwable cause) {
        return new Etsi014Exception(BAD_REQUEST, message, details, cause);
    }

    static Etsi014Exception unauthorized(final String message, final String details) {
        return new Etsi014Exception(UNAUTHORIZED, message, details);
    }
}
