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
import java.time.Duration;
import org.qslice.kms.tls.TlsGroupPolicy;

/**
 * Engine configuration (the OSGi configuration with defaults applied and paths resolved).
 *
 * @param etsi014Host address the ETSI 014 server binds (loopback by default)
 * @param etsi014Port its port (0: any free port)
 * @param masterKeyFile master key file (created 0600 on first start)
 * @param vaultDirectory where sealed pools are stored
 * @param pkiDirectory TLS certificates (generated when missing)
 * @param defaultPoolSize pool size when a pool does not set one
 * @param defaultLowWater low-water mark when a pool does not set one
 * @param maxPending delivered keys awaiting a peer per pool
 * @param historySize retired key ids kept per pool
 * @param refreshInterval channel rotation interval when a channel does not set one
 * @param rotationTolerance how late a rotation may start before its deadline counts as missed
 * @param deliveredKeyTtl how long a delivered key waits for its peer
 * @param maxKeyPerRequest ETSI 014 max_key_per_request
 * @param qkdR0 QKD simulator secret key rate at 0 km, bit/s
 * @param qkdAlpha fibre attenuation, dB/km
 * @param qkdDefaultLinkLengthKm link length when a pool does not set one
 * @param qkdSimulatorPort simulator KME port on 127.0.0.1 (0: any free port)
 * @param qkdMaxKeyCount keys a simulated link accumulates at most
 * @param qkdKmeUrl external KME (a-end) URL; empty: the built-in simulator
 * @param qkdSlaveKmeUrl external z-end KME URL; empty: same as qkdKmeUrl
 * @param qkdClientPkiDirectory credentials for an external KME: ca.crt and sae/ID.crt, sae/ID.key
 * @param mirrorInterval how often changes are reported to the listener (datastore)
 * @param persistInterval how often changed pools are written to the vault
 * @param refillBatch keys generated per pool per refill step
 * @param ioThreads ETSI 014 server event loop threads
 * @param workerThreads ETSI 014 request worker threads; 0: requests are answered on the event loops
 * @param etsi014Tls key exchange groups of the ETSI 014 server (X25519MLKEM768 preferred; pq-only)
 */
