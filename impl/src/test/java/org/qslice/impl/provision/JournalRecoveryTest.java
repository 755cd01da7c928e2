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

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.opendaylight.yang.gen.v1.urn.qslice.encryptor.rev261126.encryptor.ClientPort;
import org.opendaylight.yang.gen.v1.urn.qslice.encryptor.rev261126.encryptor.ClientPortBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.encryptor.rev261126.encryptor.ClientPortKey;
import org.opendaylight.yang.gen.v1.urn.qslice.ethernet._switch.rev261126.VlanId;
import org.opendaylight.yang.gen.v1.urn.qslice.ethernet._switch.rev261126.ethernet._switch.CrossConnect;
import org.opendaylight.yang.gen.v1.urn.qslice.ethernet._switch.rev261126.ethernet._switch.CrossConnectBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.ethernet._switch.rev261126.ethernet._switch.CrossConnectKey;
import org.opendaylight.yang.gen.v1.urn.qslice.ethernet._switch.rev261126.ethernet._switch.cross.connect.AEndBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.ethernet._switch.rev261126.ethernet._switch.cross.connect.ZEndBuilder;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.qslice.api.model.ProvisioningRecord.Action;
import org.qslice.api.model.ProvisioningRecord.Operation;
import org.qslice.impl.device.MountPointDevices;
import org.qslice.impl.device.MountPointEncryptor;
import org.qslice.impl.device.MountPointEthernetSwitch;
import org.qslice.impl.device.MountPointOpticalSwitch;
import org.qslice.impl.provision.Journal.StepState;
import org.qslice.impl.provision.PausePoint.Phase;

/**
 * The journal against a controller that dies at any point of any step: an engine whose run stops for ever at a
 * pause point stands for the killed controller, a second engine on the same journal store and devices for the
 * restarted one. Recovery must find and remove exactly what the devices hold, from the journal alone.
 */
