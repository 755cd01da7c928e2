/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.store;

import java.io.Serial;

/**
 * A pool operation that cannot be done. Messages never contain key material.
 */
public final class PoolException extends Exception {
    /**
     * Why.
     */
    public enum Kind {
        /** Not enough available keys. */
        EMPTY,
        /** No such key (never existed, already fetched, or erased). */
        NOT_FOUND,
        /** The caller may not have the key. */
        UNAUTHORIZED,
        /** The delivery could not be recorded durably (vault or journal I/O); nothing was delivered. */
        NOT_RECORDED
    }

    @Serial
    private static final long serialVersionUID = 1L;

    private final Kind kind;

    /**
     * A failure.
     *
     * @param kind why
     * @param message what
     */
    public PoolException(final Kind kind, final String message) {
        super(message);
        this.kind = kind;
    }

    /**
     * A failure with a cause.
     *
     * @param kind why
     * @param message what
     * @param cause the underlying failure
     */
    public PoolException(final Kind kind, final String message, final Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /**
     * Returns why.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }
}