public record EngineConfig(String etsi014Host, int etsi014Port, Path masterKeyFile, Path vaultDirectory,
        Path pkiDirectory, int defaultPoolSize, int defaultLowWater, int maxPending, int historySize,
        Duration refreshInterval, Duration rotationTolerance, Duration deliveredKeyTtl, int maxKeyPerRequest,
        double qkdR0, double qkdAlpha, double qkdDefaultLinkLengthKm, int qkdSimulatorPort, int qkdMaxKeyCount,
        String qkdKmeUrl, String qkdSlaveKmeUrl, Path qkdClientPkiDirectory, Duration mirrorInterval,
        Duration persistInterval, int refillBatch, int ioThreads, int workerThreads, TlsGroupPolicy etsi014Tls) {
    /**
     * Checks the components.
     *
     * @param etsi014Host host
     * @param etsi014Port port
     * @param masterKeyFile master key
     * @param vaultDirectory vault
     * @param pkiDirectory pki
     * @param defaultPoolSize pool size
     * @param defaultLowWater low water
     * @param maxPending max pending
     * @param historySize history
     * @param refreshInterval interval
     * @param rotationTolerance tolerance
     * @param deliveredKeyTtl ttl
     * @param maxKeyPerRequest max per request
     * @param qkdR0 r0
     * @param qkdAlpha alpha
     * @param qkdDefaultLinkLengthKm link length
     * @param qkdSimulatorPort simulator port
     * @param qkdMaxKeyCount simulator max keys
     * @param qkdKmeUrl KME URL
     * @param qkdSlaveKmeUrl slave KME URL
     * @param qkdClientPkiDirectory KME credentials
     * @param mirrorInterval mirror interval
     * @param persistInterval persist interval
     * @param refillBatch refill batch
     * @param ioThreads io threads
     * @param workerThreads worker threads
     * @param etsi014Tls TLS group policy
     */
    public EngineConfig {
        requireNonNull(etsi014Host);
        requireNonNull(etsi014Tls);
        requireNonNull(masterKeyFile);
        requireNonNull(vaultDirectory);
        requireNonNull(pkiDirectory);
        requireNonNull(refreshInterval);
        requireNonNull(rotationTolerance);
        requireNonNull(deliveredKeyTtl);
        requireNonNull(qkdKmeUrl);
        requireNonNull(qkdSlaveKmeUrl);
        requireNonNull(qkdClientPkiDirectory);
        requireNonNull(mirrorInterval);
        requireNonNull(persistInterval);
        if (etsi014Port < 0 || etsi014Port > 65535 || qkdSimulatorPort < 0 || qkdSimulatorPort > 65535) {
            throw new IllegalArgumentException("ports must be 0..65535");
        }
        if (defaultPoolSize < 1 || defaultLowWater < 0 || maxPending < 1 || historySize < 0 || maxKeyPerRequest < 1
            || qkdMaxKeyCount < 1 || refillBatch < 1 || ioThreads < 1 || workerThreads < 0) {
            throw new IllegalArgumentException("sizes and counts must be positive");
        }
    }

    /**
     * The configuration with the default TLS group policy (X25519MLKEM768 preferred, classical groups allowed).
     *
     * @param etsi014Host host
     * @param etsi014Port port
     * @param masterKeyFile master key
     * @param vaultDirectory vault
     * @param pkiDirectory pki
     * @param defaultPoolSize pool size
     * @param defaultLowWater low water
     * @param maxPending max pending
     * @param historySize history
     * @param refreshInterval interval
     * @param rotationTolerance tolerance
     * @param deliveredKeyTtl ttl
     * @param maxKeyPerRequest max per request
     * @param qkdR0 r0
     * @param qkdAlpha alpha
     * @param qkdDefaultLinkLengthKm link length
     * @param qkdSimulatorPort simulator port
     * @param qkdMaxKeyCount simulator max keys
     * @param qkdKmeUrl KME URL
     * @param qkdSlaveKmeUrl slave KME URL
     * @param qkdClientPkiDirectory KME credentials
     * @param mirrorInterval mirror interval
     * @param persistInterval persist interval
     * @param refillBatch refill batch
     * @param ioThreads io threads
     * @param workerThreads worker threads
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public EngineConfig(final String etsi014Host, final int etsi014Port, final Path masterKeyFile,
            final Path vaultDirectory, final Path pkiDirectory, final int defaultPoolSize, final int defaultLowWater,
            final int maxPending, final int historySize, final Duration refreshInterval,
            final Duration rotationTolerance, final Duration deliveredKeyTtl, final int maxKeyPerRequest,
            final double qkdR0, final double qkdAlpha, final double qkdDefaultLinkLengthKm, final int qkdSimulatorPort,
            final int qkdMaxKeyCount, final String qkdKmeUrl, final String qkdSlaveKmeUrl,
            final Path qkdClientPkiDirectory, final Duration mirrorInterval, final Duration persistInterval,
            final int refillBatch, final int ioThreads, final int workerThreads) {
        this(etsi014Host, etsi014Port, masterKeyFile, vaultDirectory, pkiDirectory, defaultPoolSize, defaultLowWater,
            maxPending, historySize, refreshInterval, rotationTolerance, deliveredKeyTtl, maxKeyPerRequest, qkdR0,
            qkdAlpha, qkdDefaultLinkLengthKm, qkdSimulatorPort, qkdMaxKeyCount, qkdKmeUrl, qkdSlaveKmeUrl,
            qkdClientPkiDirectory, mirrorInterval, persistInterval, refillBatch, ioThreads, workerThreads,
            TlsGroupPolicy.DEFAULT);
    }

    /**
     * Copy with another TLS group policy.
     *
     * @param tls the policy
     * @return the configuration
     */
    public EngineConfig withEtsi014Tls(final TlsGroupPolicy tls) {
        return new EngineConfig(etsi014Host, etsi014Port, masterKeyFile, vaultDirectory, pkiDirectory,
            defaultPoolSize, defaultLowWater, maxPending, historySize, refreshInterval, rotationTolerance,
            deliveredKeyTtl, maxKeyPerRequest, qkdR0, qkdAlpha, qkdDefaultLinkLengthKm, qkdSimulatorPort,
            qkdMaxKeyCount, qkdKmeUrl, qkdSlaveKmeUrl, qkdClientPkiDirectory, mirrorInterval, persistInterval,
            refillBatch, ioThreads, workerThreads, tls);
    }

    /**
     * Defaults, with every file under one directory (tests, benchmark).
     *
     * @param base directory for the master key, vault and certificates
     * @return the configuration
     */
    public static EngineConfig defaults(final Path base) {
        return new EngineConfig("127.0.0.1", 0, base.resolve("master.key"), base.resolve("vault"),
            base.resolve("pki"), 128, 32, 1024, 16, Duration.ofSeconds(3), Duration.ofMillis(500),
            Duration.ofSeconds(60), 128, 1_000_000, 0.2, 50, 0, 4096, "", "", base.resolve("qkd-client"),
            Duration.ofMillis(250), Duration.ofSeconds(1), 64, 2, 0);
    }
}
