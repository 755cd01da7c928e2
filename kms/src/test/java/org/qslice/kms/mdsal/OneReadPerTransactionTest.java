/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.mdsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.qslice.api.kms.ChannelSpec;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.api.kms.PoolSpec;
import org.qslice.kms.store.VaultReplica;

/**
 * Every KMS call through the datastore sends at most one read per transaction: OpenDaylight's datastore client drops
 * out-of-order answers to a transaction's requests, so two reads in flight on one transaction can hang it for ever
 * after a shard leader moves (see {@link KmsDataAccess}). The broker here counts the reads of each transaction.
 */
class OneReadPerTransactionTest extends AbstractConcurrentDataBrokerTest {
    private static final PoolId FIRST = new PoolId("a/b#ch1", KeyType.QRA);
    private static final PoolId SECOND = new PoolId("b/c#ch1", KeyType.DH);

    private final Map<Object, AtomicInteger> reads = new ConcurrentHashMap<>();
    private KmsDataAccess access;

    OneReadPerTransactionTest() {
        super(true);
    }

    @BeforeEach
    void start() throws Exception {
        setup();
        access = new KmsDataAccess(counting(getDataBroker()),
            new KmsDefaults(8, 2, 50, Duration.ofSeconds(3), 1024, 16));
    }

    @Test
    void everyCallReadsOncePerTransaction() throws Exception {
        assertTrue(access.createPool(PoolSpec.of(FIRST, "enc-a", "enc-b")).toCompletableFuture()
            .get(5, TimeUnit.SECONDS));
        // two channels over two pools, one of them created by the registration
        access.startChannelRefreshes(List.of(
            new ChannelSpec(FIRST.channelId(), FIRST.keyType(), null, null, null),
            new ChannelSpec(SECOND.channelId(), SECOND.keyType(), "enc-b", "enc-c", null)))
            .toCompletableFuture().get(5, TimeUnit.SECONDS);
        final var status = access.status().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(2, status.pools().size(), status.toString());
        assertEquals(2, status.channels().size(), status.toString());
        assertEquals(2, access.pools().toCompletableFuture().get(5, TimeUnit.SECONDS).size());
        access.stopChannelRefreshes(List.of(FIRST.channelId(), SECOND.channelId())).toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
        access.removePool(FIRST).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(1, access.pools().toCompletableFuture().get(5, TimeUnit.SECONDS).size());

        assertTrue(reads.size() >= 7, "transactions seen: " + reads.size());
        reads.forEach((tx, count) -> assertTrue(count.get() <= 1, count.get() + " reads on one transaction"));
    }

    @Test
    void theVaultReplicaReadsOncePerTransaction() throws Exception {
        final var replica = new DatastoreVaultReplica(counting(getDataBroker()), "test", Duration.ofSeconds(5),
            Duration.ofSeconds(5));
        replica.takeOver();
        replica.append(List.of(new VaultReplica.Record(1, 1, new byte[] {1}), new VaultReplica.Record(1, 2,
            new byte[] {2})));
        replica.commit(Map.of(VaultReplica.VAULT + "vault.kv", new byte[] {3}), Set.of(), 2);
        replica.takeOver();

        assertEquals(4, reads.size(), "transactions seen: " + reads.size());
        reads.forEach((tx, count) -> assertTrue(count.get() <= 1, count.get() + " reads on one transaction"));
    }

    /** The broker, its read and read-write transactions counting their reads. */
    private DataBroker counting(final DataBroker broker) {
        return proxy(DataBroker.class, broker, null, (method, result) -> switch (method.getName()) {
            case "newReadOnlyTransaction" -> transaction(ReadTransaction.class, (ReadTransaction) result);
            case "newReadWriteTransaction" -> transaction(ReadWriteTransaction.class, (ReadWriteTransaction) result);
            default -> result;
        });
    }

    private <T> T transaction(final Class<T> type, final T delegate) {
        final var count = new AtomicInteger();
        reads.put(count, count);
        return proxy(type, delegate, count, (method, result) -> result);
    }

    @FunctionalInterface
    private interface After {
        Object apply(Method method, Object result);
    }

    private static <T> T proxy(final Class<T> type, final T delegate, final AtomicInteger readCount,
            final After after) {
        final InvocationHandler handler = (self, method, args) -> {
            if (readCount != null && method.getName().equals("read")) {
                readCount.incrementAndGet();
            }
            // the broker's and the transactions' methods report failures in their futures, not by throwing
            return after.apply(method, method.invoke(delegate, args));
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler));
    }
}
