/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.MountPoint;
import org.opendaylight.mdsal.binding.api.MountPointService;
import org.opendaylight.mdsal.binding.api.NotificationPublishService;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.mdsal.dom.api.DOMMountPointService;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonService;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonServiceProvider;
import org.opendaylight.mdsal.singleton.api.ServiceGroupIdentifier;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.Provisioning;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.SliceEventBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.events.slice.Event;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.events.slice.EventBuilder;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.concepts.Registration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.qslice.api.kms.ChannelKeyTarget;
import org.qslice.api.kms.ChannelKeyUpdate;
import org.qslice.api.kms.ChannelStatus;
import org.qslice.api.kms.KeyManagementService;
import org.qslice.api.kms.PoolStatus;
import org.qslice.api.model.DeviceKind;
import org.qslice.api.model.SliceInfo;
import org.qslice.api.model.SliceState;
import org.qslice.api.model.Topology;
import org.qslice.impl.device.DeviceException;
import org.qslice.impl.device.DeviceLossHoldOff;
import org.qslice.impl.device.DeviceModels;
import org.qslice.impl.device.EncryptorKeyCache;
import org.qslice.impl.device.MountPointDevices;
import org.qslice.impl.device.MountPointEncryptor;
import org.qslice.impl.device.MountPointEthernetSwitch;
import org.qslice.impl.device.MountPointOpticalSwitch;
import org.qslice.impl.device.OpenConfigEncryptor;
import org.qslice.impl.device.OpenConfigEthernetSwitch;
import org.qslice.impl.device.OpenConfigOpticalSwitch;
import org.qslice.impl.device.SelectedDriver;
import org.qslice.impl.pce.KeyBudget;
import org.qslice.impl.provision.ChannelKeys;
import org.qslice.impl.provision.ChannelRegistry;
import org.qslice.impl.provision.DeviceLockTable;
import org.qslice.impl.provision.DeviceProvisioner;
import org.qslice.impl.provision.KeyExchangeSwitch;
import org.qslice.impl.provision.KeyRefreshPort;
import org.qslice.impl.provision.KmsKeyRefresh;
import org.qslice.impl.provision.Locking;
import org.qslice.impl.provision.PausePoint;
import org.qslice.impl.provision.ProvisioningEngine;
import org.qslice.impl.provision.Translator;
import org.qslice.impl.slice.KeySupplyWatch;
import org.qslice.impl.slice.PcePlanning;
import org.qslice.impl.slice.SliceEvent;
import org.qslice.impl.slice.SliceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slice orchestrator: on the one cluster node that holds the {@code qslice-orchestrator} singleton it restores
 * the slices from the datastore, follows the topology and serves the {@code qslice-slice} RPCs (which MD-SAL routes
 * to it from every node). It provisions slices on the devices through their NETCONF mount points
 * ({@link DeviceProvisioner}), registers encrypted channels with the KMS when one is installed, and is the KMS's
 * {@link ChannelKeyTarget}: a rotated channel key id is written to the encryptors of the channel.
 */
@Component(service = ChannelKeyTarget.class, immediate = true, configurationPid = "org.qslice.orchestrator")
@Designate(ocd = SliceOrchestrator.Configuration.class)
public final class SliceOrchestrator implements ClusterSingletonService, ChannelKeyTarget {
    /**
     * Configuration ({@code etc/org.qslice.orchestrator.cfg}).
     */
    @ObjectClassDefinition(name = "qslice orchestrator")
    public @interface Configuration {
        /**
         * Which RFC 8345 network is the qslice topology.
         *
         * @return the network-id; empty means the only network typed qslice-topology
         */
        @AttributeDefinition(description = "network-id of the qslice topology; empty: the only qslice network")
        String network$_$id() default "";

        /**
         * How device work is serialized.
         *
         * @return {@code global} or {@code per-device}
         */
        @AttributeDefinition(description = "global: the devices of one slice at a time (the paper's network lock); "
            + "per-device: slices touching disjoint devices are provisioned in parallel")
        String locking() default "global";

        /**
         * Bound of one device transaction.
         *
         * @return milliseconds
         */
        @AttributeDefinition(description = "timeout of one device transaction (lock, edit, commit), ms", min = "1")
        long device$_$timeout$_$ms() default 10_000;

