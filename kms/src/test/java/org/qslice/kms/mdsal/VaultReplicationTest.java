/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.mdsal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qslice.kms.engine.TestSupport.containsBytes;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.KmsVault;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.vault.Lease;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.NoKeyInLogs;
import org.qslice.kms.engine.EngineConfig;
import org.qslice.kms.engine.EngineListener;
import org.qslice.kms.engine.KmsEngine;
import org.qslice.kms.engine.TestSupport;
import org.qslice.kms.etsi.DeliveredKey;
import org.qslice.kms.etsi.Etsi014Client;
import org.qslice.kms.etsi.Etsi014Exception;
import org.qslice.kms.etsi.KeyRequest;
import org.qslice.kms.store.VaultReplica;

/**
 * The vault replicated through the real in-memory datastore: an engine on another member (its own empty directory,
 * the same master key) takes the KMS over from one that was never stopped (killed or frozen), delivers none of the
 * keys the first one handed out, serves them to the slave SAE with the same material and with the same CA; the
 * replaced engine can no longer hand a key out. No key material is in the datastore.
 */
@ExtendWith(NoKeyInLogs.class)
class VaultReplicationTest extends AbstractConcurrentDataBrokerTest {
    private static final PoolId POOL = new PoolId("a/z#1", KeyType.QRA);
    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private DataBroker broker;

    VaultReplicationTest() {
        super(true);
    }

    @BeforeEach
    void start() throws Exception {
        setup();
        broker = getDataBroker();
    }

    private DatastoreVaultReplica replica(final String owner) {
        return new DatastoreVaultReplica(broker, owner, BOUND, BOUND);
    }

    private KmsEngine engine(final EngineConfig config, final String owner) throws Exception {
        return KmsEngine.start(config, EngineListener.NOOP, Optional::empty, Clock.systemUTC(), replica(owner));
    }

    private static Etsi014Client client(final KmsEngine engine, final String sae) throws Exception {
        return new Etsi014Client(URI.create(engine.etsi014Url()), engine.pki().clientContext(sae),
            Duration.ofSeconds(5));
    }

    @Test
    void aTakeoverEndsTheEarlierTermsWrites() throws Exception {
        final var first = replica("first");
        assertEquals(1, first.takeOver().term());
        first.append(List.of(new VaultReplica.Record(3, 7, new byte[] {1, 2})));
        first.commit(Map.of(VaultReplica.VAULT + "vault.kv", new byte[] {3}), Set.of(), 3);

        final var second = replica("second");
        final VaultReplica.Snapshot taken = second.takeOver();
        assertEquals(2, taken.term());
        assertArrayEquals(new byte[] {3}, taken.files().get(VaultReplica.VAULT + "vault.kv"));
        assertEquals(1, taken.records().size());
        assertEquals(7, taken.records().getFirst().seq());

        final var refused = assertThrows(IOException.class,
            () -> first.append(List.of(new VaultReplica.Record(3, 8, new byte[] {4}))));
        assertTrue(refused.getMessage().contains("taken over by second"), refused.getMessage());
        assertThrows(IOException.class, () -> first.commit(Map.of(), Set.of(VaultReplica.VAULT + "vault.kv"), 9));
        // what the fence rests on: a transaction that read the lease before a takeover and puts it again after it
        // does not commit (the datastore's conflict check on the lease written meanwhile)
        final var lease = DataObjectIdentifier.builder(KmsVault.class).child(Lease.class).build();
        final var late = broker.newReadWriteTransaction();
        final Lease read = late.read(LogicalDatastoreType.CONFIGURATION, lease).get(5, TimeUnit.SECONDS).orElseThrow();
        late.put(LogicalDatastoreType.CONFIGURATION, lease, read);
        assertEquals(3, replica("meanwhile").takeOver().term());
        assertThrows(ExecutionException.class, () -> late.commit().get(5, TimeUnit.SECONDS));
        assertEquals(4, second.takeOver().term());
        // nothing of the refused writes took effect; the new term writes, and retires the segments before 4
        second.commit(Map.of(), Set.of(), 4);
        final VaultReplica.Snapshot after = replica("last").takeOver();
        assertTrue(after.records().isEmpty(), "segment 3 not retired: " + after.records());
        assertArrayEquals(new byte[] {3}, after.files().get(VaultReplica.VAULT + "vault.kv"));
    }

