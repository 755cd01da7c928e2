/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.qslice.encryptor.rev261126.encryptor.ClientPort;
import org.qslice.api.model.KeyExchange;
import org.qslice.impl.device.DeviceException;
import org.qslice.impl.device.EncryptorDriver;
import org.qslice.impl.device.EncryptorKeyCache;
import org.qslice.impl.device.EncryptorPort;
import org.qslice.impl.device.MountPointDevices;
import org.qslice.impl.device.MountPointEncryptor;

/**
 * Key-id updates of an encryptor against a real in-memory datastore: only in-service encrypting ports of the line
 * change, updates that arrive while the device is busy go in one transaction, and the newest key of a line wins
 * (the {@link EncryptorKeyCache} decorator); without the decorator the driver keeps nothing and each update is a
 * transaction of its own.
 */
class EncryptorKeyIdTest {
    private static final String ENC = "enc-1";

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final DeviceStub stub = new DeviceStub();
    private DataBroker broker;
    private EncryptorDriver encryptor;

    @BeforeEach
    void setUp() throws Exception {
        broker = DeviceBroker.create();
        stub.add(ENC, broker);
        encryptor = new EncryptorKeyCache(new MountPointEncryptor(new MountPointDevices(stub, timer,
            Duration.ofSeconds(5))));
        encryptor.add(ENC, List.of(
            port("l1/1", "l1", true), port("l1/2", "l1", true),
            port("l2/1", "l2", true),
            port("l3/1", "l3", false))).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
    }

    @Test
    void updatesThatArriveWhileTheDeviceIsBusyGoInOneTransaction() throws Exception {
        final int before = stub.commits(ENC);
        stub.freeze(ENC);
        final UUID k1 = UUID.randomUUID();
        final UUID k2 = UUID.randomUUID();
        final UUID k3 = UUID.randomUUID();
        final UUID k4 = UUID.randomUUID();
        // the first update takes the device (its commit waits while frozen), the others queue up behind it
        final var first = encryptor.setKeyId(ENC, "l1", k1, Optional.empty());
        awaitHeldCommit();
        final var newer = encryptor.setKeyId(ENC, "l1", k2, Optional.empty());
        final var other = encryptor.setKeyId(ENC, "l2", k3, Optional.empty());
        final var clear = encryptor.setKeyId(ENC, "l3", k4, Optional.empty());
        final var unknown = encryptor.setKeyId(ENC, "l9", k4, Optional.empty());
        assertFalse(newer.isDone());
        stub.thaw(ENC);

        assertEquals(2, first.get(10, TimeUnit.SECONDS));
        assertEquals(2, newer.get(10, TimeUnit.SECONDS));
        assertEquals(1, other.get(10, TimeUnit.SECONDS));
        assertEquals(0, clear.get(10, TimeUnit.SECONDS));
        assertEquals(0, unknown.get(10, TimeUnit.SECONDS));
        // one transaction for the first update, one for the four that waited
        assertEquals(before + 2, stub.commits(ENC));

        final Map<String, String> keys = keyIds();
        assertEquals(k2.toString(), keys.get("l1/1"));
        assertEquals(k2.toString(), keys.get("l1/2"));
        assertEquals(k3.toString(), keys.get("l2/1"));
        assertNull(keys.get("l3/1"), "a port that does not encrypt gets no key");
    }

