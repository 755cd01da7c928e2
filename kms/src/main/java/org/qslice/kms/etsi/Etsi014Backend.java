/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.etsi;

import java.util.List;
import java.util.UUID;

/**
 * What an ETSI GS QKD 014 server serves: a key store that knows which SAE may do what. The server authenticates the
 * caller (its client certificate) and parses the request; the backend authorizes and answers. Called on a worker
 * thread, never on a network thread; implementations are thread-safe.
 */
public interface Etsi014Backend {
    /**
     * Get status: {@code GET /api/v1/keys/{slave_SAE_ID}/status}, called by a master SAE.
     *
     * @param callerSaeId authenticated caller (master SAE)
     * @param slaveSaeId slave SAE from the path
     * @return the status
     * @throws Etsi014Exception 401 if the caller is not paired with that slave SAE
     */
    Etsi014Status status(String callerSaeId, String slaveSaeId) throws Etsi014Exception;

    /**
     * Get key: {@code GET|POST /api/v1/keys/{slave_SAE_ID}/enc_keys}, called by a master SAE. Each key is handed to
     * the master once; the slave SAE may then fetch it once by id.
     *
     * @param callerSaeId authenticated caller (master SAE)
     * @param slaveSaeId slave SAE from the path
     * @param request number, size and extensions
     * @return the keys, as many as requested
     * @throws Etsi014Exception 400 on an invalid request or unknown mandatory extension, 401 if not paired, 503 when
     *                          there are not enough keys
     */
    List<DeliveredKey> encKeys(String callerSaeId, String slaveSaeId, KeyRequest request) throws Etsi014Exception;

    /**
     * Get key with key IDs: {@code GET|POST /api/v1/keys/{master_SAE_ID}/dec_keys}, called by the slave SAE.
     *
     * @param callerSaeId authenticated caller (slave SAE)
     * @param masterSaeId master SAE from the path
     * @param keyIds requested key ids
     * @return the keys, in request order
     * @throws Etsi014Exception 400 for an unknown or already fetched key id, 401 if the caller may not have the key
     */
    List<DeliveredKey> decKeys(String callerSaeId, String masterSaeId, List<UUID> keyIds) throws Etsi014Exception;
}
