/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.source;

import java.io.Serial;

/**
 * A key source could not produce keys. The message never contains key material.
 */
public final class KeySourceException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * A failure.
     *
     * @param message what failed
     */
    public KeySourceException(final String message) {
        super(message);
    }

    /**
     * A failure with a cause.
     *
     * @param message what failed
     * @param cause why
     */
    public KeySourceException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
