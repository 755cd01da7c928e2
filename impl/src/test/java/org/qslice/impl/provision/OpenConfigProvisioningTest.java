/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.interfaces.rev210406.interfaces.top.Interfaces;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.interfaces.rev210406.interfaces.top.InterfacesBuilder;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.interfaces.rev210406.interfaces.top.interfaces.InterfaceBuilder;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.interfaces.rev210406.subinterfaces.top.SubinterfacesBuilder;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.interfaces.rev210406.subinterfaces.top.subinterfaces.SubinterfaceBuilder;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.openconfig.transport.line.connectivity.rev190627.line.connectivity.top.Connections;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.iana._if.type.rev230126.EthernetCsmacd;
import org.opendaylight.yang.gen.v1.urn.qslice.encryptor.rev261126.Encryptor;
import org.opendaylight.yang.gen.v1.urn.qslice.ethernet._switch.rev261126.EthernetSwitch;
import org.opendaylight.yang.gen.v1.urn.qslice.optical._switch.rev261126.OpticalSwitch;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.QNameModule;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.qslice.api.SliceException;
import org.qslice.api.model.DeviceDrift;
import org.qslice.api.model.ProvisioningRecord.Operation;
import org.qslice.api.model.SliceInfo;
import org.qslice.impl.device.DeviceModels;
import org.qslice.impl.device.EthernetCrossConnect;
import org.qslice.impl.device.MountPointDevices;
import org.qslice.impl.device.MountPointEncryptor;
import org.qslice.impl.device.MountPointEthernetSwitch;
import org.qslice.impl.device.MountPointOpticalSwitch;
import org.qslice.impl.device.OpenConfigEncryptor;
import org.qslice.impl.device.OpenConfigEthernetSwitch;
import org.qslice.impl.device.OpenConfigOpticalSwitch;
import org.qslice.impl.device.SelectedDriver;

/**
 * The engine with drivers chosen per device by the models it advertises: the switches on OpenConfig, the rest on
 * qslice's models, against in-memory data brokers standing in for the devices.
 */
class OpenConfigProvisioningTest {
    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private static final Set<String> OPENCONFIG = Set.of("cell-1-sw", "agg-1-sw", "metro-1-sw", "metro-1-osw",
        "agg-1-enc", "core-1-enc");

