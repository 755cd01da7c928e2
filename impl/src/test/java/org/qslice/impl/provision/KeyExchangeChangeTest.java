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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.qslice.encryptor.rev261126.Encryptor;
import org.opendaylight.yang.gen.v1.urn.qslice.encryptor.rev261126.EncryptorBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.encryptor.rev261126.encryptor.ClientPort;
import org.qslice.api.SliceException;
import org.qslice.api.kms.KeyType;
import org.qslice.api.model.DeviceDrift;
import org.qslice.api.model.KeyExchange;
import org.qslice.api.model.SecurityLevel;
import org.qslice.api.model.SliceState;
import org.qslice.impl.device.MountPointDevices;
import org.qslice.impl.device.MountPointEncryptor;
import org.qslice.impl.device.MountPointEthernetSwitch;
import org.qslice.impl.device.MountPointOpticalSwitch;
import org.qslice.impl.slice.MapSliceStore;
import org.qslice.impl.slice.MethodChange;
import org.qslice.impl.slice.SliceEvent;
import org.qslice.impl.slice.SliceManager;

/**
 * {@code change-key-exchange} end to end on simulated devices (one in-memory data broker per device of the paper's
 * testbed): the slice manager, the provisioner, the real encryptor driver. The KMS here registers channels and, like
 * the real one at its next rotation, writes the channel's next key (of the registered type) to both ends through
 * {@link ChannelKeys}.
 */
class KeyExchangeChangeTest {
    private static final long TIMEOUT_S = 30;
    private static final String DH_LINK = "cell-1/agg-1#ch2";
    private static final String QKD_LINK_PREFIX = "metro-1/core-1#ch";
    private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(2);