        /**
         * Key rotation interval of encrypted channels.
         *
         * @return milliseconds
         */
        @AttributeDefinition(description = "key rotation interval of encrypted channels, ms; a channel drawing QKD "
            + "key draws 256 bits per interval from its QKD link's secret key rate", min = "100")
        long key$_$refresh$_$ms() default KeyBudget.DEFAULT_KEY_REFRESH_MS;

        /**
         * Fraction of a QKD link's secret key rate that admission keeps free.
         *
         * @return the headroom, in [0, 1)
         */
        @AttributeDefinition(description = "fraction of a QKD link's secret key rate admission keeps free: a new "
            + "encrypted channel is admitted while the committed key demand plus its own stays within "
            + "rate x (1 - headroom)", min = "0", max = "0.999")
        double key$_$headroom() default KeyBudget.DEFAULT_HEADROOM;

        /**
         * Ethernet switch port where a site's local traffic attaches.
         *
         * @return the port name
         */
        @AttributeDefinition(description = "Ethernet switch port where connections ending at a site attach")
        String access$_$port() default Translator.DEFAULT_ACCESS_PORT;

        /**
         * How long recovery waits for the devices of an interrupted operation after a restart.
         *
         * @return milliseconds
         */
        @AttributeDefinition(description = "after a restart, how long the recovery of an interrupted activation or "
            + "deactivation waits for its devices to be connected before the slice is marked needs-recovery, ms",
            min = "0")
        long recovery$_$wait$_$ms() default 60_000;

        /**
         * How long a device's mount point may be gone before its links count as failed.
         *
         * @return milliseconds
         */
        @AttributeDefinition(description = "how long a device's mount point may be gone before its links count as "
            + "failed, ms; 0: at once. On a cluster a device's mount point is removed and created again on every "
            + "member when its NETCONF master moves to another member (a few seconds): a longer hold-off keeps its "
            + "slices from turning degraded meanwhile (./qslice cluster sets 10000)", min = "0")
        long device$_$loss$_$hold$_$off$_$ms() default 0;

        /**
         * Whether the encryptor drivers are decorated with the port and key-id cache.
         *
         * @return true: on
         */
        @AttributeDefinition(description = "the encryptors' port and key-id cache (EncryptorKeyCache): key ids for "
            + "one card coalesce while it is busy, new ports start with their line's newest key id, a card known to "
            + "hold no port of a line is not asked; false: every key id is one read-and-write transaction")
        boolean encryptor$_$key$_$cache() default true;

        /**
         * Whether removals are batched into one edit-config.
         *
         * @return true: on
         */
        @AttributeDefinition(description = "batched removal (BatchedRemoval): a device's entries of one removal go "
            + "in one NETCONF edit-config (operation remove); false: one edit-config per entry")
        boolean batched$_$removal() default true;
    }

    /** How many events {@code qslice-slice:events} keeps per slice. */
    public static final int RECENT_EVENTS = 20;

    /** How often a slice that needs recovery is checked for its devices being back. */
    private static final Duration RESUME_PERIOD = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(SliceOrchestrator.class);
    private static final ServiceGroupIdentifier IDENTIFIER = new ServiceGroupIdentifier("qslice-orchestrator");

    private final DataBroker broker;
    private final RpcProviderService rpcProvider;
    private final NotificationPublishService notifications;
    private final MountPointService mounts;
    private final Optional<String> networkId;
    private final Locking locking;
    private final Duration keyRefresh;
    private final KeyBudget keyBudget;
    private final String accessPort;
    private final Duration recoveryWait;
    private final Duration deviceLossHoldOff;
    private final ScheduledExecutorService timer;
    private final MountPointDevices devices;
    private final DeviceModels models;
    private final SelectedDriver.Encryptor encryptors;
    // the device kinds the topology names per NETCONF node id, for the model check when a device mounts
    private volatile java.util.Map<String, java.util.Set<DeviceKind>> topologyKinds = java.util.Map.of();
    private final ChannelKeys channelKeys;
    private final DeviceLockTable deviceLocks;
    private final AtomicReference<KeyManagementService> kms = new AtomicReference<>();
    private final java.util.Map<String, java.util.Deque<Event>> recentEvents = new java.util.HashMap<>();
    private final java.util.concurrent.atomic.AtomicLong eventSeq = new java.util.concurrent.atomic.AtomicLong();
    private final Registration singleton;