    private final Fixture fixture = new Fixture();
    private final MapJournalStore journals = new MapJournalStore();
    private final DeviceStub stub = new DeviceStub();
    private final Map<String, DataBroker> brokers = new TreeMap<>();
    private final RecordingKms kms = new RecordingKms();
    private final Translator translator = new Translator("access", Duration.ofSeconds(3));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, Collection<QNameModule>> advertised = new TreeMap<>();
    private MountPointDevices devices;
    private DeviceModels models;
    private SelectedDriver.Encryptor encryptors;
    private ProvisioningEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        brokers.putAll(DeviceBroker.forEveryDevice(fixture.topology, stub));
        for (String node : brokers.keySet()) {
            // what each device says it speaks: OpenConfig or qslice's model of its kind
            advertised.put(node, OPENCONFIG.contains(node)
                ? List.of(Interfaces.QNAME.getModule(), OpenConfigEthernetSwitch.MODULES.get(1),
                    Connections.QNAME.getModule(), OpenConfigEncryptor.MODULES.get(0),
                    OpenConfigEncryptor.MODULES.get(1))
                : List.of(EthernetSwitch.QNAME.getModule(), OpticalSwitch.QNAME.getModule(),
                    Encryptor.QNAME.getModule()));
        }
        devices = new MountPointDevices(stub, timer, TIMEOUT);
        models = new DeviceModels(devices, node -> Optional.ofNullable(advertised.get(node)),
            DeviceModels.standard());
        encryptors = new SelectedDriver.Encryptor(models, Map.of(DeviceModels.QSLICE,
            new MountPointEncryptor(devices), DeviceModels.OPENCONFIG, new OpenConfigEncryptor(devices)));
        engine = new ProvisioningEngine(new ProvisioningEngine.Drivers(
            new SelectedDriver.Ethernet(models, Map.of(DeviceModels.QSLICE, new MountPointEthernetSwitch(devices),
                DeviceModels.OPENCONFIG, new OpenConfigEthernetSwitch(devices))),
            new SelectedDriver.Optical(models, Map.of(DeviceModels.QSLICE, new MountPointOpticalSwitch(devices),
                DeviceModels.OPENCONFIG, new OpenConfigOpticalSwitch(devices))),
            encryptors), models, () -> kms, new ChannelRegistry(channel -> Set.of()),
            new DeviceLockTable(Locking.PER_DEVICE), journals, PausePoint.NONE, Clock.systemUTC(), System::nanoTime);
    }

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
    }

    /** What every device holds in any model: qslice entries by name, OpenConfig subinterfaces and connections. */
    private Map<String, Set<String>> snapshot() throws Exception {
        final var result = new TreeMap<String, Set<String>>();
        for (var entry : brokers.entrySet()) {
            final var names = new TreeSet<String>();
            try (var tx = entry.getValue().newReadOnlyTransaction()) {
                tx.read(LogicalDatastoreType.CONFIGURATION, MountPointEthernetSwitch.ROOT).get(5, TimeUnit.SECONDS)
                    .ifPresent(root -> root.nonnullCrossConnect().keySet().forEach(key -> names.add("eth "
                        + key.getName())));
                tx.read(LogicalDatastoreType.CONFIGURATION, MountPointOpticalSwitch.ROOT).get(5, TimeUnit.SECONDS)
                    .ifPresent(root -> root.nonnullCrossConnect().keySet().forEach(key -> names.add("osw "
                        + key.getName())));
                tx.read(LogicalDatastoreType.CONFIGURATION, MountPointEncryptor.ROOT).get(5, TimeUnit.SECONDS)
                    .ifPresent(root -> root.nonnullClientPort().keySet().forEach(key -> names.add("enc "
                        + key.getName())));
                tx.read(LogicalDatastoreType.CONFIGURATION, OpenConfigEthernetSwitch.ROOT).get(5, TimeUnit.SECONDS)
                    .ifPresent(root -> root.nonnullInterface().values().forEach(port -> {
                        if (port.getSubinterfaces() != null) {
                            port.getSubinterfaces().nonnullSubinterface().keySet().forEach(key -> names.add(
                                "oc-sub " + port.getName() + "." + key.getIndex()));
                        }
                    }));
                tx.read(LogicalDatastoreType.CONFIGURATION, OpenConfigOpticalSwitch.ROOT).get(5, TimeUnit.SECONDS)
                    .ifPresent(root -> root.nonnullConnection().keySet().forEach(key -> names.add("oc-conn "
                        + key.getIndex())));
                tx.read(LogicalDatastoreType.CONFIGURATION, OpenConfigEncryptor.ROOT).get(5, TimeUnit.SECONDS)
                    .ifPresent(root -> {
                        if (root.getLogicalChannels() != null) {
                            root.getLogicalChannels().nonnullChannel().keySet().forEach(key -> names.add(
                                "oc-lch " + key.getIndex()));
                        }
                    });
            }
            if (!names.isEmpty()) {
                result.put(entry.getKey(), names);
            }
        }
        return result;
    }

    private ProvisioningEngine.Outcome activate(final ProvisioningPlan plan) throws Exception {
        return engine.activate(plan).get(30, TimeUnit.SECONDS);
    }

    private List<DeviceDrift> check(final ProvisioningPlan plan, final Set<String> owned) throws Exception {
        return engine.check(Journal.applied(plan, Instant.now()), owned).get(30, TimeUnit.SECONDS);
    }

    private static Set<String> owned(final ProvisioningPlan plan) {
        final var owned = new TreeSet<String>();
        plan.steps().forEach(step -> step.device().ifPresent(device -> step.entries().keySet().forEach(name ->
            owned.add(device.nodeId() + "/" + name))));
        return owned;
    }

    private static boolean inStep(final List<DeviceDrift> drift) {
        return drift.stream().allMatch(device -> device.missing().isEmpty() && device.changed().isEmpty()
            && device.foreign().isEmpty() && device.error().isEmpty());
    }

    @Test
    void bothUseCasesOnOpenConfigSwitchesActivateCheckInStepAndLeaveNothing() throws Exception {
        final SliceInfo uc1 = fixture.reserve(Fixture.useCase1("uc1"));
        final SliceInfo uc2 = fixture.reserve(Fixture.useCase2("uc2"));
        final ProvisioningPlan plan1 = translator.translate(uc1, fixture.topology);
        final ProvisioningPlan plan2 = translator.translate(uc2, fixture.topology);
        for (ProvisioningPlan plan : List.of(plan1, plan2)) {
            final var outcome = activate(plan);
            assertTrue(outcome.failure().isEmpty(), () -> outcome.failure().orElseThrow().getMessage());
        }
        final Map<String, Set<String>> held = snapshot();
        // the OpenConfig switches hold subinterfaces and connections, not qslice entries; the others the opposite
        for (String node : OPENCONFIG) {
            assertTrue(held.get(node).stream().allMatch(name -> name.startsWith("oc-")), node + ": " + held);
        }
        assertTrue(held.get("cell-2-sw").stream().allMatch(name -> name.startsWith("eth ")), held.toString());
        assertTrue(held.get("cell-1-sw").contains("oc-sub access." + accessVlan(plan1, "cell-1-sw")),
            held.toString());

        // what the devices hold is what the journals say, read back through each device's model
        final Set<String> owned = owned(plan1);
        owned.addAll(owned(plan2));
        final List<DeviceDrift> drift1 = check(plan1, owned);
        assertTrue(inStep(drift1), drift1.toString());
        assertTrue(inStep(check(plan2, owned)));

        for (ProvisioningPlan plan : List.of(plan1, plan2)) {
            final var off = engine.remove(Journal.applied(plan, Instant.now()), Operation.DEACTIVATE)
                .get(30, TimeUnit.SECONDS);
            assertTrue(off.failure().isEmpty(), () -> off.failure().orElseThrow().getMessage());
        }
        assertEquals(Map.of(), snapshot());
    }

    @Test
    void aChangedVlanOnAnOpenConfigSwitchIsSeenAndRepaired() throws Exception {
        final ProvisioningPlan plan = translator.translate(fixture.reserve(Fixture.useCase1("uc1")),
            fixture.topology);
        assertTrue(activate(plan).failure().isEmpty());
        final Step step = plan.steps().stream().filter(s -> s.device().isPresent()
            && s.device().orElseThrow().nodeId().equals("agg-1-sw")).findFirst().orElseThrow();
        final var xc = (EthernetCrossConnect) step.entries().values().iterator().next();
        // someone rewrites one end of the cross-connect to another VLAN, and adds a subinterface of their own
        final var broken = new EthernetCrossConnect(xc.name(), xc.description(), xc.bandwidthMbps(), xc.aPort(),
            xc.aVlan() == 4000 ? 4001 : 4000, xc.zPort(), xc.zVlan());
        write("agg-1-sw", OpenConfigEthernetSwitch.interfaces(List.of(broken)));
        final var sub = new SubinterfaceBuilder().setIndex(Uint32.valueOf(99)).setConfig(new org.opendaylight.yang
            .gen.v1.http.openconfig.net.yang.interfaces.rev210406.subinterfaces.top.subinterfaces.subinterface
            .ConfigBuilder().setIndex(Uint32.valueOf(99)).setDescription("someone else's").build()).build();
        write("agg-1-sw", new InterfacesBuilder().setInterface(BindingMap.of(new InterfaceBuilder().setName("eth-9")
            .setConfig(new org.opendaylight.yang.gen.v1.http.openconfig.net.yang.interfaces.rev210406.interfaces.top
                .interfaces._interface.ConfigBuilder().setName("eth-9").setType(EthernetCsmacd.VALUE).build())
            .setSubinterfaces(new SubinterfacesBuilder().setSubinterface(BindingMap.of(sub)).build()).build()))
            .build());

        final List<DeviceDrift> drift = check(plan, owned(plan));
        final DeviceDrift agg = drift.stream().filter(device -> device.device().equals(step.target())).findFirst()
            .orElseThrow();
        assertEquals(List.of(xc.name()), agg.changed(), drift.toString());
        assertEquals(List.of("eth-9.99"), agg.foreign(), drift.toString());

        final List<String> repaired = engine.repair(Journal.applied(plan, Instant.now()), drift)
            .get(30, TimeUnit.SECONDS);
        assertEquals(List.of(step.target() + ": " + xc.name()), repaired);
        final DeviceDrift after = check(plan, owned(plan)).stream().filter(device -> device.device()
            .equals(step.target())).findFirst().orElseThrow();
        assertEquals(List.of(), after.changed());
        // a repair never deletes: the foreign subinterface stays
        assertEquals(List.of("eth-9.99"), after.foreign());
    }

    @Test
    void aFailureAtEveryOpenConfigStepIsRolledBackCompletely() throws Exception {
        final ProvisioningPlan plan = translator.translate(fixture.reserve(Fixture.useCase1("uc1")),
            fixture.topology);
        final List<Step> openConfigSteps = plan.steps().stream().filter(step -> step.device().isPresent()
            && OPENCONFIG.contains(step.device().orElseThrow().nodeId())).toList();
        assertTrue(openConfigSteps.size() >= 3, plan.steps().toString());
        for (Step failing : openConfigSteps) {
            stub.refuse(failing.device().orElseThrow().nodeId(), 1);
            final var outcome = activate(plan);
            final SliceException failure = outcome.failure().orElseThrow();
            assertTrue(failure.getMessage().contains("every device is as before"), failure.getMessage());
            assertEquals(List.of(), outcome.record().undoFailures());
            assertEquals(Map.of(), snapshot(), "step " + failing.index());
        }
    }

    @Test
    void aDeviceWithNoModelQsliceDrivesFailsTheActivationNamingWhatItAdvertises() throws Exception {
        advertised.put("agg-1-sw", List.of(QNameModule.ofRevision("urn:example:vendor-switch", "2020-01-01")));
        final ProvisioningPlan plan = translator.translate(fixture.reserve(Fixture.useCase1("uc1")),
            fixture.topology);
        final String message = activate(plan).failure().orElseThrow().getMessage();
        assertTrue(message.contains("agg-1-sw advertises no YANG model qslice can drive a ethernet-switch with"),
            message);
        assertTrue(message.contains("urn:example:vendor-switch@2020-01-01"), message);
        assertTrue(message.contains("http://openconfig.net/yang/interfaces@2021-04-06"), message);
        assertTrue(message.contains("nothing was changed"), message);
        assertEquals(Map.of(), snapshot());
    }

    @Test
    void aPinnedModelWinsOverWhatTheDeviceAdvertisesFirst() throws Exception {
        // the switch speaks both; qslice's own model comes first unless the topology pins OpenConfig
        final var both = new ArrayList<>(advertised.get("cell-2-sw"));
        both.addAll(advertised.get("cell-1-sw"));
        advertised.put("cell-2-sw", both);
        models.pin(Map.of("cell-2-sw", DeviceModels.OPENCONFIG));
        final ProvisioningPlan plan = translator.translate(fixture.reserve(Fixture.useCase2("uc2")),
            fixture.topology);
        assertTrue(activate(plan).failure().isEmpty());
        final Set<String> held = snapshot().get("cell-2-sw");
        assertTrue(held.stream().allMatch(name -> name.startsWith("oc-sub ")), held.toString());

        // a pin the device cannot honour is refused at activation
        models.pin(Map.of("cell-2-sw", DeviceModels.OPENCONFIG, "agg-1-sw", DeviceModels.QSLICE));
        final String message = models.unavailable("agg-1-sw", org.qslice.api.model.DeviceKind.ETHERNET_SWITCH)
            .orElseThrow();
        assertTrue(message.contains("pins driver qslice"), message);
        assertTrue(message.contains("does not advertise urn:qslice:ethernet-switch@2026-11-26"), message);
    }

    @Test
    void keyIdsAndAMethodSwitchReachOpenConfigAndQsliceCardsOfAChannelAlike() throws Exception {
        final ProvisioningPlan plan = translator.translate(fixture.reserve(Fixture.useCase1("uc1")),
            fixture.topology);
        assertTrue(activate(plan).failure().isEmpty());
        // a channel with one card on each model: cell-1-enc (qslice) and agg-1-enc (OpenConfig)
        final String line = plan.steps().stream().filter(step -> step.device().isPresent()
            && step.device().orElseThrow().nodeId().equals("agg-1-enc")).flatMap(step -> step.entries().values()
            .stream()).map(org.qslice.impl.device.EncryptorPort.class::cast)
            .filter(port -> port.line().startsWith("cell-1/agg-1")).findFirst().orElseThrow().line();
        final java.util.UUID key = java.util.UUID.randomUUID();
        for (String node : List.of("cell-1-enc", "agg-1-enc")) {
            final int written = encryptors.setKeyId(node, line, key, Optional.empty()).get(5, TimeUnit.SECONDS);
            assertTrue(written > 0, node + " holds no port of " + line);
            assertEquals(Set.of(key.toString()), keyIds(node, line), node);
        }

        // a switch of method: announced on both cards, then the first key of the new method
        final var qkd = org.qslice.api.model.KeyExchange.QKD;
        assertTrue(encryptors.supported("agg-1-enc").get(5, TimeUnit.SECONDS).isEmpty(),
            "the in-memory card lists no method");
        for (String node : List.of("cell-1-enc", "agg-1-enc")) {
            assertTrue(encryptors.setPending(node, line, Optional.of(qkd)).get(5, TimeUnit.SECONDS) > 0, node);
        }
        final java.util.UUID next = java.util.UUID.randomUUID();
        for (String node : List.of("cell-1-enc", "agg-1-enc")) {
            assertTrue(encryptors.setKeyId(node, line, next, Optional.of(qkd)).get(5, TimeUnit.SECONDS) > 0, node);
            assertEquals(Set.of(next.toString()), keyIds(node, line), node);
            assertTrue(encryptors.read(node).get(5, TimeUnit.SECONDS).stream().filter(port -> port.line()
                .equals(line)).allMatch(port -> port.keyExchange() == qkd && port.keySource().endsWith("qkd")),
                node + ": " + encryptors.read(node).get(5, TimeUnit.SECONDS));
        }
        final var channel = OpenConfigEncryptor.ROOT;
        try (var tx = brokers.get("agg-1-enc").newReadOnlyTransaction()) {
            final var held = tx.read(LogicalDatastoreType.CONFIGURATION, channel).get(5, TimeUnit.SECONDS)
                .orElseThrow().getLogicalChannels().nonnullChannel().values();
            assertTrue(held.stream().map(ch -> ch.getConfig().augmentation(org.opendaylight.yang.gen.v1.urn.qslice
                .openconfig.encryption.rev261206.Config2.class).getEncryption())
                .allMatch(encryption -> encryption.getPendingKeyExchange() == null), held.toString());
        }
        // the drift check still sees the cards in step (the method switch is the journal's business)
        assertTrue(check(plan, owned(plan)).stream().filter(device -> device.device().contains("agg-1-enc"))
            .allMatch(device -> device.missing().isEmpty() && device.foreign().isEmpty()));
    }

    /** The key ids the in-service ports of a line hold on a card, read through its model. */
    private Set<String> keyIds(final String node, final String line) throws Exception {
        final var result = new TreeSet<String>();
        try (var tx = brokers.get(node).newReadOnlyTransaction()) {
            tx.read(LogicalDatastoreType.CONFIGURATION, MountPointEncryptor.ROOT).get(5, TimeUnit.SECONDS)
                .ifPresent(root -> root.nonnullClientPort().values().stream().filter(port -> line.equals(
                    port.getLine())).forEach(port -> result.add(String.valueOf(port.getCurrentKeyId().getValue()))));
            tx.read(LogicalDatastoreType.CONFIGURATION, OpenConfigEncryptor.ROOT).get(5, TimeUnit.SECONDS)
                .ifPresent(root -> root.getLogicalChannels().nonnullChannel().values().stream()
                    .filter(ch -> ch.getLogicalChannelAssignments().nonnullAssignment().values().stream()
                        .anyMatch(a -> a.getConfig().getOpticalChannel().endsWith(":" + line)))
                    .forEach(ch -> result.add(ch.getConfig().augmentation(org.opendaylight.yang.gen.v1.urn.qslice
                        .openconfig.encryption.rev261206.Config2.class).getEncryption().getCurrentKeyId()
                        .getValue())));
        }
        return result;
    }

    private int accessVlan(final ProvisioningPlan plan, final String node) {
        return plan.steps().stream().filter(step -> step.device().isPresent()
            && step.device().orElseThrow().nodeId().equals(node)).flatMap(step -> step.entries().values().stream())
            .map(EthernetCrossConnect.class::cast).filter(xc -> xc.aPort().equals("access")).findFirst()
            .orElseThrow().aVlan();
    }

    private void write(final String node, final Interfaces interfaces) throws Exception {
        final var tx = brokers.get(node).newWriteOnlyTransaction();
        tx.merge(LogicalDatastoreType.CONFIGURATION, OpenConfigEthernetSwitch.ROOT, interfaces);
        tx.commit().get(5, TimeUnit.SECONDS);
    }
}
