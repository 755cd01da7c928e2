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
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonService;
import org.opendaylight.mdsal.singleton.api.ServiceGroupIdentifier;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.Channels;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.EngineBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.Pools;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.channels.Channel;
import org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.kms.pools.Pool;
import org.opendaylight.yangtools.concepts.Registration;
import org.qslice.api.kms.ChannelKeyTarget;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.CryptoSupport;
import org.qslice.kms.engine.ChannelSettings;
import org.qslice.kms.engine.EngineConfig;
import org.qslice.kms.engine.KmsEngine;
import org.qslice.kms.engine.SaeTrustConfig;
import org.qslice.kms.pki.SaeEnrolment;
import org.qslice.kms.store.PoolSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link KmsEngine} on exactly one node of a cluster: started when this node becomes the owner of the
 * {@code qslice-kms} singleton group, stopped when it loses it. Start and stop run on a thread of this class, never
 * on the caller's. While running, configuration changes of {@code /kms/pools} and {@code /kms/channels} are applied
 * to the engine and the engine is mirrored into the operational datastore, and the {@code enroll-sae} RPC is
 * registered (its CA is the engine's), so that a call on any node of a cluster reaches this one.
 */
public final class KmsSingleton implements ClusterSingletonService, AutoCloseable {
    /** The singleton group. */
    public static final ServiceGroupIdentifier IDENTIFIER = new ServiceGroupIdentifier("qslice-kms");
    private static final Logger LOG = LoggerFactory.getLogger(KmsSingleton.class);
    /** Bound of the vault replica's takeover: right after a failover the shards may still elect their leaders. */
    private static final Duration REPLICA_TAKEOVER = Duration.ofSeconds(90);
    /** Bound of a replica write: a delivery waits for it, and is refused after it. */
    private static final Duration REPLICA_WRITE = Duration.ofSeconds(15);

    private final DataBroker broker;
    private final NotificationPublishService notifications;
    private final RpcProviderService rpcProvider;
    private final EngineConfig config;
    private final KmsDefaults defaults;
    private final Supplier<Optional<ChannelKeyTarget>> target;
    private final boolean replicated;
    private final ExecutorService lifecycle;
    private final Object lock = new Object();
    private @Nullable KmsEngine engine;
    private @Nullable Registration poolListener;
    private @Nullable Registration channelListener;
    private @Nullable Registration enrolRpc;

    /**
     * A singleton service (register it with the ClusterSingletonServiceProvider).
     *
     * @param broker data broker
     * @param notifications notification publisher
     * @param rpcProvider where the engine's {@code enroll-sae} RPC is registered while it runs here
     * @param config engine configuration
     * @param defaults defaults for absent pool/channel fields
     * @param target the channel-key target, when present
     * @param replicated whether the engine's vault is replicated through the datastore ({@link DatastoreVaultReplica})
     */
    public KmsSingleton(final DataBroker broker, final NotificationPublishService notifications,
            final RpcProviderService rpcProvider, final EngineConfig config, final KmsDefaults defaults,
            final Supplier<Optional<ChannelKeyTarget>> target, final boolean replicated) {
        this.broker = requireNonNull(broker);
        this.notifications = requireNonNull(notifications);
        this.rpcProvider = requireNonNull(rpcProvider);
        this.config = requireNonNull(config);
        this.defaults = requireNonNull(defaults);
        this.target = requireNonNull(target);
        this.replicated = replicated;
        lifecycle = Executors.newSingleThreadExecutor(runnable -> {
            final var thread = new Thread(runnable, "qslice-kms-lifecycle");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public ServiceGroupIdentifier getIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public void instantiateServiceInstance() {
        lifecycle.execute(this::startEngine);
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void startEngine() {
        final var mirror = new DatastoreMirror(broker, notifications, this::resync, config.qkd());
        mirror.engineChanged(new org.qslice.kms.engine.EngineInfo(org.qslice.kms.engine.EngineState.STARTING, null,
            null, null, config.etsi014().pkiDirectory().toString(), true, null));
        final KmsEngine started;
        try {
            LOG.info("qslice KMS cryptography: {}", CryptoSupport.selfTest(new SecureRandom()));
            started = replicated ? KmsEngine.start(config, mirror, target, Clock.systemUTC(), new DatastoreVaultReplica(
                broker, ManagementFactory.getRuntimeMXBean().getName(), REPLICA_TAKEOVER, REPLICA_WRITE))
                : KmsEngine.start(config, mirror, target, Clock.systemUTC());
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // report any start failure in the datastore rather than lose it on the lifecycle thread
            LOG.error("qslice KMS engine failed to start", e);
            final var tx = broker.newWriteOnlyTransaction();
            tx.put(LogicalDatastoreType.OPERATIONAL, KmsBindings.ENGINE, new EngineBuilder()
                .setState(org.opendaylight.yang.gen.v1.urn.qslice.kms.rev261126.EngineState.Failed)
                .setPkiDirectory(config.etsi014().pkiDirectory().toString())
                .setLastError(e.getMessage())
                .build());
            tx.commit().addCallback(new FutureCallback<CommitInfo>() {
                @Override
                public void onSuccess(final CommitInfo result) {
                    // reported
                }

                @Override
                public void onFailure(final Throwable cause) {
                    LOG.warn("cannot report the KMS engine failure in the datastore", cause);
                }
            }, MoreExecutors.directExecutor());
            return;
        }
        synchronized (lock) {
            engine = started;
            poolListener = broker.registerDataListener(LogicalDatastoreType.CONFIGURATION, KmsBindings.POOLS,
                this::poolsChanged);
            channelListener = broker.registerDataListener(LogicalDatastoreType.CONFIGURATION, KmsBindings.CHANNELS,
                this::channelsChanged);
            final SaeTrustConfig trust = config.etsi014().trust();
            enrolRpc = rpcProvider.registerRpcImplementation(new KmsRpcs.EnrollSaeImpl(new SaeEnrolment(
                started.pki(), trust.trustBuiltInCa(), trust.identity())));
        }
    }

    private void resync() {
        final KmsEngine current = engine;
        if (current != null) {
            current.requestFullResync();
        }
    }

    /**
     * Returns the running engine (tests).
     *
     * @return the engine, if running on this node
     */
    public Optional<KmsEngine> engine() {
        synchronized (lock) {
            return Optional.ofNullable(engine);
        }
    }

    private void poolsChanged(final @Nullable Pools pools) {
        final KmsEngine current = engine;
        if (current == null) {
            return;
        }
        final var desired = new HashMap<PoolId, PoolSettings>();
        if (pools != null) {
            for (Pool pool : pools.nonnullPool().values()) {
                final int size = pool.getPoolSize() == null ? defaults.poolSize() : pool.getPoolSize().intValue();
                final int lowWater = Math.min(size, pool.getLowWater() == null ? defaults.lowWater()
                    : pool.getLowWater().intValue());
                final BigDecimal length = pool.getLinkLengthKm() == null ? null
                    : pool.getLinkLengthKm().decimalValue();
                desired.put(KmsBindings.poolId(pool), new PoolSettings(pool.requireMasterSaeId().getValue(),
                    pool.requireSlaveSaeId().getValue(), size, lowWater,
                    length == null ? defaults.linkLengthKm() : length.doubleValue(), defaults.maxPending(),
                    defaults.historySize()));
            }
        }
        current.applyPools(desired);
    }

    private void channelsChanged(final @Nullable Channels channels) {
        final KmsEngine current = engine;
        if (current == null) {
            return;
        }
        final Map<String, ChannelSettings> desired = new HashMap<>();
        if (channels != null) {
            for (Channel channel : channels.nonnullChannel().values()) {
                final String id = channel.requireChannelId().getValue();
                final Duration interval = KmsBindings.millis(channel.getRefreshIntervalMs(),
                    defaults.refreshInterval());
                desired.put(id, new ChannelSettings(new PoolId(id, KmsBindings.fromYang(channel.requireKeyType())),
                    interval, !Boolean.FALSE.equals(channel.getInService())));
            }
        }
        current.applyChannels(desired);
    }

    @Override
    public ListenableFuture<? extends Object> closeServiceInstance() {
        final SettableFuture<Void> done = SettableFuture.create();
        try {
            lifecycle.execute(() -> {
                stopEngine();
                done.set(null);
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.set(null);
        }
        return done;
    }

    private void stopEngine() {
        final KmsEngine running;
        synchronized (lock) {
            running = engine;
            engine = null;
            if (poolListener != null) {
                poolListener.close();
                poolListener = null;
            }
            if (channelListener != null) {
                channelListener.close();
                channelListener = null;
            }
            if (enrolRpc != null) {
                enrolRpc.close();
                enrolRpc = null;
            }
        }
        if (running != null) {
            running.close();
        }
    }

    /**
     * Stops the engine (if running here) and the lifecycle thread; waits at most 30 seconds.
     */
    @Override
    public void close() {
        try {
            closeServiceInstance().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("qslice KMS engine did not stop in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lifecycle.shutdown();
    }
}
