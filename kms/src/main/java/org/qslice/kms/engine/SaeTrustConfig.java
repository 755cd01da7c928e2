/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import org.eclipse.jdt.annotation.Nullable;
import org.qslice.kms.etsi.SaeIdentity;

/**
 * Which SAE certificates the ETSI 014 server accepts and how it names their SAE: the built-in CA and/or the
 * operator's CA certificates, a CRL, and the identity rule (common name or SAN URI).
 *
 * @param trustBuiltInCa accept certificates of the KMS's own CA (the demo's and the tests')
 * @param caFile the operator's CA certificates (PEM), or null
 * @param crlFile a CRL file (PEM or DER) honoured at every handshake, or null
 * @param identity how the SAE id is read from a certificate
 */
public record SaeTrustConfig(boolean trustBuiltInCa, @Nullable Path caFile, @Nullable Path crlFile,
        SaeIdentity identity) {
    /** The built-in CA only, SAE id from the common name. */
    public static final SaeTrustConfig BUILT_IN = new SaeTrustConfig(true, null, null, SaeIdentity.COMMON_NAME);

    /**
     * Checks the components.
     *
     * @param trustBuiltInCa built-in CA
     * @param caFile operator CAs
     * @param crlFile CRL
     * @param identity identity rule
     */
    public SaeTrustConfig {
        requireNonNull(identity);
        if (!trustBuiltInCa && caFile == null) {
            throw new IllegalArgumentException("no CA is trusted for SAE certificates: trust the built-in CA or set"
                + " saeCaFile");
        }
    }
}
