/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.qslice.api.kms.ChannelKeyTarget;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.kms.crypto.MasterKey;
import org.qslice.kms.crypto.Sealer;
import org.qslice.kms.etsi.Etsi014Server;
import org.qslice.kms.pki.LocalPki;
import org.qslice.kms.pki.SaeTrust;
import org.qslice.kms.qkd.QkdLinkModel;
import org.qslice.kms.qkd.SimulatedKme;
import org.qslice.kms.source.DhKeySource;
import org.qslice.kms.source.HybridKeySource;
import org.qslice.kms.source.KeySource;
import org.qslice.kms.source.QkdKeySource;
import org.qslice.kms.source.QraKeySource;
import org.qslice.kms.store.DeliveryJournal;
import org.qslice.kms.store.KeyPool;
import org.qslice.kms.store.PkiReplication;
import org.qslice.kms.store.PoolDelta;
import org.qslice.kms.store.PoolSettings;
import org.qslice.kms.store.PoolSnapshot;
import org.qslice.kms.store.VaultFaults;
import org.qslice.kms.store.VaultReplica;
import org.qslice.kms.store.VaultStore;
import org.qslice.kms.tls.NegotiatedGroups;
import org.qslice.kms.tls.PqServerTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running KMS: pools filled by their key sources in the background, the ETSI GS QKD 014 server (mutual TLS)
 * delivering them, the QKD link simulator KME (unless an external KME is configured), the refresh scheduler
 * rotating channel keys, the vault persisting pools, and periodic change reports to the {@link EngineListener}.
 *
 * <p>Threads, all owned and stopped by {@link #close()}: {@code qslice-kms-refill} (key generation),
 * {@code qslice-kms-refresh} (rotations), {@code qslice-kms-housekeeping} (expiry, change reports, persistence),
 * the ETSI server's event loops and {@code qslice-kms-etsi014-worker} threads.
 */
public final class KmsEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KmsEngine.class);

    private final EngineConfig config;
    private final EngineListener listener;
    private final Supplier<Optional<ChannelKeyTarget>> target;
    private final Clock clock;
    private final MasterKey master;
    private final VaultPersister persister;
    private final Sealer keySealer;
    private final LocalPki pki;
    private final @Nullable SimulatedKme simulator;
    private final @Nullable Etsi014Server simulatorServer;
    private final PkiKmeAccess kmeAccess;
    private final Map<KeyType, KeySource> sources;
    private final Etsi014Server server;
    private final NegotiatedGroups negotiated;
    private final ThreadPoolExecutor etsiWorkers;
    private final Refiller refiller;
    private final ChannelRotator rotator;
    private final ScheduledExecutorService housekeeping;
    private final EngineInfo info;
    private final ConcurrentHashMap<PoolId, KeyPool> pools = new ConcurrentHashMap<>();
    private final Set<PoolId> removedPools = ConcurrentHashMap.newKeySet();
    private final Object structure = new Object();
    private volatile Map<String, List<KeyPool>> poolsByMaster = Map.of();
    private long reportedTlsVersion = -1;
    private long lastPersistNanos;
    private volatile boolean closed;

    @SuppressWarnings("checkstyle:ParameterNumber")
    private KmsEngine(final EngineConfig config, final EngineListener listener,
            final Supplier<Optional<ChannelKeyTarget>> target, final Clock clock, final MasterKey master,
            final VaultPersister persister, final Sealer keySealer, final LocalPki pki,
            final @Nullable SimulatedKme simulator,
            final @Nullable Etsi014Server simulatorServer, final PkiKmeAccess kmeAccess,
            final Map<KeyType, KeySource> sources, final Etsi014Server server, final NegotiatedGroups negotiated,
            final ThreadPoolExecutor etsiWorkers, final boolean cleanStart, final List<KeyPool> restored,
            final List<ChannelState.Saved> saved) {
        this.config = config;
        this.listener = listener;
        this.target = target;
        this.clock = clock;
        this.master = master;
        this.persister = persister;
        this.keySealer = keySealer;
        this.pki = pki;
        this.simulator = simulator;
        this.simulatorServer = simulatorServer;
        this.kmeAccess = kmeAccess;
        this.sources = sources;
        this.server = server;
        this.negotiated = negotiated;
        this.etsiWorkers = etsiWorkers;
        restored.forEach(pool -> pools.put(pool.id(), pool));
        rebuildIndex();
        refiller = new Refiller(pools::values, pools::get, sources, config.timing().refillBatch(), clock);
        rotator = new ChannelRotator(clock, target, pools::get, persister, config.timing().rotationTolerance(), saved);
        housekeeping = Executors.newSingleThreadScheduledExecutor(daemon("qslice-kms-housekeeping"));
        info = new EngineInfo(EngineState.RUNNING, clock.instant(), server.url(), kmeAccess.url(),
            pki.directory().toString(), cleanStart, null);
        lastPersistNanos = System.nanoTime();
    }

    /**
     * Starts an engine: master key, vault, certificates, QKD simulator, ETSI 014 server, background threads. Blocks
     * (file I/O, binding ports): call it from a thread of your own, never an RPC or OSGi activation thread.
     *
     * @param config configuration
     * @param listener receives changes (datastore mirror)
     * @param target the channel-key target, when one is present
     * @param clock wall clock for timestamps
     * @return the running engine
     * @throws IOException if files cannot be read or written (e.g. the vault does not decrypt with the master key)
     * @throws InterruptedException if interrupted while binding
     */
    public static KmsEngine start(final EngineConfig config, final EngineListener listener,
            final Supplier<Optional<ChannelKeyTarget>> target, final Clock clock)
            throws IOException, InterruptedException {
        return start(config, listener, target, clock, VaultFaults.NONE, null);
    }

    /**
     * Starts an engine whose vault is replicated (a cluster's datastore): it takes the replica over first and, if
     * the replica holds a vault, replaces its local vault and PKI files by the replica's; every vault commit and
     * every delivery record goes to the replica before it takes effect here. Blocks like
     * {@link #start(EngineConfig, EngineListener, Supplier, Clock)}.
     *
     * @param config configuration
     * @param listener receives changes (datastore mirror)
     * @param target the channel-key target, when one is present
     * @param clock wall clock for timestamps
     * @param replica the replica
     * @return the running engine
     * @throws IOException if files or the replica cannot be read or written (e.g. the vault does not decrypt with the
     *     master key)
     * @throws InterruptedException if interrupted while binding
     */
    public static KmsEngine start(final EngineConfig config, final EngineListener listener,
            final Supplier<Optional<ChannelKeyTarget>> target, final Clock clock, final VaultReplica replica)
            throws IOException, InterruptedException {
        return start(config, listener, target, clock, VaultFaults.NONE, requireNonNull(replica));
    }

    /**
     * Starts an engine whose vault and journal writes go through a fault injector (tests).
     *
     * @param config configuration
     * @param listener receives changes (datastore mirror)
     * @param target the channel-key target, when one is present
     * @param clock wall clock for timestamps
     * @param faults called before every vault and journal write
     * @param replica the vault's replica, or null
     * @return the running engine
     * @throws IOException if files cannot be read or written (e.g. the vault does not decrypt with the master key)
     * @throws InterruptedException if interrupted while binding
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    static KmsEngine start(final EngineConfig config, final EngineListener listener,
            final Supplier<Optional<ChannelKeyTarget>> target, final Clock clock, final VaultFaults faults,
            final @Nullable VaultReplica replica) throws IOException, InterruptedException {
        requireNonNull(config);
        requireNonNull(listener);
        requireNonNull(target);
        requireNonNull(clock);
        final var random = new SecureRandom();
        final Deque<AutoCloseable> cleanup = new ArrayDeque<>();
        try {
            final MasterKey master = MasterKey.loadOrCreate(config.vault().masterKeyFile(), random);
            cleanup.push(master::destroy);
            if (master.created()) {
                LOG.info("KMS master key created in {} (0600); back it up: without it the vault does not decrypt",
                    config.vault().masterKeyFile());
            }
            final Path pkiDirectory = config.etsi014().pkiDirectory();
            final var vault = new VaultStore(config.vault().directory(), anchorFile(config), master, random, faults);
            VaultReplica.Snapshot snapshot = null;
            final PkiReplication pkiReplication = replica == null ? null : new PkiReplication(master, random);
            if (replica != null) {
                snapshot = replica.takeOver();
                Set<String> held = Set.of();
                if (!snapshot.isEmpty()) {
                    held = VaultStore.restore(config.vault().directory(), anchorFile(config), snapshot);
                    pkiReplication.restore(snapshot, pkiDirectory);
                }
                vault.replicateTo(replica, held);
                LOG.info("KMS vault replica taken over (term {}): {} files, {} journal records", snapshot.term(),
                    snapshot.files().size(), snapshot.records().size());
            }
            final VaultStore.Loaded loaded = vault.open();
            final boolean clean = loaded.clean();
            final Sealer keySealer = VaultStore.keySealer(master, random);
            final var restoredPools = new LinkedHashMap<PoolId, KeyPool>();
            for (byte[] bytes : loaded.pools()) {
                final KeyPool pool = KeyPool.deserialize(bytes, keySealer);
                vault.adopt(pool.id());
                restoredPools.put(pool.id(), pool);
            }
            final var persister = new VaultPersister(vault, replay(vault, loaded, restoredPools, faults, replica));
            cleanup.push(persister);
            final var restored = List.copyOf(restoredPools.values());
            restored.forEach(persister::attachRestored);
            final var saved = new ArrayList<ChannelState.Saved>();
            final Optional<byte[]> channelBytes = loaded.channels();
            if (channelBytes.isPresent()) {
                try (var in = new DataInputStream(new ByteArrayInputStream(channelBytes.orElseThrow()))) {
                    final int count = in.readInt();
                    for (int i = 0; i < count; i++) {
                        saved.add(ChannelState.Saved.read(in));
                    }
                }
            }
            final List<String> hosts = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
            if (!hosts.contains(config.etsi014().host()) && !config.etsi014().host().isEmpty()
                && !"0.0.0.0".equals(config.etsi014().host()) && !"::".equals(config.etsi014().host())) {
                hosts.add(0, config.etsi014().host());
            }
            final LocalPki pki = LocalPki.open(pkiDirectory, hosts, random);
            if (pkiReplication != null && !PkiReplication.holds(snapshot)) {
                // the first engine with this replica: its CA and server key pair serve on every member from now on
                pkiReplication.push(replica, pkiDirectory);
            }
            final int workers = Math.max(1, config.etsi014().workerThreads());
            final var etsiWorkers = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(4096), daemon("qslice-kms-etsi014-worker"));
            cleanup.push(etsiWorkers::shutdownNow);
            // workerThreads 0: answer on the event loop (pool operations take microseconds, no thread hand-off)
            final Executor requestExecutor = config.etsi014().workerThreads() == 0 ? Runnable::run : etsiWorkers;

            SimulatedKme simulator = null;
            Etsi014Server simulatorServer = null;
            final PkiKmeAccess kmeAccess;
            final QkdConfig qkdConfig = config.qkd();
            final Etsi014Config etsi014 = config.etsi014();
            if (qkdConfig.kmeUrl().isBlank()) {
                simulator = new SimulatedKme("qslice-qkd-simulator", new QkdLinkModel(qkdConfig.r0(),
                    qkdConfig.alpha()), qkdConfig.maxKeyCount(), etsi014.maxKeyPerRequest(), System::nanoTime,
                    random);
                simulatorServer = Etsi014Server.start("kms-qkd-sim", new InetSocketAddress("127.0.0.1",
                    qkdConfig.simulatorPort()), pki.serverContext(), simulator, requestExecutor, 1);
                cleanup.push(simulatorServer);
                final URI url = URI.create(simulatorServer.url());
                kmeAccess = new PkiKmeAccess(url, url, pki, simulator);
            } else {
                final URI url = URI.create(qkdConfig.kmeUrl());
                kmeAccess = new PkiKmeAccess(url, qkdConfig.slaveKmeUrl().isBlank() ? url
                    : URI.create(qkdConfig.slaveKmeUrl()), LocalPki.openClientOnly(qkdConfig.clientPkiDirectory(),
                        random), null);
            }
            cleanup.push(kmeAccess);
            final var qkd = new QkdKeySource(kmeAccess, config.etsi014().maxKeyPerRequest());
            final var qra = new QraKeySource(random);
            final Map<KeyType, KeySource> sources = new EnumMap<>(KeyType.class);
            sources.put(KeyType.QKD, qkd);
            sources.put(KeyType.QRA, qra);
            sources.put(KeyType.DH, new DhKeySource(random));
            sources.put(KeyType.HYBRID_QKD_QRA, new HybridKeySource(qkd, qra));

            final var holder = new KmsEngine[1];
            final var backend = new KmsBackend(() -> holder[0] == null ? Map.of() : holder[0].poolsByMaster,
                config.etsi014().maxKeyPerRequest(), clock, () -> { }, persister);
            // key delivery: TLS 1.3 through Bouncy Castle JSSE, X25519MLKEM768 preferred (pq-only: required)
            final var negotiated = new NegotiatedGroups(config.etsi014().tls(), clock);
            final LocalPki.Identity serverIdentity = pki.serverIdentity();
            final SaeTrustConfig trustConfig = etsi014.trust();
            final SaeTrust saeTrust = SaeTrust.load(pki.trustAnchors(), trustConfig.trustBuiltInCa(),
                trustConfig.caFile(), trustConfig.crlFile(), trustConfig.identity());
            final Etsi014Server server = Etsi014Server.start("kms-etsi014", new InetSocketAddress(etsi014.host(),
                etsi014.port()), PqServerTls.create(serverIdentity.key(), serverIdentity.chain(),
                    saeTrust.trustManager(), trustConfig.identity(), negotiated), backend, requestExecutor,
                etsi014.ioThreads(), etsi014.limits());
            cleanup.push(server);
            final var engine = new KmsEngine(config, listener, target, clock, master, persister, keySealer, pki,
                simulator, simulatorServer, kmeAccess, sources, server, negotiated, etsiWorkers, clean, restored,
                saved);
            holder[0] = engine;
            if (replica != null && !engine.persist(true, false)) {
                // the replica must hold every pool (the replayed journal included) before a key is handed out; the
                // engine's threads start in begin(), what it holds is closed below
                throw new IOException("cannot commit the KMS vault to its replica");
            }
            engine.begin();
            final String restoredSummary = restored.size() + (clean ? "" : " (after an unclean stop)")
                + ", vault epoch " + vault.epoch();
            LOG.info("qslice KMS engine running: ETSI GS QKD 014 at {}, QKD KME {}, pools restored: {}",
                server.url(), kmeAccess.url(), restoredSummary);
            return engine;
        } catch (IOException | InterruptedException | RuntimeException e) {
            // undo whatever was started, whatever failed, then rethrow
            while (!cleanup.isEmpty()) {
                try {
                    cleanup.pop().close();
                } catch (Exception suppressed) {
                    // keep closing the rest
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /**
     * The epoch anchor lives next to the master key ({@code etc/}), away from the vault ({@code data/}): restoring
     * an older vault alone is then detected.
     */
    private static Path anchorFile(final EngineConfig config) {
        final Path master = config.vault().masterKeyFile().toAbsolutePath();
        return master.resolveSibling(master.getFileName() + ".vault-epoch");
    }

    /*
     * Replays the journal over the committed pools: every delivery recorded since the last commit comes back, so a
     * key handed out before a kill -9 is neither offered again nor lost to the peer that has still to fetch it.
     */
    private static DeliveryJournal replay(final VaultStore vault, final VaultStore.Loaded loaded,
            final Map<PoolId, KeyPool> pools, final VaultFaults faults, final @Nullable VaultReplica replica)
            throws IOException {
        long lastSeq = 0;
        int replayed = 0;
        for (DeliveryJournal.Entry record : DeliveryJournal.read(vault.directory(), vault.journalSealer(),
                loaded.firstSegment())) {
            lastSeq = Math.max(lastSeq, record.seq());
            final KeyPool pool = pools.get(KeyPool.recordPool(record.payload()));
            if (pool != null && record.seq() > pool.journalSeq()) {
                pool.replay(record.seq(), record.payload());
                replayed++;
            }
        }
        for (KeyPool pool : pools.values()) {
            lastSeq = Math.max(lastSeq, pool.journalSeq());
        }
        final var segments = DeliveryJournal.segments(vault.directory());
        final long segment = Math.max(loaded.firstSegment(), segments.isEmpty() ? 0 : segments.lastKey() + 1);
        if (replayed > 0) {
            LOG.info("KMS journal: {} deliveries recorded after vault epoch {} replayed", replayed, loaded.epoch());
        }
        return DeliveryJournal.open(vault.directory(), vault.journalSealer(), faults, segment, lastSeq + 1, replica);
    }

    private void begin() {
        listener.engineChanged(info);
        reportTls();
        refiller.schedule(0);
        final long mirrorNanos = config.timing().mirrorInterval().toNanos();
        housekeeping.scheduleWithFixedDelay(this::housekeep, mirrorNanos, mirrorNanos, TimeUnit.NANOSECONDS);
    }

    static java.util.concurrent.ThreadFactory daemon(final String name) {
        final var counter = new java.util.concurrent.atomic.AtomicInteger();
        return runnable -> {
            final var thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Returns what the engine reports about itself.
     *
     * @return the info
     */
    public EngineInfo info() {
        return info;
    }

    /**
     * Returns the ETSI GS QKD 014 base URL.
     *
     * @return e.g. {@code https://127.0.0.1:9443}
     */
    public String etsi014Url() {
        return server.url();
    }

    /**
     * Returns the ETSI 014 server (its connection and request counters).
     *
     * @return the server
     */
    public Etsi014Server etsi014Server() {
        return server;
    }

    /**
     * Returns the QKD simulator KME URL, when the simulator runs.
     *
     * @return the URL
     */
    public Optional<String> simulatorUrl() {
        final Etsi014Server sim = simulatorServer;
        return sim == null ? Optional.empty() : Optional.of(sim.url());
    }

    /**
     * Returns the certificates (tests and the demo use the generated SAE certificates).
     *
     * @return the PKI
     */
    public LocalPki pki() {
        return pki;
    }

    /**
     * Makes the pools what the configuration says: creates missing ones, reconfigures changed ones (a changed SAE
     * pair discards the pool's keys), removes the others (their keys are erased).
     *
     * @param desired pools and their effective settings
     */
    public void applyPools(final Map<PoolId, PoolSettings> desired) {
        final Instant now = clock.instant();
        synchronized (structure) {
            for (Map.Entry<PoolId, PoolSettings> entry : desired.entrySet()) {
                final PoolId id = entry.getKey();
                final PoolSettings settings = entry.getValue();
                final var created = new boolean[1];
                final KeyPool existing = pools.computeIfAbsent(id, key -> {
                    created[0] = true;
                    return new KeyPool(key, settings, keySealer);
                });
                if (created[0]) {
                    removedPools.remove(id);
                    LOG.debug("pool {} created", id);
                } else if (!existing.settings().equals(settings)) {
                    final PoolSettings old = existing.settings();
                    if (!old.masterSaeId().equals(settings.masterSaeId())
                        || !old.slaveSaeId().equals(settings.slaveSaeId())) {
                        existing.discardAll(now);
                    }
                    existing.reconfigure(settings);
                }
            }
            for (PoolId id : List.copyOf(pools.keySet())) {
                if (!desired.containsKey(id)) {
                    final KeyPool removed = pools.remove(id);
                    removed.discardAll(now);
                    removedPools.add(id);
                    LOG.debug("pool {} removed", id);
                }
            }
            rebuildIndex();
        }
        // a new pool delivers once the vault holds it: commit now rather than at the next persist interval
        if (pools.values().stream().anyMatch(pool -> !pool.attached())) {
            persist(false, false);
        }
        issueSaeCertificates(desired.values());
        refiller.schedule(0);
    }

    /*
     * Every SAE named by a pool gets its client certificate (sae/ID.crt, sae/ID.key) as soon as the pool exists, so
     * that the operator can hand it to the encryptor before its first ETSI 014 request. Nothing is issued when the
     * PKI has no CA key (the operator's own PKI supplies the certificates), nor when SAE key generation is off (each
     * SAE enrols its own key).
     */
    private void issueSaeCertificates(final Collection<PoolSettings> settings) {
        if (!pki.issues() || !config.etsi014().trust().generateSaeKeys()) {
            return;
        }
        for (PoolSettings pool : settings) {
            for (String sae : List.of(pool.masterSaeId(), pool.slaveSaeId())) {
                try {
                    pki.saeIdentity(sae);
                } catch (IOException e) {
                    LOG.warn("no client certificate for SAE {}: {}", sae, e.getMessage());
                }
            }
        }
    }

    /**
     * Makes the rotated channels what the configuration says.
     *
     * @param desired channels and their settings
     */
    public void applyChannels(final Map<String, ChannelSettings> desired) {
        rotator.apply(desired);
    }

    private void rebuildIndex() {
        final var index = new HashMap<String, List<KeyPool>>();
        for (KeyPool pool : pools.values()) {
            index.computeIfAbsent(pool.settings().masterSaeId(), key -> new ArrayList<>()).add(pool);
        }
        index.replaceAll((key, value) -> List.copyOf(value));
        poolsByMaster = Map.copyOf(index);
    }

    /**
     * Returns a pool (tests, benchmark).
     *
     * @param id the pool
     * @return the pool, if it exists
     */
    public Optional<KeyPool> pool(final PoolId id) {
        return Optional.ofNullable(pools.get(id));
    }

    /**
     * Returns every pool's statistics, sorted by id.
     *
     * @return snapshots
     */
    public List<PoolSnapshot> pools() {
        final Instant now = clock.instant();
        return pools.values().stream().map(pool -> pool.snapshot(now))
            .sorted(Comparator.comparing((PoolSnapshot snapshot) -> snapshot.id().channelId())
                .thenComparing(snapshot -> snapshot.id().keyType()))
            .toList();
    }

    /**
     * Returns every channel's rotation state, sorted by id.
     *
     * @return snapshots
     */
    public List<ChannelSnapshot> channels() {
        return rotator.snapshots();
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void housekeep() {
        try {
            report(false);
            reportTls();
            if (System.nanoTime() - lastPersistNanos >= config.vault().persistInterval().toNanos()) {
                persist(false, false);
                lastPersistNanos = System.nanoTime();
            }
        } catch (RuntimeException e) {
            // keep the periodic task alive: an exception would cancel it
            LOG.warn("KMS housekeeping failed", e);
        }
    }

    private void reportTls() {
        final long version = negotiated.version();
        if (version != reportedTlsVersion) {
            reportedTlsVersion = version;
            listener.keyDeliveryTlsChanged(negotiated.snapshot());
        }
    }

    /**
     * Returns what the ETSI 014 server's TLS handshakes negotiated.
     *
     * @return the record
     */
    public NegotiatedGroups negotiatedGroups() {
        return negotiated;
    }

    private void report(final boolean all) {
        final Instant now = clock.instant();
        final Set<UUID> keep = rotator.keys();
        final var deltas = new ArrayList<PoolDelta>();
        for (KeyPool pool : pools.values()) {
            pool.expire(now, config.timing().deliveredKeyTtl(), keep);
            if (all || pool.dirty()) {
                deltas.add(pool.delta(now));
            }
        }
        final List<PoolId> goneP = new ArrayList<>(removedPools);
        removedPools.removeAll(goneP);
        if (!deltas.isEmpty() || !goneP.isEmpty()) {
            listener.poolsChanged(deltas, goneP);
        }
        rotator.report(listener, all);
        for (KeyPool pool : pools.values()) {
            pool.takeStarvation().ifPresent(event -> {
                LOG.info("pool {} is starving: {} keys stored, low-water {}{}", event.pool(), event.stored(),
                    event.lowWater(), event.empty() ? " (empty)" : "");
                listener.starvation(event, now);
            });
        }
    }

    /**
     * Forces the next report to carry every pool and channel in full (after the listener lost its mirror).
     */
    public void requestFullResync() {
        pools.values().forEach(KeyPool::requestFullResync);
        rotator.markAllChanged();
    }

    private boolean persist(final boolean all, final boolean clean) {
        return persister.commit(pools.values(), rotator, all, clean);
    }

    @Override
    @SuppressWarnings("checkstyle:IllegalCatch")
    public void close() {
        if (closed) {
            return;
        }
        stopThreads();
        try {
            report(false);
        } catch (RuntimeException e) {
            // still commit the vault below
            LOG.warn("final KMS report failed", e);
        }
        if (!persist(true, true)) {
            LOG.warn("the KMS vault was not committed at stop; the next start replays the journal over epoch {}",
                persister.epoch());
        }
        persister.close();
        kmeAccess.close();
        master.destroy();
        listener.engineChanged(new EngineInfo(EngineState.STOPPED, info.started(), null, null, info.pkiDirectory(),
            info.cleanStart(), null));
        LOG.info("qslice KMS engine stopped");
    }

    /**
     * Commits the vault now if anything changed (tests).
     *
     * @return whether the vault holds the current state
     */
    boolean commitNow() {
        return persist(false, false);
    }

    /**
     * Returns the vault's committed epoch (tests).
     *
     * @return the epoch
     */
    long vaultEpoch() {
        return persister.epoch();
    }

    /**
     * Stops as a kill -9 would leave the files: threads and servers stop, nothing more is written (tests).
     */
    void halt() {
        if (closed) {
            return;
        }
        stopThreads();
        persister.close();
        kmeAccess.close();
        master.destroy();
    }

    private void stopThreads() {
        closed = true;
        rotator.close();
        refiller.close();
        server.close();
        if (simulatorServer != null) {
            simulatorServer.close();
        }
        etsiWorkers.shutdown();
        try {
            if (!etsiWorkers.awaitTermination(5, TimeUnit.SECONDS)) {
                etsiWorkers.shutdownNow();
            }
        } catch (InterruptedException e) {
            etsiWorkers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        shutdown(housekeeping);
    }

    static void shutdown(final ScheduledExecutorService executor) {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("KMS thread did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
