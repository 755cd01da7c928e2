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
import org.qslice.kms.etsi.Etsi014Limits;
import org.qslice.kms.tls.TlsGroupPolicy;

/**
 * What the ETSI GS QKD 014 key delivery server needs.
 *
 * @param host bind address
 * @param port port (0: any free port)
 * @param pkiDirectory certificates (CA, server, SAEs)
 * @param maxKeyPerRequest ETSI 014 max_key_per_request
 * @param ioThreads event loop threads
 * @param workerThreads request worker threads (0: answer on the event loops)
 * @param tls TLS key-exchange group policy
 * @param limits connection cap and rate, handshake timeout, per-SAE request rate
 * @param trust which SAE certificates are accepted and how their SAE is named
 */
public record Etsi014Config(String host, int port, Path pkiDirectory, int maxKeyPerRequest, int ioThreads,
        int workerThreads, TlsGroupPolicy tls, Etsi014Limits limits, SaeTrustConfig trust) {
    /**
     * Checks the components.
     *
     * @param host bind address
     * @param port port
     * @param pkiDirectory certificates
     * @param maxKeyPerRequest max keys per request
     * @param ioThreads event loop threads
     * @param workerThreads worker threads
     * @param tls group policy
     * @param limits limits
     * @param trust SAE certificate trust
     */
    public Etsi014Config {
        requireNonNull(trust);
        requireNonNull(limits);
        requireNonNull(host);
        requireNonNull(pkiDirectory);
        requireNonNull(tls);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("etsi014Port must be 0..65535");
        }
        if (maxKeyPerRequest < 1 || ioThreads < 1 || workerThreads < 0) {
            throw new IllegalArgumentException("maxKeyPerRequest and ioThreads must be positive, workerThreads >= 0");
        }
    }

    /**
     * The defaults, with the certificates in a directory.
     *
     * @param pkiDirectory certificates
     * @return the configuration
     */
    public static Etsi014Config defaults(final Path pkiDirectory) {
        return new Etsi014Config(ConfigDefaults.ETSI014_HOST, ConfigDefaults.ETSI014_PORT, pkiDirectory,
            ConfigDefaults.MAX_KEY_PER_REQUEST, ConfigDefaults.IO_THREADS, ConfigDefaults.WORKER_THREADS,
            TlsGroupPolicy.DEFAULT.withPqOnly(ConfigDefaults.ETSI014_PQ_ONLY), new Etsi014Limits(
                ConfigDefaults.ETSI014_MAX_CONNECTIONS, Duration.ofMillis(ConfigDefaults.ETSI014_HANDSHAKE_TIMEOUT_MS),
                ConfigDefaults.ETSI014_CONNECTIONS_PER_SECOND, ConfigDefaults.ETSI014_SAE_REQUESTS_PER_SECOND),
            SaeTrustConfig.BUILT_IN);
    }

    /**
     * Copy with another port.
     *
     * @param newPort the port
     * @return the configuration
     */
    public Etsi014Config withPort(final int newPort) {
        return new Etsi014Config(host, newPort, pkiDirectory, maxKeyPerRequest, ioThreads, workerThreads, tls, limits,
            trust);
    }

    /**
     * Copy with another max_key_per_request.
     *
     * @param newMax the maximum
     * @return the configuration
     */
    public Etsi014Config withMaxKeyPerRequest(final int newMax) {
        return new Etsi014Config(host, port, pkiDirectory, newMax, ioThreads, workerThreads, tls, limits, trust);
    }

    /**
     * Copy with other limits.
     *
     * @param newLimits the limits
     * @return the configuration
     */
    public Etsi014Config withLimits(final Etsi014Limits newLimits) {
        return new Etsi014Config(host, port, pkiDirectory, maxKeyPerRequest, ioThreads, workerThreads, tls,
            newLimits, trust);
    }

    /**
     * Copy with other thread counts.
     *
     * @param newIoThreads event loop threads
     * @param newWorkerThreads worker threads
     * @return the configuration
     */
    public Etsi014Config withThreads(final int newIoThreads, final int newWorkerThreads) {
        return new Etsi014Config(host, port, pkiDirectory, maxKeyPerRequest, newIoThreads, newWorkerThreads, tls,
            limits, trust);
    }

    /**
     * Copy with another TLS group policy.
     *
     * @param newTls the policy
     * @return the configuration
     */
    public Etsi014Config withTls(final TlsGroupPolicy newTls) {
        return new Etsi014Config(host, port, pkiDirectory, maxKeyPerRequest, ioThreads, workerThreads, newTls, limits,
            trust);
    }

    /**
     * Copy with another SAE certificate trust.
     *
     * @param newTrust the trust
     * @return the configuration
     */
    public Etsi014Config withTrust(final SaeTrustConfig newTrust) {
        return new Etsi014Config(host, port, pkiDirectory, maxKeyPerRequest, ioThreads, workerThreads, tls, limits,
            newTrust);
    }
}
