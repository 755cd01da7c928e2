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
import java.util.OptionalDouble;
import org.qslice.api.kms.KeyType;
import org.qslice.kms.qkd.QkdLinkModel;

/**
 * Where QKD keys come from: the QKD link simulator (its rate model and KME), or an external ETSI 014 KME.
 *
 * @param r0 simulator: secret key rate at 0 km (bit/s)
 * @param alpha simulator: fibre attenuation (dB/km)
 * @param simulatorPort simulator KME port on 127.0.0.1 (0: any free port)
 * @param maxKeyCount simulator: keys a link accumulates at most
 * @param kmeUrl external KME of the a-ends (empty: the simulator)
 * @param slaveKmeUrl external KME of the z-ends (empty: the a-ends')
 * @param clientPkiDirectory credentials for an external KME
 */
public record QkdConfig(double r0, double alpha, int simulatorPort, int maxKeyCount, String kmeUrl,
        String slaveKmeUrl, Path clientPkiDirectory) {
    /**
     * Checks the components.
     *
     * @param r0 rate at 0 km
     * @param alpha attenuation
     * @param simulatorPort simulator port
     * @param maxKeyCount simulator key limit
     * @param kmeUrl external KME
     * @param slaveKmeUrl external KME of the z-ends
     * @param clientPkiDirectory credentials
     */
    public QkdConfig {
        requireNonNull(kmeUrl);
        requireNonNull(slaveKmeUrl);
        requireNonNull(clientPkiDirectory);
        if (simulatorPort < 0 || simulatorPort > 65535) {
            throw new IllegalArgumentException("qkdSimulatorPort must be 0..65535");
        }
        if (maxKeyCount < 1) {
            throw new IllegalArgumentException("qkdMaxKeyCount must be positive");
        }
    }

    /**
     * The defaults (the simulator), with the external KME's credentials under a directory.
     *
     * @param clientPkiDirectory the credentials directory
     * @return the configuration
     */
    public static QkdConfig defaults(final Path clientPkiDirectory) {
        return new QkdConfig(ConfigDefaults.QKD_R0_BITS_PER_SECOND, ConfigDefaults.QKD_ALPHA_DB_PER_KM,
            ConfigDefaults.QKD_SIMULATOR_PORT, ConfigDefaults.QKD_MAX_KEY_COUNT, ConfigDefaults.QKD_KME_URL,
            ConfigDefaults.QKD_SLAVE_KME_URL, clientPkiDirectory);
    }

    /**
     * Copy with another simulated rate at 0 km.
     *
     * @param newR0 the rate (bit/s)
     * @return the configuration
     */
    public QkdConfig withR0(final double newR0) {
        return new QkdConfig(newR0, alpha, simulatorPort, maxKeyCount, kmeUrl, slaveKmeUrl, clientPkiDirectory);
    }

    /**
     * Copy with another simulator key limit.
     *
     * @param newMax the limit
     * @return the configuration
     */
    public QkdConfig withMaxKeyCount(final int newMax) {
        return new QkdConfig(r0, alpha, simulatorPort, newMax, kmeUrl, slaveKmeUrl, clientPkiDirectory);
    }

    /**
     * Returns the secret key rate of the QKD system behind a pool, as this QKD source knows it: the built-in link
     * simulator's rate at the pool's link length for QKD and hybrid pools; nothing with an external KME (ETSI GS QKD
     * 014 reports no rate) or for other key types.
     *
     * @param type the pool's key type
     * @param linkLengthKm the pool's QKD link length
     * @return bit/s, or empty
     */
    public OptionalDouble secretKeyRate(final KeyType type, final double linkLengthKm) {
        if (!kmeUrl.isBlank() || type != KeyType.QKD && type != KeyType.HYBRID_QKD_QRA) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(new QkdLinkModel(r0, alpha).rateBitsPerSecond(linkLengthKm));
    }
}
