/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.store;

import java.io.IOException;
import java.io.Serial;

/**
 * The vault cannot be read: a file does not decrypt (wrong master key, or altered) or is malformed.
 */
public final class VaultException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * A failure.
     *
     * @param message what
     * @param cause why
     */
    public VaultException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
