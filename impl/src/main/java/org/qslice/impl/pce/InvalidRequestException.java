/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.pce;

import static java.util.Objects.requireNonNull;

/**
 * A slice request that cannot be planned as given, naming the offending field, e.g.
 * {@code connection[cell1-metro]/bandwidth-gbps: must be positive, got 0.000}. Maps to an RFC 8040
 * {@code protocol}/{@code invalid-value} error.
 */
public final class InvalidRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param field path of the field in the request, e.g. {@code connection[x]/a-end/site}
     * @param reason what is wrong with it
     */
    public InvalidRequestException(final String field, final String reason) {
        super(requireNonNull(field) + ": " + requireNonNull(reason));
        this.field = field;
        this.reason = reason;
    }

    /**
     * Creates the exception with the exception that revealed the problem.
     *
     * @param field path of the field in the request
     * @param reason what is wrong with it
     * @param cause the underlying exception, e.g. a parse error
     */
    public InvalidRequestException(final String field, final String reason, final Throwable cause) {
        super(requireNonNull(field) + ": " + requireNonNull(reason), cause);
        this.field = field;
        this.reason = reason;
    }

    /**
     * Returns the path of the offending field.
     *
     * @return the field path
     */
    public String field() {
        return field;
    }

    /**
     * Returns what is wrong with the field.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }
}