    @Test
    void portsBoundAfterTheKeyCameAreWrittenWithItInTheirOwnTransaction() throws Exception {
        final UUID key = UUID.randomUUID();
        final int before = stub.commits(ENC);
        // the KMS registered the channel before its ports exist: nothing to update, nothing written
        assertEquals(0, encryptor.setKeyId(ENC, "l4", key, Optional.empty()).get(10, TimeUnit.SECONDS));
        assertEquals(before, stub.commits(ENC));

        encryptor.add(ENC, List.of(port("l4/1", "l4", true), port("l4/2", "l4", false)))
            .get(10, TimeUnit.SECONDS);
        assertEquals(before + 1, stub.commits(ENC));
        assertEquals(key.toString(), keyIds().get("l4/1"));
        assertNull(keyIds().get("l4/2"), "a port that does not encrypt gets no key");

        // the same key again (e.g. a delayed delivery): the port holds it, no transaction
        assertEquals(1, encryptor.setKeyId(ENC, "l4", key, Optional.empty()).get(10, TimeUnit.SECONDS));
        assertEquals(before + 1, stub.commits(ENC));
        // a new key is written
        final UUID next = UUID.randomUUID();
        assertEquals(1, encryptor.setKeyId(ENC, "l4", next, Optional.empty()).get(10, TimeUnit.SECONDS));
        assertEquals(before + 2, stub.commits(ENC));
        assertEquals(next.toString(), keyIds().get("l4/1"));
    }

    @Test
    void aDeviceKnownToHaveNoPortOfTheLineIsNotTouched() throws Exception {
        // the first update reads the device's ports
        assertEquals(2, encryptor.setKeyId(ENC, "l1", UUID.randomUUID(), Optional.empty()).get(10, TimeUnit.SECONDS));
        final int reads = stub.reads(ENC);
        final int commits = stub.commits(ENC);
        // a channel registered before its ports are bound: no read, no transaction
        final UUID key = UUID.randomUUID();
        assertEquals(0, encryptor.setKeyId(ENC, "l6", key, Optional.empty()).get(10, TimeUnit.SECONDS));
        assertEquals(reads, stub.reads(ENC));
        assertEquals(commits, stub.commits(ENC));
        // bound later: the ports carry the key, and the next key of the line reaches them
        encryptor.add(ENC, List.of(port("l6/1", "l6", true))).get(10, TimeUnit.SECONDS);
        assertEquals(key.toString(), keyIds().get("l6/1"));
        final UUID next = UUID.randomUUID();
        assertEquals(1, encryptor.setKeyId(ENC, "l6", next, Optional.empty()).get(10, TimeUnit.SECONDS));
        assertEquals(next.toString(), keyIds().get("l6/1"));
        // removed: the line's keys no longer touch the device
        encryptor.remove(ENC, List.of("l6/1")).get(10, TimeUnit.SECONDS);
        final int afterRemoval = stub.reads(ENC);
        assertEquals(0, encryptor.setKeyId(ENC, "l6", UUID.randomUUID(), Optional.empty()).get(10, TimeUnit.SECONDS));
        assertEquals(afterRemoval, stub.reads(ENC));
    }

    @Test
    void aLineWhoseRotationStoppedGivesNewPortsNoRetiredKey() throws Exception {
        encryptor.setKeyId(ENC, "l5", UUID.randomUUID(), Optional.empty()).get(10, TimeUnit.SECONDS);
        encryptor.forgetKeys(List.of("l5"));
        encryptor.add(ENC, List.of(port("l5/1", "l5", true))).get(10, TimeUnit.SECONDS);
        assertNull(keyIds().get("l5/1"));
    }

    @Test
    void aFailedTransactionFailsEveryUpdateItCarried() throws Exception {
        stub.refuse(ENC, 1);
        final var failed = assertThrows(ExecutionException.class,
            () -> encryptor.setKeyId(ENC, "l1", UUID.randomUUID(), Optional.empty()).get(10, TimeUnit.SECONDS));
        assertInstanceOf(DeviceException.class, failed.getCause());
        // the next update is a new batch and lands
        final UUID key = UUID.randomUUID();
        assertEquals(1, encryptor.setKeyId(ENC, "l2", key, Optional.empty()).get(10, TimeUnit.SECONDS));
        assertEquals(key.toString(), keyIds().get("l2/1"));
    }

    @Test
    void anUnmountedDeviceFailsTheUpdate() {
        stub.unmount(ENC);
        final var failed = assertThrows(ExecutionException.class,
            () -> encryptor.setKeyId(ENC, "l1", UUID.randomUUID(), Optional.empty()).get(10, TimeUnit.SECONDS));
        assertInstanceOf(DeviceException.class, failed.getCause());
    }

