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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * The two locking modes of {@link SliceManager}: global keeps one change at a time while devices are configured;
 * per-device releases the queue so another slice's activation starts meanwhile.
 */
class LockingModesTest {
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final Map<String, SettableFuture<Provisioned>> pending = new ConcurrentHashMap<>();
    private final List<String> started = java.util.Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    private final Provisioner devices = new Provisioner() {
        @Override
        public ListenableFuture<Provisioned> activate(final SliceInfo slice, final Topology topology) {
            started.add(slice.id());
            final SettableFuture<Provisioned> future = SettableFuture.create();
            pending.put(slice.id(), future);
            return future;
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

    private SliceManager manager(final SliceManager.Locking locking) throws Exception {
        final var manager = new SliceManager(STORE, PcePlanning::create, () -> Optional.of(devices),
            Clock.systemUTC(), executor, locking);
        manager.restore().get(5, TimeUnit.SECONDS);
        manager.topologyChanged(Optional.of(Fixture.topology())).get(5, TimeUnit.SECONDS);
        manager.create(Fixture.useCase1("one")).get(5, TimeUnit.SECONDS);
        manager.create(Fixture.useCase2("two")).get(5, TimeUnit.SECONDS);
        return manager;
    }

    private void awaitStarted(final int count) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (started.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void perDeviceLockingReleasesTheQueueWhileDevicesAreConfigured() throws Exception {
        final SliceManager manager = manager(SliceManager.Locking.PER_DEVICE);
        final var one = manager.activate("one");
        final var two = manager.activate("two");
        awaitStarted(2);
        assertEquals(List.of("one", "two"), started);
        // other operations go on meanwhile; the busy slices refuse changes
        assertEquals(2, manager.slices().stream().filter(s -> s.state() == SliceState.PROVISIONING).count());
        pending.get("two").set(Provisioned.succeeded());
        assertEquals(SliceState.ACTIVE, two.get(5, TimeUnit.SECONDS).state());
        assertFalse(one.isDone());
        pending.get("one").setException(new IllegalStateException("device x refused"));
        final var failure = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
            () -> one.get(5, TimeUnit.SECONDS));
        assertTrue(failure.getCause().getMessage().contains("device x refused"));
        final SliceInfo failed = manager.slices().stream().filter(s -> s.id().equals("one")).findFirst()
            .orElseThrow();
        assertEquals(SliceState.FAILED, failed.state());
        // documented: the reservation is held after a failed activation
        assertEquals(2, manager.heldReservations().get(5, TimeUnit.SECONDS).size());
    }

    @Test
    void globalLockingRunsOneChangeAtATime() throws Exception {
        final SliceManager manager = manager(SliceManager.Locking.GLOBAL);
        final var one = manager.activate("one");
        final var two = manager.activate("two");
        awaitStarted(1);
        Thread.sleep(100);
        assertEquals(List.of("one"), started);
        pending.get("one").set(Provisioned.succeeded());
        assertEquals(SliceState.ACTIVE, one.get(5, TimeUnit.SECONDS).state());
        awaitStarted(2);
        pending.get("two").set(Provisioned.succeeded());
        assertEquals(SliceState.ACTIVE, two.get(5, TimeUnit.SECONDS).state());
    }
}
