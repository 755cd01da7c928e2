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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.qslice.api.SliceException;
import org.qslice.api.model.ProvisioningRecord;
import org.qslice.api.model.ProvisioningRecord.Action;
import org.qslice.api.model.ProvisioningRecord.Operation;
import org.qslice.api.model.SliceInfo;
import org.qslice.impl.device.MountPointDevices;
import org.qslice.impl.device.MountPointEncryptor;
import org.qslice.impl.device.MountPointEthernetSwitch;
import org.qslice.impl.device.MountPointOpticalSwitch;

/**
 * The engine with the real mount-point drivers against in-memory data brokers standing in for the devices.
 */
class ProvisioningEngineTest {
    private static final Duration TIMEOUT = Duration.ofMillis(400);

    private final Fixture fixture = new Fixture();
    private final MapJournalStore journals = new MapJournalStore();
    private final DeviceStub stub = new DeviceStub();
    private final Map<String, DataBroker> brokers = new TreeMap<>();
    private final RecordingKms kms = new RecordingKms();
    private final Translator translator = new Translator("access", Duration.ofSeconds(3));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private MountPointDevices devices;
    private ProvisioningEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        brokers.putAll(DeviceBroker.forEveryDevice(fixture.topology, stub));
        devices = new MountPointDevices(stub, timer, TIMEOUT);
        engine = new ProvisioningEngine(new ProvisioningEngine.Drivers(new MountPointEthernetSwitch(devices),
            new MountPointOpticalSwitch(devices), new MountPointEncryptor(devices)), devices, () -> kms,
            new ChannelRegistry(channel -> Set.of()), new DeviceLockTable(Locking.PER_DEVICE), journals,
            PausePoint.NONE, Clock.systemUTC(), System::nanoTime);
    }

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
    }

    /** Entry names per device, all three models. */
    private Map<String, Set<String>> snapshot() throws Exception {
        final var result = new TreeMap<String, Set<String>>();
        for (var entry : brokers.entrySet()) {
            final var names = new TreeSet<String>();
            try (var tx = entry.getValue().newReadOnlyTransaction()) {
                read(tx, MountPointEthernetSwitch.ROOT).ifPresent(root -> root.nonnullCrossConnect().keySet()
                    .forEach(key -> names.add("eth " + key.getName())));
                read(tx, MountPointOpticalSwitch.ROOT).ifPresent(root -> root.nonnullCrossConnect().keySet()
                    .forEach(key -> names.add("osw " + key.getName())));
                read(tx, MountPointEncryptor.ROOT).ifPresent(root -> root.nonnullClientPort().keySet()
                    .forEach(key -> names.add("enc " + key.getName())));
            }
            result.put(entry.getKey(), names);
        }
        return result;
    }

    private static <T extends org.opendaylight.yangtools.binding.DataObject> Optional<T> read(
            final org.opendaylight.mdsal.binding.api.ReadTransaction tx, final DataObjectIdentifier<T> path)
            throws Exception {
        return tx.read(LogicalDatastoreType.CONFIGURATION, path).get(5, TimeUnit.SECONDS);
    }

    private boolean clean() throws Exception {
        return snapshot().values().stream().allMatch(Set::isEmpty);
    }

    private ProvisioningEngine.Outcome activate(final ProvisioningPlan plan) throws Exception {
        return engine.activate(plan).get(30, TimeUnit.SECONDS);
    }

    private ProvisioningEngine.Outcome deactivate(final ProvisioningPlan plan) throws Exception {
        return engine.remove(Journal.applied(plan, Instant.now()), Operation.DEACTIVATE).get(30, TimeUnit.SECONDS);
    }

    @Test
    void bothUseCasesActivateAndDeactivateLeavesEveryDeviceClean() throws Exception {
        final SliceInfo uc1 = fixture.reserve(Fixture.useCase1("uc1"));
        final SliceInfo uc2 = fixture.reserve(Fixture.useCase2("uc2"));
        final ProvisioningPlan plan1 = translator.translate(uc1, fixture.topology);
        final ProvisioningPlan plan2 = translator.translate(uc2, fixture.topology);

        final var first = activate(plan1);
        assertTrue(first.failure().isEmpty(), () -> first.failure().orElseThrow().getMessage());
        assertEquals(ProvisioningRecord.State.ACTIVE, first.record().state());
        assertEquals(plan1.steps().size(), first.record().steps().size());
        final Map<String, Set<String>> afterFirst = snapshot();
        assertEquals(expected(plan1), withoutEmpty(afterFirst));
        assertTrue(afterFirst.get("cell-1-sw").contains("eth uc1/cell-1-app"), afterFirst.toString());

        final var second = activate(plan2);
        assertTrue(second.failure().isEmpty(), () -> second.failure().orElseThrow().getMessage());
        final Map<String, Set<String>> both = snapshot();
        for (var entry : expected(plan2).entrySet()) {
            assertTrue(both.get(entry.getKey()).containsAll(entry.getValue()), entry.getKey());
        }
        // channels shared by both slices rotate until the last one leaves
        final Set<String> shared = new TreeSet<>(channels(plan1));
        shared.retainAll(channels(plan2));
        assertFalse(shared.isEmpty(), "the use cases share the dh-aes control-plane channels");
        assertTrue(kms.rotating.containsAll(channels(plan1)));

        final var off1 = deactivate(plan1);
        assertTrue(off1.failure().isEmpty(), () -> off1.failure().orElseThrow().getMessage());
        assertEquals(ProvisioningRecord.State.INACTIVE, off1.record().state());
        assertEquals(expected(plan2), withoutEmpty(snapshot()));
        assertTrue(kms.rotating.containsAll(shared), "shared channels keep rotating: " + kms.rotating);

        final var off2 = deactivate(plan2);
        assertTrue(off2.failure().isEmpty(), () -> off2.failure().orElseThrow().getMessage());
        assertTrue(clean(), () -> "devices not clean: " + snapshotText());
        assertEquals(Set.of(), kms.rotating);
        // removal order is the reverse of the activation order
        assertEquals(plan2.steps().size(), off2.record().steps().get(0).index());
    }

    @Test
    void aFailureAtEveryStepIsRolledBackCompletely() throws Exception {
        final SliceInfo uc1 = fixture.reserve(Fixture.useCase1("uc1"));
        final ProvisioningPlan plan = translator.translate(uc1, fixture.topology);
        final List<Step> deviceSteps = plan.steps().stream().filter(step -> step.device().isPresent()).toList();
        assertTrue(deviceSteps.size() >= 10, "UC1 touches every switch, the optical switch and every encryptor");
        for (Step failing : deviceSteps) {
            assertTrue(clean());
            stub.refuse(failing.device().orElseThrow().nodeId(), 1);
            final var outcome = activate(plan);
            assertTrue(outcome.failure().isPresent(), "step " + failing.index() + " should fail");
            final SliceException failure = outcome.failure().orElseThrow();
            assertEquals(SliceException.Kind.TRANSPORT, failure.kind());
            assertTrue(failure.getMessage().contains("failed at step " + failing.index() + " of "
                + plan.steps().size()), failure.getMessage());
            assertTrue(failure.getMessage().contains(failing.target()), failure.getMessage());
            assertTrue(failure.getMessage().contains("refused the edit"), failure.getMessage());
            assertTrue(failure.getMessage().contains("every device is as before"), failure.getMessage());
            assertEquals(List.of(), outcome.record().undoFailures());
            assertEquals(failing.index(), outcome.record().failedStep().getAsInt());
            final var undone = outcome.record().steps().stream().filter(s -> s.action() == Action.UNDO)
                .map(ProvisioningRecord.StepRecord::index).toList();
            final var expectedUndo = new ArrayList<Integer>();
            for (int i = failing.index() - 1; i >= 1; i--) {
                expectedUndo.add(i);
            }
            assertEquals(expectedUndo, undone);
            assertTrue(clean(), () -> "step " + failing.index() + ": devices not clean: " + snapshotText());
            assertEquals(Set.of(), kms.rotating);
        }
    }

    @Test
    void aFrozenDeviceTimesOutAndItsLateCommitIsRemovedWhenItAnswers() throws Exception {
        final SliceInfo uc1 = fixture.reserve(Fixture.useCase1("uc1"));
        final ProvisioningPlan plan = translator.translate(uc1, fixture.topology);
        final Step frozen = plan.steps().get(2);
        final String node = frozen.device().orElseThrow().nodeId();
        stub.freeze(node);
        final var outcome = activate(plan);
        final String message = outcome.failure().orElseThrow().getMessage();
        assertTrue(message.contains("got no answer within " + TIMEOUT.toMillis() + " ms"), message);
        assertTrue(message.contains("the unconfirmed step 3"), message);
        // the removal of the frozen step is queued behind its commit: not confirmed while the device is frozen
        assertEquals(1, outcome.record().undoFailures().size(), outcome.record().undoFailures().toString());
        assertTrue(outcome.record().undoFailures().get(0).startsWith("step 3 "));
        stub.thaw(node);
        // the late commit lands first, then the queued removal (the device's second commit) takes it away
        final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!(stub.commits(node) >= 2 && clean()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(2, stub.commits(node));
        assertTrue(clean(), () -> "late commit not removed: " + snapshotText());
    }

    @Test
    void anUnmountedDeviceFailsTheActivationBeforeAnyStep() throws Exception {
        final SliceInfo uc1 = fixture.reserve(Fixture.useCase1("uc1"));
        stub.unmount("core-1-enc");
        final var outcome = activate(translator.translate(uc1, fixture.topology));
        final SliceException failure = outcome.failure().orElseThrow();
        assertEquals(SliceException.Kind.TRANSPORT, failure.kind());
        assertTrue(failure.getMessage().contains("device core-1/core-1-enc (NETCONF node core-1-enc)"),
            failure.getMessage());
        assertTrue(failure.getMessage().contains("nothing was changed"), failure.getMessage());
        assertEquals(List.of(), outcome.record().steps());
        for (String nodeId : brokers.keySet()) {
            assertEquals(0, stub.commits(nodeId), nodeId);
        }
    }

    @Test
    void withoutKmsAnEncryptedSliceIsRefusedBeforeAnyStep() throws Exception {
        final var noKms = new ProvisioningEngine(new ProvisioningEngine.Drivers(new MountPointEthernetSwitch(devices),
            new MountPointOpticalSwitch(devices), new MountPointEncryptor(devices)), devices,
            () -> KeyRefreshPort.absent("no key management service is installed"),
            new ChannelRegistry(channel -> Set.of()), new DeviceLockTable(Locking.PER_DEVICE), journals,
            PausePoint.NONE, Clock.systemUTC(), System::nanoTime);
        final SliceInfo uc1 = fixture.reserve(Fixture.useCase1("uc1"));
        final var outcome = noKms.activate(translator.translate(uc1, fixture.topology)).get(30, TimeUnit.SECONDS);
        assertTrue(outcome.failure().orElseThrow().getMessage().contains("key management service"));
        assertTrue(clean());
    }

    @Test
    void deactivationIsIdempotent() throws Exception {
        final SliceInfo uc2 = fixture.reserve(Fixture.useCase2("uc2"));
        final ProvisioningPlan plan = translator.translate(uc2, fixture.topology);
        assertTrue(activate(plan).failure().isEmpty());
        assertTrue(deactivate(plan).failure().isEmpty());
        final var again = deactivate(plan);
        assertTrue(again.failure().isEmpty(), () -> again.failure().orElseThrow().getMessage());
        assertTrue(clean());
    }

    private static Set<String> channels(final ProvisioningPlan plan) {
        final var result = new TreeSet<String>();
        plan.steps().stream().filter(step -> step.change() instanceof Step.KeyRefresh)
            .forEach(step -> ((Step.KeyRefresh) step.change()).channels().forEach(c -> result.add(c.channelId())));
        return result;
    }

    private Map<String, Set<String>> expected(final ProvisioningPlan plan) {
        final var result = new TreeMap<String, Set<String>>();
        brokers.keySet().forEach(node -> result.put(node, new TreeSet<>()));
        for (Step step : plan.steps()) {
            step.device().ifPresent(device -> {
                final Set<String> names = result.get(device.nodeId());
                switch (step.change()) {
                    case Step.SwitchConfig config -> config.names().forEach(name -> names.add("eth " + name));
                    case Step.OpticalConfig config -> config.names().forEach(name -> names.add("osw " + name));
                    case Step.EncryptorConfig config -> config.names().forEach(name -> names.add("enc " + name));
                    case Step.KeyRefresh refresh -> throw new IllegalStateException("no device");
                }
            });
        }
        return withoutEmpty(result);
    }

    private static Map<String, Set<String>> withoutEmpty(final Map<String, Set<String>> map) {
        final var result = new TreeMap<String, Set<String>>();
        map.forEach((key, value) -> {
            if (!value.isEmpty()) {
                result.put(key, value);
            }
        });
        return result;
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private String snapshotText() {
        // only for assertion messages
        try {
            return snapshot().toString();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