    @Test
    void aPortBoundWhileAKeyIdTransactionIsUnderWayGetsItsLinesNextKeys() throws Exception {
        stub.freeze(ENC);
        // the key-id transaction reads the ports (no l8 yet) and waits at its commit
        final var first = encryptor.setKeyId(ENC, "l1", UUID.randomUUID(), Optional.empty());
        awaitHeldCommit();
        // queued behind it: must not be lost when the ports read by that transaction are remembered
        final var bound = encryptor.add(ENC, List.of(port("l8/1", "l8", true)));
        stub.thaw(ENC);
        assertEquals(2, first.get(10, TimeUnit.SECONDS));
        bound.get(10, TimeUnit.SECONDS);
        final UUID key = UUID.randomUUID();
        assertEquals(1, encryptor.setKeyId(ENC, "l8", key, Optional.empty()).get(10, TimeUnit.SECONDS));
        assertEquals(key.toString(), keyIds().get("l8/1"));
    }

    @Test
    void withoutTheCacheEveryUpdateIsItsOwnTransactionAndReadsTheDevice() throws Exception {
        final var stateless = new MountPointEncryptor(new MountPointDevices(stub, timer, Duration.ofSeconds(5)));
        final int commits = stub.commits(ENC);
        stub.freeze(ENC);
        final UUID k1 = UUID.randomUUID();
        final UUID k2 = UUID.randomUUID();
        final var first = stateless.setKeyId(ENC, "l1", k1, Optional.empty());
        awaitHeldCommit();
        final var newer = stateless.setKeyId(ENC, "l1", k2, Optional.empty());
        final var unknown = stateless.setKeyId(ENC, "l9", k2, Optional.empty());
        stub.thaw(ENC);
        assertEquals(2, first.get(10, TimeUnit.SECONDS));
        assertEquals(2, newer.get(10, TimeUnit.SECONDS));
        assertEquals(0, unknown.get(10, TimeUnit.SECONDS));
        // not coalesced: one transaction per key id that changed something
        assertEquals(commits + 2, stub.commits(ENC));
        assertEquals(k2.toString(), keyIds().get("l1/1"));

        // a line with no port on the device: read again every time (nothing remembered)
        final int reads = stub.reads(ENC);
        assertEquals(0, stateless.setKeyId(ENC, "l7", k1, Optional.empty()).get(10, TimeUnit.SECONDS));
        assertEquals(0, stateless.setKeyId(ENC, "l7", k1, Optional.empty()).get(10, TimeUnit.SECONDS));
        assertEquals(reads + 2, stub.reads(ENC));
        // ports bound after their line's key carry none until the line's next key
        stateless.add(ENC, List.of(port("l7/1", "l7", true))).get(10, TimeUnit.SECONDS);
        assertNull(keyIds().get("l7/1"));
        final UUID next = UUID.randomUUID();
        assertEquals(1, stateless.setKeyId(ENC, "l7", next, Optional.empty()).get(10, TimeUnit.SECONDS));
        assertEquals(next.toString(), keyIds().get("l7/1"));
    }

    private void awaitHeldCommit() throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!stub.holdsCommit()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the first key-id update never reached the device");
            }
            Thread.sleep(5);
        }
    }

    private Map<String, String> keyIds() throws Exception {
        try (var tx = broker.newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, MountPointEncryptor.ROOT).get(10, TimeUnit.SECONDS)
                .orElseThrow().nonnullClientPort().values().stream().filter(port -> port.getCurrentKeyId() != null)
                .collect(Collectors.toMap(ClientPort::getName, port -> port.getCurrentKeyId().getValue()));
        }
    }

    private static EncryptorPort port(final String name, final String line, final boolean encryption) {
        return new EncryptorPort(name, "test", line, 3, 1, 100, encryption,
            encryption ? KeyExchange.QRA : KeyExchange.NONE, encryption ? line + "/qra" : "", 3000);
    }
}