    @Test
    void oneEnginesConcurrentWritesDoNotFenceEachOther() throws Exception {
        final var replica = replica("only");
        replica.takeOver();
        // delivery records from several threads and vault commits at once, as an engine under load writes them
        final var pool = Executors.newFixedThreadPool(4);
        try {
            final var done = new ArrayList<Future<?>>();
            for (int thread = 0; thread < 4; thread++) {
                final int first = thread * 1000;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        replica.append(List.of(new VaultReplica.Record(1, first + i, new byte[] {1})));
                        replica.commit(Map.of(VaultReplica.VAULT + "f" + first, new byte[] {(byte) i}), Set.of(), 1);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(100, replica("next").takeOver().records().size());
    }

    @Test
    void anotherMemberTakesTheKmsOverWithoutLosingOrRepeatingAKey() throws Exception {
        final EngineConfig configA = TestSupport.config(dir.resolve("member-a"));
        final EngineConfig configB = TestSupport.config(dir.resolve("member-b"));
        final KmsEngine engineA = engine(configA, "member-a");
        final List<DeliveredKey> delivered = new ArrayList<>();
        try {
            engineA.applyPools(Map.of(POOL, TestSupport.settings("enc-a", "enc-z", 8)));
            TestSupport.awaitFull(engineA, POOL);
            try (var master = client(engineA, "enc-a")) {
                // delivered after the pool's last commit too: those come back from the journal's records
                for (int i = 0; i < 5; i++) {
                    TestSupport.awaitFull(engineA, POOL);
                    delivered.addAll(master.encKeys("enc-z", KeyRequest.of(2, 256)));
                }
            }
            NoKeyInLogs.record(delivered);
            // member B holds the same master key (every member's own copy of one secret file), nothing else
            Files.createDirectories(configB.vault().masterKeyFile().getParent());
            Files.copy(configA.vault().masterKeyFile(), configB.vault().masterKeyFile());

            // engine A is never stopped: its member died or froze
            try (var engineB = engine(configB, "member-b")) {
                assertArrayEquals(Files.readAllBytes(configA.etsi014().pkiDirectory().resolve("ca.crt")),
                    Files.readAllBytes(configB.etsi014().pkiDirectory().resolve("ca.crt")), "another CA on B");
                engineB.applyPools(Map.of(POOL, TestSupport.settings("enc-a", "enc-z", 8)));
                // the slave fetches every key A delivered, through B, with the same material, presenting the
                // certificate A's CA issued it
                try (var slave = new Etsi014Client(URI.create(engineB.etsi014Url()),
                        engineA.pki().clientContext("enc-z"), Duration.ofSeconds(5))) {
                    final List<DeliveredKey> fetched = slave.decKeys("enc-a", delivered.stream()
                        .map(DeliveredKey::keyId).toList());
                    for (int i = 0; i < delivered.size(); i++) {
                        assertEquals(delivered.get(i).keyId(), fetched.get(i).keyId());
                        assertArrayEquals(delivered.get(i).material().bytes(), fetched.get(i).material().bytes());
                    }
                }
                // and B hands none of them out again
                final Set<UUID> before = new HashSet<>(delivered.stream().map(DeliveredKey::keyId).toList());
                try (var master = client(engineB, "enc-a")) {
                    for (int i = 0; i < 8; i++) {
                        TestSupport.awaitFull(engineB, POOL);
                        for (DeliveredKey key : master.encKeys("enc-z", KeyRequest.of(2, 256))) {
                            NoKeyInLogs.record(List.of(key));
                            assertFalse(before.contains(key.keyId()), "delivered twice: " + key.keyId());
                        }
                    }
                }
                // the replaced engine can no longer hand a key out: its record does not reach the replica
                try (var master = client(engineA, "enc-a")) {
                    final var refused = assertThrows(Etsi014Exception.class,
                        () -> master.encKeys("enc-z", KeyRequest.of(1, 256)));
                    assertEquals(Etsi014Exception.UNAVAILABLE, refused.status(), refused.getMessage());
                }
                assertNoMaterialInTheDatastore(delivered);
            }
        } finally {
            engineA.close();
        }
    }

    private void assertNoMaterialInTheDatastore(final List<DeliveredKey> delivered) throws Exception {
        final KmsVault vault;
        try (var tx = broker.newReadOnlyTransaction()) {
            vault = tx.read(LogicalDatastoreType.CONFIGURATION, DatastoreVaultReplica.VAULT).get(5, TimeUnit.SECONDS)
                .orElseThrow();
        }
        final List<byte[]> stored = new ArrayList<>();
        vault.nonnullFile().values().forEach(file -> stored.add(file.requireContent()));
        vault.nonnullSegment().values().forEach(segment -> segment.nonnullRecord().values()
            .forEach(record -> stored.add(record.requireContent())));
        assertFalse(stored.isEmpty());
        for (DeliveredKey key : delivered) {
            final byte[] raw = key.material().bytes();
            assertTrue(Stream.of(stored.toArray(byte[][]::new)).noneMatch(bytes -> containsBytes(bytes, raw)),
                "key material of " + key.keyId() + " in the datastore");
        }
    }
}
