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

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.qslice.api.model.KeyExchange;
import org.qslice.api.model.ProvisioningRecord;
import org.qslice.api.model.ProvisioningRecord.Operation;
import org.qslice.impl.device.EncryptorDriver;
import org.qslice.impl.device.EncryptorPort;
import org.qslice.impl.device.EthernetCrossConnect;
import org.qslice.impl.device.EthernetSwitchDriver;
import org.qslice.impl.device.MountPointDevices;
import org.qslice.impl.device.MountPointEncryptor;
import org.qslice.impl.device.MountPointEthernetSwitch;
import org.qslice.impl.device.MountPointOpticalSwitch;
import org.qslice.impl.device.OpticalCrossConnect;
import org.qslice.impl.device.OpticalSwitchDriver;

/**
 * Drivers and a KMS that fail in every way a buggy component can, at every step of Use-Case 1: the activation
 * still ends with an outcome (never a failed future), every applied step is undone, every device lock is released
 * (the next activation on the same devices runs), and the devices end clean.
 */
class ThrowingDriversTest {
    /** How a component fails. */
    enum Failure {
        /** Throws an unchecked exception instead of returning a future. */
        THROWS(() -> {
            throw new NullPointerException("injected: a driver bug");
        }),
        /** Throws something that is neither IllegalArgument nor IllegalState. */
        THROWS_UNSUPPORTED(() -> {
            throw new UnsupportedOperationException("injected: not supported");
        }),
        /** Returns a future failed with an unchecked exception. */
        FAILED_FUTURE(() -> Futures.immediateFailedFuture(new ArrayIndexOutOfBoundsException("injected"))),
        /** Returns no future at all. */
        NULL_FUTURE(() -> null);

        private final Supplier<ListenableFuture<?>> failing;

        Failure(final Supplier<ListenableFuture<?>> failing) {
            this.failing = failing;
        }
    }

