/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Uuid;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.ChannelId;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.ChannelRotationFailedBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.KeyStarvationBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.SaeId;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.EngineBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.channels.ChannelBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.channels.ChannelKey;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.engine.Etsi014TlsBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.engine.etsi014.tls.NegotiatedGroupBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.pools.Pool;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.pools.PoolBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.pools.pool.State;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.pools.pool.StateBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.pools.pool.state.ManagedKey;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.pools.pool.state.ManagedKeyBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.pools.pool.state.ManagedKeyKey;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.pools.pool.state.RetiredKey;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.pools.pool.state.RetiredKeyBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.pools.pool.state.RetiredKeyKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.engine.ChannelSnapshot;
import org.qslice.kms.engine.EngineInfo;
import org.qslice.kms.engine.EngineListener;
import org.qslice.kms.engine.QkdConfig;
import org.qslice.kms.store.KeyInfo;
import org.qslice.kms.store.KeyPool;
import org.qslice.kms.store.PoolDelta;
import org.qslice.kms.store.PoolSnapshot;
import org.qslice.kms.tls.NegotiatedGroups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors the engine into the operational datastore (one write-only transaction per report, key ids, states and
 * timestamps only) and publishes {@code key-starvation} and {@code channel-rotation-failed} notifications. When a
 * commit fails the next report rewrites everything.
 */
public final class DatastoreMirror implements EngineListener {
    private static final Logger LOG = LoggerFactory.getLogger(DatastoreMirror.class);
    private static final LogicalDatastoreType OPER = LogicalDatastoreType.OPERATIONAL;

    private final DataBroker broker;
    private final NotificationPublishService notifications;
    private final Runnable resync;
    private final QkdConfig qkd;

    /**
     * A mirror.
     *
     * @param broker where to write
     * @param notifications where to publish
     * @param resync asks the engine for a full report (after a failed commit)
     * @param qkd the QKD source, which tells the secret key rate behind QKD pools
     */
    public DatastoreMirror(final DataBroker broker, final NotificationPublishService notifications,
            final Runnable resync, final QkdConfig qkd) {
        this.broker = requireNonNull(broker);
        this.notifications = requireNonNull(notifications);
        this.resync = requireNonNull(resync);
        this.qkd = requireNonNull(qkd);
    }

    @Override
    public void engineChanged(final EngineInfo info) {
        final WriteTransaction tx = broker.newWriteOnlyTransaction();
        tx.put(OPER, KmsBindings.ENGINE, new EngineBuilder()
            .setState(org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.EngineState.ofName(
                info.state().name().toLowerCase(java.util.Locale.ROOT)))
            .setStarted(KmsBindings.time(info.started()))
            .setEtsi014Url(info.etsi014Url())
            .setQkdKmeUrl(info.qkdKmeUrl())
            .setPkiDirectory(info.pkiDirectory())
            .setCleanStart(info.cleanStart())
            .setLastError(info.lastError())
            .build());
        commit(tx, "engine state");
    }

    @Override
    public void keyDeliveryTlsChanged(final NegotiatedGroups.Snapshot tls) {
        final WriteTransaction tx = broker.newWriteOnlyTransaction();
        tx.put(OPER, KmsBindings.ETSI014_TLS, new Etsi014TlsBuilder()
            .setPqOnly(tls.policy().pqOnly())
            .setOfferedGroup(tls.policy().keyExchangeGroups())
            .setLastNegotiatedGroup(tls.lastGroup())
            .setLastHandshake(KmsBindings.time(tls.lastHandshake()))
            .setNegotiatedGroup(tls.handshakes().isEmpty() ? null : tls.handshakes().entrySet().stream()
                .map(entry -> new NegotiatedGroupBuilder().setName(entry.getKey())
                    .setHandshakes(Uint64.valueOf(entry.getValue())).build())
                .collect(BindingMap.toMap()))
            .setFailedHandshakes(Uint64.valueOf(tls.failed()))
            .setRefusedHandshakes(Uint64.valueOf(tls.refused()))
            .build());
        commit(tx, "key delivery TLS");
    }

