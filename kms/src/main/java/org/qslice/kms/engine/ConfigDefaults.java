/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

/**
 * Every default of the KMS configuration, in one place: the OSGi metatype of {@code KmsComponent} and the
 * {@code defaults(...)} of the configuration records both read them.
 */
public final class ConfigDefaults {
    /** ETSI 014 bind address. */
    public static final String ETSI014_HOST = "127.0.0.1";
    /** ETSI 014 port. */
    public static final int ETSI014_PORT = 9443;
    /** ETSI 014 max_key_per_request. */
    public static final int MAX_KEY_PER_REQUEST = 128;
    /** ETSI 014 event loop threads. */
    public static final int IO_THREADS = 2;
    /** ETSI 014 worker threads (0: requests are answered on the event loops). */
    public static final int WORKER_THREADS = 0;
    /** Only hybrid post-quantum TLS clients. */
    public static final boolean ETSI014_PQ_ONLY = false;
    /** ETSI 014: open connections at most (0: no cap). */
    public static final int ETSI014_MAX_CONNECTIONS = 1024;
    /** ETSI 014: TLS handshake timeout (ms). */
    public static final long ETSI014_HANDSHAKE_TIMEOUT_MS = 10_000;
    /** ETSI 014: new connections accepted per second (0: no limit). */
    public static final double ETSI014_CONNECTIONS_PER_SECOND = 200;
    /** ETSI 014: requests per second of one SAE (0: no limit). */
    public static final double ETSI014_SAE_REQUESTS_PER_SECOND = 2000;
    /** Accept SAE certificates of the KMS's own CA. */
    public static final boolean SAE_TRUST_BUILT_IN_CA = true;
    /** The operator's CA certificates for SAE certificates (empty: none). */
    public static final String SAE_CA_FILE = "";
    /** CRL of SAE certificates (empty: none). */
    public static final String SAE_CRL_FILE = "";
    /** Where the SAE id comes from: {@code cn} or {@code san-uri}. */
    public static final String SAE_IDENTITY = "cn";
    /** Prefix of the SAN URI naming the SAE ({@code san-uri}). */
    public static final String SAE_URI_PREFIX = "urn:qslice:sae:";
    /** The built-in CA generates a key and certificate for every SAE a pool names. */
    public static final boolean SAE_KEY_GENERATION = true;
    /** Master key file. */
    public static final String MASTER_KEY_FILE = "${karaf.etc}/qslice-kms-master.key";
    /** Vault directory. */
    public static final String VAULT_DIRECTORY = "${karaf.data}/qslice-kms/vault";
    /** Certificate directory. */
    public static final String PKI_DIRECTORY = "${karaf.etc}/qslice-kms-pki";
    /** Vault commit period (ms). */
    public static final long PERSIST_INTERVAL_MS = 1000;
    /** Pool size of pools that do not set one. */
    public static final int POOL_SIZE = 128;
    /** Low-water mark of pools that do not set one. */
    public static final int LOW_WATER = 32;
    /** Delivered keys awaiting their peer, per pool. */
    public static final int MAX_PENDING_KEYS = 1024;
    /** Retired key ids kept per pool. */
    public static final int HISTORY_SIZE = 16;
    /** Rotation interval of channels that do not set one (ms). */
    public static final long REFRESH_INTERVAL_MS = 3000;
    /** How late a rotation may start before its deadline counts as missed (ms). */
    public static final long ROTATION_TOLERANCE_MS = 500;
    /** How long a delivered key waits for its peer (s). */
    public static final long DELIVERED_KEY_TTL_SECONDS = 60;
    /** QKD simulator: secret key rate at 0 km (bit/s). */
    public static final double QKD_R0_BITS_PER_SECOND = 1_000_000;
    /** QKD simulator: fibre attenuation (dB/km). */
    public static final double QKD_ALPHA_DB_PER_KM = 0.2;
    /** QKD simulator: link length of pools that do not set one (km). */
    public static final double QKD_DEFAULT_LINK_LENGTH_KM = 50;
    /** QKD simulator port (0: any free port). */
    public static final int QKD_SIMULATOR_PORT = 0;
    /** QKD simulator: keys a link accumulates at most. */
    public static final int QKD_MAX_KEY_COUNT = 4096;
    /** External KME of the a-ends (empty: the simulator). */
    public static final String QKD_KME_URL = "";
    /** External KME of the z-ends (empty: the a-ends'). */
    public static final String QKD_SLAVE_KME_URL = "";
    /** Credentials for an external KME. */
    public static final String QKD_CLIENT_PKI_DIRECTORY = "${karaf.etc}/qslice-kms-qkd-client";
    /** Datastore mirror period (ms). */
    public static final long MIRROR_INTERVAL_MS = 250;
    /** Keys generated per pool per refill step. */
    public static final int REFILL_BATCH = 64;

    private ConfigDefaults() {
        // constants
    }
}