    private final Fixture fixture = new Fixture();
    private final MapJournalStore journals = new MapJournalStore();
    private final DeviceStub stub = new DeviceStub();
    private final Map<String, DataBroker> brokers = new TreeMap<>();
    private final RecordingKms kms = new RecordingKms();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Translator translator = new Translator("access", Duration.ofSeconds(3));
    private final DeviceLockTable locks = new DeviceLockTable(Locking.PER_DEVICE);
    // the step that fails: a node id, or "kms"; null: nothing fails
    private volatile String failAt;
    private volatile Failure failure;
    private ProvisioningEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        brokers.putAll(DeviceBroker.forEveryDevice(fixture.topology, stub));
        final var devices = new MountPointDevices(stub, timer, Duration.ofMillis(400));
        final EthernetSwitchDriver switches = new MountPointEthernetSwitch(devices);
        final OpticalSwitchDriver optical = new MountPointOpticalSwitch(devices);
        final EncryptorDriver encryptors = new MountPointEncryptor(devices);
        final KeyRefreshPort keys = new KeyRefreshPort() {
            @Override
            public Optional<String> unavailable() {
                return kms.unavailable();
            }

            @Override
            public ListenableFuture<?> start(final List<ChannelRefresh> channels) {
                return fails("kms") ? failure.failing.get() : kms.start(channels);
            }

            @Override
            public ListenableFuture<?> stop(final List<String> channelIds) {
                return kms.stop(channelIds);
            }
        };
        engine = new ProvisioningEngine(new ProvisioningEngine.Drivers(
            new EthernetSwitchDriver() {
                @Override
                public ListenableFuture<?> add(final String nodeId, final List<EthernetCrossConnect> xcs) {
                    return fails(nodeId) ? failure.failing.get() : switches.add(nodeId, xcs);
                }

                @Override
                public ListenableFuture<?> remove(final String nodeId, final List<String> names) {
                    return switches.remove(nodeId, names);
                }

                @Override
                public ListenableFuture<List<EthernetCrossConnect>> read(final String nodeId) {
                    return switches.read(nodeId);
                }
            },
            new OpticalSwitchDriver() {
                @Override
                public ListenableFuture<?> add(final String nodeId, final List<OpticalCrossConnect> xcs) {
                    return fails(nodeId) ? failure.failing.get() : optical.add(nodeId, xcs);
                }

                @Override
                public ListenableFuture<?> remove(final String nodeId, final List<String> names) {
                    return optical.remove(nodeId, names);
                }

                @Override
                public ListenableFuture<List<OpticalCrossConnect>> read(final String nodeId) {
                    return optical.read(nodeId);
                }
            },
            new EncryptorDriver() {
                @Override
                public ListenableFuture<?> add(final String nodeId, final List<EncryptorPort> ports) {
                    return fails(nodeId) ? failure.failing.get() : encryptors.add(nodeId, ports);
                }

                @Override
                public ListenableFuture<?> remove(final String nodeId, final List<String> names) {
                    return encryptors.remove(nodeId, names);
                }

                @Override
                public ListenableFuture<List<EncryptorPort>> read(final String nodeId) {
                    return encryptors.read(nodeId);
                }

                @Override
                public ListenableFuture<Integer> setKeyId(final String nodeId, final String line, final UUID keyId,
                        final Optional<KeyExchange> method) {
                    return encryptors.setKeyId(nodeId, line, keyId, method);
                }

                @Override
                public ListenableFuture<Set<KeyExchange>> supported(final String nodeId) {
                    return encryptors.supported(nodeId);
                }

                @Override
                public ListenableFuture<Integer> setPending(final String nodeId, final String line,
                        final Optional<KeyExchange> method) {
                    return encryptors.setPending(nodeId, line, method);
                }

                @Override
                public void forgetKeys(final Collection<String> lines) {
                    encryptors.forgetKeys(lines);
                }
            }), devices, () -> keys, new ChannelRegistry(channel -> Set.of()), locks, journals,
            PausePoint.NONE, Clock.systemUTC(), System::nanoTime);
    }

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
    }

    private boolean fails(final String target) {
        return target.equals(failAt);
    }

    private boolean clean() throws Exception {
        for (DataBroker broker : brokers.values()) {
            try (var tx = broker.newReadOnlyTransaction()) {
                final boolean empty = tx.read(LogicalDatastoreType.CONFIGURATION, MountPointEthernetSwitch.ROOT)
                    .get(5, TimeUnit.SECONDS).map(root -> root.nonnullCrossConnect().isEmpty()).orElse(true)
                    && tx.read(LogicalDatastoreType.CONFIGURATION, MountPointOpticalSwitch.ROOT)
                        .get(5, TimeUnit.SECONDS).map(root -> root.nonnullCrossConnect().isEmpty()).orElse(true)
                    && tx.read(LogicalDatastoreType.CONFIGURATION, MountPointEncryptor.ROOT)
                        .get(5, TimeUnit.SECONDS).map(root -> root.nonnullClientPort().isEmpty()).orElse(true);
                if (!empty) {
                    return false;
                }
            }
        }
        return true;
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void everyStepFailingAnyWayIsRolledBackAndReleasesTheLocks(final Failure how) throws Exception {
        final ProvisioningPlan plan = translator.translate(fixture.reserve(Fixture.useCase1("uc1")),
            fixture.topology);
        for (Step step : plan.steps()) {
            failure = how;
            failAt = step.device().map(DeviceRef::nodeId).orElse("kms");
            // bounded: a leaked lock or a lost future would hang here
            final var outcome = engine.activate(plan).get(30, TimeUnit.SECONDS);
            assertTrue(outcome.failure().isPresent(), how + " at step " + step.index() + " must fail the activation");
            assertEquals(ProvisioningRecord.State.FAILED, outcome.record().state());
            assertEquals(List.of(), outcome.record().undoFailures(), how + " at step " + step.index());
            assertTrue(clean(), how + " at step " + step.index() + ": devices not clean");
            assertEquals(Set.of(), kms.rotating, how + " at step " + step.index() + ": channels left rotating");

            // the locks are free: the same devices activate and deactivate at once
            failAt = null;
            final var again = engine.activate(plan).get(30, TimeUnit.SECONDS);
            assertTrue(again.failure().isEmpty(), () -> again.failure().orElseThrow().getMessage());
            assertTrue(engine.remove(again.journal().orElseThrow(), Operation.DEACTIVATE).get(30, TimeUnit.SECONDS)
                .failure().isEmpty());
            assertTrue(clean());
        }
    }
}
