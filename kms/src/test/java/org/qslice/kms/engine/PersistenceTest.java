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
import static org.qslice.kms.engine.TestSupport.containsBytes;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.NoKeyInLogs;
import org.qslice.kms.etsi.DeliveredKey;
import org.qslice.kms.etsi.Etsi014Client;
import org.qslice.kms.etsi.Etsi014Exception;
import org.qslice.kms.etsi.KeyRequest;
import org.qslice.kms.store.DeliveryJournal;
import org.qslice.kms.store.VaultException;
import org.qslice.kms.store.VaultFaults;

/**
 * Restart: pools, key ids, states and channel state survive a clean stop; key material is still decryptable with the
 * master key and not without it. A kill -9 or a failed write neither offers a delivered key again nor loses it for its
 * peer (the journal), and a vault rolled back to older files is refused (the sealed epoch and its anchor).
 */
@ExtendWith(NoKeyInLogs.class)
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
                assertTrue(Files.exists(config.etsi014().pkiDirectory().resolve("sae/" + sae + ".crt")), sae);
                assertTrue(Files.exists(config.etsi014().pkiDirectory().resolve("sae/" + sae + ".key")), sae);
            }
            TestSupport.awaitFull(engine, POOL);
            try (var master = client(engine, "enc-a")) {
                delivered = master.encKeys("enc-z", KeyRequest.of(3, 256));
                NoKeyInLogs.record(delivered);
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
                assertFalse(containsBytes(file, raw), "raw key bytes in a vault file");
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
        final var wrongKey = config.withVault(config.vault().withMasterKeyFile(other));
        final IOException error = assertThrows(VaultException.class, () -> start(wrongKey));
        assertTrue(error.getMessage().contains("does not decrypt"), error.getMessage());
    }

    @Test
    void aKillAfterDeliveriesNeitherOffersThemAgainNorLosesThem(@TempDir final Path dir) throws Exception {
        // no periodic commit: every delivery below is only in the journal when the process dies
        final EngineConfig config = TestSupport.config(dir, Duration.ofHours(1));
        final List<DeliveredKey> delivered;
        final DeliveredKey fetched;
        final KmsEngine first = start(config);
        try {
            first.applyPools(Map.of(POOL, TestSupport.settings("enc-a", "enc-z", 8)));
            TestSupport.awaitFull(first, POOL);
            final long epoch = first.vaultEpoch();
            try (var master = client(first, "enc-a"); var slave = client(first, "enc-z")) {
                delivered = master.encKeys("enc-z", KeyRequest.of(4, 256));
                NoKeyInLogs.record(delivered);
                fetched = slave.decKeys("enc-a", List.of(delivered.get(0).keyId())).get(0);
            }
            assertEquals(epoch, first.vaultEpoch(), "the vault committed after the deliveries");
        } finally {
            first.halt();
        }
        try (var engine = start(config)) {
            assertFalse(engine.info().cleanStart());
            engine.applyPools(Map.of(POOL, TestSupport.settings("enc-a", "enc-z", 8)));
            final Set<UUID> before = delivered.stream().map(DeliveredKey::keyId).collect(Collectors.toSet());
            try (var master = client(engine, "enc-a"); var slave = client(engine, "enc-z")) {
                // never lost: the slave gets the keys it had not fetched, the same bytes
                final List<DeliveredKey> rest = slave.decKeys("enc-a", delivered.subList(1, 4).stream()
                    .map(DeliveredKey::keyId).toList());
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(delivered.get(i + 1).material().bytes(), rest.get(i).material().bytes());
                }
                // never twice: the fetched key is not fetched again, no delivered key is offered again
                final Etsi014Exception again = assertThrows(Etsi014Exception.class,
                    () -> slave.decKeys("enc-a", List.of(fetched.keyId())));
                assertEquals(400, again.status(), again.getMessage());
                assertDisjoint(before, drain(engine, master));
            }
        }
    }

    /**
     * Every write of the vault and the journal fails in turn (a full disk), from the middle of a run through the
     * stop: whatever the failure, no key is delivered twice and no key a master got is lost to its slave.
     */
    @ParameterizedTest
    @EnumSource(VaultFaults.Write.class)
    void aFailedWriteNeverDeliversAKeyTwice(final VaultFaults.Write write, @TempDir final Path dir) throws Exception {
        final EngineConfig config = TestSupport.config(dir, Duration.ofHours(1));
        final var failing = new AtomicReference<VaultFaults.@Nullable Write>();
        final VaultFaults faults = attempted -> {
            if (attempted == failing.get()) {
                throw new IOException("injected: no space left on device (" + attempted + ")");
            }
        };
        final var received = new ArrayList<DeliveredKey>();
        try (var engine = KmsEngine.start(config, EngineListener.NOOP, Optional::empty, Clock.systemUTC(), faults,
                null)) {
            engine.applyPools(Map.of(POOL, TestSupport.settings("enc-a", "enc-z", 8)));
            TestSupport.awaitFull(engine, POOL);
            try (var master = client(engine, "enc-a")) {
                received.addAll(master.encKeys("enc-z", KeyRequest.of(2, 256)));
                NoKeyInLogs.record(received);
                failing.set(write);
                final boolean journalFails = write == VaultFaults.Write.JOURNAL_APPEND
                    || write == VaultFaults.Write.JOURNAL_SYNC;
                if (journalFails) {
                    final Etsi014Exception refused = assertThrows(Etsi014Exception.class,
                        () -> master.encKeys("enc-z", KeyRequest.of(2, 256)));
                    assertEquals(503, refused.status(), refused.getMessage());
                } else {
                    received.addAll(master.encKeys("enc-z", KeyRequest.of(2, 256)));
                }
                // the channels file is written only when a channel changed: at the stop below, not now
                final boolean commits = engine.commitNow();
                assertEquals(write == VaultFaults.Write.JOURNAL_APPEND || write == VaultFaults.Write.CHANNELS, commits,
                    "commit with " + write + " failing");
            }
            // close() with the write still failing: the vault must not be marked clean over it
        }
        failing.set(null);
        final Set<UUID> before = received.stream().map(DeliveredKey::keyId).collect(Collectors.toSet());
        try (var engine = start(config)) {
            if (write != VaultFaults.Write.JOURNAL_APPEND && write != VaultFaults.Write.ANCHOR) {
                assertFalse(engine.info().cleanStart(), "clean start after a failed " + write);
            }
            engine.applyPools(Map.of(POOL, TestSupport.settings("enc-a", "enc-z", 8)));
            try (var master = client(engine, "enc-a"); var slave = client(engine, "enc-z")) {
                final List<DeliveredKey> fetched = slave.decKeys("enc-a", received.stream().map(DeliveredKey::keyId)
                    .toList());
                for (int i = 0; i < received.size(); i++) {
                    assertArrayEquals(received.get(i).material().bytes(), fetched.get(i).material().bytes());
                }
                assertDisjoint(before, drain(engine, master));
            }
        }
    }

    @Test
    void aVaultRolledBackToAnOlderCopyIsRefused(@TempDir final Path dir) throws Exception {
        final EngineConfig config = TestSupport.config(dir);
        final Path backup = dir.resolve("backup");
        try (var engine = start(config)) {
            engine.applyPools(Map.of(POOL, TestSupport.settings("enc-a", "enc-z", 8)));
            TestSupport.awaitFull(engine, POOL);
        }
        copyTree(config.vault().directory(), backup);
        try (var engine = start(config)) {
            engine.applyPools(Map.of(POOL, TestSupport.settings("enc-a", "enc-z", 8)));
            try (var master = client(engine, "enc-a")) {
                master.encKeys("enc-z", KeyRequest.of(3, 256));
            }
        }
        // one pool file swapped for its older version: it no longer matches the manifest
        final Path current;
        final Path older;
        try (Stream<Path> files = Files.list(config.vault().directory())) {
            current = files.filter(file -> file.getFileName().toString().startsWith("pool-")).findFirst()
                .orElseThrow();
        }
        try (Stream<Path> files = Files.list(backup)) {
            older = files.filter(file -> file.getFileName().toString().startsWith("pool-")).findFirst()
                .orElseThrow();
        }
        final byte[] currentBytes = Files.readAllBytes(current);
        Files.copy(older, current, StandardCopyOption.REPLACE_EXISTING);
        final IOException swapped = assertThrows(VaultException.class, () -> start(config));
        assertTrue(swapped.getMessage().contains("is not the one committed"), swapped.getMessage());
        Files.write(current, currentBytes);

        // the whole vault restored from the backup: its epoch is behind the anchor
        final Path newer = dir.resolve("newer");
        Files.move(config.vault().directory(), newer);
        copyTree(backup, config.vault().directory());
        final IOException rolledBack = assertThrows(VaultException.class, () -> start(config));
        assertTrue(rolledBack.getMessage().contains("was rolled back"), rolledBack.getMessage());

        // the newest vault back in place starts
        deleteTree(config.vault().directory());
        Files.move(newer, config.vault().directory());
        try (var engine = start(config)) {
            assertTrue(engine.info().cleanStart());
        }
    }

    @Test
    void aTornRecordAtTheJournalsEndIsIgnored(@TempDir final Path dir) throws Exception {
        final EngineConfig config = TestSupport.config(dir, Duration.ofHours(1));
        final List<DeliveredKey> delivered;
        final KmsEngine first = start(config);
        try {
            first.applyPools(Map.of(POOL, TestSupport.settings("enc-a", "enc-z", 8)));
            TestSupport.awaitFull(first, POOL);
            try (var master = client(first, "enc-a")) {
                delivered = master.encKeys("enc-z", KeyRequest.of(2, 256));
            }
        } finally {
            first.halt();
        }
        // the kill hit a record being written: its length is there, half its bytes are not
        final Path segment = DeliveryJournal.segments(config.vault().directory()).lastEntry().getValue();
        Files.write(segment, new byte[] {0, 0, 0, 90, 2, 7, 7, 7, 7}, StandardOpenOption.APPEND);
        try (var engine = start(config)) {
            engine.applyPools(Map.of(POOL, TestSupport.settings("enc-a", "enc-z", 8)));
            try (var master = client(engine, "enc-a"); var slave = client(engine, "enc-z")) {
                final List<DeliveredKey> fetched = slave.decKeys("enc-a", delivered.stream()
                    .map(DeliveredKey::keyId).toList());
                assertEquals(2, fetched.size());
                assertDisjoint(delivered.stream().map(DeliveredKey::keyId).collect(Collectors.toSet()),
                    drain(engine, master));
            }
        }
    }

    /** Takes every key the pool offers, after it refilled, and returns their ids. */
    private static Set<UUID> drain(final KmsEngine engine, final Etsi014Client master) throws Exception {
        TestSupport.awaitFull(engine, POOL);
        final int stored = engine.pool(POOL).orElseThrow().stored();
        return master.encKeys("enc-z", KeyRequest.of(stored, 256)).stream().map(DeliveredKey::keyId)
            .collect(Collectors.toSet());
    }

    private static void assertDisjoint(final Set<UUID> before, final Set<UUID> after) {
        final var twice = new HashSet<>(after);
        twice.retainAll(before);
        assertTrue(twice.isEmpty(), "delivered twice: " + twice);
        assertFalse(after.isEmpty(), "nothing delivered after the restart");
    }

    private static void copyTree(final Path from, final Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static void deleteTree(final Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }
}
