/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.source;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.qslice.api.kms.KeyType;
import org.qslice.kms.crypto.KeyMaterial;
import org.qslice.kms.etsi.DeliveredKey;
import org.qslice.kms.etsi.Etsi014Client;
import org.qslice.kms.etsi.Etsi014Exception;
import org.qslice.kms.etsi.Etsi014Status;
import org.qslice.kms.etsi.KeyRequest;
import org.qslice.kms.qkd.KmeAccess;

/**
 * QKD keys pulled from the key managers (KMEs) of a QKD link over ETSI GS QKD 014, the way real QKD systems hand
 * over keys: as the master SAE it asks the a-end KME for its status and {@code enc_keys}; as the slave SAE it fetches
 * the same keys from the z-end KME with {@code dec_keys}, and checks both ends got identical keys. The KME's key ids
 * are kept. A KME without enough key material (503, or a stored count of 0) yields no keys for now.
 */
public final class QkdKeySource implements KeySource {
    private final KmeAccess kme;
    private final int maxPerRequest;

    /**
     * A QKD source.
     *
     * @param kme access to the KMEs
     * @param maxPerRequest keys per enc_keys request at most
     */
    public QkdKeySource(final KmeAccess kme, final int maxPerRequest) {
        this.kme = requireNonNull(kme);
        this.maxPerRequest = maxPerRequest;
    }

    @Override
    public KeyType type() {
        return KeyType.QKD;
    }

    @Override
    public List<GeneratedKey> generate(final PoolContext pool, final int max) throws KeySourceException {
        kme.prepare(pool);
        final List<DeliveredKey> atMaster;
        final List<DeliveredKey> atSlave;
        try {
            final Etsi014Client master = kme.masterClient(pool);
            final Etsi014Status status = master.status(pool.slaveSaeId());
            final long number = Math.min(Math.min(max, maxPerRequest),
                Math.min(status.storedKeyCount(), status.maxKeyPerRequest()));
            if (number <= 0) {
                return List.of();
            }
            atMaster = master.encKeys(pool.slaveSaeId(), KeyRequest.of((int) number, 256));
        } catch (Etsi014Exception e) {
            if (e.status() == Etsi014Exception.UNAVAILABLE) {
                return List.of();
            }
            throw new KeySourceException("KME refused enc_keys for " + pool.pool() + ": " + e.status() + " "
                + e.getMessage(), e);
        } catch (IOException e) {
            throw new KeySourceException("KME " + kme.url() + " unreachable for " + pool.pool(), e);
        }
        try {
            atSlave = kme.slaveClient(pool).decKeys(pool.masterSaeId(),
                atMaster.stream().map(DeliveredKey::keyId).toList());
        } catch (Etsi014Exception e) {
            destroy(atMaster);
            throw new KeySourceException("KME refused dec_keys for " + pool.pool() + ": " + e.status() + " "
                + e.getMessage(), e);
        } catch (IOException e) {
            destroy(atMaster);
            throw new KeySourceException("slave KME unreachable for " + pool.pool(), e);
        }
        try {
            if (atSlave.size() != atMaster.size()) {
                throw new KeySourceException("KME returned " + atSlave.size() + " keys to the slave SAE for "
                    + atMaster.size() + " key ids");
            }
            final var keys = new ArrayList<GeneratedKey>(atMaster.size());
            for (int i = 0; i < atMaster.size(); i++) {
                final DeliveredKey master = atMaster.get(i);
                final DeliveredKey slave = atSlave.get(i);
                final UUID id = master.keyId();
                final byte[] a = master.material().bytes();
                final byte[] z = slave.material().bytes();
                try {
                    if (!id.equals(slave.keyId()) || a.length != KEY_BYTES
                        || !MessageDigest.isEqual(a, z)) {
                        keys.forEach(key -> key.material().destroy());
                        throw new KeySourceException("the ends of " + pool.pool() + " received different keys for"
                            + " key id " + id);
                    }
                    keys.add(new GeneratedKey(id, KeyMaterial.copyOf(a)));
                } finally {
                    Arrays.fill(a, (byte) 0);
                    Arrays.fill(z, (byte) 0);
                }
            }
            return keys;
        } finally {
            destroy(atMaster);
            destroy(atSlave);
        }
    }

    private static void destroy(final List<DeliveredKey> keys) {
        keys.forEach(key -> key.material().destroy());
    }
}
