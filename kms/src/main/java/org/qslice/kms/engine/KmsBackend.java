/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.qslice.api.kms.KeyType;
import org.qslice.kms.etsi.DeliveredKey;
import org.qslice.kms.etsi.Etsi014Backend;
import org.qslice.kms.etsi.Etsi014Exception;
import org.qslice.kms.etsi.Etsi014Status;
import org.qslice.kms.etsi.KeyRequest;
import org.qslice.kms.store.KeyPool;
import org.qslice.kms.store.PoolException;
import org.qslice.kms.store.PoolSettings;

/**
 * The KMS pools behind the ETSI GS QKD 014 API. A master SAE may use the pools whose master is itself and whose
 * slave is the SAE in the path; {@code extension_mandatory: [{"qslice_key_type": "qra"}]} picks the pool's key type,
 * otherwise the strongest type the pair has (hybrid-qkd-qra, qkd, qra, dh). Only the paired slave SAE fetches a key
 * by id (and, for channel keys drawn by the refresh scheduler, each end once).
 */
final class KmsBackend implements Etsi014Backend {
    static final String KME_ID = "qslice-kms";
    static final int KEY_BITS = 256;
    private static final List<KeyType> STRENGTH = List.of(KeyType.HYBRID_QKD_QRA, KeyType.QKD, KeyType.QRA,
        KeyType.DH);

    private final Supplier<Map<String, List<KeyPool>>> poolsByMaster;
    private final int maxKeyPerRequest;
    private final Clock clock;
    private final Runnable changed;
    private final Durability durability;
    private final Object fetchLock = new Object();

    /**
     * Makes the deliveries recorded so far durable (the journal's group commit).
     */
    @FunctionalInterface
    interface Durability {
        void sync() throws IOException;
    }

    KmsBackend(final Supplier<Map<String, List<KeyPool>>> poolsByMaster, final int maxKeyPerRequest,
            final Clock clock, final Runnable changed, final Durability durability) {
        this.poolsByMaster = requireNonNull(poolsByMaster);
        this.maxKeyPerRequest = maxKeyPerRequest;
        this.clock = requireNonNull(clock);
        this.changed = requireNonNull(changed);
        this.durability = requireNonNull(durability);
    }

    /*
     * No key leaves before its delivery is on disk: a kill -9 after the response can then neither offer it again nor
     * lose it for the peer.
     */
    private List<DeliveredKey> durable(final List<DeliveredKey> keys) throws Etsi014Exception {
        try {
            durability.sync();
            return keys;
        } catch (IOException e) {
            keys.forEach(key -> key.material().destroy());
            throw new Etsi014Exception(Etsi014Exception.UNAVAILABLE, "the KMS cannot record deliveries durably",
                "nothing was delivered: " + e.getMessage(), e);
        }
    }

    private List<KeyPool> paired(final String master, final String slave) {
        final var result = new ArrayList<KeyPool>();
        for (KeyPool pool : poolsByMaster.get().getOrDefault(master, List.of())) {
            if (pool.settings().slaveSaeId().equals(slave)) {
                result.add(pool);
            }
        }
        return result;
    }

    private KeyPool select(final String caller, final String slave, final @Nullable KeyType type)
            throws Etsi014Exception {
        final List<KeyPool> pools = paired(caller, slave);
        if (pools.isEmpty()) {
            throw new Etsi014Exception(Etsi014Exception.UNAUTHORIZED, "SAE " + caller + " is not paired with SAE "
                + slave, "no pool has master " + caller + " and slave " + slave);
        }
        if (type != null) {
            return pools.stream().filter(pool -> pool.id().keyType() == type).findFirst()
                .orElseThrow(() -> new Etsi014Exception(Etsi014Exception.BAD_REQUEST, "no " + type.yangName()
                    + " keys between SAE " + caller + " and SAE " + slave, KeyRequest.KEY_TYPE_EXTENSION));
        }
        return pools.stream().min(Comparator.comparingInt(pool -> STRENGTH.indexOf(pool.id().keyType())))
            .orElseThrow();
    }

    @Override
    public Etsi014Status status(final String callerSaeId, final String slaveSaeId) throws Etsi014Exception {
        final KeyPool pool = select(callerSaeId, slaveSaeId, null);
        final PoolSettings settings = pool.settings();
        return new Etsi014Status(KME_ID, KME_ID, callerSaeId, slaveSaeId, KEY_BITS, pool.stored(),
            settings.poolSize(), maxKeyPerRequest, KEY_BITS, KEY_BITS, 0);
    }

