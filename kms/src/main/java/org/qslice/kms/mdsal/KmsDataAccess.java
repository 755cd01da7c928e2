/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.ChannelId;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.Kms;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.SaeId;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.Channels;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.Engine;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.Pools;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.channels.Channel;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.channels.ChannelBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.channels.ChannelKey;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.engine.Etsi014Tls;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.engine.etsi014.tls.NegotiatedGroup;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.pools.Pool;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.pools.PoolBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.pools.PoolKey;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.qslice.api.kms.ChannelSpec;
import org.qslice.api.kms.ChannelStatus;
import org.qslice.api.kms.KeyDeliveryTls;
import org.qslice.api.kms.KeyManagementService;
import org.qslice.api.kms.KmsException;
import org.qslice.api.kms.KmsStatus;
import org.qslice.api.kms.PoolId;
import org.qslice.api.kms.PoolSpec;
import org.qslice.api.kms.PoolStatus;

/**
 * {@link KeyManagementService} over the datastore: requests become configuration (the engine, wherever it runs,
 * picks them up); statistics are read from the operational datastore. Never blocks.
 *
 * <p>Every transaction here sends at most one read: the surrounding container is read once instead of several
 * entries side by side. OpenDaylight's datastore client (controller 12.0.3, {@code TransmitQueue}) drops a response
 * that arrives before the answer to an earlier request of the same transaction, and a shard leader elected after a
 * member's death answers a remote member's first read of a transaction after its second: a transaction with two
 * reads in flight then never completes, and with it the KMS call (seen on a 3-member cluster, ClusterIT).
 */
public final class KmsDataAccess implements KeyManagementService {
    private static final LogicalDatastoreType CONFIG = LogicalDatastoreType.CONFIGURATION;
    private static final LogicalDatastoreType OPER = LogicalDatastoreType.OPERATIONAL;

    private final DataBroker broker;
    private final KmsDefaults defaults;

    /**
     * Access over a broker.
     *
     * @param broker the data broker
     * @param defaults defaults for absent fields
     */
    public KmsDataAccess(final DataBroker broker, final KmsDefaults defaults) {
        this.broker = requireNonNull(broker);
        this.defaults = requireNonNull(defaults);
    }

    @Override
    public CompletionStage<Boolean> createPool(final PoolSpec spec) {
        try {
            Validation.pool(spec);
        } catch (KmsException e) {
            return CompletableFuture.failedFuture(e);
        }
        final ReadWriteTransaction tx = broker.newReadWriteTransaction();
        final var path = KmsBindings.pool(spec.id());
        return KmsBindings.stage(tx.read(CONFIG, path).transformAsync(existing -> {
            tx.put(CONFIG, path, toPool(spec));
            return tx.commit().transform(info -> existing.isEmpty(), MoreExecutors.directExecutor());
        }, MoreExecutors.directExecutor()), "creating pool " + spec.id());
    }

    private static Pool toPool(final PoolSpec spec) {
        final Integer size = spec.poolSize();
        final Integer lowWater = spec.lowWater();
        final BigDecimal length = spec.linkLengthKm();
        return new PoolBuilder()
            .withKey(KmsBindings.poolKey(spec.id()))
            .setMasterSaeId(new SaeId(spec.masterSaeId()))
            .setSlaveSaeId(new SaeId(spec.slaveSaeId()))
            .setPoolSize(size == null ? null : Uint32.valueOf(size))
            .setLowWater(lowWater == null ? null : Uint32.valueOf(lowWater))
            .setLinkLengthKm(length == null ? null : KmsBindings.km(length))
            .build();
    }

    @Override
    public CompletionStage<Void> removePool(final PoolId id) {
        final ReadWriteTransaction tx = broker.newReadWriteTransaction();
        final var path = KmsBindings.pool(id);
        // one read per transaction (see the class comment): the pool and the channels come with the KMS container
        return KmsBindings.stage(tx.read(CONFIG, KmsBindings.KMS).transformAsync(kms -> {
            if (kms.map(Kms::getPools).map(pools -> pools.nonnullPool().get(KmsBindings.poolKey(id))).isEmpty()) {
                tx.cancel();
                throw new KmsException(KmsException.Reason.NOT_FOUND, "no pool " + id);
            }
            for (Channel channel : kms.map(Kms::getChannels).map(Channels::nonnullChannel).orElse(Map.of())
                    .values()) {
                if (channel.requireChannelId().getValue().equals(id.channelId())
                    && KmsBindings.fromYang(channel.requireKeyType()) == id.keyType()) {
                    tx.cancel();
                    throw new KmsException(KmsException.Reason.IN_USE, "pool " + id + " is in use by channel "
                        + id.channelId() + ": stop its refresh first");
                }
            }
            tx.delete(CONFIG, path);
            return tx.commit().<Void>transform(info -> null, MoreExecutors.directExecutor());
        }, MoreExecutors.directExecutor()), "removing pool " + id);
    }

