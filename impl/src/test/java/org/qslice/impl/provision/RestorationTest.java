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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.qslice.api.model.ConnectionPlan;
import org.qslice.api.model.ConnectionRequest;
import org.qslice.api.model.DeviceDrift;
import org.qslice.api.model.KeyExchange;
import org.qslice.api.model.ProvisioningRecord;
import org.qslice.api.model.ProvisioningRecord.Action;
import org.qslice.api.model.ProvisioningRecord.Operation;
import org.qslice.api.model.Resiliency;
import org.qslice.api.model.SecurityLevel;
import org.qslice.api.model.SliceInfo;
import org.qslice.api.model.SliceRequest;
import org.qslice.api.model.SliceState;
import org.qslice.impl.device.MountPointDevices;
import org.qslice.impl.device.MountPointEncryptor;
import org.qslice.impl.device.MountPointEthernetSwitch;
import org.qslice.impl.device.MountPointOpticalSwitch;
import org.qslice.impl.provision.PausePoint.Phase;
import org.qslice.impl.slice.DeprecationReport;
import org.qslice.impl.slice.MapSliceStore;
import org.qslice.impl.slice.SliceEvent;
import org.qslice.impl.slice.SliceManager;

/**
 * Restoration end to end on simulated devices (one in-memory data broker per device of the paper's testbed): the
 * slice manager, the provisioner and the engine as the controller runs them. A link under Use-Case 1's
 * {@code metro-core} (QKD) fails; the connection moves, make-before-break, to the other QKD channel and never to a
 * weaker one.
 */
class RestorationTest {
    private static final long TIMEOUT_S = 30;

    private MapJournalStore journals = new MapJournalStore();
    private MapSliceStore store = new MapSliceStore();
    private final RecordingKms kms = new RecordingKms();
    private final List<SliceEvent> events = new CopyOnWriteArrayList<>();
    private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(2);
    private final ScheduledExecutorService timer = TIMER;
    private final List<ExecutorService> queues = new ArrayList<>();
    private DeviceStub stub;
    private Map<String, DataBroker> brokers;
    private DeviceProvisioner provisioner;
    private SliceManager manager;

    private final KeptRecords recordStore = new KeptRecords();
    private final List<ProvisioningRecord> records = recordStore.records();

    @BeforeEach
    void setUp() throws Exception {
        stub = new DeviceStub();
        brokers = DeviceBroker.forEveryDevice(Fixture.topology(), stub);
    }

    @AfterEach
    void tearDown() {
        queues.forEach(ExecutorService::shutdownNow);
        queues.clear();
    }

    @org.junit.jupiter.api.AfterAll
    static void stopTimer() {
        TIMER.shutdownNow();
    }

    /** Starts a controller on the stores (again, after a "restart"), pausing where the pause point says. */
    private void start(final PausePoint pause) throws Exception {
        final var devices = new MountPointDevices(stub, timer, Duration.ofSeconds(2));
        final var engine = new ProvisioningEngine(new ProvisioningEngine.Drivers(new MountPointEthernetSwitch(devices),
            new MountPointOpticalSwitch(devices), new MountPointEncryptor(devices)), devices, () -> kms,
            new ChannelRegistry(channel -> Set.of()), new DeviceLockTable(Locking.PER_DEVICE), journals, pause,
            Clock.systemUTC(), System::nanoTime);
        provisioner = new DeviceProvisioner(new Translator("access", Duration.ofSeconds(3)), engine, recordStore,
            journals, new DeviceProvisioner.RecoveryWait(devices, () -> kms, timer, Duration.ofSeconds(2)),
            Clock.systemUTC());
        final ExecutorService queue = Executors.newSingleThreadExecutor();
        queues.add(queue);
        manager = new SliceManager(store, org.qslice.impl.slice.PcePlanning::create, () -> Optional.of(provisioner),
            Clock.systemUTC(), queue, Optional.of(timer), events::add);
        get(manager.restore());
        get(manager.topologyChanged(Optional.of(Fixture.topology())));
    }