    private final RecordingKms recording = new RecordingKms();
    private final List<SliceEvent> events = new CopyOnWriteArrayList<>();
    private final List<ExecutorService> queues = new ArrayList<>();
    private DeviceStub stub;
    private Map<String, DataBroker> brokers;
    private ChannelKeys keys;
    private DeviceProvisioner provisioner;
    private SliceManager manager;
    // the key type each channel draws, as the KMS rotates it
    private final Map<String, KeyType> running = new java.util.concurrent.ConcurrentHashMap<>();
    private KeyRefreshPort kms;
    // whether the KMS delivers keys after a registration (false: the pool of the new type never gets a key)
    private volatile boolean rotating = true;
    /** The rotations scheduled so far, done once both ends hold the key (a check waits for them). */
    private final List<SettableFuture<Object>> rotations =
        new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        stub = new DeviceStub();
        brokers = DeviceBroker.forEveryDevice(Fixture.topology(), stub);
        for (String enc : List.of("cell-1-enc", "cell-2-enc", "agg-1-enc", "metro-1-enc", "core-1-enc")) {
            supports(enc, KeyExchange.DH, KeyExchange.QRA, KeyExchange.QKD, KeyExchange.HYBRID_QKD_QRA);
        }
    }

    @AfterEach
    void tearDown() {
        queues.forEach(ExecutorService::shutdownNow);
    }

    @AfterAll
    static void stopTimer() {
        TIMER.shutdownNow();
    }

    private void supports(final String nodeId, final KeyExchange... methods) throws Exception {
        final DataBroker broker = brokers.get(nodeId);
        final Optional<Encryptor> root;
        try (var read = broker.newReadOnlyTransaction()) {
            root = read.read(LogicalDatastoreType.CONFIGURATION, MountPointEncryptor.ROOT).get(5, TimeUnit.SECONDS);
        }
        final var tx = broker.newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, MountPointEncryptor.ROOT, root.map(EncryptorBuilder::new)
            .orElseGet(EncryptorBuilder::new).setSupportedKeyExchange(Set.of(methods).stream()
                .map(KeyExchangeChangeTest::card).collect(java.util.stream.Collectors.toSet())).build());
        tx.commit().get(5, TimeUnit.SECONDS);
    }

    private static org.opendaylight.yang.gen.v1.urn.qslice.encryptor.rev261126.KeyExchange card(
            final KeyExchange method) {
        return org.opendaylight.yang.gen.v1.urn.qslice.encryptor.rev261126.KeyExchange.ofName(
            method == KeyExchange.HYBRID_QKD_QRA ? "hybrid" : method.yangName());
    }

    private void start(final Duration switchTimeout) throws Exception {
        final var devices = new MountPointDevices(stub, TIMER, Duration.ofSeconds(2));
        final var encryptors = new MountPointEncryptor(devices);
        keys = new ChannelKeys(encryptors);
        kms = new KeyRefreshPort() {
            @Override
            public Optional<String> unavailable() {
                return Optional.empty();
            }

            @Override
            public ListenableFuture<?> start(final List<ChannelRefresh> channels) {
                recording.start(channels);
                channels.forEach(channel -> running.put(channel.channelId(), channel.keyType()));
                if (rotating) {
                    // the next rotation of each channel, after the registration
                    channels.forEach(channel -> {
                        final var applied = SettableFuture.<Object>create();
                        rotations.add(applied);
                        TIMER.schedule(() -> applied.setFuture(keys.apply(channel.channelId(), channel.keyType(),
                            UUID.randomUUID(), channel.masterSaeId(), channel.slaveSaeId())), 50,
                            TimeUnit.MILLISECONDS);
                    });
                }
                return Futures.immediateVoidFuture();
            }

            @Override
            public ListenableFuture<?> stop(final List<String> channelIds) {
                channelIds.forEach(running::remove);
                return recording.stop(channelIds);
            }
        };
        final var journals = new MapJournalStore();
        final var records = new KeptRecords();
        final var engine = new ProvisioningEngine(new ProvisioningEngine.Drivers(new MountPointEthernetSwitch(devices),
            new MountPointOpticalSwitch(devices), encryptors), devices, () -> kms,
            new ChannelRegistry(channel -> Set.of()), new DeviceLockTable(Locking.PER_DEVICE), journals,
            PausePoint.NONE, Clock.systemUTC(), System::nanoTime);
        provisioner = new DeviceProvisioner(new Translator("access", Duration.ofSeconds(3)), engine, records,
            journals, new DeviceProvisioner.RecoveryWait(devices, () -> kms, TIMER, Duration.ofSeconds(2)),
            Clock.systemUTC(), Optional.of(new KeyExchangeSwitch(encryptors, keys, () -> kms, TIMER, switchTimeout,
                PausePoint.NONE)));
        final ExecutorService queue = Executors.newSingleThreadExecutor();
        queues.add(queue);
        manager = new SliceManager(new MapSliceStore(), org.qslice.impl.slice.PcePlanning::create,
            () -> Optional.of(provisioner), Clock.systemUTC(), queue, Optional.of(TIMER), events::add);
        get(manager.restore());
        get(manager.topologyChanged(Optional.of(Fixture.topology())));
        get(manager.create(Fixture.useCase1("uc1")));
        get(manager.activate("uc1"));
    }

    private List<String> reconcile() throws Exception {
        return get(manager.reconcileKeyExchanges(Map.copyOf(running), manager.keyExchangeEpoch()));
    }

    private static <T> T get(final ListenableFuture<T> future) throws Exception {
        return future.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** The client ports of a line on an encryptor, as the device holds them. */
    private List<ClientPort> ports(final String nodeId, final String line) throws Exception {
        try (var tx = brokers.get(nodeId).newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, MountPointEncryptor.ROOT).get(5, TimeUnit.SECONDS)
                .map(root -> root.nonnullClientPort().values().stream().filter(port -> line.equals(port.getLine()))
                    .toList()).orElse(List.of());
        }
    }

    private void assertInSync() throws Exception {
        // a rotation writing its key to the two ends while the check reads them is not a drift: let them land
        for (var rotation : rotations) {
            try {
                rotation.get(TIMEOUT_S, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // a refused rotation is for the test to assert; the check reads what the devices hold
            }
        }
        final DeviceDrift.Report report = get(provisioner.check("uc1", "test"));
        assertTrue(report.inSync(), () -> "devices and journal differ: " + report.devices());
    }

    private static SliceException refusal(final ListenableFuture<?> future) {
        final var failure = assertThrows(ExecutionException.class, () -> future.get(TIMEOUT_S, TimeUnit.SECONDS));
        return assertInstanceOf(SliceException.class, failure.getCause());
    }

    @Test
    void aDhChannelSwitchesToQraAtOneKeyOnBothEnds() throws Exception {
        start(Duration.ofSeconds(10));
        final int portsBefore = ports("cell-1-enc", DH_LINK).size();
        assertTrue(portsBefore > 0, "uc1's control plane rides " + DH_LINK);
        assertTrue(recording.calls.contains("start " + DH_LINK + " dh"), recording.calls::toString);

        final MethodChange change = get(manager.changeKeyExchange(DH_LINK, KeyExchange.QRA));

        assertEquals(KeyExchange.DH, change.from());
        assertEquals(KeyExchange.QRA, change.to());
        assertEquals(SecurityLevel.QRA_AES, change.level());
        assertEquals(List.of("uc1"), change.sliceIds());
        final String key = change.keyId().orElseThrow().toString();
        // both ends run QRA from the same key, nothing pending
        for (String end : List.of("cell-1-enc", "agg-1-enc")) {
            final List<ClientPort> ports = ports(end, DH_LINK);
            assertEquals(portsBefore, ports.size(), end);
            for (ClientPort port : ports) {
                assertEquals(card(KeyExchange.QRA),
                    port.getKeyExchange(), end + " " + port.getName());
                assertEquals(key, port.getCurrentKeyId().getValue(), end + " " + port.getName());
                assertNull(port.getPendingKeyExchange(), end + " " + port.getName());
            }
        }
        assertTrue(recording.calls.contains("start " + DH_LINK + " qra"), recording.calls::toString);
        // the journal names the new method: the devices are in sync with it
        assertInSync();
        // planning sees the link at qra-aes; the slice stays active where it was
        assertEquals(SecurityLevel.QRA_AES, manager.topology().orElseThrow().topology().link(DH_LINK)
            .security());
        assertEquals(Map.of(DH_LINK, KeyExchange.QRA), manager.keyExchanges());
        assertEquals(SliceState.ACTIVE, manager.slices().getFirst().state());
        assertTrue(events.stream().anyMatch(event -> event.kind() == SliceEvent.Kind.KEY_EXCHANGE_CHANGED
            && event.linkId().equals(Optional.of(DH_LINK))), events::toString);

        // and back to the topology's method: the link leaves the list
        get(manager.changeKeyExchange(DH_LINK, KeyExchange.DH));
        assertEquals(Map.of(), manager.keyExchanges());
        assertTrue(ports("agg-1-enc", DH_LINK).stream().allMatch(port -> port.getKeyExchange()
            == card(KeyExchange.DH)));
        assertInSync();
    }

    @Test
    void aMethodBelowAConnectionsMinimumIsRefusedWithNothingTouched() throws Exception {
        start(Duration.ofSeconds(10));
        final String qkdLink = manager.slices().getFirst().connections().stream()
            .filter(plan -> plan.name().equals("metro-core")).findFirst().orElseThrow().linkIds().getFirst();
        assertTrue(qkdLink.startsWith(QKD_LINK_PREFIX), qkdLink);
        final List<String> callsBefore = List.copyOf(recording.calls);
        final List<ClientPort> before = ports("core-1-enc", qkdLink);

        final SliceException refused = refusal(manager.changeKeyExchange(qkdLink, KeyExchange.QRA));

        assertEquals(SliceException.Kind.STATE, refused.kind());
        assertTrue(refused.getMessage().contains("uc1/metro-core needs at least qkd-aes"), refused.getMessage());
        assertEquals(callsBefore, recording.calls, "the KMS was not touched");
        assertEquals(before, ports("core-1-enc", qkdLink), "the card was not touched");
        assertEquals(Map.of(), manager.keyExchanges());
        // a stronger method is fine
        get(manager.changeKeyExchange(qkdLink, KeyExchange.HYBRID_QKD_QRA));
        assertInSync();
    }

    @Test
    void aCardThatDoesNotSupportTheMethodRefusesWithNothingTouched() throws Exception {
        start(Duration.ofSeconds(10));
        supports("agg-1-enc", KeyExchange.DH, KeyExchange.QRA);
        final List<String> callsBefore = List.copyOf(recording.calls);

        final SliceException refused = refusal(manager.changeKeyExchange(DH_LINK, KeyExchange.QKD));

        assertTrue(refused.getMessage().contains("encryptor agg-1/agg-1-enc does not support key exchange qkd"),
            refused.getMessage());
        assertEquals(callsBefore, recording.calls);
        assertTrue(ports("cell-1-enc", DH_LINK).stream().allMatch(port -> port.getPendingKeyExchange() == null));
        final SliceException none = refusal(manager.changeKeyExchange(DH_LINK, KeyExchange.NONE));
        assertEquals(SliceException.Kind.INVALID, none.kind());
        assertEquals("method", none.field());
        assertEquals(SliceException.Kind.MISSING, refusal(manager.changeKeyExchange("no-such-link",
            KeyExchange.QRA)).kind());
    }

    @Test
    void noKeyOfTheNewTypeSwitchesBackAndChangesNothing() throws Exception {
        start(Duration.ofMillis(500));
        rotating = false;

        final SliceException failed = refusal(manager.changeKeyExchange(DH_LINK, KeyExchange.QRA));

        assertTrue(failed.getMessage().contains("no key of type qra reached both ends"), failed.getMessage());
        assertTrue(failed.getMessage().contains("it runs dh as before"), failed.getMessage());
        // the KMS went to qra and back to dh; the cards run dh with nothing pending
        final List<String> calls = recording.calls;
        assertEquals(List.of("start " + DH_LINK + " qra", "start " + DH_LINK + " dh"),
            calls.subList(calls.size() - 2, calls.size()));
        for (String end : List.of("cell-1-enc", "agg-1-enc")) {
            for (ClientPort port : ports(end, DH_LINK)) {
                assertEquals(card(KeyExchange.DH), port.getKeyExchange());
                assertNull(port.getPendingKeyExchange(), end + " " + port.getName());
            }
        }
        assertEquals(Map.of(), manager.keyExchanges());
        assertFalse(events.stream().anyMatch(event -> event.kind() == SliceEvent.Kind.KEY_EXCHANGE_CHANGED));
        assertInSync();
    }

    @Test
    void aSwitchARestartInterruptedIsBroughtBackInStepWithTheTopology() throws Exception {
        start(Duration.ofSeconds(10));
        // as if the controller died after the KMS drew qra keys for the channel but before the change was stored:
        // the KMS and the cards run qra, the topology and the journal say dh
        final ChannelRefresh journaled = new ChannelRefresh(DH_LINK, KeyType.QRA, "cell-1-enc", "agg-1-enc",
            Duration.ofSeconds(3));
        final ListenableFuture<UUID> first = keys.next(DH_LINK, KeyType.QRA);
        get(kms.start(List.of(journaled)));
        get(first);
        assertTrue(ports("cell-1-enc", DH_LINK).stream().allMatch(port -> port.getKeyExchange()
            == card(KeyExchange.QRA)));
        assertFalse(get(provisioner.check("uc1", "test")).inSync(), "the journal says dh, the cards run qra");

        assertEquals(List.of(DH_LINK), reconcile());

        assertEquals(KeyType.DH, running.get(DH_LINK), "the KMS draws dh keys again");
        for (String end : List.of("cell-1-enc", "agg-1-enc")) {
            for (ClientPort port : ports(end, DH_LINK)) {
                assertEquals(card(KeyExchange.DH), port.getKeyExchange(), end + " " + port.getName());
                assertNull(port.getPendingKeyExchange(), end + " " + port.getName());
            }
        }
        assertInSync();
        // in step now: nothing to do
        assertEquals(List.of(), reconcile());
    }
}
