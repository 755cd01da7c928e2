/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api;

import java.util.List;
import org.qslice.api.model.SecurityLevel;

/**
 * Identity of the running qslice controller, exposed as an OSGi service for the console and as the
 * {@code qslice-info:get-info} RPC.
 */
public interface QsliceInfo {
    /**
     * Returns the version of the qslice implementation bundle.
     *
     * @return the bundle version, e.g. {@code 0.1.0.SNAPSHOT}
     */
    String version();

    /**
     * Returns the security levels this controller understands, weakest first.
     *
     * @return the ordered levels
     */
    default List<SecurityLevel> securityLevels() {
        return List.of(SecurityLevel.values());
    }
}