    @Override
    public CompletionStage<List<PoolStatus>> pools() {
        // a transaction is bound to one datastore: one for the configuration, one for the state
        final ReadTransaction configTx = broker.newReadOnlyTransaction();
        final FluentFuture<Optional<Pools>> config = configTx.read(CONFIG, KmsBindings.POOLS);
        configTx.close();
        final ReadTransaction operTx = broker.newReadOnlyTransaction();
        final FluentFuture<Optional<Pools>> oper = operTx.read(OPER, KmsBindings.POOLS);
        operTx.close();
        return KmsBindings.stage(Futures.whenAllSucceed(config, oper).call(
            () -> poolStatuses(Futures.getDone(config), Futures.getDone(oper)), MoreExecutors.directExecutor()),
            "reading pools");
    }

    @Override
    public CompletionStage<KmsStatus> status() {
        // one read per transaction (see the class comment): the whole KMS container of each datastore
        final ReadTransaction configTx = broker.newReadOnlyTransaction();
        final FluentFuture<Optional<Kms>> config = configTx.read(CONFIG, KmsBindings.KMS);
        configTx.close();
        final ReadTransaction operTx = broker.newReadOnlyTransaction();
        final FluentFuture<Optional<Kms>> oper = operTx.read(OPER, KmsBindings.KMS);
        operTx.close();
        return KmsBindings.stage(Futures.whenAllSucceed(config, oper)
            .call(() -> {
                final Optional<Engine> info = Futures.getDone(oper).map(Kms::getEngine);
                final Optional<Pools> configPools = Futures.getDone(config).map(Kms::getPools);
                final Optional<Pools> operPools = Futures.getDone(oper).map(Kms::getPools);
                final Optional<Channels> configChannels = Futures.getDone(config).map(Kms::getChannels);
                final Optional<Channels> operChannels = Futures.getDone(oper).map(Kms::getChannels);
                return new KmsStatus(
                    info.map(Engine::getState).map(state -> state.getName()).orElse("unknown"),
                    KmsBindings.instant(info.map(Engine::getStarted).orElse(null)),
                    info.map(Engine::getEtsi014Url).orElse(null),
                    info.map(Engine::getQkdKmeUrl).orElse(null),
                    info.map(Engine::getCleanStart).orElse(Boolean.TRUE),
                    info.map(Engine::getLastError).orElse(null),
                    poolStatuses(configPools, operPools),
                    channelStatuses(configChannels, operChannels),
                    info.map(Engine::getEtsi014Tls).map(KmsDataAccess::keyDeliveryTls).orElse(null));
            }, MoreExecutors.directExecutor()), "reading KMS status");
    }

    private static KeyDeliveryTls keyDeliveryTls(final Etsi014Tls tls) {
        final var handshakes = new TreeMap<String, Long>();
        for (NegotiatedGroup group : tls.nonnullNegotiatedGroup().values()) {
            handshakes.put(group.requireName(), group.getHandshakes() == null ? 0 : group.getHandshakes().longValue());
        }
        return new KeyDeliveryTls(Boolean.TRUE.equals(tls.getPqOnly()),
            tls.getOfferedGroup() == null ? List.of() : tls.getOfferedGroup(), tls.getLastNegotiatedGroup(),
            KmsBindings.instant(tls.getLastHandshake()), handshakes,
            tls.getFailedHandshakes() == null ? 0 : tls.getFailedHandshakes().longValue(),
            tls.getRefusedHandshakes() == null ? 0 : tls.getRefusedHandshakes().longValue());
    }

    @Override
    public CompletionStage<Void> startChannelRefresh(final ChannelSpec spec) {
        return start(List.of(spec), "starting the refresh of channel " + spec.channelId());
    }

