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

/**
 * The engine's configuration, one small record per consumer: the ETSI 014 server, the vault, the QKD source, and the
 * engine's timing. The defaults live in {@link ConfigDefaults}; tests and the benchmark build variants with the
 * records' {@code with...} copies.
 *
 * @param etsi014 the key delivery server
 * @param vault the vault
 * @param qkd the QKD key source
 * @param timing rotations, expiry, reports, refill
 */
public record EngineConfig(Etsi014Config etsi014, VaultConfig vault, QkdConfig qkd, EngineTiming timing) {
    /**
     * Checks the components.
     *
     * @param etsi014 server
     * @param vault vault
     * @param qkd QKD source
     * @param timing timing
     */
    public EngineConfig {
        requireNonNull(etsi014);
        requireNonNull(vault);
        requireNonNull(qkd);
        requireNonNull(timing);
    }

    /**
     * Defaults, with every file under one directory (tests, benchmark).
     *
     * @param base directory for the master key, vault and certificates
     * @return the configuration
     */
    public static EngineConfig defaults(final Path base) {
        return new EngineConfig(Etsi014Config.defaults(base.resolve("pki")), VaultConfig.defaults(base),
            QkdConfig.defaults(base.resolve("qkd-client")), EngineTiming.defaults());
    }

    /**
     * Copy with another server configuration.
     *
     * @param newEtsi014 the server's
     * @return the configuration
     */
    public EngineConfig withEtsi014(final Etsi014Config newEtsi014) {
        return new EngineConfig(newEtsi014, vault, qkd, timing);
    }

    /**
     * Copy with another vault configuration.
     *
     * @param newVault the vault's
     * @return the configuration
     */
    public EngineConfig withVault(final VaultConfig newVault) {
        return new EngineConfig(etsi014, newVault, qkd, timing);
    }

    /**
     * Copy with another QKD source configuration.
     *
     * @param newQkd the source's
     * @return the configuration
     */
    public EngineConfig withQkd(final QkdConfig newQkd) {
        return new EngineConfig(etsi014, vault, newQkd, timing);
    }

    /**
     * Copy with other timing.
     *
     * @param newTiming the timing
     * @return the configuration
     */
    public EngineConfig withTiming(final EngineTiming newTiming) {
        return new EngineConfig(etsi014, vault, qkd, newTiming);
    }
}
