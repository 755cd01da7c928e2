/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.qkd;

import java.io.IOException;
import org.qslice.kms.etsi.Etsi014Client;
import org.qslice.kms.source.PoolContext;

/**
 * How the QKD key source reaches the key managers (KMEs) of a channel's two ends, as each end's SAE.
 */
public interface KmeAccess {
    /**
     * Returns the client of the a-end KME, authenticated as the master SAE.
     *
     * @param pool the pool
     * @return the client
     * @throws IOException if the SAE has no credentials
     */
    Etsi014Client masterClient(PoolContext pool) throws IOException;

    /**
     * Returns the client of the z-end KME, authenticated as the slave SAE.
     *
     * @param pool the pool
     * @return the client
     * @throws IOException if the SAE has no credentials
     */
    Etsi014Client slaveClient(PoolContext pool) throws IOException;

    /**
     * Prepares the KMEs for a pool (the simulator configures the link); a no-op for external KMEs.
     *
     * @param pool the pool
     */
    default void prepare(final PoolContext pool) {
        // nothing by default
    }

    /**
     * Returns the a-end KME's URL, for status displays.
     *
     * @return the URL
     */
    String url();
}
