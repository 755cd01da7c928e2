/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.mdsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import com.google.common.util.concurrent.Futures;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bouncycastle.tls.NamedGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.ChannelId;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.CreatePoolInputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.GetPoolStatisticsInputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.GetPoolStatisticsOutput;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.KeyStarvation;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.Kms;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.RemovePoolInputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.SaeId;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.StartChannelRefreshInputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.StopChannelRefreshInputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.pools.Pool;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.pools.pool.state.ManagedKey;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.qslice.api.kms.ChannelSpec;
import org.qslice.api.kms.KeyDeliveryTls;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.KmsException;
import org.qslice.api.kms.KmsStatus;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.NoKeyInLogs;
import org.qslice.kms.engine.EngineConfig;
import org.qslice.kms.engine.KmsEngine;
import org.qslice.kms.engine.TestSupport;
import org.qslice.kms.etsi.DeliveredKey;
import org.qslice.kms.etsi.Etsi014Client;
import org.qslice.kms.etsi.KeyRequest;
import org.qslice.kms.tls.TlsGroupPolicy;
import org.qslice.kms.tls.TlsTestClient;

/**
 * The KMS against the real in-memory data broker: RPCs, the datastore-backed service, the operational mirror, the
 * key-starvation notification, restart over the same datastore and files, and no key material in any datastore
 * read.
 */
@ExtendWith(NoKeyInLogs.class)
class KmsDatastoreTest extends AbstractConcurrentDataBrokerTest {
    private static final PoolId POOL = new PoolId("metro-1/core-1#ch3", KeyType.QRA);

    @TempDir
    Path dir;
    private DataBroker broker;
    private NotificationPublishService notifications;
    private RpcProviderService rpcProvider;
    private KmsDefaults defaults;
    private EngineConfig config;
    private KmsDataAccess access;
    private KmsSingleton singleton;

    KmsDatastoreTest() {
        super(true);
    }

    @BeforeEach
    void start() throws Exception {
        setup();
        broker = getDataBroker();
        notifications = mock(NotificationPublishService.class);
        doReturn(Futures.immediateFuture(new Object())).when(notifications).offerNotification(any());
        rpcProvider = mock(RpcProviderService.class);
        doReturn(mock(Registration.class)).when(rpcProvider).registerRpcImplementation(any());
        config = TestSupport.config(dir);
        defaults = new KmsDefaults(8, 2, 50, Duration.ofSeconds(3), 1024, 16);
        access = new KmsDataAccess(broker, defaults);
        singleton = startSingleton();
    }

    private KmsSingleton startSingleton() {
        final var started = new KmsSingleton(broker, notifications, rpcProvider, config, defaults, Optional::empty,
            false);
        started.instantiateServiceInstance();
        TestSupport.await(Duration.ofSeconds(30), "engine start", () -> started.engine().isPresent());
        return started;
    }

    @AfterEach
    void stop() {
        singleton.close();
    }

    private KmsEngine engine() {
        return singleton.engine().orElseThrow();
    }

    private Optional<Kms> read(final LogicalDatastoreType store) throws Exception {
        try (var tx = broker.newReadOnlyTransaction()) {
            return tx.read(store, KmsBindings.KMS).get(5, TimeUnit.SECONDS);
        }
    }

