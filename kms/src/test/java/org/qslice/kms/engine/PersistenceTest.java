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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.etsi.DeliveredKey;
import org.qslice.kms.etsi.Etsi014Client;
import org.qslice.kms.etsi.KeyRequest;
import org.qslice.kms.store.VaultException;

/**
 * Restart: pools, key ids, states and channel state survive a clean stop; key material is still decryptable with the
 * master key and not without it; an unclean stop discards keys whose delivery state is uncertain.
 */
class PersistenceTest {
    private static final PoolId POOL = new PoolId("a/z#1", KeyType.DH);

    private static KmsEngine start(final EngineConfig config) throws IOException, InterruptedException {
        return KmsEngine.start(config, EngineListener.NOOP, Optional::empty, Clock.systemUTC());
    }

    private static Set<UUID> managedIds(final KmsEngine engine) {
        return engine.pool(POOL).orElseThrow().managedKeys().stream()
            .map(org.qslice.kms.store.KeyInfo::id).collect(Collectors.toSet());
    }

    private static Etsi014Client client(final KmsEngine engine, final String sae) throws Exception {
        return new Etsi014Client(URI.create(engine.etsi014Url()), engine.pki().clientContext(sae),
            Duration.ofSeconds(5));
    }

    @Test
    void idsAndMaterialSurviveACleanRestart(@TempDir final Path dir) throws Exception {
        final EngineConfig config = TestSupport.config(dir);
        final Set<UUID> before;
        final List<DeliveredKey> delivered;
        final ChannelSnapshot channelBefore;
        try (var engine = start(config)) {
            engine.applyPools(Map.of(POOL, TestSupport.settings("enc-a", "enc-z", 8)));
            // both SAEs of the pool have their client certificate on disk before any request
            for (String sae : List.of("enc-a", "enc-z")) {
                assertTrue(Files.exists(config.pkiDirectory().resolve("sae/" + sae + ".crt")), sae);
                assertTrue(Files.exists(config.pkiDirectory().resolve("sae/" + sae + ".key")), sae);
            }
            TestSupport.awaitFull(engine, POOL);
            try (var master = client(engine, "enc-a")) {
                delivered = master.encKeys("enc-z", KeyRequest.of(3, 256));
            }
            engine.applyChannels(Map.of("a/z#1", new ChannelSettings(POOL, Duration.ofHours(1), true)));
            TestSupport.await(Duration.ofSeconds(5), "first rotation",
                () -> engine.channels().get(0).rotations() == 1);
            channelBefore = engine.channels().get(0);
            before = managedIds(engine);
            assertTrue(before.containsAll(delivered.stream().map(DeliveredKey::keyId).toList()));
        }

        // nothing in the vault files shows a delivered key, in any encoding
        final List<byte[]> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir.resolve("vault"))) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.add(Files.readAllBytes(file));
            }
        }
        for (DeliveredKey key : delivered) {
            final byte[] raw = key.material().bytes();
            for (byte[] file : files) {
                assertFalse(contains(file, raw), "raw key bytes in a vault file");
                final String text = new String(file, StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(HexFormat.of().formatHex(raw)), "hex key in a vault file");
                assertFalse(text.contains(Base64.getEncoder().encodeToString(raw)), "base64 key in a vault file");
            }
        }

        try (var engine = start(config)) {
            assertTrue(engine.info().cleanStart());
            engine.applyPools(Map.of(POOL, TestSupport.settings("enc-a", "enc-z", 8)));
            final Set<UUID> after = managedIds(engine);
            assertTrue(after.containsAll(before), "ids lost: before " + before + " after " + after);
            // the slave still fetches the keys delivered before the restart: the material decrypts
            try (var slave = client(engine, "enc-z")) {
                final List<DeliveredKey> again = slave.decKeys("enc-a", delivered.stream().map(DeliveredKey::keyId)
                    .toList());
                for (int i = 0; i < delivered.size(); i++) {
                    assertArrayEquals(delivered.get(i).material().bytes(), again.get(i).material().bytes());
                }
            }
            engine.applyChannels(Map.of("a/z#1", new ChannelSettings(POOL, Duration.ofHours(1), true)));
            TestSupport.await(Duration.ofSeconds(5), "rotation after restart",
                () -> engine.channels().get(0).rotations() == 2);
            assertEquals(channelBefore.currentKeyId(), engine.channels().get(0).previousKeyId());
        }

        // another master key cannot open the vault
        final Path other = dir.resolve("other.key");
        final var wrongKey = new EngineConfig(config.etsi014Host(), 0, other, config.vaultDirectory(),
            config.pkiDirectory(), config.defaultPoolSize(), config.defaultLowWater(), config.maxPending(),
            config.historySize(), config.refreshInterval(), config.rotationTolerance(), config.deliveredKeyTtl(),
            config.maxKeyPerRequest(), config.qkdR0(), config.qkdAlpha(), config.qkdDefaultLinkLengthKm(), 0,
            config.qkdMaxKeyCount(), "", "", config.qkdClientPkiDirectory(), config.mirrorInterval(),
            config.persistInterval(), config.refillBatch(), 1, 1);
        final IOException error = assertThrows(VaultException.class, () -> start(wrongKey));
        assertTrue(error.getMessage().contains("does not decrypt"), error.getMessage());
    }

    @Test
    void anUncleanStopDiscardsKeysOfUncertainState(@TempDir final Path dir) throws Exception {
        final EngineConfig config = TestSupport.config(dir);
        final Set<UUID> before;
        try (var engine = start(config)) {
            engine.applyPools(Map.of(POOL, TestSupport.settings("enc-a", "enc-z", 8)));
            TestSupport.awaitFull(engine, POOL);
            before = managedIds(engine);
        }
        // as if the process had died: the marker still says running
        Files.writeString(dir.resolve("vault/state"), "running\n");
        try (var engine = start(config)) {
            assertFalse(engine.info().cleanStart());
            final var stats = engine.pool(POOL).orElseThrow().snapshot(Instant.now());
            assertTrue(stats.discardedTotal() >= 8, "discarded " + stats.discardedTotal());
            engine.applyPools(Map.of(POOL, TestSupport.settings("enc-a", "enc-z", 8)));
            TestSupport.awaitFull(engine, POOL);
            final Set<UUID> after = managedIds(engine);
            after.retainAll(before);
            assertTrue(after.isEmpty(), "keys of uncertain state kept: " + after);
        }
    }

    private static boolean contains(final byte[] haystack, final byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