    @Override
    public List<DeliveredKey> encKeys(final String callerSaeId, final String slaveSaeId, final KeyRequest request)
            throws Etsi014Exception {
        KeyType type = null;
        for (Map.Entry<String, String> extension : request.extensionMandatory()) {
            if (!KeyRequest.KEY_TYPE_EXTENSION.equals(extension.getKey())) {
                throw new Etsi014Exception(Etsi014Exception.BAD_REQUEST, "unknown mandatory extension "
                    + extension.getKey(), "extension_mandatory");
            }
            try {
                type = KeyType.ofYangName(extension.getValue());
            } catch (IllegalArgumentException e) {
                throw new Etsi014Exception(Etsi014Exception.BAD_REQUEST, e.getMessage(),
                    KeyRequest.KEY_TYPE_EXTENSION, e);
            }
        }
        request.checkServable(KEY_BITS, maxKeyPerRequest);
        final KeyPool pool = select(callerSaeId, slaveSaeId, type);
        try {
            final List<DeliveredKey> keys = pool.takeForMaster(request.number(), clock.instant());
            changed.run();
            return durable(keys);
        } catch (PoolException e) {
            changed.run();
            throw e.kind() == PoolException.Kind.EMPTY
                ? new Etsi014Exception(Etsi014Exception.UNAVAILABLE, "not enough keys", e.getMessage(), e) : toEtsi(e);
        }
    }

    @Override
    public List<DeliveredKey> decKeys(final String callerSaeId, final String masterSaeId, final List<UUID> keyIds)
            throws Etsi014Exception {
        // a batch is all or nothing: a repeated id would consume the key on its first fetch and fail on the second
        final var distinct = new java.util.HashSet<UUID>();
        for (UUID id : keyIds) {
            if (!distinct.add(id)) {
                throw new Etsi014Exception(Etsi014Exception.BAD_REQUEST, "key_ID " + id + " is requested twice; "
                    + "nothing was delivered", "key_ID");
            }
        }
        final var candidates = new ArrayList<KeyPool>(paired(masterSaeId, callerSaeId));
        candidates.addAll(paired(callerSaeId, masterSaeId));
        // checks and fetches of one batch run together, so that no other dec_keys takes a checked key in between
        synchronized (fetchLock) {
            final var sources = new ArrayList<KeyPool>(keyIds.size());
            for (UUID id : keyIds) {
                sources.add(check(callerSaeId, masterSaeId, id, candidates));
            }
            final var keys = new ArrayList<DeliveredKey>(keyIds.size());
            final var now = clock.instant();
            try {
                for (int i = 0; i < keyIds.size(); i++) {
                    keys.add(sources.get(i).fetch(callerSaeId, masterSaeId, keyIds.get(i), now));
                }
            } catch (PoolException e) {
                keys.forEach(key -> key.material().destroy());
                throw toEtsi(e);
            } finally {
                changed.run();
            }
            return durable(keys);
        }
    }

    private KeyPool check(final String caller, final String peer, final UUID id, final List<KeyPool> candidates)
            throws Etsi014Exception {
        for (KeyPool pool : candidates) {
            if (pool.holds(id)) {
                try {
                    pool.checkFetch(caller, peer, id);
                    return pool;
                } catch (PoolException e) {
                    throw toEtsi(e);
                }
            }
        }
        for (List<KeyPool> pools : poolsByMaster.get().values()) {
            for (KeyPool pool : pools) {
                if (pool.holds(id)) {
                    throw new Etsi014Exception(Etsi014Exception.UNAUTHORIZED, "SAE " + caller + " may not fetch key "
                        + id, "key_ID");
                }
            }
        }
        throw new Etsi014Exception(Etsi014Exception.BAD_REQUEST, "no key " + id + " awaits SAE " + caller, "key_ID");
    }

    private static Etsi014Exception toEtsi(final PoolException error) {
        return switch (error.kind()) {
            case UNAUTHORIZED -> new Etsi014Exception(Etsi014Exception.UNAUTHORIZED, error.getMessage(), "key_ID",
                error);
            case NOT_FOUND -> new Etsi014Exception(Etsi014Exception.BAD_REQUEST, error.getMessage(), "key_ID", error);
            case EMPTY -> new Etsi014Exception(Etsi014Exception.UNAVAILABLE, error.getMessage(), "", error);
            case NOT_RECORDED -> new Etsi014Exception(Etsi014Exception.UNAVAILABLE, "the KMS cannot record deliveries"
                + " durably", error.getMessage(), error);
        };
    }
}
