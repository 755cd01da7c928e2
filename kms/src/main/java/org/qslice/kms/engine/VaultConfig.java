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

/**
 * What the vault needs.
 *
 * @param masterKeyFile the master key (created 0600 on first start); the vault's epoch anchor lives beside it
 * @param directory the vault directory
 * @param persistInterval how often changed state is committed (deliveries are durable at once, in the journal)
 */
public record VaultConfig(Path masterKeyFile, Path directory, Duration persistInterval) {
    /**
     * Checks the components.
     *
     * @param masterKeyFile master key
     * @param directory vault directory
     * @param persistInterval commit period
     */
    public VaultConfig {
        requireNonNull(masterKeyFile);
        requireNonNull(directory);
        requireNonNull(persistInterval);
    }

    /**
     * The defaults, with the master key and the vault under a directory.
     *
     * @param base the directory
     * @return the configuration
     */
    public static VaultConfig defaults(final Path base) {
        return new VaultConfig(base.resolve("master.key"), base.resolve("vault"),
            Duration.ofMillis(ConfigDefaults.PERSIST_INTERVAL_MS));
    }

    /**
     * Copy with another master key file.
     *
     * @param newMasterKeyFile the file
     * @return the configuration
     */
    public VaultConfig withMasterKeyFile(final Path newMasterKeyFile) {
        return new VaultConfig(newMasterKeyFile, directory, persistInterval);
    }

    /**
     * Copy with another commit period.
     *
     * @param newInterval the period
     * @return the configuration
     */
    public VaultConfig withPersistInterval(final Duration newInterval) {
        return new VaultConfig(masterKeyFile, directory, newInterval);
    }
}
