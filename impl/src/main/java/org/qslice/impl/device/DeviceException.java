/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

import java.io.Serial;

/**
 * A device operation failed; the message names the device and the device's error.
 */
public final class DeviceException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message device and error
     * @param cause the underlying failure, or null
     */
    public DeviceException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
