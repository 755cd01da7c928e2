/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.qkd;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.qslice.kms.crypto.KeyMaterial;
import org.qslice.kms.etsi.DeliveredKey;
import org.qslice.kms.etsi.Etsi014Backend;
import org.qslice.kms.etsi.Etsi014Exception;
import org.qslice.kms.etsi.Etsi014Status;
import org.qslice.kms.etsi.KeyRequest;

/**
 * A QKD link simulator acting as the key manager (KME) of both ends of each configured link, behind the ETSI GS QKD
 * 014 interface. Each link (master SAE, slave SAE, length) distils secret key bits at {@link QkdLinkModel}'s rate,
 * accumulated up to {@code maxKeyCount} keys; {@code enc_keys} spends 256 bits per key, and the slave SAE fetches
 * each key once with {@code dec_keys}. The key bits come from a {@link SecureRandom} (what the simulated quantum
 * channel would have distilled). Thread-safe.
 */
public final class SimulatedKme implements Etsi014Backend {
    /** Key size in bits. */
    public static final int KEY_BITS = 256;

    private record Pair(String master, String slave) {
    }

    private static final class Link {
        final double rate;
        final LinkedHashMap<UUID, byte[]> awaitingSlave = new LinkedHashMap<>();
        double bits;
        long lastNanos;

        Link(final double rate, final long now) {
            this.rate = rate;
            this.lastNanos = now;
        }
    }

    private final String kmeId;
    private final QkdLinkModel model;
    private final int maxKeyCount;
    private final int maxKeyPerRequest;
    private final LongSupplier nanoTime;
    private final SecureRandom random;
    private final Map<Pair, Link> links = new ConcurrentHashMap<>();

    /**
     * A simulator.
     *
     * @param kmeId KME id reported in the status
     * @param model the link model
     * @param maxKeyCount keys a link accumulates at most
     * @param maxKeyPerRequest keys per enc_keys request at most
     * @param nanoTime monotonic clock in nanoseconds
     * @param random source of the simulated key bits
     */
    public SimulatedKme(final String kmeId, final QkdLinkModel model, final int maxKeyCount,
            final int maxKeyPerRequest, final LongSupplier nanoTime, final SecureRandom random) {
        this.kmeId = requireNonNull(kmeId);
        this.model = requireNonNull(model);
        this.maxKeyCount = maxKeyCount;
        this.maxKeyPerRequest = maxKeyPerRequest;
        this.nanoTime = requireNonNull(nanoTime);
        this.random = requireNonNull(random);
    }

    /**
     * Configures (or reconfigures) the link between two SAEs; it starts with no key bits.
     *
     * @param masterSaeId master SAE
     * @param slaveSaeId slave SAE
     * @param lengthKm fibre length
     * @return the link's secret key rate in bit/s
     */
    public double configureLink(final String masterSaeId, final String slaveSaeId, final double lengthKm) {
        final double rate = model.rateBitsPerSecond(lengthKm);
        final Pair pair = new Pair(masterSaeId, slaveSaeId);
        final Link existing = links.get(pair);
        if (existing == null || Double.compare(existing.rate, rate) != 0) {
            links.put(pair, new Link(rate, nanoTime.getAsLong()));
        }
        return rate;
    }

    /**
     * Removes a link.
     *
     * @param masterSaeId master SAE
     * @param slaveSaeId slave SAE
     */
    public void removeLink(final String masterSaeId, final String slaveSaeId) {
        final Link link = links.remove(new Pair(masterSaeId, slaveSaeId));
        if (link != null) {
            synchronized (link) {
                link.awaitingSlave.values().forEach(key -> Arrays.fill(key, (byte) 0));
                link.awaitingSlave.clear();
            }
        }
    }

    private Link link(final String master, final String slave) throws Etsi014Exception {
        final Link link = links.get(new Pair(master, slave));
        if (link == null) {
            throw new Etsi014Exception(Etsi014Exception.UNAUTHORIZED, "SAE " + master + " has no QKD link to SAE "
                + slave, "");
        }
        return link;
    }

    private long stored(final Link link) {
        final long now = nanoTime.getAsLong();
        link.bits = Math.min((double) maxKeyCount * KEY_BITS, link.bits + link.rate * (now - link.lastNanos) / 1e9);
        link.lastNanos = now;
        return (long) (link.bits / KEY_BITS);
    }

    @Override
    public Etsi014Status status(final String callerSaeId, final String slaveSaeId) throws Etsi014Exception {
        final Link link = link(callerSaeId, slaveSaeId);
        synchronized (link) {
            return new Etsi014Status(kmeId, kmeId, callerSaeId, slaveSaeId, KEY_BITS, stored(link), maxKeyCount,
                maxKeyPerRequest, KEY_BITS, KEY_BITS, 0);
        }
    }

    @Override
    public List<DeliveredKey> encKeys(final String callerSaeId, final String slaveSaeId, final KeyRequest request)
            throws Etsi014Exception {
        final Link link = link(callerSaeId, slaveSaeId);
        if (!request.extensionMandatory().isEmpty()) {
            throw new Etsi014Exception(Etsi014Exception.BAD_REQUEST, "unsupported mandatory extension "
                + request.extensionMandatory().get(0).getKey(), "extension_mandatory");
        }
        request.checkServable(KEY_BITS, maxKeyPerRequest);
        synchronized (link) {
            final long stored = stored(link);
            if (stored < request.number()) {
                throw new Etsi014Exception(Etsi014Exception.UNAVAILABLE, "not enough key material: " + stored
                    + " keys stored", "");
            }
            link.bits -= (double) request.number() * KEY_BITS;
            final var keys = new ArrayList<DeliveredKey>(request.number());
            for (int i = 0; i < request.number(); i++) {
                final byte[] bits = new byte[KEY_BITS / 8];
                random.nextBytes(bits);
                final UUID id = UUID.randomUUID();
                keys.add(new DeliveredKey(id, KeyMaterial.copyOf(bits)));
                link.awaitingSlave.put(id, bits);
            }
            final Iterator<byte[]> oldest = link.awaitingSlave.values().iterator();
            while (link.awaitingSlave.size() > maxKeyCount && oldest.hasNext()) {
                Arrays.fill(oldest.next(), (byte) 0);
                oldest.remove();
            }
            return keys;
        }
    }

    @Override
    public List<DeliveredKey> decKeys(final String callerSaeId, final String masterSaeId, final List<UUID> keyIds)
            throws Etsi014Exception {
        final Link link = link(masterSaeId, callerSaeId);
        synchronized (link) {
            for (UUID id : keyIds) {
                if (!link.awaitingSlave.containsKey(id)) {
                    throw new Etsi014Exception(Etsi014Exception.BAD_REQUEST, "no key " + id + " awaits SAE "
                        + callerSaeId, "key_ID");
                }
            }
            final var keys = new ArrayList<DeliveredKey>(keyIds.size());
            for (UUID id : keyIds) {
                final byte[] bits = link.awaitingSlave.remove(id);
                keys.add(new DeliveredKey(id, KeyMaterial.copyOf(bits)));
                Arrays.fill(bits, (byte) 0);
            }
            return keys;
        }
    }
}
