/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.qkd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.qslice.kms.etsi.DeliveredKey;
import org.qslice.kms.etsi.Etsi014Exception;
import org.qslice.kms.etsi.KeyRequest;

class QkdSimulatorTest {
    @Test
    void rateFollowsTheAttenuationModel() {
        final var model = new QkdLinkModel(QkdLinkModel.DEFAULT_R0, QkdLinkModel.DEFAULT_ALPHA);
        assertEquals(1_000_000, model.rateBitsPerSecond(0), 1e-6);
        assertEquals(100_000, model.rateBitsPerSecond(50), 1e-6);
        assertEquals(10_000, model.rateBitsPerSecond(100), 1e-6);
    }

    @Test
    void simulatedLinkDistilsKeysAtItsRate() throws Etsi014Exception {
        final var clock = new AtomicLong();
        final var kme = new SimulatedKme("kme", new QkdLinkModel(25_600, 0.2), 1000, 100, clock::get,
            new SecureRandom());
        // 25.6 kbit/s * 10^(-0.2*50/10) = 2,560 bit/s = 10 keys of 256 bits per second
        assertEquals(2560, kme.configureLink("a", "z", 50), 1e-6);
        assertEquals(0, kme.status("a", "z").storedKeyCount());
        clock.set(1_000_000_000L);
        assertEquals(10, kme.status("a", "z").storedKeyCount());
        final Etsi014Exception tooMany = assertThrows(Etsi014Exception.class,
            () -> kme.encKeys("a", "z", KeyRequest.of(11, 256)));
        assertEquals(503, tooMany.status());
        final List<DeliveredKey> keys = kme.encKeys("a", "z", KeyRequest.of(10, 256));
        assertEquals(0, kme.status("a", "z").storedKeyCount());
        final List<DeliveredKey> peer = kme.decKeys("z", "a", keys.stream().map(DeliveredKey::keyId).toList());
        for (int i = 0; i < keys.size(); i++) {
            assertArrayEquals(keys.get(i).material().bytes(), peer.get(i).material().bytes());
        }
        assertEquals(400, assertThrows(Etsi014Exception.class,
            () -> kme.decKeys("z", "a", List.of(keys.get(0).keyId()))).status());
        assertEquals(401, assertThrows(Etsi014Exception.class, () -> kme.status("z", "a")).status());
        assertEquals(400, assertThrows(Etsi014Exception.class,
            () -> kme.encKeys("a", "z", KeyRequest.of(1, 128))).status());
    }
}