    private Optional<Pool> operPool(final PoolId id) {
        try (var tx = broker.newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, KmsBindings.pool(id)).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    private void awaitStored(final PoolId id, final long stored) {
        TestSupport.await(Duration.ofSeconds(30), "operational stored-count " + stored + " of " + id,
            () -> operPool(id).map(Pool::getState).map(state -> state.getStoredCount())
                .map(count -> count.toJava() == stored).orElse(false));
    }

    private RpcResult<?> createPool(final String channel, final int size, final Integer lowWater) throws Exception {
        return new KmsRpcs.CreatePoolImpl(access).invoke(new CreatePoolInputBuilder()
            .setChannelId(new ChannelId(channel))
            .setKeyType(KmsBindings.toYang(KeyType.QRA))
            .setMasterSaeId(new SaeId("enc-a"))
            .setSlaveSaeId(new SaeId("enc-z"))
            .setPoolSize(Uint32.valueOf(size))
            .setLowWater(lowWater == null ? null : Uint32.valueOf(lowWater))
            .build()).get(5, TimeUnit.SECONDS);
    }

    @Test
    void poolsLiveInTheDatastoreWithoutKeyMaterial() throws Exception {
        final RpcResult<?> created = createPool(POOL.channelId(), 8, null);
        assertTrue(created.isSuccessful(), created.getErrors().toString());
        awaitStored(POOL, 8);

        final var delivered = new ArrayList<DeliveredKey>();
        try (var master = client("enc-a"); var slave = client("enc-z")) {
            delivered.addAll(master.encKeys("enc-z", KeyRequest.of(5, 256)));
            delivered.addAll(slave.decKeys("enc-a", delivered.subList(0, 2).stream().map(DeliveredKey::keyId)
                .toList()));
        }
        final RpcResult<?> refresh = new KmsRpcs.StartChannelRefreshImpl(access).invoke(
            new StartChannelRefreshInputBuilder().setChannelId(new ChannelId(POOL.channelId()))
                .setKeyType(KmsBindings.toYang(KeyType.QRA)).setRefreshIntervalMs(Uint32.valueOf(200)).build())
            .get(5, TimeUnit.SECONDS);
        assertTrue(refresh.isSuccessful(), refresh.getErrors().toString());
        TestSupport.await(Duration.ofSeconds(10), "rotations mirrored", () -> {
            try {
                return access.status().toCompletableFuture().get().channels().get(0).rotations() >= 3;
            } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                return false;
            }
        });
        // the channel keys too: fetch the current one from both ends
        final UUID current = access.status().toCompletableFuture().get().channels().get(0).currentKeyId();
        try (var master = client("enc-a"); var slave = client("enc-z")) {
            delivered.add(master.decKey("enc-z", current));
            delivered.add(slave.decKey("enc-a", current));
        } catch (org.qslice.kms.etsi.Etsi014Exception e) {
            // rotated meanwhile (200 ms): the key may have been retired; the others suffice
        }
        Thread.sleep(200);

        final String everything = read(LogicalDatastoreType.CONFIGURATION).orElseThrow().toString()
            + read(LogicalDatastoreType.OPERATIONAL).orElseThrow().toString();
        assertTrue(everything.contains(delivered.get(0).keyId().toString()), "key ids are listed");
        for (DeliveredKey key : delivered) {
            final byte[] raw = key.material().bytes();
            NoKeyInLogs.record(raw);
            assertFalse(everything.contains(HexFormat.of().formatHex(raw)), "hex key material in the datastore");
            assertFalse(everything.toLowerCase().contains(HexFormat.of().formatHex(raw)), "hex key material");
            assertFalse(everything.contains(Base64.getEncoder().encodeToString(raw)), "base64 key material");
            assertFalse(everything.contains(Base64.getEncoder().withoutPadding().encodeToString(raw)), "base64");
            assertFalse(everything.contains(Base64.getUrlEncoder().withoutPadding().encodeToString(raw)), "b64url");
            assertFalse(everything.contains(new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1)), "raw");
            assertFalse(everything.contains(java.util.Arrays.toString(raw)), "byte array");
        }

