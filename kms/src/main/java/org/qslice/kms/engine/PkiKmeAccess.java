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
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jdt.annotation.Nullable;
import org.qslice.kms.etsi.Etsi014Client;
import org.qslice.kms.pki.LocalPki;
import org.qslice.kms.qkd.KmeAccess;
import org.qslice.kms.qkd.SimulatedKme;
import org.qslice.kms.source.PoolContext;

/**
 * Reaches KMEs with SAE client certificates from a {@link LocalPki}: the built-in simulator (then {@link #prepare}
 * configures the simulated link) or external KMEs (credentials in the QKD client PKI directory).
 */
final class PkiKmeAccess implements KmeAccess, AutoCloseable {
    private final URI masterUrl;
    private final URI slaveUrl;
    private final LocalPki pki;
    private final @Nullable SimulatedKme simulator;
    private final Map<String, Etsi014Client> clients = new ConcurrentHashMap<>();

    PkiKmeAccess(final URI masterUrl, final URI slaveUrl, final LocalPki pki, final @Nullable SimulatedKme simulator) {
        this.masterUrl = requireNonNull(masterUrl);
        this.slaveUrl = requireNonNull(slaveUrl);
        this.pki = requireNonNull(pki);
        this.simulator = simulator;
    }

    @Override
    public Etsi014Client masterClient(final PoolContext pool) throws IOException {
        return client(masterUrl, pool.masterSaeId());
    }

    @Override
    public Etsi014Client slaveClient(final PoolContext pool) throws IOException {
        return client(slaveUrl, pool.slaveSaeId());
    }

    private Etsi014Client client(final URI url, final String saeId) throws IOException {
        final String cacheKey = url + " " + saeId;
        final Etsi014Client known = clients.get(cacheKey);
        if (known != null) {
            return known;
        }
        try {
            final var client = new Etsi014Client(url, pki.clientContext(saeId), Duration.ofSeconds(5));
            final Etsi014Client raced = clients.putIfAbsent(cacheKey, client);
            if (raced != null) {
                client.close();
                return raced;
            }
            return client;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build TLS credentials of SAE " + saeId, e);
        }
    }

    @Override
    public void prepare(final PoolContext pool) {
        if (simulator != null) {
            simulator.configureLink(pool.masterSaeId(), pool.slaveSaeId(), pool.linkLengthKm());
        }
    }

    @Override
    public String url() {
        return masterUrl.toString();
    }

    @Override
    public void close() {
        clients.values().forEach(Etsi014Client::close);
        clients.clear();
    }
}
