/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.tls;

import java.util.List;

/**
 * Which key exchange the ETSI 014 server accepts. The groups and protocols live here and nowhere else.
 *
 * <p>Default: TLS 1.3 (and 1.2 for old SAEs), the server's own order, {@value #HYBRID_GROUP} first, then the
 * classical groups. A client offering the hybrid group gets it, whatever its own order.
 *
 * <p>pq-only: TLS 1.3 only, and a ClientHello whose {@code supported_groups} lacks {@value #HYBRID_GROUP} is
 * answered with a {@code handshake_failure} alert before the handshake starts. {@code secp256r1} stays in the server's
 * group list even then: Bouncy Castle JSSE 1.82 enables the {@code ecdsa_secp256r1_sha256} signature scheme (the
 * server's P-256 certificate) only when {@code secp256r1} is a local named group; with the hybrid group preferred and
 * every other client refused by the ClientHello check, it is never chosen for key exchange, which the handshake
 * record checks once more.
 *
 * @param pqOnly refuse clients that do not offer {@value #HYBRID_GROUP}
 */
public record TlsGroupPolicy(boolean pqOnly) {
    /** The hybrid post-quantum group (ML-KEM-768 with X25519, draft-ietf-tls-ecdhe-mlkem). */
    public static final String HYBRID_GROUP = "X25519MLKEM768";
    /** Default policy: hybrid preferred, classical groups allowed. */
    public static final TlsGroupPolicy DEFAULT = new TlsGroupPolicy(false);

    private static final List<String> DEFAULT_GROUPS = List.of(HYBRID_GROUP, "x25519", "secp256r1", "secp384r1");
    private static final List<String> PQ_ONLY_GROUPS = List.of(HYBRID_GROUP, "secp256r1");

    /**
     * The named groups the server configures, most preferred first.
     *
     * @return group names (Bouncy Castle / IANA spelling)
     */
    public List<String> namedGroups() {
        return pqOnly ? PQ_ONLY_GROUPS : DEFAULT_GROUPS;
    }

    /**
     * The groups a client can actually get: what {@code qslice:kms-status} lists as offered.
     *
     * @return group names, most preferred first
     */
    public List<String> keyExchangeGroups() {
        return pqOnly ? List.of(HYBRID_GROUP) : DEFAULT_GROUPS;
    }

    /**
     * The TLS protocol versions enabled.
     *
     * @return protocol names
     */
    public List<String> protocols() {
        return pqOnly ? List.of("TLSv1.3") : List.of("TLSv1.3", "TLSv1.2");
    }

    /**
     * Copy with another pq-only setting.
     *
     * @param newPqOnly pq-only
     * @return the policy
     */
    public TlsGroupPolicy withPqOnly(final boolean newPqOnly) {
        return new TlsGroupPolicy(newPqOnly);
    }
}
