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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qslice.api.model.SliceInfo;
import org.qslice.api.model.SliceState;
import org.qslice.api.model.Topology;
import org.qslice.impl.slice.PcePlanning;
import org.qslice.impl.slice.Provisioned;
import org.qslice.impl.slice.Provisioner;
import org.qslice.impl.slice.SliceManager;
import org.qslice.impl.slice.SliceStore;

/**
 * The two locking modes, over the one path of {@link SliceManager}: the queue is free while devices are configured in
 * both; the {@link DeviceLockTable} decides what waits. Global: the second slice's device work waits for the first's
 * even on other devices. Per-device: slices on disjoint devices are configured together, slices sharing a device one
 * after the other. The provisioner here takes its locks the way the engine does ({@code locks.acquire(devices)}).
 */
class LockingModesTest {
    /** The devices each slice's provisioner touches. */
    private static final Map<String, Set<String>> DEVICES = Map.of("one", Set.of("dev-a", "dev-b"),
        "two", Set.of("dev-c"), "three", Set.of("dev-b", "dev-d"));

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final Map<String, SettableFuture<Provisioned>> pending = new ConcurrentHashMap<>();
    private final List<String> started = Collections.synchronizedList(new ArrayList<>());
    private DeviceLockTable locks;

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    private final Provisioner devices = new Provisioner() {
        @Override
        public ListenableFuture<Provisioned> activate(final SliceInfo slice, final Topology topology) {
            final SettableFuture<Provisioned> future = SettableFuture.create();
            pending.put(slice.id(), future);
            return Futures.transformAsync(locks.acquire(DEVICES.get(slice.id())), lock -> {
                started.add(slice.id());
                future.addListener(lock::close, MoreExecutors.directExecutor());
                return future;
            }, MoreExecutors.directExecutor());
        }

        @Override
        public ListenableFuture<Provisioned> deactivate(final SliceInfo slice, final Topology topology) {
            return Futures.immediateFuture(Provisioned.succeeded());
        }
    };

    private static final SliceStore STORE = new SliceStore() {
        @Override
        public ListenableFuture<?> save(final SliceInfo slice) {
            return Futures.immediateVoidFuture();
        }

        @Override
        public ListenableFuture<?> remove(final String sliceId) {
            return Futures.immediateVoidFuture();
        }

        @Override
        public ListenableFuture<List<SliceInfo>> loadAll() {
            return Futures.immediateFuture(List.of());
        }
    };

    private SliceManager manager(final Locking locking) throws Exception {
        locks = new DeviceLockTable(locking);
        final var manager = new SliceManager(STORE, PcePlanning::create, () -> Optional.of(devices),
            Clock.systemUTC(), executor);
        manager.restore().get(5, TimeUnit.SECONDS);
        manager.topologyChanged(Optional.of(Fixture.topology())).get(5, TimeUnit.SECONDS);
        manager.create(Fixture.useCase1("one")).get(5, TimeUnit.SECONDS);
        manager.create(Fixture.useCase2("two")).get(5, TimeUnit.SECONDS);
        manager.create(Fixture.useCase2("three")).get(5, TimeUnit.SECONDS);
        return manager;
    }

    private void awaitStarted(final int count) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (started.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(count, started.size(), () -> "started: " + started);
    }

    /**
     * The manager's queue serves a request that touches no device (a dry run) while activations wait or work.
     */
    private static void queueIsFree(final SliceManager manager) throws Exception {
        assertTrue(manager.compute(Fixture.useCase2("dry-run")).get(5, TimeUnit.SECONDS).feasible());
    }

    private static SliceState state(final SliceManager manager, final String id) {
        return manager.slices().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow().state();
    }

    @Test
    void perDeviceLockingConfiguresDisjointSlicesTogetherAndSharedDevicesInTurn() throws Exception {
        final SliceManager manager = manager(Locking.PER_DEVICE);
        final var one = manager.activate("one");
        final var two = manager.activate("two");
        final var three = manager.activate("three");
        awaitStarted(2);
        assertEquals(Set.of("one", "two"), Set.copyOf(started), "disjoint devices: both under way");
        queueIsFree(manager);
        assertEquals(SliceState.PROVISIONING, state(manager, "three"), "three waits for dev-b");
        pending.get("two").set(Provisioned.succeeded());
        assertEquals(SliceState.ACTIVE, two.get(5, TimeUnit.SECONDS).state());
        assertFalse(started.contains("three"), "two's devices are not three's");
        pending.get("one").setException(new IllegalStateException("device x refused"));
        final var failure = assertThrows(ExecutionException.class, () -> one.get(5, TimeUnit.SECONDS));
        assertTrue(failure.getCause().getMessage().contains("device x refused"));
        assertEquals(SliceState.FAILED, state(manager, "one"));
        // documented: the reservation is held after a failed activation
        assertEquals(3, manager.heldReservations().get(5, TimeUnit.SECONDS).size());
        awaitStarted(3);
        pending.get("three").set(Provisioned.succeeded());
        assertEquals(SliceState.ACTIVE, three.get(5, TimeUnit.SECONDS).state());
        assertEquals(Set.of(), locks.held());
    }

    @Test
    void globalLockingConfiguresOneSliceAtATimeWhileTheQueueServesOthers() throws Exception {
        final SliceManager manager = manager(Locking.GLOBAL);
        final var one = manager.activate("one");
        final var two = manager.activate("two");
        awaitStarted(1);
        assertEquals(List.of("one"), started);
        assertEquals(Set.of(Locking.NETWORK), locks.held());
        // the second activation is checked and persisted (busy), and waits for the network lock only
        assertEquals(SliceState.PROVISIONING, state(manager, "two"));
        queueIsFree(manager);
        assertEquals(List.of("one"), started, "two's devices are disjoint from one's, yet two waits");
        pending.get("one").set(Provisioned.succeeded());
        assertEquals(SliceState.ACTIVE, one.get(5, TimeUnit.SECONDS).state());
        awaitStarted(2);
        pending.get("two").set(Provisioned.succeeded());
        assertEquals(SliceState.ACTIVE, two.get(5, TimeUnit.SECONDS).state());
        assertEquals(Set.of(), locks.held());
    }
}
