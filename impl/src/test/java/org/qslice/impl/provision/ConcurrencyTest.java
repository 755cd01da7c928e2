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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.common.util.concurrent.ListenableFuture;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.qslice.api.SliceException;
import org.qslice.api.SliceException.Kind;
import org.qslice.api.model.ComputeEndpoint;
import org.qslice.api.model.ComputeReservation;
import org.qslice.api.model.ConnectionRequest;
import org.qslice.api.model.Device;
import org.qslice.api.model.DwdmChannel;
import org.qslice.api.model.Encryptor;
import org.qslice.api.model.Endpoint;
import org.qslice.api.model.Hop;
import org.qslice.api.model.Link;
import org.qslice.api.model.LinkReservation;
import org.qslice.api.model.SecurityLevel;
import org.qslice.api.model.Site;
import org.qslice.api.model.SiteEndpoint;
import org.qslice.api.model.SiteRole;
import org.qslice.api.model.SliceInfo;
import org.qslice.api.model.SliceRequest;
import org.qslice.api.model.SliceReservation;
import org.qslice.api.model.SliceState;
import org.qslice.api.model.Topology;
import org.qslice.api.model.TopologyStatus;
import org.qslice.impl.device.EthernetCrossConnect;
import org.qslice.impl.device.MountPointDevices;
import org.qslice.impl.device.MountPointEncryptor;
import org.qslice.impl.device.MountPointEthernetSwitch;
import org.qslice.impl.device.MountPointOpticalSwitch;
import org.qslice.impl.provision.Journal.StepState;
import org.qslice.impl.slice.MapSliceStore;
import org.qslice.impl.slice.PcePlanning;
import org.qslice.impl.slice.SliceLifecycle;
import org.qslice.impl.slice.SliceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slice state machine under concurrency, in {@link Locking#PER_DEVICE} mode (the random test in both), on the
 * real manager,
 * provisioner and engine over in-memory devices (one in-memory data broker per device of the paper's testbed,
 * {@link Fixture}). Interleavings are made deterministic with a gate (a device that holds its commits until it is
 * released) and waited for by polling a condition with a bound, never by sleeping and hoping. The random test runs
 * clients with fixed seeds against devices that answer after a random delay and now and then fail an edit, then
 * checks the invariants: no slice busy, the ledger consistent with the slices that hold reservations, no client port
 * or switch (port, VLAN) shared by two slices, every device holding exactly what the journals say.
 */
class ConcurrencyTest {
    private static final Logger LOG = LoggerFactory.getLogger(ConcurrencyTest.class);
    private static final long TIMEOUT_S = 30;
    /** Seeds the random clients (client i uses seed + i) and the devices (seed); -Dqslice.concurrency.seed=... */
    private static final long SEED = Long.getLong("qslice.concurrency.seed", 20_261_202L);
    private static final long DURATION_MS = Long.getLong("qslice.concurrency.millis", 3_000L);
    private static final int CLIENTS = 6;
    private static final int POOL = 8;
    private static final List<String> SITES = List.of("cell-1", "cell-2", "agg-1", "metro-1", "core-1");
    private static final SecurityLevel[] LEVELS = {
        SecurityLevel.NONE, SecurityLevel.DH_AES, SecurityLevel.QRA_AES, SecurityLevel.QKD_AES
    };
    private static final long[] MBPS = { 100, 1_000, 5_000, 10_000, 20_000 };
    private static final List<String> OPERATIONS = List.of("create", "activate", "deactivate", "delete");
    /** Sorts after every other link at agg-1 and metro-1: adding it moves no link's position at a site. */
    private static final String LATE_LINK = "x-agg-1/metro-1#ch6";
    /** Sorts before every other link at agg-1 and cell-1: adding it moves every link's position there. */
    private static final String EARLY_LINK = "agg-1/cell-1#ch6";
    private final RecordStore records = new KeptRecords();

    /** What a topology change during an activation does to the slice's reservation. */
    enum Change {
        /** A new link, and more capacity on a link of the slice: the reservation still fits. */
        KEEPS_THE_RESERVATION,
        /** A link of the slice disappears: the reservation no longer fits. */
        REMOVES_A_LINK_OF_THE_SLICE
    }

    /** Which topology changes the random clients make. */
    enum Changes {
        /** Capacities of 100G or 150G (no reservation exceeds a link's 10 x 10G ports) and a link sorting last. */
        KEEPING,
        /** As {@link #KEEPING}, plus capacities below what slices hold and the removal of the added link. */
        TAKING,
        /** As {@link #KEEPING}, plus a link that sorts first at agg-1 and cell-1, coming and going. */
        EARLY_LINK
    }

    private final DeviceStub stub = new DeviceStub();
    private final RecordingKms kms = new RecordingKms();
    private final MapJournalStore journals = new MapJournalStore();
    private final MapSliceStore store = new MapSliceStore();
    private final Translator translator = new Translator(Translator.DEFAULT_ACCESS_PORT, Duration.ofSeconds(3));
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final ExecutorService queue = Executors.newSingleThreadExecutor();
    private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    private final AtomicReference<Topology> topology = new AtomicReference<>(Fixture.topology());
    private final Object topologyChanges = new Object();
    private MountPointDevices mounts;
    private ProvisioningEngine.Drivers devices;
    private DeviceProvisioner provisioner;
    private SliceManager manager;

    @BeforeEach
    void setUp() throws Exception {
        DeviceBroker.forEveryDevice(Fixture.topology(), stub);
        mounts = new MountPointDevices(stub, timer, Duration.ofSeconds(TIMEOUT_S / 3));
        devices = new ProvisioningEngine.Drivers(new MountPointEthernetSwitch(mounts),
            new MountPointOpticalSwitch(mounts), new MountPointEncryptor(mounts));
    }

    @AfterEach
    void tearDown() {
        clients.shutdownNow();
        queue.shutdownNow();
        timer.shutdownNow();
    }

    /**
     * Starts the controller: the slice manager in per-device mode over the provisioner and the engine, on the
     * devices directly or through lagging ones.
     */
    private void start(final Optional<LaggingDevices> lag) throws Exception {
        start(lag, Locking.PER_DEVICE);
    }

    private void start(final Optional<LaggingDevices> lag, final Locking locking) throws Exception {
        final ProvisioningEngine.Drivers drivers = lag.map(l -> l.wrap(devices)).orElse(devices);
        final KeyRefreshPort keys = lag.map(l -> l.wrap(kms)).orElse(kms);
        final var engine = new ProvisioningEngine(drivers, mounts, () -> keys, new ChannelRegistry(channel -> Set.of()),
            new DeviceLockTable(locking), journals, PausePoint.NONE, Clock.systemUTC(), System::nanoTime);
        provisioner = new DeviceProvisioner(translator, engine, records, journals,
            new DeviceProvisioner.RecoveryWait(mounts, () -> keys, timer, Duration.ofSeconds(1)), Clock.systemUTC());
        manager = new SliceManager(store, PcePlanning::create, () -> Optional.of(provisioner), Clock.systemUTC(),
            queue);
        get(manager.restore());
        get(manager.topologyChanged(Optional.of(topology.get())));
    }

    private static <T> T get(final ListenableFuture<T> future) throws Exception {
        return future.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static SliceException refusal(final ListenableFuture<?> future) {
        final var failure = assertThrows(ExecutionException.class, () -> future.get(TIMEOUT_S, TimeUnit.SECONDS));
        return assertInstanceOf(SliceException.class, failure.getCause());
    }

    /** Polls a condition, bounded: the test waits for a state, never sleeps and hopes. */
    private static void await(final String what, final BooleanSupplier condition) {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + ": not within " + TIMEOUT_S + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private SliceInfo slice(final String id) {
        return manager.slices().stream().filter(slice -> slice.id().equals(id)).findFirst().orElseThrow();
    }

    private static SliceRequest request(final String id, final String from, final String to,
            final SecurityLevel level, final long mbps) {
        return SliceRequest.of(id, List.of(ConnectionRequest.of(id + "-c", new SiteEndpoint(from),
            new SiteEndpoint(to), level, mbps)));
    }

    private static List<String> path(final SliceInfo slice) {
        return slice.connections().get(0).hops().stream().map(Hop::linkId).toList();
    }

    /** Freezes the device of the slice's optical-switch step, in the middle of its plan, and returns its node. */
    private String holdTheOpticalSwitchOf(final SliceInfo slice) throws SliceException {
        final ProvisioningPlan plan = provisioner.plan(slice, topology.get());
        final Step step = plan.steps().stream().filter(s -> s.lane() == Lane.OPTICAL_SWITCH).findFirst()
            .orElseThrow();
        assertTrue(step.index() > 1 && step.index() < plan.steps().size(), plan.toString());
        final String node = step.device().orElseThrow().nodeId();
        stub.freeze(node);
        return node;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 1. a topology change while an activation is held at a device

    @ParameterizedTest
    @EnumSource(Change.class)
    void aTopologyChangeDuringAnActivationEndsTheSliceWhereTheLifecycleSays(final Change change) throws Exception {
        start(Optional.empty());
        final SliceInfo created = get(manager.create(request("a", "cell-1", "core-1", SecurityLevel.QRA_AES, 1_000)));
        final List<String> path = path(created);
        assertEquals(3, path.size(), path.toString());
        final String gate = holdTheOpticalSwitchOf(created);
        final var activation = manager.activate("a");
        await("the activation of slice a reaches " + gate, stub::holdsCommit);

        final Topology before = topology.get();
        final Topology after = switch (change) {
            case KEEPS_THE_RESERVATION -> withLink(withCapacity(before, path.get(0), 150_000),
                extraLink(LATE_LINK, "agg-1", "metro-1"));
            case REMOVES_A_LINK_OF_THE_SLICE -> withoutLink(before, path.get(1));
        };
        topology.set(after);
        get(manager.topologyChanged(Optional.of(after)));
        final boolean held = change == Change.KEEPS_THE_RESERVATION;
        assertEquals(SliceState.PROVISIONING, slice("a").state(), "the busy state stays while the devices work");
        // the ledger holds the whole reservation, or, with a link of it gone, what is left: the ports of the others
        final SliceReservation holds = get(manager.heldReservations()).iterator().next();
        assertEquals(held, holds.links().keySet().equals(Set.copyOf(path)), holds.toString());
        assertFalse(holds.links().containsKey(path.get(1)) && !held, holds.toString());
        assertTrue(holds.links().keySet().containsAll(path.stream().filter(link -> held || !link.equals(path.get(1)))
            .toList()), holds.toString());
        assertFalse(activation.isDone());
        stub.thaw(gate);

        final SliceInfo done = get(activation);
        final SliceState expected = SliceLifecycle.decide(SliceState.PROVISIONING, held,
            SliceLifecycle.Operation.DEVICES_DONE).next().orElseThrow();
        assertEquals(expected, done.state(), () -> "slice a: " + done.lastError());
        if (held) {
            assertEquals(Optional.empty(), done.lastError());
        } else {
            final String why = done.lastError().orElseThrow();
            assertTrue(why.contains("topology changed") && why.contains(path.get(1)), why);
        }
        final Journal journal = provisioner.journal("a").orElseThrow();
        assertTrue(journal.steps().stream().allMatch(entry -> entry.state() == StepState.APPLIED),
            journal.toString());
        assertEquals(List.of(), devicesAgainstJournals(), "the devices hold exactly what slice a's journal says");
        assertEquals(List.of(), invariants(Set.of("a")));

        assertEquals(SliceState.RESERVED, get(manager.deactivate("a")).state());
        assertEquals("a", get(manager.delete("a")));
        assertEverythingReleased("after slice a is deleted");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 2. delete and deactivate while an activation is held at a device

    @Test
    void deleteAndDeactivateAreRefusedWhileAnActivationIsHeldAtADevice() throws Exception {
        start(Optional.empty());
        final SliceInfo created = get(manager.create(request("a", "cell-2", "core-1", SecurityLevel.QKD_AES, 10_000)));
        final String gate = holdTheOpticalSwitchOf(created);
        final var activation = manager.activate("a");
        await("the activation of slice a reaches " + gate, stub::holdsCommit);

        final SliceException delete = refusal(manager.delete("a"));
        assertEquals(Kind.STATE, delete.kind());
        assertTrue(delete.getMessage().contains("slice a is provisioning"), delete.getMessage());
        final SliceException deactivate = refusal(manager.deactivate("a"));
        assertEquals(Kind.STATE, deactivate.kind());
        assertTrue(deactivate.getMessage().contains("slice a is provisioning"), deactivate.getMessage());
        final SliceException again = refusal(manager.activate("a"));
        assertEquals(Kind.STATE, again.kind());
        assertTrue(again.getMessage().contains("slice a is provisioning"), again.getMessage());
        // other slices go on meanwhile
        assertEquals(SliceState.RESERVED, get(manager.create(request("b", "cell-1", "agg-1", SecurityLevel.NONE,
            1_000))).state());
        assertEquals("b", get(manager.delete("b")));
        assertFalse(activation.isDone());
        assertEquals(SliceState.PROVISIONING, slice("a").state());
        stub.thaw(gate);

        assertEquals(SliceState.ACTIVE, get(activation).state());
        assertEquals(List.of(), devicesAgainstJournals());
        assertEquals(List.of(), invariants(Set.of("a", "b")));
        assertEquals(SliceState.RESERVED, get(manager.deactivate("a")).state());
        assertEquals("a", get(manager.delete("a")));
        assertEverythingReleased("after slice a is deleted");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // minimal reproductions of what the random clients can run into

    private static SliceRequest over(final String id, final String from, final String to, final SecurityLevel level,
            final String link) {
        return SliceRequest.of(id, List.of(ConnectionRequest.of(id + "-c", new SiteEndpoint(from),
            new SiteEndpoint(to), level, 1_000).withInclude(Set.of(), Set.of(link))));
    }

    /**
     * A slice that a topology change leaves without its reservation keeps its device configuration (it ends failed,
     * to be deactivated). The ledger used to free every client port of it at once, so the next slice got the same
     * ports: the same encryptor and optical entry names and the same switch (port, VLAN)s, and deactivating the
     * first then removed the second's entries. Now its client ports stay held until it is deleted.
     */
    @Test
    void aSliceThatLostItsReservationStillOwnsTheClientPortsItsDevicesHold() throws Exception {
        start(Optional.empty());
        final SliceInfo x = get(manager.create(request("x", "cell-1", "core-1", SecurityLevel.QRA_AES, 1_000)));
        assertEquals(SliceState.ACTIVE, get(manager.activate("x")).state());
        final List<String> path = path(x);
        // metro-1/core-1 shrinks below what x needs: x fails, its devices stay configured
        final Topology shrunk = withCapacity(topology.get(), path.get(2), 500);
        topology.set(shrunk);
        get(manager.topologyChanged(Optional.of(shrunk)));
        assertEquals(SliceState.FAILED, slice("x").state());
        // y asks for the first link of x's path, where x's devices still use client port 1
        get(manager.create(over("y", "cell-1", "agg-1", SecurityLevel.QRA_AES, path.get(0))));
        assertEquals(SliceState.ACTIVE, get(manager.activate("y")).state());
        assertEquals(List.of(), invariants(Set.of("x", "y")));
        assertEquals(SliceState.RESERVED, get(manager.deactivate("x")).state());
        assertEquals(List.of(), invariants(Set.of("x", "y")), "the deactivation of x must leave y's configuration");
    }

    /**
     * The access VLAN of a connection was numbered by its link's position among the site's links: a link added that
     * sorts first moved every position, and a slice activated afterwards got the access VLAN that an active slice
     * already used. Now the VLAN is held in the ledger from the reservation on.
     */
    @Test
    void aLinkAddedThatSortsFirstAtASiteGivesNoAccessVlanTwice() throws Exception {
        start(Optional.empty());
        get(manager.create(over("x", "cell-1", "agg-1", SecurityLevel.DH_AES, "cell-1/agg-1#ch2")));
        assertEquals(SliceState.ACTIVE, get(manager.activate("x")).state());
        final Topology early = withLink(topology.get(), extraLink(EARLY_LINK, "agg-1", "cell-1"));
        topology.set(early);
        get(manager.topologyChanged(Optional.of(early)));
        get(manager.create(over("y", "cell-1", "agg-1", SecurityLevel.NONE, "cell-1/agg-1#ch1")));
        assertEquals(SliceState.ACTIVE, get(manager.activate("y")).state());
        assertEquals(List.of(), invariants(Set.of("x", "y")));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 3. random clients

    /**
     * The random clients. Their topology changes are {@link Changes#EARLY_LINK} (capacities that keep every
     * reservation, and a link that sorts first at two sites, coming and going: what shifted derived access VLANs)
     * unless {@code -Dqslice.concurrency.changes} selects another kind ({@code TAKING}: capacities below what slices
     * hold, and the removal of a link).
     */
    @ParameterizedTest
    @EnumSource(Locking.class)
    void randomClientsOverLaggingFaultyDevicesKeepTheInvariants(final Locking locking) throws Exception {
        randomClients(Changes.valueOf(System.getProperty("qslice.concurrency.changes", Changes.EARLY_LINK.name())),
            locking);
    }

    private void randomClients(final Changes changes, final Locking locking) throws Exception {
        final var lag = new LaggingDevices(timer, SEED, 3, 0.02);
        start(Optional.of(lag), locking);
        final String where = "seed " + SEED + " (-Dqslice.concurrency.seed), " + CLIENTS + " clients for "
            + DURATION_MS + " ms, topology changes " + changes + ", " + locking.configName() + " locking";
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DURATION_MS);
        final var running = new ArrayList<Future<Client>>();
        for (int i = 0; i < CLIENTS; i++) {
            running.add(clients.submit(new Client(i, SEED + i, changes, deadline)));
        }
        final var unexpected = new ArrayList<String>();
        final var outcomes = new TreeMap<String, Integer>();
        for (Future<Client> future : running) {
            final Client client = future.get(DURATION_MS / 1000 + 2 * TIMEOUT_S, TimeUnit.SECONDS);
            unexpected.addAll(client.unexpected);
            client.outcomes.forEach((what, count) -> outcomes.merge(what, count, Integer::sum));
        }
        LOG.info("{}: {}; devices: {}", where, outcomes, lag.injected());
        assertEquals(List.of(), unexpected, where);
        assertTrue(outcomes.getOrDefault("activate: done", 0) > 0, () -> where + ": nothing was activated");

        final Set<String> pool = new TreeSet<>();
        for (int i = 0; i < POOL; i++) {
            pool.add("s" + i);
        }
        assertEquals(List.of(), invariants(pool), where);

        // and every slice left can be deactivated and deleted, which leaves nothing anywhere
        for (SliceInfo slice : manager.slices()) {
            if (slice.state() == SliceState.ACTIVE || slice.state() == SliceState.FAILED) {
                assertEquals(SliceState.RESERVED, get(manager.deactivate(slice.id())).state(), where);
            }
            assertEquals(slice.id(), get(manager.delete(slice.id())), where);
        }
        assertEverythingReleased(where);
    }

    /**
     * One client: random operations on the pool of slice ids until the deadline, each waited for (bounded) before
     * the next. A refusal (state, resources, exists, missing) and an activation failed by an injected device fault
     * are expected outcomes; anything else is recorded as unexpected.
     */
    private final class Client implements Callable<Client> {
        private final int number;
        private final long seed;
        private final Random random;
        private final Changes changes;
        private final long deadline;
        private final List<String> unexpected = new ArrayList<>();
        private final Map<String, Integer> outcomes = new HashMap<>();

        Client(final int number, final long seed, final Changes changes, final long deadline) {
            this.number = number;
            this.seed = seed;
            random = new Random(seed);
            this.changes = changes;
            this.deadline = deadline;
        }

        @Override
        public Client call() {
            while (System.nanoTime() < deadline && unexpected.isEmpty()) {
                final String id = "s" + random.nextInt(POOL);
                final int dice = random.nextInt(100);
                if (dice < 95) {
                    final String operation = operation(id, dice);
                    run(operation, id, switch (operation) {
                        case "create" -> manager.create(randomRequest(id, random));
                        case "activate" -> manager.activate(id);
                        case "deactivate" -> manager.deactivate(id);
                        default -> manager.delete(id);
                    });
                } else {
                    final ListenableFuture<?> changed;
                    // one change at a time, each from the one before
                    synchronized (topologyChanges) {
                        final Topology next = nextTopology(topology.get(), changes, random);
                        topology.set(next);
                        changed = manager.topologyChanged(Optional.of(next));
                    }
                    run("topology", "", changed);
                }
            }
            return this;
        }

        /**
         * Picks an operation: mostly one that the slice's state (as last published) allows, else any, so that
         * slices go through their lifecycle and refusals are still tried.
         */
        private String operation(final String id, final int dice) {
            final Optional<SliceState> state = manager.slices().stream().filter(slice -> slice.id().equals(id))
                .map(SliceInfo::state).findFirst();
            final List<String> likely = state.map(s -> switch (s) {
                case RESERVED -> List.of("activate", "activate", "delete");
                // an active slice stays a while, so that others are activated beside it
                case ACTIVE -> List.of("deactivate", "activate", "delete");
                case FAILED -> List.of("deactivate", "deactivate", "activate", "delete");
                default -> OPERATIONS;
            }).orElse(List.of("create"));
            final List<String> from = dice < 75 ? likely : OPERATIONS;
            return from.get(random.nextInt(from.size()));
        }

        private void run(final String operation, final String id, final ListenableFuture<?> future) {
            final String what = "client " + number + " (seed " + seed + "): " + operation + " " + id;
            try {
                future.get(TIMEOUT_S, TimeUnit.SECONDS);
                outcomes.merge(operation + ": done", 1, Integer::sum);
            } catch (ExecutionException e) {
                final Throwable cause = e.getCause();
                final String message = String.valueOf(cause.getMessage());
                if (cause instanceof SliceException refused && Set.of(Kind.STATE, Kind.RESOURCES, Kind.EXISTS,
                        Kind.MISSING).contains(refused.kind())) {
                    outcomes.merge(operation + ": refused (" + refused.kind() + ")", 1, Integer::sum);
                } else if (operation.equals("activate") && cause instanceof SliceException
                        && message.contains("(injected)") && message.contains("every device is as before")) {
                    outcomes.merge("activate: rolled back", 1, Integer::sum);
                } else {
                    unexpected.add(what + " failed unexpectedly: " + cause);
                }
            } catch (TimeoutException e) {
                unexpected.add(what + " did not complete within " + TIMEOUT_S + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unexpected.add(what + " interrupted");
            }
        }
    }

    private static SliceRequest randomRequest(final String id, final Random random) {
        final int count = 1 + random.nextInt(3);
        final var connections = new ArrayList<ConnectionRequest>();
        for (int i = 0; i < count; i++) {
            final int from = random.nextInt(SITES.size());
            final String site = SITES.get(from);
            final Endpoint to;
            if (random.nextInt(4) == 0) {
                to = ComputeEndpoint.ofRole(site.equals("metro-1") ? SiteRole.AGGREGATION : SiteRole.METRO,
                    1 + random.nextInt(8), 1 + random.nextInt(32));
            } else {
                to = new SiteEndpoint(SITES.get((from + 1 + random.nextInt(SITES.size() - 1)) % SITES.size()));
            }
            connections.add(ConnectionRequest.of("c" + i, new SiteEndpoint(site), to,
                LEVELS[random.nextInt(LEVELS.length)], MBPS[random.nextInt(MBPS.length)]));
        }
        return SliceRequest.of(id, connections);
    }

    /**
     * Returns the next topology version. The early link comes and goes, renumbering the access VLANs at its sites
     * each time; it goes only while no slice (as last published) reserves it, so that no reservation is taken away.
     */
    private Topology nextTopology(final Topology current, final Changes changes, final Random random) {
        final int dice = random.nextInt(100);
        if (changes == Changes.EARLY_LINK && dice < 50) {
            if (!current.links().containsKey(EARLY_LINK)) {
                return withLink(current, extraLink(EARLY_LINK, "agg-1", "cell-1"));
            }
            if (manager.slices().stream().noneMatch(slice -> slice.reservation().links().containsKey(EARLY_LINK))) {
                return withoutLink(current, EARLY_LINK);
            }
        }
        if (dice < 50) {
            if (!current.links().containsKey(LATE_LINK)) {
                return withLink(current, extraLink(LATE_LINK, "agg-1", "metro-1"));
            }
            if (changes == Changes.TAKING) {
                return withoutLink(current, LATE_LINK);
            }
        }
        final var ids = new ArrayList<>(current.links().keySet());
        final String link = ids.get(random.nextInt(ids.size()));
        final long[] capacities = changes == Changes.TAKING ? new long[] { 100_000, 150_000, 30_000, 5_000 }
            : new long[] { 100_000, 150_000 };
        return withCapacity(current, link, capacities[random.nextInt(capacities.length)]);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // topologies

    private static Link extraLink(final String id, final String siteA, final String siteB) {
        final int channel = 6;
        return Link.of(id, siteA, siteB, 100_000, 1210, SecurityLevel.QKD_AES)
            .withChannel(DwdmChannel.of(channel, 10, Fixture.G10))
            .withEncryptor(new Encryptor(Optional.of("qslice-sim-10x10g"), true, 15, Optional.of(siteA + "-enc"),
                Optional.of(siteB + "-enc")))
            .withOpticalSwitch("metro-1/metro-1-osw")
            .withPorts("eth-" + siteB + "-ch" + channel, "eth-" + siteA + "-ch" + channel);
    }

    private static Topology withLink(final Topology topology, final Link link) {
        final var links = new ArrayList<>(topology.links().values());
        links.add(link);
        return Topology.of(topology.networkId(), topology.sites().values(), links);
    }

    private static Topology withoutLink(final Topology topology, final String linkId) {
        final var links = new ArrayList<>(topology.links().values());
        links.removeIf(link -> link.id().equals(linkId));
        return Topology.of(topology.networkId(), topology.sites().values(), links);
    }

    private static Topology withCapacity(final Topology topology, final String linkId, final long mbps) {
        final var links = new ArrayList<>(topology.links().values());
        links.replaceAll(l -> l.id().equals(linkId) ? new Link(l.id(), l.siteA(), l.siteB(), mbps, l.latencyUs(),
            l.security(), l.keyExchange(), l.channel(), l.encryptor(), l.opticalSwitch(), l.portA(), l.portB()) : l);
        return Topology.of(topology.networkId(), topology.sites().values(), links);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // invariants

    /**
     * Checks every invariant once nothing runs any more.
     *
     * @param ids every slice id the test used, to check that deleted slices left nothing
     * @return what is wrong, empty if nothing
     */
    private List<String> invariants(final Set<String> ids) throws Exception {
        final var problems = new ArrayList<String>();
        // through the queue: after every operation submitted before
        final Collection<SliceReservation> held = get(manager.heldReservations());
        final var slices = new TreeMap<String, SliceInfo>();
        manager.slices().forEach(slice -> slices.put(slice.id(), slice));
        final Set<String> holding = new TreeSet<>();
        held.forEach(reservation -> holding.add(reservation.sliceId()));

        // (i) nothing busy; and the lifecycle's own consistency
        for (SliceInfo slice : slices.values()) {
            final Optional<Journal> journal = provisioner.journal(slice.id());
            final boolean configured = journal.map(j -> !j.mayHold().isEmpty()).orElse(false);
            final boolean complete = journal.map(j -> j.steps().stream()
                .allMatch(entry -> entry.state() == StepState.APPLIED)).orElse(false);
            switch (slice.state()) {
                case PROVISIONING, DEPROVISIONING -> problems.add("slice " + slice.id() + " is still "
                    + slice.state());
                case ACTIVE -> {
                    if (!holding.contains(slice.id())) {
                        problems.add("slice " + slice.id() + " is active but holds no reservation");
                    }
                    if (!complete) {
                        problems.add("slice " + slice.id() + " is active but its journal says " + journal);
                    }
                }
                case FAILED -> {
                    if (configured && !complete) {
                        problems.add("slice " + slice.id() + " failed and its devices may hold part of it: "
                            + journal.orElseThrow().targetsThatMayHold() + " (" + slice.lastError() + ")");
                    }
                }
                default -> {
                    if (configured) {
                        problems.add("slice " + slice.id() + " is " + slice.state() + " but its journal says "
                            + journal.orElseThrow().targetsThatMayHold() + " may hold some of it");
                    }
                }
            }
        }
        for (String id : ids) {
            if (!slices.containsKey(id) && (provisioner.journal(id).isPresent() || journals.get(id).isPresent())) {
                problems.add("slice " + id + " was deleted but its journal is kept");
            }
        }

        // (ii) the ledger: free = total - what the slices holding a reservation reserve
        problems.addAll(ledger(held, slices));

        // (iii) no client port shared by two live slices (holding a reservation, or configuration on a device)
        final var portOwners = new TreeMap<String, String>();
        for (SliceInfo slice : slices.values()) {
            final boolean configured = provisioner.journal(slice.id()).map(j -> !j.mayHold().isEmpty())
                .orElse(false);
            if (!holding.contains(slice.id()) && !configured) {
                continue;
            }
            for (LinkReservation link : slice.reservation().links().values()) {
                for (int port : link.clientPorts()) {
                    final String key = "client port " + port + " of link " + link.linkId();
                    final String other = portOwners.putIfAbsent(key, slice.id());
                    if (other != null) {
                        problems.add(key + " is used by slices " + other + " and " + slice.id()
                            + " (held: " + holding + ")");
                    }
                }
            }
        }
        // (iii) and no (port, VLAN) of an Ethernet switch in two cross-connects
        final Map<String, Map<String, Object>> onDevices = deviceEntries();
        onDevices.forEach((node, entries) -> {
            final var ends = new TreeMap<String, String>();
            entries.values().stream().filter(EthernetCrossConnect.class::isInstance)
                .map(EthernetCrossConnect.class::cast).forEach(xc -> {
                    for (String end : List.of(xc.aPort() + " VLAN " + xc.aVlan(), xc.zPort() + " VLAN " + xc.zVlan())) {
                        final String other = ends.putIfAbsent(end, xc.name());
                        if (other != null && !other.equals(xc.name())) {
                            problems.add("switch " + node + ": port " + end + " is in cross-connects " + other
                                + " and " + xc.name());
                        }
                    }
                });
        });

        // (iv) every device holds exactly what the journals say
        problems.addAll(devicesAgainstJournals(onDevices));
        return problems;
    }

    /**
     * Whether a held reservation is a part of the slice's own: what a topology change left of it (links of it with
     * its client ports and at most its bandwidth, its compute, its VLANs).
     */
    private static boolean partOf(final SliceReservation part, final SliceReservation whole) {
        return part.links().values().stream().allMatch(link -> {
            final LinkReservation own = whole.links().get(link.linkId());
            return own != null && own.clientPorts().equals(link.clientPorts())
                && link.bandwidthMbps() <= own.bandwidthMbps();
        }) && whole.compute().values().containsAll(part.compute().values())
            && whole.accessVlans().containsAll(part.accessVlans());
    }

    private List<String> ledger(final Collection<SliceReservation> held, final Map<String, SliceInfo> slices) {
        final var problems = new ArrayList<String>();
        final TopologyStatus status = manager.topology().orElseThrow();
        final Topology planned = status.topology();
        final var bandwidth = new HashMap<String, Long>();
        final var ports = new HashMap<String, Set<Integer>>();
        final var cpu = new HashMap<String, Long>();
        final var memory = new HashMap<String, Long>();
        for (SliceReservation reservation : held) {
            final SliceInfo slice = slices.get(reservation.sliceId());
            if (slice == null) {
                problems.add("a reservation is held for slice " + reservation.sliceId() + ", which does not exist");
            } else if (!reservation.equals(slice.reservation()) && !partOf(reservation, slice.reservation())) {
                problems.add("slice " + slice.id() + " holds " + reservation + ", not its own " + slice.reservation());
            }
            for (LinkReservation link : reservation.links().values()) {
                if (!planned.links().containsKey(link.linkId())) {
                    problems.add("slice " + reservation.sliceId() + " holds link " + link.linkId()
                        + ", which is not in the topology");
                }
                bandwidth.merge(link.linkId(), link.bandwidthMbps(), Long::sum);
                for (int port : link.clientPorts()) {
                    if (!ports.computeIfAbsent(link.linkId(), id -> new TreeSet<>()).add(port)) {
                        problems.add("client port " + port + " of link " + link.linkId() + " is held twice");
                    }
                }
            }
            for (ComputeReservation compute : reservation.compute().values()) {
                cpu.merge(compute.siteId(), compute.cpuCores(), Long::sum);
                memory.merge(compute.siteId(), compute.memoryGb(), Long::sum);
            }
        }
        for (Link link : planned.links().values()) {
            final TopologyStatus.LinkUsage usage = status.links().get(link.id());
            final long free = link.capacityMbps() - bandwidth.getOrDefault(link.id(), 0L);
            if (free < 0 || usage.freeMbps() != free) {
                problems.add("link " + link.id() + ": the ledger says " + usage.freeMbps() + " Mb/s free, capacity "
                    + link.capacityMbps() + " minus the held " + bandwidth.getOrDefault(link.id(), 0L) + " is "
                    + free);
            }
            final var freePorts = new ArrayList<Integer>();
            final Set<Integer> taken = ports.getOrDefault(link.id(), Set.of());
            link.channel().ifPresent(channel -> {
                for (int port = 1; port <= channel.clientPorts(); port++) {
                    if (!channel.portsInUse().contains(port) && !taken.contains(port)) {
                        freePorts.add(port);
                    }
                }
            });
            if (!freePorts.equals(usage.freeClientPorts())) {
                problems.add("link " + link.id() + ": the ledger says client ports " + usage.freeClientPorts()
                    + " are free, the held reservations leave " + freePorts);
            }
        }
        for (Site site : planned.sites().values()) {
            site.compute().ifPresent(total -> {
                final long freeCpu = total.cpuCores() - cpu.getOrDefault(site.id(), 0L);
                final long freeMemory = total.memoryGb() - memory.getOrDefault(site.id(), 0L);
                final var free = status.sites().get(site.id());
                if (freeCpu < 0 || freeMemory < 0 || free.cpuCores() != freeCpu || free.memoryGb() != freeMemory) {
                    problems.add("site " + site.id() + ": the ledger says " + free + " free, the held reservations "
                        + "leave " + freeCpu + " cores and " + freeMemory + " GB");
                }
            });
        }
        return problems;
    }

    /** What each device holds, by node id, then entry name. */
    private Map<String, Map<String, Object>> deviceEntries() throws Exception {
        final var held = new TreeMap<String, Map<String, Object>>();
        for (Site site : Fixture.topology().sites().values()) {
            for (Device device : site.devices()) {
                final String node = device.netconfNodeId();
                final List<?> entries = switch (device.kind()) {
                    case ETHERNET_SWITCH -> get(devices.switches().read(node));
                    case OPTICAL_SWITCH -> get(devices.optical().read(node));
                    case ENCRYPTOR -> get(devices.encryptors().read(node));
                };
                final var byName = new TreeMap<String, Object>();
                for (Object entry : entries) {
                    byName.put(Step.entryName(entry), entry);
                }
                held.put(node, byName);
            }
        }
        return held;
    }

    private List<String> devicesAgainstJournals() throws Exception {
        return devicesAgainstJournals(deviceEntries());
    }

    /**
     * Compares every device with the union of the entries that the journals of the existing slices say it may hold,
     * and the KMS's rotating channels with the journals' key-refresh steps.
     */
    private List<String> devicesAgainstJournals(final Map<String, Map<String, Object>> onDevices) {
        final var problems = new ArrayList<String>();
        final var expected = new TreeMap<String, Map<String, Object>>();
        final var owners = new HashMap<String, String>();
        final var channels = new TreeSet<String>();
        for (SliceInfo slice : manager.slices()) {
            final Optional<Journal> journal = provisioner.journal(slice.id());
            for (Step step : journal.map(Journal::mayHold).orElse(List.of())) {
                if (step.change() instanceof Step.KeyRefresh refresh) {
                    refresh.channels().forEach(channel -> channels.add(channel.channelId()));
                }
                step.device().ifPresent(device -> step.entries().forEach((name, entry) -> {
                    final String key = device.nodeId() + " " + name;
                    final String other = owners.putIfAbsent(key, slice.id());
                    if (other != null) {
                        problems.add("device " + device.nodeId() + " entry " + name + " is in the journals of slices "
                            + other + " and " + slice.id());
                    }
                    expected.computeIfAbsent(device.nodeId(), node -> new TreeMap<>()).putIfAbsent(name, entry);
                }));
            }
        }
        onDevices.forEach((node, held) -> {
            final Map<String, Object> want = expected.getOrDefault(node, Map.of());
            want.forEach((name, entry) -> {
                if (!held.containsKey(name)) {
                    problems.add("device " + node + " lacks " + name + " (slice " + owners.get(node + " " + name)
                        + ")");
                } else if (!entry.equals(held.get(name))) {
                    problems.add("device " + node + " holds " + held.get(name) + ", the journal of slice "
                        + owners.get(node + " " + name) + " says " + entry);
                }
            });
            held.keySet().stream().filter(name -> !want.containsKey(name)).forEach(name -> problems.add("device "
                + node + " holds " + name + ", which no journal of an existing slice names"));
        });
        final Set<String> rotating;
        synchronized (kms) {
            rotating = Set.copyOf(kms.rotating);
        }
        if (!rotating.equals(channels)) {
            problems.add("the KMS rotates " + new TreeSet<>(rotating) + ", the journals say " + channels);
        }
        return problems;
    }

    private void assertEverythingReleased(final String where) throws Exception {
        assertEquals(List.of(), manager.slices(), where);
        assertEquals(List.of(), List.copyOf(get(manager.heldReservations())), where);
        assertEquals(List.of(), ledger(List.of(), Map.of()), where + ": the ledger is not back to full");
        deviceEntries().forEach((node, entries) -> assertEquals(Map.of(), entries, where + ": device " + node));
        synchronized (kms) {
            assertEquals(Set.of(), kms.rotating, where + ": channels left rotating");
        }
        assertEquals(List.of(), get(store.loadAll()), where + ": slices left in the store");
        assertEquals(List.of(), get(journals.loadAll()), where + ": journals left in the store");
    }
}