    private static <T> T get(final ListenableFuture<T> future) throws Exception {
        return future.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + ": not within " + TIMEOUT_S + " s");
            }
            Thread.sleep(5);
        }
    }

    private SliceInfo slice(final String id) {
        return manager.slices().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private static ConnectionPlan connection(final SliceInfo slice, final String name) {
        return slice.connections().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private void linksDown(final Map<String, Instant> links) throws Exception {
        get(manager.linkStatesChanged(links));
    }

    private SliceInfo activeUseCase1(final Resiliency metroCore) throws Exception {
        final SliceRequest plain = Fixture.useCase1("uc1");
        final List<ConnectionRequest> connections = plain.connections().stream().map(c -> c.name().equals(
            "metro-core") ? c.withResiliency(metroCore) : c).toList();
        get(manager.create(new SliceRequest("uc1", Optional.empty(), connections)));
        return get(manager.activate("uc1"));
    }

    private String otherQkdChannel(final String link) {
        return link.endsWith("#ch4") ? link.replace("#ch4", "#ch5") : link.replace("#ch5", "#ch4");
    }

    private void assertInSync() throws Exception {
        final DeviceDrift.Report report = get(provisioner.check("uc1", "test"));
        assertTrue(report.inSync(), () -> "devices and journal differ: " + report.devices());
    }

    @Test
    void aFailedQkdLinkMovesMetroCoreToTheOtherQkdChannelMakeBeforeBreak() throws Exception {
        start(PausePoint.NONE);
        final SliceInfo before = activeUseCase1(Resiliency.DEFAULT);
        final String failed = connection(before, "metro-core").linkIds().getFirst();
        assertTrue(failed.startsWith("metro-1/core-1#ch4") || failed.startsWith("metro-1/core-1#ch5"), failed);
        final Set<String> heldBefore = DeviceBroker.held(brokers);

        linksDown(Map.of(failed, Instant.now()));
        await("metro-core moved", () -> slice("uc1").state() == SliceState.ACTIVE
            && !connection(slice("uc1"), "metro-core").linkIds().contains(failed));

        final SliceInfo after = slice("uc1");
        final ConnectionPlan moved = connection(after, "metro-core");
        assertEquals(List.of(otherQkdChannel(failed)), moved.linkIds(), "the other QKD channel");
        assertEquals(SecurityLevel.QKD_AES, moved.weakestLevel().orElseThrow());
        assertEquals(1, moved.generation());
        assertEquals(List.of(failed), moved.homeLinks());
        assertEquals(connection(before, "metro-core").accessVlans(), moved.accessVlans(), "same access VLANs");
        assertTrue(after.replaced().isEmpty());
        // the other connections did not move
        for (ConnectionPlan plan : before.connections()) {
            if (!plan.name().equals("metro-core")) {
                assertEquals(plan, connection(after, plan.name()));
            }
        }
        // the devices: the new path's entries, none of the failed link's, and the switch entries renamed
        final Set<String> held = DeviceBroker.held(brokers);
        assertTrue(held.stream().noneMatch(name -> name.contains(failed + "/")), () -> "left on " + failed + ": "
            + held);
        assertTrue(held.stream().anyMatch(name -> name.contains(otherQkdChannel(failed) + "/")), held::toString);
        assertTrue(held.contains("metro-1-sw uc1~metro-core") && held.contains("core-1-sw uc1~metro-core"),
            held::toString);
        assertFalse(held.contains("metro-1-sw uc1/metro-core"), held::toString);
        assertNotEquals(heldBefore, held);
        assertInSync();
        // make-before-break: every entry of the new path was written before any of the old one was removed
        final ProvisioningRecord restore = records.stream().filter(r -> r.operation() == Operation.RESTORE
            && r.state() == ProvisioningRecord.State.ACTIVE).findFirst().orElseThrow();
        final List<Action> order = restore.steps().stream().map(ProvisioningRecord.StepRecord::action).toList();
        assertTrue(order.indexOf(Action.REMOVE) > order.lastIndexOf(Action.APPLY), order::toString);
        assertTrue(order.contains(Action.APPLY) && order.contains(Action.REMOVE), order::toString);
        // the journal is compacted: nothing of a restoration left in it
        final Journal journal = journals.get("uc1").orElseThrow();
        assertFalse(RestorationJournal.unfinished(journal), journal::toString);
        // the ledger: the failed link holds nothing of the slice any more
        assertFalse(after.reservation().links().containsKey(failed));
        assertTrue(events.stream().anyMatch(e -> e.kind() == SliceEvent.Kind.FAILURE));
        assertTrue(events.stream().anyMatch(e -> e.kind() == SliceEvent.Kind.RESTORED));

        // and it comes off cleanly
        get(manager.deactivate("uc1"));
        assertEquals(Set.of(), DeviceBroker.held(brokers));
    }

    @Test
    void withBothQkdChannelsDownTheSliceIsDegradedAndNeverCarriedOverDhOrQra() throws Exception {
        start(PausePoint.NONE);
        final SliceInfo before = activeUseCase1(Resiliency.DEFAULT);
        final String link = connection(before, "metro-core").linkIds().getFirst();
        final Set<String> heldBefore = DeviceBroker.held(brokers);

        linksDown(Map.of("metro-1/core-1#ch4", Instant.now(), "metro-1/core-1#ch5", Instant.now()));
        await("degraded", () -> slice("uc1").state() == SliceState.DEGRADED);
        final SliceInfo degraded = slice("uc1");
        assertEquals(List.of(link), connection(degraded, "metro-core").linkIds(), "not moved to a weaker channel");
        final String reason = degraded.lastError().orElseThrow();
        assertTrue(reason.contains(link) && reason.contains("qkd-aes"), reason);
        assertEquals(heldBefore, DeviceBroker.held(brokers), "no device touched");

        // one QKD channel back: the slice is active again, on a QKD channel
        linksDown(Map.of(link, Instant.now()));
        await("active again", () -> slice("uc1").state() == SliceState.ACTIVE);
        assertEquals(List.of(otherQkdChannel(link)), connection(slice("uc1"), "metro-core").linkIds());
        assertInSync();
    }

    /** The connections of a slice that ride a link of the given method, by name. */
    private static Map<String, List<String>> on(final SliceInfo slice, final KeyExchange method) {
        final var on = new TreeMap<String, List<String>>();
        for (ConnectionPlan plan : slice.connections()) {
            final List<String> links = plan.linkIds().stream().filter(id -> Fixture.topology().links().get(id)
                .keyExchange() == method).toList();
            if (!links.isEmpty()) {
                on.put(plan.name(), links);
            }
        }
        return on;
    }

    @Test
    void deprecatingDhMovesTheControlPlaneMakeBeforeBreakAndNothingRunsWeakerMeanwhile() throws Exception {
        start(PausePoint.NONE);
        final SliceInfo before = activeUseCase1(Resiliency.DEFAULT);
        final Map<String, List<String>> onDh = on(before, KeyExchange.DH);
        assertEquals(Set.of("cell-1-control", "cell-2-control"), onDh.keySet(), "the control plane rides DH");

        final DeprecationReport report = get(manager.deprecate(Set.of(KeyExchange.DH), manager.slices()));

        assertEquals(Set.of(KeyExchange.DH), report.deprecated());
        assertEquals(List.of(), report.notMoved());
        assertEquals(onDh.keySet(), report.moved().stream().map(DeprecationReport.Moved::connection)
            .collect(java.util.stream.Collectors.toSet()));
        final SliceInfo after = slice("uc1");
        assertEquals(SliceState.ACTIVE, after.state());
        assertEquals(Map.of(), on(after, KeyExchange.DH), "nothing on DH any more");
        for (String name : onDh.keySet()) {
            final ConnectionPlan moved = connection(after, name);
            assertTrue(moved.weakestLevel().orElseThrow().rank() >= SecurityLevel.QRA_AES.rank(), moved::toString);
            assertTrue(report.moved().stream().anyMatch(m -> m.connection().equals(name)
                && m.from().equals(connection(before, name).linkIds())
                && m.to().equals(moved.linkIds())), report::toString);
        }
        // the devices: no entry left on a DH link; in sync with the journal
        final Set<String> held = DeviceBroker.held(brokers);
        onDh.values().stream().flatMap(List::stream).forEach(link -> assertTrue(held.stream()
            .noneMatch(name -> name.contains(link + "/")), () -> "left on " + link + ": " + held));
        assertInSync();
        // no weaker window: every entry of the new paths was written before any DH entry was removed
        final ProvisioningRecord restore = records.stream().filter(r -> r.operation() == Operation.RESTORE
            && r.state() == ProvisioningRecord.State.ACTIVE).findFirst().orElseThrow();
        final List<Action> order = restore.steps().stream().map(ProvisioningRecord.StepRecord::action).toList();
        assertTrue(order.contains(Action.REMOVE) && order.indexOf(Action.REMOVE) > order.lastIndexOf(Action.APPLY),
            order::toString);
        assertTrue(events.stream().anyMatch(e -> e.kind() == SliceEvent.Kind.RESTORED
            && e.detail().startsWith("migrated")), events::toString);

        // a new dh-aes connection is planned off DH too
        final var plan = get(manager.compute(Fixture.useCase1("probe")));
        plan.connections().forEach(c -> assertTrue(c.linkIds().stream().noneMatch(id -> Fixture.topology().links()
            .get(id).keyExchange() == KeyExchange.DH), c::toString));
        // the same set again moves nothing
        final DeprecationReport again = get(manager.deprecate(Set.of(KeyExchange.DH), manager.slices()));
        assertEquals(List.of(), again.moved());
        assertEquals(List.of(), again.notMoved());
    }

    @Test
    void whenNothingAtTheLevelIsLeftTheSliceIsDegradedNotWeakenedAndActiveAgainOnceLifted() throws Exception {
        start(PausePoint.NONE);
        final SliceInfo before = activeUseCase1(Resiliency.DEFAULT);
        get(manager.create(Fixture.useCase2("uc2")));
        final Set<String> heldBefore = DeviceBroker.held(brokers);

        final DeprecationReport report = get(manager.deprecate(Set.of(KeyExchange.DH, KeyExchange.QRA,
            KeyExchange.QKD), manager.slices()));

        assertEquals(List.of(), report.moved());
        final SliceInfo degraded = slice("uc1");
        assertEquals(SliceState.DEGRADED, degraded.state());
        assertEquals(before.connections(), degraded.connections(), "nothing moved");
        assertEquals(heldBefore, DeviceBroker.held(brokers), "no device touched");
        final var uc1 = report.notMoved().stream().filter(n -> n.sliceId().equals("uc1")).toList();
        assertEquals(5, uc1.size(), report::toString);
        assertTrue(uc1.stream().allMatch(n -> n.reason().contains("runs below its minimum")), report::toString);
        // the reserved slice is reported and cannot be activated onto the deprecated methods
        assertTrue(report.notMoved().stream().anyMatch(n -> n.sliceId().equals("uc2")
            && n.reason().contains("reserved")), report::toString);
        final var refused = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
            () -> get(manager.activate("uc2")));
        assertTrue(refused.getCause().getMessage().contains("cannot be activated")
            && refused.getCause().getMessage().contains("gives only none"), refused::toString);
        assertEquals(heldBefore, DeviceBroker.held(brokers), "no device touched");

        // lifted: active again where it was
        get(manager.deprecate(Set.of(), manager.slices()));
        await("active again", () -> slice("uc1").state() == SliceState.ACTIVE);
        assertEquals(before.connections(), slice("uc1").connections());
        assertInSync();
    }

    @Test
    void aReservedSliceIsRePlannedOffDownAndDeprecatedLinksWhenActivated() throws Exception {
        start(PausePoint.NONE);
        final SliceInfo reserved = get(manager.create(Fixture.useCase1("uc1")));
        final String qkd = connection(reserved, "metro-core").linkIds().getFirst();
        assertEquals(Set.of("cell-1-control", "cell-2-control"), on(reserved, KeyExchange.DH).keySet());
        get(manager.deprecate(Set.of(KeyExchange.DH), manager.slices()));
        linksDown(Map.of(qkd, Instant.now()));

        final SliceInfo active = get(manager.activate("uc1"));

        assertEquals(SliceState.ACTIVE, active.state());
        assertEquals(List.of(otherQkdChannel(qkd)), connection(active, "metro-core").linkIds());
        assertEquals(Map.of(), on(active, KeyExchange.DH), "nothing on DH");
        final Set<String> held = DeviceBroker.held(brokers);
        assertTrue(held.stream().noneMatch(name -> name.contains(qkd + "/") || name.contains("#ch2/")),
            held::toString);
        assertFalse(active.reservation().links().containsKey(qkd), "the reservation moved with the plan");
        assertInSync();
        assertTrue(events.stream().anyMatch(e -> e.detail().startsWith("re-planned connection metro-core")),
            events::toString);
    }

    @Test
    void keysThatStoppedOnAChannelMoveItsConnections() throws Exception {
        start(PausePoint.NONE);
        final SliceInfo before = activeUseCase1(Resiliency.DEFAULT);
        final String link = connection(before, "metro-core").linkIds().getFirst();
        get(manager.keysStalled(Map.of(link, Instant.now())));
        await("moved off the channel without keys", () -> moved(link));
        assertInSync();
    }

    @Test
    void aDisconnectedDeviceFailsTheLinksItServes() throws Exception {
        start(PausePoint.NONE);
        activeUseCase1(Resiliency.DEFAULT);
        final Set<String> heldBefore = DeviceBroker.held(brokers);
        // every link at core-1 passes its encryptor: nothing ending at core-1 has another path
        get(manager.deviceDisconnected("core-1-enc"));
        await("degraded", () -> slice("uc1").state() == SliceState.DEGRADED);
        final String reason = slice("uc1").lastError().orElseThrow();
        assertTrue(reason.contains("metro-core") && reason.contains("cell-1-control"), reason);
        assertFalse(reason.contains("cell-1-app"), reason);
        assertTrue(manager.downLinks().keySet().stream().allMatch(l -> l.contains("core-1")),
            manager.downLinks()::toString);
        assertEquals(heldBefore, DeviceBroker.held(brokers));
        get(manager.deviceConnected("core-1-enc"));
        await("active again", () -> slice("uc1").state() == SliceState.ACTIVE);
        assertEquals(Map.of(), manager.downLinks());
    }

    /** The paper's testbed with key rates on the two QKD channels metro-1 - core-1, shared or each its own. */
    private void rated(final double rateBps, final boolean shared) throws Exception {
        final org.qslice.api.model.Topology plain = Fixture.topology();
        final var links = plain.links().values().stream().map(link -> {
            if (!link.id().startsWith("metro-1/core-1#ch4") && !link.id().startsWith("metro-1/core-1#ch5")) {
                return link;
            }
            final var withRate = link.withSecretKeyRate(rateBps);
            return shared ? withRate.withQkdLink("metro-1/core-1") : withRate;
        }).toList();
        get(manager.topologyChanged(Optional.of(org.qslice.api.model.Topology.of(plain.networkId(),
            List.copyOf(plain.sites().values()), links))));
    }

    @Test
    void aKeyRateBelowWhatIsCommittedMovesTheConnectionToAChannelWithKeySupply() throws Exception {
        start(PausePoint.NONE);
        rated(1000, false);
        final SliceInfo before = activeUseCase1(Resiliency.DEFAULT);
        final String link = connection(before, "metro-core").linkIds().getFirst();
        // the channel draws 256 bits every 3 s = 85.3 b/s; its own source now gives 50
        get(manager.keyRatesChanged(Map.of(link, 50.0)));
        await("moved to the channel with key supply", () -> moved(link));
        assertInSync();
        assertTrue(events.stream().anyMatch(e -> e.kind() == SliceEvent.Kind.FAILURE && e.detail().contains("50.0")),
            events::toString);
    }

    @Test
    void aRateTheKmsQkdSourceKnowsCountsUnlessARateIsReportedForTheSameSource() throws Exception {
        start(PausePoint.NONE);
        rated(1000, false);
        final SliceInfo before = activeUseCase1(Resiliency.DEFAULT);
        final String link = connection(before, "metro-core").linkIds().getFirst();
        final String other = otherQkdChannel(link);
        // a reported rate of the same source wins over the KMS's: 50 b/s from the KMS changes nothing
        get(manager.keyRatesChanged(Map.of(link, 1000.0)));
        get(manager.kmsKeyRatesChanged(Map.of(link, 50.0, other, 5000.0)));
        get(manager.restoreAll());
        assertEquals(List.of(link), connection(slice("uc1"), "metro-core").linkIds());
        // without it, the KMS's 50 b/s (the channel draws 85.3) moves metro-core to the channel with key supply
        get(manager.keyRatesChanged(Map.of()));
        await("moved to the channel the KMS gives keys for", () -> moved(link));
        assertEquals(List.of(other), connection(slice("uc1"), "metro-core").linkIds());
        assertInSync();
        // the same rates again: nothing to do
        assertTrue(manager.kmsKeyRatesChanged(Map.of(link, 50.0, other, 5000.0)).isDone());
    }

    @Test
    void aSharedQkdSourceThatFallsShortRefusesNewChannelsAndDegradesWhatItCannotCarry() throws Exception {
        start(PausePoint.NONE);
        rated(1000, true);
        final SliceInfo before = activeUseCase1(Resiliency.DEFAULT);
        final String link = connection(before, "metro-core").linkIds().getFirst();
        final String other = otherQkdChannel(link);
        // 100 b/s: the channel in use fits (85.3 <= 90 % of 100), a second one does not
        get(manager.keyRatesChanged(Map.of("metro-1/core-1", 100.0)));
        final var second = SliceRequest.of("second", List.of(ConnectionRequest.of("qkd", new org.qslice.api.model
            .SiteEndpoint("metro-1"), new org.qslice.api.model.SiteEndpoint("core-1"), SecurityLevel.QKD_AES, 10_000)
            .withExclude(Set.of(), Set.of(link))));
        final var refused = get(manager.compute(second));
        assertFalse(refused.feasible());
        final String reason = refused.reason().orElseThrow();
        assertTrue(reason.contains("170.7") && reason.contains("100.0"), reason);
        assertEquals(SliceState.ACTIVE, slice("uc1").state());

        // 50 b/s: not even the channel in use; the other channel is of the same source: degraded, never weaker
        get(manager.keyRatesChanged(Map.of("metro-1/core-1", 50.0)));
        await("degraded", () -> slice("uc1").state() == SliceState.DEGRADED);
        assertEquals(List.of(link), connection(slice("uc1"), "metro-core").linkIds());
        assertTrue(slice("uc1").lastError().orElseThrow().contains("qkd-aes"), slice("uc1").lastError()::toString);

        // the rate recovers: active again
        get(manager.keyRatesChanged(Map.of()));
        await("active", () -> slice("uc1").state() == SliceState.ACTIVE);
    }

    @Test
    void anUnprotectedConnectionWaitsForItsLink() throws Exception {
        start(PausePoint.NONE);
        final SliceInfo before = activeUseCase1(new Resiliency(false, 0, false));
        final String link = connection(before, "metro-core").linkIds().getFirst();
        linksDown(Map.of(link, Instant.now()));
        await("degraded", () -> slice("uc1").state() == SliceState.DEGRADED);
        assertTrue(slice("uc1").lastError().orElseThrow().contains("unprotected"));
        assertEquals(before.connections(), slice("uc1").connections());
        linksDown(Map.of());
        await("cleared", () -> slice("uc1").state() == SliceState.ACTIVE);
        assertTrue(events.stream().anyMatch(e -> e.kind() == SliceEvent.Kind.CLEARED));
    }

    @Test
    void aFailureShorterThanTheHoldOffMovesNothing() throws Exception {
        start(PausePoint.NONE);
        final SliceInfo before = activeUseCase1(new Resiliency(true, 600_000, false));
        final String link = connection(before, "metro-core").linkIds().getFirst();
        linksDown(Map.of(link, Instant.now()));
        await("degraded during the hold-off", () -> slice("uc1").state() == SliceState.DEGRADED);
        assertTrue(slice("uc1").lastError().orElseThrow().contains("hold-off"));
        linksDown(Map.of());
        await("back", () -> slice("uc1").state() == SliceState.ACTIVE);
        assertEquals(before.connections(), slice("uc1").connections(), "nothing moved");
    }

    @Test
    void theHoldOffEndsWithTheMove() throws Exception {
        start(PausePoint.NONE);
        final SliceInfo before = activeUseCase1(new Resiliency(true, 300, false));
        final String link = connection(before, "metro-core").linkIds().getFirst();
        linksDown(Map.of(link, Instant.now()));
        await("moved after the hold-off", () -> slice("uc1").state() == SliceState.ACTIVE
            && connection(slice("uc1"), "metro-core").linkIds().equals(List.of(otherQkdChannel(link))));
    }

    @Test
    void aRevertiveConnectionMovesBackWhenItsLinkReturns() throws Exception {
        start(PausePoint.NONE);
        final SliceInfo before = activeUseCase1(new Resiliency(true, 0, true));
        final String link = connection(before, "metro-core").linkIds().getFirst();
        linksDown(Map.of(link, Instant.now()));
        await("moved", () -> slice("uc1").state() == SliceState.ACTIVE
            && !connection(slice("uc1"), "metro-core").linkIds().contains(link));
        linksDown(Map.of());
        await("moved back", () -> slice("uc1").state() == SliceState.ACTIVE
            && connection(slice("uc1"), "metro-core").linkIds().equals(List.of(link)));
        final ConnectionPlan back = connection(slice("uc1"), "metro-core");
        assertEquals(2, back.generation());
        assertEquals(List.of(), back.homeLinks());
        assertTrue(DeviceBroker.held(brokers).contains("metro-1-sw uc1/metro-core"));
        assertTrue(events.stream().anyMatch(e -> e.kind() == SliceEvent.Kind.REVERTED));
        assertInSync();
    }

    @Test
    void aDeviceRefusingTheNewPathRollsTheRestorationBack() throws Exception {
        start(PausePoint.NONE);
        final SliceInfo before = activeUseCase1(Resiliency.DEFAULT);
        final String link = connection(before, "metro-core").linkIds().getFirst();
        final Set<String> heldBefore = DeviceBroker.held(brokers);
        stub.refuse("core-1-enc", 1);
        linksDown(Map.of(link, Instant.now()));
        await("degraded after the rollback", () -> slice("uc1").state() == SliceState.DEGRADED
            && slice("uc1").lastError().orElse("").contains("restoration failed"));
        assertEquals(before.connections(), slice("uc1").connections(), "on the old paths");
        assertEquals(heldBefore, DeviceBroker.held(brokers), "the new path's entries were undone");
        assertFalse(RestorationJournal.unfinished(journals.get("uc1").orElseThrow()));
        assertInSync();
        // the periodic check waits before it tries again (no loop against a device that keeps refusing) ...
        get(manager.restoreAll());
        assertEquals(SliceState.DEGRADED, slice("uc1").state());
        assertEquals(before.connections(), slice("uc1").connections());
        // ... a restoration asked for now runs, and the device now accepts
        get(manager.restoreSlice("uc1"));
        await("moved", () -> slice("uc1").state() == SliceState.ACTIVE
            && connection(slice("uc1"), "metro-core").linkIds().equals(List.of(otherQkdChannel(link))));
        assertInSync();
    }

    /**
     * The controller dies at every step of the restoration, before and after the step's edit; a new controller on
     * the same stores and devices recovers: forward when every new entry was applied, back otherwise, and the
     * restoration check then moves the connection. Every time the devices end holding exactly what the journal
     * says, on the other QKD channel.
     */
    @Test
    void aRestartAtEveryStepOfTheRestorationConverges() throws Exception {
        start(PausePoint.NONE);
        final SliceInfo before = activeUseCase1(Resiliency.DEFAULT);
        final String link = connection(before, "metro-core").linkIds().getFirst();
        // learn the restoration's steps once
        linksDown(Map.of(link, Instant.now()));
        await("moved", () -> moved(link));
        final List<Integer> indexes = records.stream().filter(r -> r.operation() == Operation.RESTORE && r.state()
            == ProvisioningRecord.State.ACTIVE).findFirst().orElseThrow().steps().stream()
            .map(ProvisioningRecord.StepRecord::index).toList();
        assertTrue(indexes.size() >= 4, "restoration steps: " + indexes);
        final var outcomes = new TreeMap<String, String>();
        for (int index : indexes) {
            for (Phase phase : List.of(Phase.BEFORE_EDIT, Phase.AFTER_EDIT)) {
                final String where = "step " + index + " " + phase;
                // a fresh testbed each time: UC1 active on its first path
                tearDown();
                setUp();
                resetStores();
                start(PausePoint.NONE);
                activeUseCase1(Resiliency.DEFAULT);
                queues.getLast().shutdownNow();
                final SettableFuture<Void> reached = SettableFuture.create();
                final PausePoint die = (sliceId, op, at, phaseAt) -> {
                    if (op == Operation.RESTORE && at == index && phaseAt == phase) {
                        reached.set(null);
                        return SettableFuture.create();
                    }
                    return Futures.immediateVoidFuture();
                };
                // restart with the pause point, then the failure: the restoration dies at the step
                start(die);
                linksDown(Map.of(link, Instant.now()));
                await(where + " reached", reached::isDone);
                // "kill -9": abandon that controller, start another on the same stores and devices
                queues.getLast().shutdownNow();
                records.clear();
                start(PausePoint.NONE);
                // as the link-state watcher does on a new controller: the stored states, once the slices are loaded
                linksDown(Map.of(link, Instant.now()));
                await(where + ": recovered and moved", () -> moved(link));
                assertInSync();
                final Set<String> held = DeviceBroker.held(brokers);
                assertTrue(held.stream().noneMatch(name -> name.contains(link + "/")), () -> where + ": " + held);
                assertFalse(RestorationJournal.unfinished(journals.get("uc1").orElseThrow()), where);
                outcomes.put(where, records.stream().filter(r -> r.operation() == Operation.RECOVER).findFirst()
                    .map(r -> r.steps().size() + " removed by recovery").orElse("no recovery"));
            }
        }
        assertEquals(indexes.size() * 2, outcomes.size(), outcomes::toString);
    }

    private boolean moved(final String failed) {
        final SliceInfo slice = slice("uc1");
        return slice.state() == SliceState.ACTIVE && connection(slice, "metro-core").linkIds()
            .equals(List.of(otherQkdChannel(failed)));
    }

    private void resetStores() {
        store = new MapSliceStore();
        journals = new MapJournalStore();
        records.clear();
        events.clear();
    }
}