    @Override
    public void poolsChanged(final List<PoolDelta> deltas, final List<PoolId> removed) {
        final WriteTransaction tx = broker.newWriteOnlyTransaction();
        for (PoolId id : removed) {
            tx.delete(OPER, KmsBindings.pool(id));
        }
        for (PoolDelta delta : deltas) {
            final PoolSnapshot snapshot = delta.snapshot();
            final var path = KmsBindings.pool(snapshot.id());
            final var statePath = path.toBuilder().child(State.class).build();
            final StateBuilder state = stats(snapshot);
            qkd.secretKeyRate(snapshot.id().keyType(), snapshot.settings().linkLengthKm())
                .ifPresent(rate -> state.setSecretKeyRateBps(KmsBindings.rate(rate)));
            if (delta.full()) {
                state.setManagedKey(BindingMap.ordered(delta.managedUpserts().stream().map(DatastoreMirror::managed)
                    .toList()));
                state.setRetiredKey(BindingMap.ordered(delta.retiredUpserts().stream().map(DatastoreMirror::retired)
                    .toList()));
                tx.put(OPER, path, poolEntry(snapshot).setState(state.build()).build());
                continue;
            }
            tx.merge(OPER, path, poolEntry(snapshot).build());
            tx.merge(OPER, statePath, state.build());
            for (UUID id : delta.managedDeletes()) {
                tx.delete(OPER, statePath.toBuilder().child(ManagedKey.class, new ManagedKeyKey(new Uuid(
                    id.toString()))).build());
            }
            for (KeyInfo info : delta.managedUpserts()) {
                final ManagedKey entry = managed(info);
                tx.put(OPER, statePath.toBuilder().child(ManagedKey.class, entry.key()).build(), entry);
            }
            for (UUID id : delta.retiredDeletes()) {
                tx.delete(OPER, statePath.toBuilder().child(RetiredKey.class, new RetiredKeyKey(new Uuid(
                    id.toString()))).build());
            }
            for (KeyInfo info : delta.retiredUpserts()) {
                final RetiredKey entry = retired(info);
                tx.put(OPER, statePath.toBuilder().child(RetiredKey.class, entry.key()).build(), entry);
            }
        }
        commit(tx, "pool state");
    }

    private static PoolBuilder poolEntry(final PoolSnapshot snapshot) {
        return new PoolBuilder()
            .withKey(KmsBindings.poolKey(snapshot.id()))
            .setMasterSaeId(new SaeId(snapshot.settings().masterSaeId()))
            .setSlaveSaeId(new SaeId(snapshot.settings().slaveSaeId()));
    }

    private static StateBuilder stats(final PoolSnapshot snapshot) {
        return new StateBuilder()
            .setPoolSize(KmsBindings.uint32(snapshot.settings().poolSize()))
            .setLowWater(KmsBindings.uint32(Math.min(snapshot.settings().lowWater(), snapshot.settings().poolSize())))
            .setStoredCount(KmsBindings.uint32(snapshot.stored()))
            .setPendingCount(KmsBindings.uint32(snapshot.pending()))
            .setGeneratedTotal(Uint64.valueOf(snapshot.generatedTotal()))
            .setDeliveredTotal(Uint64.valueOf(snapshot.deliveredTotal()))
            .setConsumedTotal(Uint64.valueOf(snapshot.consumedTotal()))
            .setDiscardedTotal(Uint64.valueOf(snapshot.discardedTotal()))
            .setGenerationFailures(Uint64.valueOf(snapshot.generationFailures()))
            .setConsumptionRate(KmsBindings.rate(snapshot.consumptionRate()))
            .setGenerationRate(KmsBindings.rate(snapshot.generationRate()))
            .setStarving(snapshot.starving())
            .setStarvationEvents(Uint64.valueOf(snapshot.starvationEvents()))
            .setLastGenerated(KmsBindings.time(snapshot.lastGenerated()))
            .setLastDelivered(KmsBindings.time(snapshot.lastDelivered()))
            .setLastRefresh(KmsBindings.time(snapshot.lastRefresh()))
            .setLastError(snapshot.lastError());
    }