class JournalRecoveryTest {
    private final Fixture fixture = new Fixture();
    private final MapJournalStore journals = new MapJournalStore();
    private final DeviceStub stub = new DeviceStub();
    private final Map<String, DataBroker> brokers = new TreeMap<>();
    private final RecordingKms kms = new RecordingKms();
    private final Translator translator = new Translator("access", Duration.ofSeconds(3));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void setUp() throws Exception {
        brokers.putAll(DeviceBroker.forEveryDevice(fixture.topology, stub));
    }

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
    }

    /** A controller: its own device access, locks and channel registry, as after a restart. */
    private ProvisioningEngine controller(final PausePoint pause) {
        final var devices = new MountPointDevices(stub, timer, Duration.ofMillis(400));
        return new ProvisioningEngine(new ProvisioningEngine.Drivers(new MountPointEthernetSwitch(devices),
            new MountPointOpticalSwitch(devices), new MountPointEncryptor(devices)), devices, () -> kms,
            new ChannelRegistry(channel -> Set.of()), new DeviceLockTable(Locking.PER_DEVICE), journals, pause,
            Clock.systemUTC(), System::nanoTime);
    }

    /** A pause point that stops the run for ever at one point: the controller dies there. */
    private static PausePoint dieAt(final Operation operation, final int step, final Phase phase,
            final SettableFuture<Void> reached) {
        return (sliceId, op, index, where) -> {
            if (op == operation && index == step && where == phase) {
                reached.set(null);
                return SettableFuture.create();
            }
            return Futures.immediateVoidFuture();
        };
    }

    private Set<String> held() throws Exception {
        return DeviceBroker.held(brokers);
    }

    @Test
    void everyStepIsInTheJournalBeforeItsEditIsSentAndTheWholePlanBeforeTheFirst() throws Exception {
        final ProvisioningPlan plan = translator.translate(fixture.reserve(Fixture.useCase1("uc1")), fixture.topology);
        final List<String> wrong = new ArrayList<>();
        final PausePoint check = (sliceId, operation, index, phase) -> {
            final Journal stored = journals.get(sliceId).orElse(null);
            if (stored == null || stored.steps().size() != plan.steps().size()) {
                wrong.add("step " + index + " " + phase + ": the whole plan is not stored");
            } else {
                if (stored.state(index) != StepState.APPLYING) {
                    wrong.add("step " + index + " " + phase + ": stored as " + stored.state(index));
                }
                // a step's result is written with the start of the step after next, which is written beside the
                // next step's edit: the previous step may still read applying, never planned
                for (int earlier = 1; earlier < index; earlier++) {
                    final StepState state = stored.state(earlier);
                    if (state != StepState.APPLIED && !(earlier == index - 1 && state == StepState.APPLYING)) {
                        wrong.add("step " + earlier + " is " + state + " at step " + index + " " + phase);
                    }
                }
                for (int later = index + 1; later <= plan.steps().size(); later++) {
                    final StepState state = stored.state(later);
                    final boolean ahead = later == index + 1 && phase == PausePoint.Phase.AFTER_EDIT
                        && state == StepState.APPLYING;
                    if (state != StepState.PLANNED && !ahead) {
                        wrong.add("step " + later + " is " + state + " at step " + index + " " + phase);
                    }
                }
            }
            return Futures.immediateVoidFuture();
        };
        final int before = journals.writes();
        final var outcome = controller(check).activate(plan).get(30, TimeUnit.SECONDS);
        assertTrue(outcome.failure().isEmpty(), () -> outcome.failure().orElseThrow().getMessage());
        assertEquals(List.of(), wrong);
        // one write per step, the results before the last step beside its edit, and the last result
        assertEquals(plan.steps().size() + 2, journals.writes() - before);
        final Journal done = journals.get("uc1").orElseThrow();
        assertTrue(done.steps().stream().allMatch(entry -> entry.state() == StepState.APPLIED), done.toString());
        assertEquals(done, outcome.journal().orElseThrow());
    }

    @Test
    void aJournalThatCannotBeWrittenStopsTheActivationBeforeAnyDevice() throws Exception {
        final ProvisioningPlan plan = translator.translate(fixture.reserve(Fixture.useCase1("uc1")), fixture.topology);
        journals.failWrites(true);
        final var outcome = controller(PausePoint.NONE).activate(plan).get(30, TimeUnit.SECONDS);
        assertTrue(outcome.failure().orElseThrow().getMessage().contains("could not record step 1 in the journal"),
            outcome.failure().orElseThrow().getMessage());
        assertEquals(Set.of(), held());
        assertEquals(Set.of(), kms.rotating);
        for (String node : brokers.keySet()) {
            assertEquals(0, stub.commits(node), node + " was touched");
        }
    }

    @Test
    void aControllerDyingAtEveryPointOfAnActivationIsRolledBackFromTheJournal() throws Exception {
        final ProvisioningPlan plan = translator.translate(fixture.reserve(Fixture.useCase1("uc1")), fixture.topology);
        for (Step step : plan.steps()) {
            for (Phase phase : Phase.values()) {
                final String where = "step " + step.index() + " " + phase;
                final var reached = SettableFuture.<Void>create();
                final ListenableFuture<?> killed = controller(dieAt(Operation.ACTIVATE, step.index(), phase, reached))
                    .activate(plan);
                reached.get(30, TimeUnit.SECONDS);
                assertFalse(killed.isDone(), where);
                if (phase == Phase.AFTER_EDIT && step.device().isPresent()) {
                    assertFalse(held().isEmpty(), where + ": the device should hold the step");
                }
                final Journal left = journals.get("uc1").orElseThrow();
                assertEquals(StepState.APPLYING, left.state(step.index()), where);

                final var recovered = controller(PausePoint.NONE).remove(left, Operation.RECOVER)
                    .get(30, TimeUnit.SECONDS);
                assertTrue(recovered.failure().isEmpty(), () -> where + ": " + recovered.failure().orElseThrow()
                    .getMessage());
                assertEquals(Set.of(), held(), where);
                assertEquals(Set.of(), kms.rotating, where + ": channels left rotating");
                assertEquals(List.of(), journals.get("uc1").orElseThrow().mayHold(), where);
                assertEquals(Operation.RECOVER, journals.get("uc1").orElseThrow().operation());
                // the recovery report reads each device first
                assertTrue(recovered.record().steps().stream().filter(s -> s.action() == Action.REMOVE)
                    .allMatch(s -> s.description().startsWith("found ")), recovered.record().steps().toString());
            }
        }
    }

    @Test
    void aControllerDyingAtEveryPointOfADeactivationIsCompletedFromTheJournal() throws Exception {
        final ProvisioningPlan plan = translator.translate(fixture.reserve(Fixture.useCase1("uc1")), fixture.topology);
        for (Step step : plan.steps()) {
            for (Phase phase : Phase.values()) {
                final String where = "step " + step.index() + " " + phase;
                final var active = controller(PausePoint.NONE).activate(plan).get(30, TimeUnit.SECONDS);
                assertTrue(active.failure().isEmpty(), where);
                final var reached = SettableFuture.<Void>create();
                final ListenableFuture<?> killed = controller(dieAt(Operation.DEACTIVATE, step.index(), phase,
                    reached)).remove(active.journal().orElseThrow(), Operation.DEACTIVATE);
                reached.get(30, TimeUnit.SECONDS);
                assertFalse(killed.isDone(), where);
                final Journal left = journals.get("uc1").orElseThrow();
                assertEquals(StepState.REMOVING, left.state(step.index()), where);
                assertFalse(left.mayHold().isEmpty(), where);

                final var recovered = controller(PausePoint.NONE).remove(left, Operation.RECOVER)
                    .get(30, TimeUnit.SECONDS);
                assertTrue(recovered.failure().isEmpty(), where);
                assertEquals(Set.of(), held(), where);
                assertEquals(Set.of(), kms.rotating, where);
            }
        }
    }

    @Test
    void aRecoveryThatDiesIsRecoveredAgain() throws Exception {
        final ProvisioningPlan plan = translator.translate(fixture.reserve(Fixture.useCase1("uc1")), fixture.topology);
        final var reached = SettableFuture.<Void>create();
        controller(dieAt(Operation.ACTIVATE, 7, Phase.AFTER_EDIT, reached)).activate(plan);
        reached.get(30, TimeUnit.SECONDS);
        final var again = SettableFuture.<Void>create();
        controller(dieAt(Operation.RECOVER, 4, Phase.AFTER_EDIT, again)).remove(journals.get("uc1").orElseThrow(),
            Operation.RECOVER);
        again.get(30, TimeUnit.SECONDS);
        final var recovered = controller(PausePoint.NONE).remove(journals.get("uc1").orElseThrow(),
            Operation.RECOVER).get(30, TimeUnit.SECONDS);
        assertTrue(recovered.failure().isEmpty());
        assertEquals(Set.of(), held());
        assertEquals(Set.of(), kms.rotating);
    }

    @Test
    void driftIsReportedPerDeviceAndRepairRestoresWhatIsMissingOrChangedButNeverTouchesAForeignEntry()
            throws Exception {
        final ProvisioningPlan plan = translator.translate(fixture.reserve(Fixture.useCase1("uc1")), fixture.topology);
        final ProvisioningEngine engine = controller(PausePoint.NONE);
        final Journal journal = engine.activate(plan).get(30, TimeUnit.SECONDS).journal().orElseThrow();
        final Set<String> owned = new TreeSet<>();
        for (Step step : journal.mayHold()) {
            step.device().ifPresent(device -> step.change().names()
                .forEach(name -> owned.add(device.nodeId() + "/" + name)));
        }
        assertTrue(engine.check(journal, owned).get(30, TimeUnit.SECONDS).stream()
            .allMatch(org.qslice.api.model.DeviceDrift::inSync));

        // behind the controller's back: one cross-connect deleted, one encryptor port changed, one foreign entry
        final Step switchStep = plan.steps().stream().filter(step -> step.change() instanceof Step.SwitchConfig)
            .findFirst().orElseThrow();
        final String switchNode = switchStep.device().orElseThrow().nodeId();
        final String deleted = ((Step.SwitchConfig) switchStep.change()).names().get(0);
        final Step encStep = plan.steps().stream().filter(step -> step.change() instanceof Step.EncryptorConfig)
            .findFirst().orElseThrow();
        final String encNode = encStep.device().orElseThrow().nodeId();
        final String changed = ((Step.EncryptorConfig) encStep.change()).names().get(0);
        final var tx = brokers.get(switchNode).newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.CONFIGURATION, MountPointEthernetSwitch.ROOT.toBuilder()
            .child(CrossConnect.class, new CrossConnectKey(deleted)).build());
        tx.merge(LogicalDatastoreType.CONFIGURATION, MountPointEthernetSwitch.ROOT.toBuilder()
            .child(CrossConnect.class, new CrossConnectKey("by-hand")).build(), new CrossConnectBuilder()
            .setName("by-hand")
            .setBandwidthMbps(Uint64.valueOf(10))
            .setAEnd(new AEndBuilder().setPort("access").setVlan(new VlanId(Uint16.valueOf(7))).build())
            .setZEnd(new ZEndBuilder().setPort("access").setVlan(new VlanId(Uint16.valueOf(8))).build()).build());
        tx.commit().get(10, TimeUnit.SECONDS);
        final var encTx = brokers.get(encNode).newWriteOnlyTransaction();
        encTx.merge(LogicalDatastoreType.CONFIGURATION, MountPointEncryptor.ROOT.toBuilder().child(ClientPort.class,
            new ClientPortKey(changed)).build(), new ClientPortBuilder().setName(changed)
            .setVlan(Uint16.valueOf(3999)).build());
        encTx.commit().get(10, TimeUnit.SECONDS);

        final var drift = engine.check(journal, owned).get(30, TimeUnit.SECONDS);
        final var bySwitch = drift.stream().filter(d -> d.device().equals(switchStep.target())).findFirst()
            .orElseThrow();
        assertEquals(List.of(deleted), bySwitch.missing());
        assertEquals(List.of("by-hand"), bySwitch.foreign());
        final var byEnc = drift.stream().filter(d -> d.device().equals(encStep.target())).findFirst().orElseThrow();
        assertEquals(List.of(changed), byEnc.changed());
        assertEquals(2, drift.stream().filter(d -> !d.inSync()).count(), drift.toString());

        final List<String> repaired = engine.repair(journal, drift).get(30, TimeUnit.SECONDS);
        assertEquals(List.of(switchStep.target() + ": " + deleted, encStep.target() + ": " + changed), repaired);
        final var after = engine.check(journal, owned).get(30, TimeUnit.SECONDS);
        assertTrue(after.stream().allMatch(org.qslice.api.model.DeviceDrift::inSync), after.toString());
        assertTrue(held().contains(switchNode + " by-hand"), "the foreign entry must stay");
    }
}
