/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.pki;

import static java.util.Objects.requireNonNull;

import java.io.Serial;
import org.eclipse.jdt.annotation.Nullable;

/**
 * An SAE enrolment that was refused: why, and (for bad input) which field. Messages never hold key material (a CSR
 * holds none).
 */
public final class EnrolmentException extends Exception {
    /**
     * Why an enrolment was refused.
     */
    public enum Reason {
        /** A field of the request is invalid; {@link #field()} names it. */
        INVALID_VALUE,
        /** This KMS does not issue SAE certificates (no CA key, or its CA is not trusted for SAEs). */
        NOT_SUPPORTED,
        /** Signing failed. */
        FAILED
    }

    @Serial
    private static final long serialVersionUID = 1L;

    private final Reason reason;
    private final @Nullable String field;

    private EnrolmentException(final Reason reason, final @Nullable String field, final String message,
            final @Nullable Throwable cause) {
        super(message, cause);
        this.reason = requireNonNull(reason);
        this.field = field;
    }

    /**
     * A refusal of an invalid field.
     *
     * @param field the field, e.g. {@code csr}
     * @param message the reason, starting with the field's name
     * @return the exception
     */
    static EnrolmentException invalid(final String field, final String message) {
        return new EnrolmentException(Reason.INVALID_VALUE, requireNonNull(field), message, null);
    }

    /**
     * A refusal of an invalid field, found by a parser's failure.
     *
     * @param field the field, e.g. {@code csr}
     * @param message the reason, starting with the field's name
     * @param cause the parser's failure
     * @return the exception
     */
    static EnrolmentException invalid(final String field, final String message, final Throwable cause) {
        return new EnrolmentException(Reason.INVALID_VALUE, requireNonNull(field), message, cause);
    }

    /**
     * A refusal because this KMS does not issue SAE certificates.
     *
     * @param message why
     * @return the exception
     */
    static EnrolmentException notSupported(final String message) {
        return new EnrolmentException(Reason.NOT_SUPPORTED, null, message, null);
    }

    /**
     * A failure to sign.
     *
     * @param message what failed
     * @param cause the cause
     * @return the exception
     */
    static EnrolmentException failed(final String message, final Throwable cause) {
        return new EnrolmentException(Reason.FAILED, null, message, cause);
    }

    /**
     * Returns why.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Returns the invalid field.
     *
     * @return the field's name, or null unless {@link Reason#INVALID_VALUE}
     */
    public @Nullable String field() {
        return field;
    }
}