        final KmsStatus status = access.status().toCompletableFuture().get();
        assertEquals("running", status.engineState());
        assertEquals(engine().etsi014Url(), status.etsi014Url());
        assertEquals(1, status.pools().size());
        assertTrue(status.pools().get(0).deliveredTotal() >= 5);
    }

    @Test
    void aQkdPoolReportsTheSecretKeyRateOfItsSimulatedLink() throws Exception {
        final var qkd = new PoolId("qkd-link", KeyType.QKD);
        final RpcResult<?> created = new KmsRpcs.CreatePoolImpl(access).invoke(new CreatePoolInputBuilder()
            .setChannelId(new ChannelId(qkd.channelId()))
            .setKeyType(KmsBindings.toYang(KeyType.QKD))
            .setMasterSaeId(new SaeId("enc-a"))
            .setSlaveSaeId(new SaeId("enc-z"))
            .setPoolSize(Uint32.valueOf(4))
            .setLinkLengthKm(org.opendaylight.yangtools.yang.common.Decimal64.valueOf("100"))
            .build()).get(5, TimeUnit.SECONDS);
        assertTrue(created.isSuccessful(), created.getErrors().toString());
        assertTrue(createPool(POOL.channelId(), 4, null).isSuccessful());
        awaitStored(qkd, 4);
        awaitStored(POOL, 4);

        final var pools = access.status().toCompletableFuture().get().pools();
        final double expected = config.qkd().r0() * Math.pow(10, -config.qkd().alpha() * 100 / 10);
        final var qkdStatus = pools.stream().filter(pool -> pool.id().equals(qkd)).findFirst().orElseThrow();
        assertEquals(expected, qkdStatus.secretKeyRateBps(), 0.001, "the simulator's rate at 100 km");
        final var qraStatus = pools.stream().filter(pool -> pool.id().equals(POOL)).findFirst().orElseThrow();
        assertNull(qraStatus.secretKeyRateBps(), "a QRA pool has no QKD rate");
    }

    @Test
    void theNegotiatedTlsGroupReachesTheStatus() throws Exception {
        final var pki = engine().pki();
        final var url = java.net.URI.create(engine().etsi014Url());
        final var hybridOnly = new TlsTestClient(pki.saeIdentity("enc-a"), pki.trustAnchors(),
            NamedGroup.X25519MLKEM768);
        hybridOnly.connect(new java.net.InetSocketAddress(url.getHost(), url.getPort())).close();
        TestSupport.await(Duration.ofSeconds(10), "the hybrid handshake in the status", () -> {
            try {
                final KeyDeliveryTls tls = access.status().toCompletableFuture().get().keyDeliveryTls();
                return tls != null && TlsGroupPolicy.HYBRID_GROUP.equals(tls.lastGroup());
            } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                return false;
            }
        });
        final KeyDeliveryTls tls = access.status().toCompletableFuture().get().keyDeliveryTls();
        assertFalse(tls.pqOnly());
        assertEquals(TlsGroupPolicy.HYBRID_GROUP, tls.offeredGroups().get(0));
        assertEquals(1L, tls.handshakes().get(TlsGroupPolicy.HYBRID_GROUP));
        assertTrue(tls.lastHandshake() != null);
    }

    @Test
    void channelsStartAndStopTogetherAllOrNothing() throws Exception {
        final var ch1 = new ChannelSpec("a/b#ch1", KeyType.QRA, "enc-a", "enc-b", Duration.ofSeconds(3));
        final var ch2 = new ChannelSpec("a/b#ch2", KeyType.DH, "enc-a", "enc-b", Duration.ofSeconds(3));
        // the pool of ch3 does not exist and no SAE ids are given: the whole batch is refused
        final var noPool = new ChannelSpec("c/d#ch1", KeyType.QKD, null, null, null);
        final var refused = assertThrows(java.util.concurrent.ExecutionException.class, () -> access
            .startChannelRefreshes(List.of(ch1, ch2, noPool)).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertEquals(KmsException.Reason.INVALID_VALUE, ((KmsException) refused.getCause()).reason());
        assertTrue(refused.getCause().getMessage().contains("c/d#ch1"), refused.getCause().getMessage());
        assertTrue(read(LogicalDatastoreType.CONFIGURATION).map(kms -> kms.getChannels() == null
            || kms.getChannels().nonnullChannel().isEmpty()).orElse(true), "nothing of the refused batch is stored");

        access.startChannelRefreshes(List.of(ch1, ch2)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        final var channels = read(LogicalDatastoreType.CONFIGURATION).orElseThrow().getChannels().nonnullChannel()
            .keySet().stream().map(key -> key.getChannelId().getValue()).sorted().toList();
        assertEquals(List.of("a/b#ch1", "a/b#ch2"), channels);
        assertTrue(read(LogicalDatastoreType.CONFIGURATION).orElseThrow().getPools().nonnullPool().size() >= 2,
            "both pools were created");

        // an unknown channel counts as stopped in a batch, but not alone
        access.stopChannelRefreshes(List.of("a/b#ch1", "a/b#ch2", "x/y#ch9")).toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
        assertTrue(read(LogicalDatastoreType.CONFIGURATION).orElseThrow().getChannels() == null
            || read(LogicalDatastoreType.CONFIGURATION).orElseThrow().getChannels().nonnullChannel().isEmpty());
        final var missing = assertThrows(java.util.concurrent.ExecutionException.class, () -> access
            .stopChannelRefresh("x/y#ch9").toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertEquals(KmsException.Reason.NOT_FOUND, ((KmsException) missing.getCause()).reason());
    }

    @Test
    void rpcsValidateAndReportErrors() throws Exception {
        final RpcResult<?> badLowWater = createPool("x", 4, 9);
        assertFalse(badLowWater.isSuccessful());
        final var error = badLowWater.getErrors().iterator().next();
        assertEquals(ErrorTag.INVALID_VALUE, error.getTag());
        assertTrue(error.getMessage().contains("low-water 9 exceeds pool-size 4"), error.getMessage());

        final RpcResult<?> sameSae = new KmsRpcs.CreatePoolImpl(access).invoke(new CreatePoolInputBuilder()
            .setChannelId(new ChannelId("y")).setKeyType(KmsBindings.toYang(KeyType.DH))
            .setMasterSaeId(new SaeId("enc-a")).setSlaveSaeId(new SaeId("enc-a")).build()).get(5, TimeUnit.SECONDS);
        assertTrue(sameSae.getErrors().iterator().next().getMessage().contains("must differ"));

        final RpcResult<?> missing = new KmsRpcs.RemovePoolImpl(access).invoke(new RemovePoolInputBuilder()
            .setChannelId(new ChannelId("nope")).setKeyType(KmsBindings.toYang(KeyType.DH)).build())
            .get(5, TimeUnit.SECONDS);
        assertEquals(ErrorTag.DATA_MISSING, missing.getErrors().iterator().next().getTag());

        final RpcResult<?> noPool = new KmsRpcs.StartChannelRefreshImpl(access).invoke(
            new StartChannelRefreshInputBuilder().setChannelId(new ChannelId("nope"))
                .setKeyType(KmsBindings.toYang(KeyType.DH)).build()).get(5, TimeUnit.SECONDS);
        assertTrue(noPool.getErrors().iterator().next().getMessage().contains("master-sae-id"));

        assertTrue(createPool(POOL.channelId(), 4, 1).isSuccessful());
        assertTrue(new KmsRpcs.StartChannelRefreshImpl(access).invoke(new StartChannelRefreshInputBuilder()
            .setChannelId(new ChannelId(POOL.channelId())).setKeyType(KmsBindings.toYang(KeyType.QRA)).build())
            .get(5, TimeUnit.SECONDS).isSuccessful());
        final RpcResult<?> inUse = new KmsRpcs.RemovePoolImpl(access).invoke(new RemovePoolInputBuilder()
            .setChannelId(new ChannelId(POOL.channelId())).setKeyType(KmsBindings.toYang(KeyType.QRA)).build())
            .get(5, TimeUnit.SECONDS);
        assertEquals(ErrorTag.IN_USE, inUse.getErrors().iterator().next().getTag());
        assertTrue(new KmsRpcs.StopChannelRefreshImpl(access).invoke(new StopChannelRefreshInputBuilder()
            .setChannelId(new ChannelId(POOL.channelId())).build()).get(5, TimeUnit.SECONDS).isSuccessful());
        assertTrue(new KmsRpcs.RemovePoolImpl(access).invoke(new RemovePoolInputBuilder()
            .setChannelId(new ChannelId(POOL.channelId())).setKeyType(KmsBindings.toYang(KeyType.QRA)).build())
            .get(5, TimeUnit.SECONDS).isSuccessful());
        // the removal reaches the engine through the configuration listener; the mirror then drops the state
        TestSupport.await(Duration.ofSeconds(10), "pool removed from the engine", () -> engine().pool(POOL).isEmpty());
        TestSupport.await(Duration.ofSeconds(10), "operational pool removed", () -> operPool(POOL).isEmpty());
    }

    @Test
    void statisticsRpcAndStarvationNotification() throws Exception {
        assertTrue(createPool(POOL.channelId(), 4, 2).isSuccessful());
        awaitStored(POOL, 4);
        try (var master = client("enc-a")) {
            master.encKeys("enc-z", KeyRequest.of(3, 256));
        }
        verify(notifications, org.mockito.Mockito.timeout(5000).atLeastOnce()).offerNotification(
            argThat(notification -> notification instanceof KeyStarvation starvation
                && starvation.getChannelId().getValue().equals(POOL.channelId())
                && starvation.getStoredCount().toJava() < 2));
        final RpcResult<GetPoolStatisticsOutput> stats = new KmsRpcs.GetPoolStatisticsImpl(access).invoke(
            new GetPoolStatisticsInputBuilder().setChannelId(new ChannelId(POOL.channelId())).build())
            .get(5, TimeUnit.SECONDS);
        assertTrue(stats.isSuccessful());
        final var pool = stats.getResult().nonnullPool().values().iterator().next();
        assertEquals(Uint32.valueOf(4), pool.getPoolSize());
        assertEquals(Uint32.valueOf(2), pool.getLowWater());
        verify(notifications, atLeastOnce()).offerNotification(any());
    }

    @Test
    void idsSurviveARestartOverTheSameDatastoreAndFiles() throws Exception {
        assertTrue(createPool(POOL.channelId(), 8, 2).isSuccessful());
        awaitStored(POOL, 8);
        final Set<String> before = managedIds();
        assertEquals(8, before.size());
        singleton.close();
        singleton = startSingleton();
        TestSupport.await(Duration.ofSeconds(10), "pool re-mirrored", () -> managedIds().equals(before));
        assertEquals(before, engine().pool(POOL).orElseThrow().managedKeys().stream()
            .map(key -> key.id().toString()).collect(Collectors.toSet()));
    }

    private Set<String> managedIds() {
        return operPool(POOL).map(Pool::getState).map(state -> state.nonnullManagedKey().values().stream()
            .map(ManagedKey::getKeyId).map(id -> id.getValue()).collect(Collectors.toSet())).orElse(Set.of());
    }

    private Etsi014Client client(final String sae) throws Exception {
        return new Etsi014Client(URI.create(engine().etsi014Url()), engine().pki().clientContext(sae),
            Duration.ofSeconds(5));
    }
}
