/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.NoKeyInLogs;
import org.qslice.kms.etsi.DeliveredKey;
import org.qslice.kms.etsi.Etsi014Client;
import org.qslice.kms.etsi.Etsi014Status;
import org.qslice.kms.etsi.KeyRequest;
import org.qslice.kms.store.PoolSnapshot;

/**
 * The QKD key source (ETSI 014 client) against the built-in QKD link simulator (ETSI 014 server), end to end over
 * mutual TLS, and the keys it fetched delivered again through the KMS's own ETSI 014 API.
 */
@ExtendWith(NoKeyInLogs.class)
class QkdEndToEndTest {
    @Test
    void qkdAndHybridPoolsFillFromTheSimulatedKme(@TempDir final Path dir) throws Exception {
        final PoolId qkd = new PoolId("metro/core#7", KeyType.QKD);
        final PoolId hybrid = new PoolId("metro/core#7", KeyType.HYBRID_QKD_QRA);
        try (var engine = KmsEngine.start(TestSupport.config(dir), EngineListener.NOOP, Optional::empty,
                Clock.systemUTC())) {
            engine.applyPools(Map.of(qkd, TestSupport.settings("enc-m", "enc-c", 16),
                hybrid, TestSupport.settings("enc-m", "enc-c", 8)));
            TestSupport.awaitFull(engine, qkd);
            TestSupport.awaitFull(engine, hybrid);
            final PoolSnapshot stats = engine.pool(qkd).orElseThrow().snapshot(Instant.now());
            assertEquals(0, stats.generationFailures(), String.valueOf(stats.lastError()));
            assertTrue(stats.generatedTotal() >= 16);

            // the simulator is a real ETSI 014 KME: ask it directly as the master SAE
            final String simulator = engine.simulatorUrl().orElseThrow();
            try (var kme = new Etsi014Client(URI.create(simulator), engine.pki().clientContext("enc-m"),
                    Duration.ofSeconds(5))) {
                final Etsi014Status status = kme.status("enc-c");
                assertEquals("qslice-qkd-simulator", status.sourceKmeId());
                assertEquals(256, status.keySize());
            }

            // and the QKD keys reach the encryptors through the KMS: enc-m gets them, enc-c gets the same by id
            try (var master = new Etsi014Client(URI.create(engine.etsi014Url()), engine.pki().clientContext("enc-m"),
                    Duration.ofSeconds(5));
                 var slave = new Etsi014Client(URI.create(engine.etsi014Url()), engine.pki().clientContext("enc-c"),
                    Duration.ofSeconds(5))) {
                final List<DeliveredKey> keys = master.encKeys("enc-c", KeyRequest.ofType(4, "qkd"));
                NoKeyInLogs.record(keys);
                final List<DeliveredKey> peer = slave.decKeys("enc-m", keys.stream().map(DeliveredKey::keyId)
                    .toList());
                for (int i = 0; i < keys.size(); i++) {
                    assertArrayEquals(keys.get(i).material().bytes(), peer.get(i).material().bytes());
                }
                // without an extension the strongest type of the pair is used: hybrid
                master.encKeys("enc-c", KeyRequest.of(1, 0));
                assertEquals(1, engine.pool(hybrid).orElseThrow().snapshot(Instant.now()).deliveredTotal());
            }
        }
    }
}