    @Override
    public CompletionStage<Void> startChannelRefreshes(final List<ChannelSpec> specs) {
        return start(specs, "starting the refresh of " + specs.size() + " channel(s)");
    }

    /**
     * Registers channels in one transaction: one read of the pools, the missing ones created (from the first
     * spec naming them), every channel written, one commit.
     */
    private CompletionStage<Void> start(final List<ChannelSpec> specs, final String what) {
        if (specs.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            for (ChannelSpec spec : specs) {
                Validation.channel(spec);
            }
        } catch (KmsException e) {
            return CompletableFuture.failedFuture(e);
        }
        final ReadWriteTransaction tx = broker.newReadWriteTransaction();
        final var firstByPool = new LinkedHashMap<PoolId, ChannelSpec>();
        specs.forEach(spec -> firstByPool.putIfAbsent(spec.poolId(), spec));
        // one read per transaction (see the class comment): every pool at once
        return KmsBindings.stage(tx.read(CONFIG, KmsBindings.POOLS).transformAsync(pools -> {
            final Map<PoolKey, Pool> existing = pools.map(Pools::nonnullPool).orElse(Map.of());
            for (var first : firstByPool.entrySet()) {
                final PoolId poolId = first.getKey();
                if (!existing.containsKey(KmsBindings.poolKey(poolId))) {
                    final ChannelSpec spec = first.getValue();
                    final String master = spec.masterSaeId();
                    final String slave = spec.slaveSaeId();
                    if (master == null || slave == null) {
                        tx.cancel();
                        throw new KmsException(KmsException.Reason.INVALID_VALUE, "pool " + poolId + " does not "
                            + "exist: give master-sae-id and slave-sae-id to create it");
                    }
                    final var poolSpec = PoolSpec.of(poolId, master, slave);
                    try {
                        Validation.pool(poolSpec);
                    } catch (KmsException e) {
                        tx.cancel();
                        throw e;
                    }
                    tx.put(CONFIG, KmsBindings.pool(poolId), toPool(poolSpec));
                }
            }
            for (ChannelSpec spec : specs) {
                final Duration interval = spec.refreshInterval();
                tx.put(CONFIG, KmsBindings.channel(spec.channelId()), new ChannelBuilder()
                    .withKey(new ChannelKey(new ChannelId(spec.channelId())))
                    .setKeyType(KmsBindings.toYang(spec.keyType()))
                    .setRefreshIntervalMs(interval == null ? null : Uint32.valueOf(interval.toMillis()))
                    .setInService(true)
                    .build());
            }
            return tx.commit().<Void>transform(info -> null, MoreExecutors.directExecutor());
        }, MoreExecutors.directExecutor()), what);
    }

    @Override
    public CompletionStage<Void> stopChannelRefresh(final String channelId) {
        return stop(List.of(channelId), true, "stopping the refresh of channel " + channelId);
    }

    @Override
    public CompletionStage<Void> stopChannelRefreshes(final List<String> channelIds) {
        return stop(channelIds, false, "stopping the refresh of " + channelIds.size() + " channel(s)");
    }

    /**
     * Removes channel registrations in one transaction; a channel that is not registered fails the call when
     * {@code missingIsError}, else it is skipped.
     */
    private CompletionStage<Void> stop(final List<String> channelIds, final boolean missingIsError,
            final String what) {
        if (channelIds.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            for (String channelId : channelIds) {
                Validation.channelId(channelId);
            }
        } catch (KmsException e) {
            return CompletableFuture.failedFuture(e);
        }
        final ReadWriteTransaction tx = broker.newReadWriteTransaction();
        // one read per transaction (see the class comment): every channel at once
        return KmsBindings.stage(tx.read(CONFIG, KmsBindings.CHANNELS).transformAsync(channels -> {
            final Map<ChannelKey, Channel> existing = channels.map(Channels::nonnullChannel).orElse(Map.of());
            boolean changed = false;
            for (String channelId : channelIds) {
                if (existing.containsKey(new ChannelKey(new ChannelId(channelId)))) {
                    tx.delete(CONFIG, KmsBindings.channel(channelId));
                    changed = true;
                } else if (missingIsError) {
                    tx.cancel();
                    throw new KmsException(KmsException.Reason.NOT_FOUND, "no channel " + channelId
                        + " is refreshed");
                }
            }
            if (!changed) {
                tx.cancel();
                return Futures.<Void>immediateFuture(null);
            }
            return tx.commit().<Void>transform(info -> null, MoreExecutors.directExecutor());
        }, MoreExecutors.directExecutor()), what);
    }