    // set while this node runs the singleton; guarded by this
    private ExecutorService executor;
    private TopologyWatcher watcher;
    private LinkStateRpcs.Watcher<?, ?> linkStates;
    private LinkStateRpcs.Watcher<?, ?> keyRates;
    private LinkStateRpcs.Watcher<?, ?> deprecations;
    private LinkStateRpcs.Watcher<?, ?> keyExchanges;
    private Registration rpcs;
    private Registration mountListener;
    // devices whose mount point is gone, not yet counted as failed
    private DeviceLossHoldOff lostDevices;
    private ScheduledFuture<?> resume;

    /**
     * Registers the singleton.
     *
     * @param broker data broker
     * @param rpcProvider RPC registry
     * @param singletons cluster singleton provider
     * @param mounts the mount point service (NETCONF devices)
     * @param domMounts the same mount points at the DOM level (one edit-config per removal)
     * @param notifications publishes the slice events
     * @param configuration the configuration
     */
    @Activate
    @SuppressWarnings("checkstyle:ParameterNumber")
    public SliceOrchestrator(@Reference final DataBroker broker, @Reference final RpcProviderService rpcProvider,
            @Reference final ClusterSingletonServiceProvider singletons, @Reference final MountPointService mounts,
            @Reference final DOMMountPointService domMounts, @Reference final NotificationPublishService notifications,
            final Configuration configuration) {
        this.broker = requireNonNull(broker);
        this.rpcProvider = requireNonNull(rpcProvider);
        this.notifications = requireNonNull(notifications);
        this.mounts = requireNonNull(mounts);
        final String id = configuration.network$_$id();
        networkId = id == null || id.isBlank() ? Optional.empty() : Optional.of(id.trim());
        locking = Locking.parse(configuration.locking()).orElseGet(() -> {
            LOG.error("unknown locking mode '{}' in org.qslice.orchestrator (global, per-device): using global",
                configuration.locking());
            return Locking.GLOBAL;
        });
        deviceLocks = new DeviceLockTable(locking);
        keyRefresh = Duration.ofMillis(Math.max(100, configuration.key$_$refresh$_$ms()));
        keyBudget = keyBudget(keyRefresh, configuration.key$_$headroom());
        final String port = configuration.access$_$port();
        accessPort = port == null || port.isBlank() ? Translator.DEFAULT_ACCESS_PORT : port.trim();
        recoveryWait = Duration.ofMillis(Math.max(0, configuration.recovery$_$wait$_$ms()));
        deviceLossHoldOff = Duration.ofMillis(Math.max(0, configuration.device$_$loss$_$hold$_$off$_$ms()));
        timer = Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder()
            .setNameFormat("qslice-device-timer-%d").setDaemon(true).build());
        devices = new MountPointDevices(mounts, domMounts, timer,
            Duration.ofMillis(Math.max(1, configuration.device$_$timeout$_$ms())), configuration.batched$_$removal());
        models = new DeviceModels(devices, devices::advertised, DeviceModels.standard());
        final boolean keyCache = configuration.encryptor$_$key$_$cache();
        encryptors = new SelectedDriver.Encryptor(models, java.util.Map.of(
            DeviceModels.QSLICE, keyCache ? new EncryptorKeyCache(new MountPointEncryptor(devices))
                : new MountPointEncryptor(devices),
            DeviceModels.OPENCONFIG, keyCache ? new EncryptorKeyCache(new OpenConfigEncryptor(devices))
                : new OpenConfigEncryptor(devices)));
        LOG.info("device drivers: encryptor key cache {}, batched removal {}", keyCache ? "on" : "off",
            configuration.batched$_$removal() ? "on" : "off");
        channelKeys = new ChannelKeys(encryptors);
        singleton = singletons.registerClusterSingletonService(this);
    }

    private static KeyBudget keyBudget(final Duration keyRefresh, final double headroom) {
        if (headroom >= 0 && headroom < 1) {
            return KeyBudget.of(keyRefresh, headroom);
        }
        LOG.error("key-headroom {} in org.qslice.orchestrator is outside [0, 1): using {}", headroom,
            KeyBudget.DEFAULT_HEADROOM);
        return KeyBudget.of(keyRefresh, KeyBudget.DEFAULT_HEADROOM);
    }

    /**
     * Binds the key management service (optional: without it encrypted links cannot be activated).
     *
     * @param service the KMS
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindKms(final KeyManagementService service) {
        kms.set(requireNonNull(service));
    }

    /**
     * Unbinds the key management service.
     *
     * @param service the KMS
     */
    void unbindKms(final KeyManagementService service) {
        kms.compareAndSet(service, null);
    }

    /**
     * Leaves the singleton group.
     */
    @Deactivate
    public void deactivate() {
        singleton.close();
        timer.shutdownNow();
    }

    @Override
    public CompletionStage<Void> applyChannelKey(final ChannelKeyUpdate update) {
        return SliceServiceImpl.stage(Futures.transform(channelKeys.apply(update.channelId(), update.keyType(),
            update.keyId(), update.masterSaeId(), update.slaveSaeId()), updated -> (Void) null,
            MoreExecutors.directExecutor()));
    }

    @Override
    public ServiceGroupIdentifier getIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public synchronized void instantiateServiceInstance() {
        executor = newExecutor();
        final var records = new DatastoreRecordStore(broker);
        records.init(locking == Locking.GLOBAL ? Provisioning.Locking.Global : Provisioning.Locking.PerDevice);
        final var managerRef = new AtomicReference<SliceManager>();
        final var channels = new ChannelRegistry(channel -> activeUsers(managerRef.get(), channel));
        final var journals = new DatastoreJournalStore(broker);
        final PausePoint pause = PausePoint.fromSystemProperty();
        final var engine = new ProvisioningEngine(new ProvisioningEngine.Drivers(
            new SelectedDriver.Ethernet(models, java.util.Map.of(DeviceModels.QSLICE,
                new MountPointEthernetSwitch(devices), DeviceModels.OPENCONFIG, new OpenConfigEthernetSwitch(devices))),
            new SelectedDriver.Optical(models, java.util.Map.of(DeviceModels.QSLICE,
                new MountPointOpticalSwitch(devices), DeviceModels.OPENCONFIG, new OpenConfigOpticalSwitch(devices))),
            encryptors), models, this::keyRefresh, channels, deviceLocks,
            journals, pause, Clock.systemUTC(), System::nanoTime);
        final var provisioner = new DeviceProvisioner(new Translator(accessPort, keyRefresh), engine, records,
            journals, new DeviceProvisioner.RecoveryWait(devices, this::keyRefresh, timer, recoveryWait),
            Clock.systemUTC(), Optional.of(new KeyExchangeSwitch(encryptors, channelKeys, this::keyRefresh, timer,
                keyRefresh.multipliedBy(5).plus(Duration.ofSeconds(20)), pause)));
        final var manager = new SliceManager(new DatastoreSliceStore(broker), PcePlanning.factory(keyBudget),
            () -> Optional.of(provisioner), Clock.systemUTC(), executor, Optional.of(timer), this::publish);
        managerRef.set(manager);
        manager.restore();
        watcher = new TopologyWatcher(broker, networkId, topology -> {
            devicesChanged(topology);
            manager.topologyChanged(topology);
        });
        linkStates = LinkStateRpcs.linkStates(broker, Clock.systemUTC(), manager::linkStatesChanged);
        keyRates = LinkStateRpcs.keyRates(broker, manager::keyRatesChanged);
        deprecations = LinkStateRpcs.deprecations(broker, manager::deprecationsChanged);
        keyExchanges = LinkStateRpcs.keyExchanges(broker, manager::keyExchangesChanged);
        final var all = new java.util.ArrayList<>(SliceRpcs.all(manager));
        all.add(new LinkStateRpcs.ReportLinkStateImpl(broker, manager, Clock.systemUTC()));
        all.add(new LinkStateRpcs.ReportKeyRateImpl(broker, manager, Clock.systemUTC()));
        all.add(new DeprecateKeyExchangeImpl(broker, manager));
        all.add(new ChangeKeyExchangeImpl(broker, manager));
        rpcs = rpcProvider.registerRpcImplementations(all);
        // recovery that waits for a device, the channels whose keys stopped, and the restoration check (a degraded
        // slice may fit now)
        final var keyWatch = new KeySupplyWatch();
        final var lastStalled = new AtomicReference<java.util.Map<String, java.time.Instant>>(java.util.Map.of());
        resume = timer.scheduleWithFixedDelay(() -> {
            manager.resumeRecovery();
            manager.restoreAll();
            final KeyManagementService service = kms.get();
            if (service != null) {
                final long epoch = manager.keyExchangeEpoch();
                service.status().thenAccept(status -> {
                    // channels whose key-exchange switch a restart interrupted are brought in step
                    manager.reconcileKeyExchanges(status.channels().stream().filter(ChannelStatus::inService)
                        .collect(Collectors.toMap(ChannelStatus::channelId, ChannelStatus::keyType)), epoch);
                    // the secret key rates the KMS's QKD source knows, per link
                    manager.kmsKeyRatesChanged(status.pools().stream().filter(pool -> pool.secretKeyRateBps() != null)
                        .collect(Collectors.toMap(pool -> pool.id().channelId(), PoolStatus::secretKeyRateBps,
                            Math::min, java.util.TreeMap::new)));
                    final java.util.Map<String, java.time.Instant> stalled;
                    synchronized (keyWatch) {
                        stalled = keyWatch.update(status.channels(), java.time.Instant.now());
                    }
                    if (!stalled.keySet().equals(lastStalled.getAndSet(stalled).keySet())) {
                        LOG.warn("encrypted channels whose keys stopped rotating: {}", stalled.keySet());
                        manager.keysStalled(stalled);
                    }
                });
            }
        }, RESUME_PERIOD.toMillis(), RESUME_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        // a device that (re)connects may hold something else than its slices' journals say: check them; one that
        // disconnects is a failure of the links it serves
        final var holdOff = new DeviceLossHoldOff(deviceLossHoldOff,
            (task, delay) -> timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS),
            manager::deviceDisconnected);
        lostDevices = holdOff;
        mountListener = mounts.registerListener(MountPointDevices.nodes(),
            new MountPointService.MountPointListener() {
                @Override
                public void onMountPointCreated(final MountPoint mountPoint) {
                    MountPointDevices.nodeId(mountPoint.getIdentifier()).ifPresent(nodeId -> {
                        if (holdOff.created(nodeId)) {
                            LOG.info("device {} mounted again within its hold-off: not counted as failed", nodeId);
                        }
                        checkModels(nodeId);
                        manager.deviceConnected(nodeId);
                    });
                }

                @Override
                public void onMountPointRemoved(final DataObjectIdentifier<?> path) {
                    // its links cannot carry traffic: restoration after the connections' hold-offs; with a device
                    // hold-off, only if the mount point is not back by then (its NETCONF master moved)
                    MountPointDevices.nodeId(path).ifPresent(holdOff::removed);
                }
            });
        LOG.info("qslice orchestrator active on this node (topology network {}, {} locking)",
            networkId.orElse("<any>"), locking);
    }

    /**
     * The orchestrator's single thread: a call that reaches it after the orchestrator stopped on this member (its
     * executor shut down) is refused with an {@link OrchestratorStoppedException}, which {@link RpcResults} answers as
     * {@code in-use} (retry: the new orchestrator serves it).
     *
     * @return a new executor
     */
    static ExecutorService newExecutor() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
            new ThreadFactoryBuilder().setNameFormat("qslice-orchestrator-%d").setDaemon(true).build(),
            (task, pool) -> {
                throw new OrchestratorStoppedException();
            });
    }

    /** The topology's pins and device kinds, for the model choice. */
    private void devicesChanged(final Optional<Topology> topology) {
        final var pins = new java.util.HashMap<String, String>();
        final var kinds = new java.util.HashMap<String, java.util.Set<DeviceKind>>();
        topology.ifPresent(current -> current.sites().values().forEach(site -> site.devices().forEach(device -> {
            device.driver().ifPresent(driver -> pins.put(device.netconfNodeId(), driver));
            kinds.computeIfAbsent(device.netconfNodeId(), id -> java.util.EnumSet.noneOf(DeviceKind.class))
                .add(device.kind());
        })));
        models.pin(pins);
        topologyKinds = java.util.Map.copyOf(kinds);
    }

    /**
     * Says, when a device mounts, which model it is driven through, or that it advertises none qslice can drive it
     * with (an error naming what it advertised; its activations fail with the same message).
     */
    private void checkModels(final String nodeId) {
        for (DeviceKind kind : topologyKinds.getOrDefault(nodeId, java.util.Set.of())) {
            try {
                LOG.info("device {} mounted: its {} configuration goes through the {} model", nodeId,
                    kind.yangName(), models.choose(nodeId, kind));
            } catch (DeviceException e) {
                LOG.error("device {} mounted, but cannot be configured: {}", nodeId, e.getMessage());
            }
        }
    }

    /**
     * Publishes a slice event as the {@code slice-event} notification (dropped, and logged, if the queue is full) and
     * keeps the last {@value #RECENT_EVENTS} of the slice in {@code qslice-slice:events} (operational), where the
     * console reads them on any node.
     */
    private void publish(final SliceEvent event) {
        LOG.info("slice {}: {}", event.sliceId(), event);
        final var kind = org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.SliceEventFields.Event.ofName(
            event.kind().yangName());
        final var notification = new SliceEventBuilder()
            .setSliceId(event.sliceId())
            .setEvent(kind)
            .setLinkId(event.linkId().orElse(null))
            .setDetail(event.detail())
            .build();
        final ListenableFuture<?> offered = notifications.offerNotification(notification);
        if (offered == NotificationPublishService.REJECTED) {
            LOG.warn("slice-event notification dropped (queue full): {}", event);
        }
        final List<Event> kept;
        synchronized (recentEvents) {
            final var list = recentEvents.computeIfAbsent(event.sliceId(), id -> new java.util.ArrayDeque<>());
            list.addLast(new EventBuilder()
                .setSeq(org.opendaylight.yangtools.yang.common.Uint32.valueOf(eventSeq.incrementAndGet()))
                .setTime(new org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715
                    .DateAndTime(event.at().toString()))
                .setSliceId(event.sliceId())
                .setEvent(kind)
                .setLinkId(event.linkId().orElse(null))
                .setDetail(event.detail())
                .build());
            while (list.size() > RECENT_EVENTS) {
                list.removeFirst();
            }
            kept = List.copyOf(list);
        }
        final var tx = broker.newWriteOnlyTransaction();
        tx.put(org.opendaylight.mdsal.common.api.LogicalDatastoreType.OPERATIONAL, eventsOf(event.sliceId()),
            new org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.events.SliceBuilder()
                .setSliceId(event.sliceId()).setEvent(kept).build());
        Futures.addCallback(tx.commit(), new FutureCallback<Object>() {
            @Override
            public void onSuccess(final Object result) {
                // stored
            }

            @Override
            public void onFailure(final Throwable failure) {
                LOG.warn("could not store the events of slice {}", event.sliceId(), failure);
            }
        }, MoreExecutors.directExecutor());
    }

    /**
     * Returns the path of a slice's recent events.
     *
     * @param sliceId the slice
     * @return the path in {@code qslice-slice:events}
     */
    public static DataObjectIdentifier<org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.events.Slice> eventsOf(
            final String sliceId) {
        return DataObjectIdentifier.builder(org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.Events.class)
            .child(org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.events.Slice.class,
                new org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.events.SliceKey(sliceId))
            .build();
    }

    private KeyRefreshPort keyRefresh() {
        final KeyManagementService service = kms.get();
        return service == null ? KeyRefreshPort.absent("no key management service is installed "
            + "(feature odl-qslice-kms): encrypted channels cannot get keys") : new KmsKeyRefresh(service);
    }

    private static Set<String> activeUsers(final SliceManager manager, final String channelId) {
        if (manager == null) {
            return Set.of();
        }
        return manager.slices().stream()
            .filter(slice -> slice.state() == SliceState.ACTIVE || slice.state() == SliceState.DEGRADED
                || slice.state() == SliceState.RESTORING)
            .filter(slice -> java.util.stream.Stream.concat(slice.connections().stream(), slice.replaced().stream())
                .flatMap(plan -> plan.hops().stream()).anyMatch(hop -> hop.linkId().equals(channelId)))
            .map(SliceInfo::id)
            .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public synchronized ListenableFuture<?> closeServiceInstance() {
        if (resume != null) {
            resume.cancel(false);
            resume = null;
        }
        if (rpcs != null) {
            rpcs.close();
            rpcs = null;
        }
        if (mountListener != null) {
            mountListener.close();
            mountListener = null;
        }
        // the hold-offs still running belong to this instance's view: the next one reads the devices anew
        if (lostDevices != null) {
            lostDevices.clear();
            lostDevices = null;
        }
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        if (linkStates != null) {
            linkStates.close();
            linkStates = null;
        }
        if (keyRates != null) {
            keyRates.close();
            keyRates = null;
        }
        if (keyExchanges != null) {
            keyExchanges.close();
            keyExchanges = null;
        }
        if (deprecations != null) {
            deprecations.close();
            deprecations = null;
        }
        if (executor != null) {
            executor.shutdown();
            executor = null;
        }
        LOG.info("qslice orchestrator inactive on this node");
        return Futures.immediateVoidFuture();
    }
}