    private static ManagedKey managed(final KeyInfo info) {
        return new ManagedKeyBuilder()
            .withKey(new ManagedKeyKey(new Uuid(info.id().toString())))
            .setState(state(info))
            .setCreated(KmsBindings.time(info.created()))
            .setDelivered(KmsBindings.time(info.delivered()))
            .setConsumed(KmsBindings.time(info.consumed()))
            .setDeliveredTo(info.deliveredTo().isEmpty() ? null : info.deliveredTo().stream().map(SaeId::new)
                .collect(java.util.stream.Collectors.toSet()))
            .setChannelKey(info.channelKey())
            .build();
    }

    private static RetiredKey retired(final KeyInfo info) {
        // the same key-entry grouping as a managed key
        return new RetiredKeyBuilder(managed(info))
            .withKey(new RetiredKeyKey(new Uuid(info.id().toString())))
            .build();
    }

    private static org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.KeyState state(final KeyInfo info) {
        return org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.KeyState.ofName(
            info.state().name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public void channelsChanged(final List<ChannelSnapshot> changed, final List<String> removed) {
        final WriteTransaction tx = broker.newWriteOnlyTransaction();
        for (String id : removed) {
            tx.delete(OPER, KmsBindings.channel(id));
        }
        for (ChannelSnapshot channel : changed) {
            tx.put(OPER, KmsBindings.channel(channel.channelId()), new ChannelBuilder()
                .withKey(new ChannelKey(new ChannelId(channel.channelId())))
                .setKeyType(KmsBindings.toYang(channel.settings().pool().keyType()))
                .setRefreshIntervalMs(KmsBindings.uint32(channel.settings().interval().toMillis()))
                .setInService(channel.settings().inService())
                .setState(new org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.channels.channel
                    .StateBuilder()
                    .setCurrentKeyId(KmsBindings.uuid(channel.currentKeyId()))
                    .setPreviousKeyId(KmsBindings.uuid(channel.previousKeyId()))
                    .setLastRotation(KmsBindings.time(channel.lastRotation()))
                    .setRotations(Uint64.valueOf(channel.rotations()))
                    .setMissedRotations(Uint64.valueOf(channel.missedRotations()))
                    .setFailedRotations(Uint64.valueOf(channel.failedRotations()))
                    .setTargetFailures(Uint64.valueOf(channel.targetFailures()))
                    .setLastError(channel.lastError())
                    .build())
                .build());
        }
        commit(tx, "channel state");
    }

    @Override
    public void starvation(final KeyPool.Starvation event, final Instant at) {
        offer(new KeyStarvationBuilder()
            .setChannelId(new ChannelId(event.pool().channelId()))
            .setKeyType(KmsBindings.toYang(event.pool().keyType()))
            .setStoredCount(KmsBindings.uint32(event.stored()))
            .setLowWater(KmsBindings.uint32(event.lowWater()))
            .setPoolSize(KmsBindings.uint32(event.poolSize()))
            .setEmpty(event.empty())
            .setEventTime(KmsBindings.time(at))
            .build(), "key-starvation");
    }

    @Override
    public void rotationFailed(final String channelId, final KeyType keyType, final String reason,
            final Instant at) {
        offer(new ChannelRotationFailedBuilder()
            .setChannelId(new ChannelId(channelId))
            .setKeyType(KmsBindings.toYang(keyType))
            .setReason(reason)
            .setEventTime(KmsBindings.time(at))
            .build(), "channel-rotation-failed");
    }

    private void offer(final org.opendaylight.yangtools.binding.Notification<?> notification, final String what) {
        Futures.addCallback(notifications.offerNotification(notification), new FutureCallback<Object>() {
            @Override
            public void onSuccess(final @Nullable Object result) {
                // published
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("{} notification not published", what, cause);
            }
        }, MoreExecutors.directExecutor());
    }

    private void commit(final WriteTransaction tx, final String what) {
        tx.commit().addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                // mirrored
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("mirroring {} into the operational datastore failed; rewriting all", what, cause);
                resync.run();
            }
        }, MoreExecutors.directExecutor());
    }

    static DataObjectIdentifier<Pool> poolPath(final PoolId id) {
        return KmsBindings.pool(id);
    }
}