    private List<PoolStatus> poolStatuses(final Optional<Pools> config, final Optional<Pools> oper) {
        final Map<PoolKey, Pool> operPools = oper.map(Pools::nonnullPool).orElse(Map.of());
        final var result = new ArrayList<PoolStatus>();
        for (Pool pool : config.map(Pools::nonnullPool).orElse(Map.of()).values()) {
            result.add(poolStatus(pool, operPools.get(pool.key())));
        }
        result.sort(Comparator.comparing((PoolStatus status) -> status.id().channelId())
            .thenComparing(status -> status.id().keyType()));
        return result;
    }

    private PoolStatus poolStatus(final Pool config, final @Nullable Pool oper) {
        final var state = oper == null ? null : oper.getState();
        final long size = config.getPoolSize() == null ? defaults.poolSize() : config.getPoolSize().toJava();
        final long lowWater = Math.min(size, config.getLowWater() == null ? defaults.lowWater()
            : config.getLowWater().toJava());
        if (state == null) {
            return new PoolStatus(KmsBindings.poolId(config), config.requireMasterSaeId().getValue(),
                config.requireSlaveSaeId().getValue(), false, size, lowWater, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, 0,
                null, null, null);
        }
        return new PoolStatus(KmsBindings.poolId(config), config.requireMasterSaeId().getValue(),
            config.requireSlaveSaeId().getValue(), true, u32(state.getPoolSize(), size),
            u32(state.getLowWater(), lowWater), u32(state.getStoredCount(), 0), u32(state.getPendingCount(), 0),
            u64(state.getGeneratedTotal()), u64(state.getDeliveredTotal()), u64(state.getConsumedTotal()),
            u64(state.getDiscardedTotal()), u64(state.getGenerationFailures()),
            state.getConsumptionRate() == null ? 0 : state.getConsumptionRate().doubleValue(),
            state.getGenerationRate() == null ? 0 : state.getGenerationRate().doubleValue(),
            Boolean.TRUE.equals(state.getStarving()), u64(state.getStarvationEvents()),
            KmsBindings.instant(state.getLastRefresh()), state.getLastError(),
            state.getSecretKeyRateBps() == null ? null : state.getSecretKeyRateBps().doubleValue());
    }

    private List<ChannelStatus> channelStatuses(final Optional<Channels> config, final Optional<Channels> oper) {
        final Map<ChannelKey, Channel> operChannels = oper.map(Channels::nonnullChannel).orElse(Map.of());
        final var result = new ArrayList<ChannelStatus>();
        for (Channel channel : config.map(Channels::nonnullChannel).orElse(Map.of()).values()) {
            final Channel state = operChannels.get(channel.key());
            final var stats = state == null ? null : state.getState();
            final Duration interval = KmsBindings.millis(channel.getRefreshIntervalMs(), defaults.refreshInterval());
            result.add(new ChannelStatus(channel.requireChannelId().getValue(),
                KmsBindings.fromYang(channel.requireKeyType()), interval, !Boolean.FALSE.equals(channel.getInService()),
                stats == null ? null : KmsBindings.uuid(stats.getCurrentKeyId()),
                stats == null ? null : KmsBindings.instant(stats.getLastRotation()),
                stats == null ? 0 : u64(stats.getRotations()), stats == null ? 0 : u64(stats.getMissedRotations()),
                stats == null ? 0 : u64(stats.getFailedRotations()),
                stats == null ? 0 : u64(stats.getTargetFailures()), stats == null ? null : stats.getLastError()));
        }
        result.sort(Comparator.comparing(ChannelStatus::channelId));
        return result;
    }

    private static long u32(final @Nullable Uint32 value, final long absent) {
        return value == null ? absent : value.toJava();
    }

    private static long u64(final @Nullable Uint64 value) {
        return value == null ? 0 : value.longValue();
    }

    static <T> ListenableFuture<T> failed(final KmsException error) {
        return Futures.immediateFailedFuture(error);
    }
}
