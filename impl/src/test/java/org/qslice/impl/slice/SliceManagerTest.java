/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.slice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qslice.api.SliceException;
import org.qslice.api.SliceException.Kind;
import org.qslice.api.model.Compute;
import org.qslice.api.model.ComputeEndpoint;
import org.qslice.api.model.ConnectionRequest;
import org.qslice.api.model.DeviceDrift;
import org.qslice.api.model.DwdmChannel;
import org.qslice.api.model.Link;
import org.qslice.api.model.SecurityLevel;
import org.qslice.api.model.Site;
import org.qslice.api.model.SiteEndpoint;
import org.qslice.api.model.SiteRole;
import org.qslice.api.model.SliceInfo;
import org.qslice.api.model.SliceRequest;
import org.qslice.api.model.SliceState;
import org.qslice.api.model.Topology;
import org.qslice.api.model.TopologyStatus;

class SliceManagerTest {
    private static final long TIMEOUT_S = 30;

    private final MapSliceStore store = new MapSliceStore();
    private final AtomicReference<Provisioner> provisioner = new AtomicReference<>();
    private ExecutorService executor;
    private SliceManager manager;

    /**
     * Four sites in a row; a-b has an unencrypted and a QKD channel, the rest QKD only; compute at c.
     */
    static Topology topology(final boolean withAbQkd) {
        final var links = new ArrayList<Link>();
        links.add(channel("a/b#ch1", "a", "b", 1, SecurityLevel.NONE));
        if (withAbQkd) {
            links.add(channel("a/b#ch4", "a", "b", 4, SecurityLevel.QKD_AES));
        }
        links.add(channel("b/c#ch4", "b", "c", 4, SecurityLevel.QKD_AES));
        links.add(channel("c/d#ch4", "c", "d", 4, SecurityLevel.QKD_AES));
        return Topology.of("test", List.of(
            Site.of("a", SiteRole.CELL, null), Site.of("b", SiteRole.AGGREGATION, null),
            Site.of("c", SiteRole.METRO, new Compute(16, 64)), Site.of("d", SiteRole.CORE, null)), links);
    }

    private static Link channel(final String id, final String from, final String to, final int ch,
            final SecurityLevel level) {
        return Link.of(id, from, to, 100_000, 1210, level).withChannel(DwdmChannel.of(ch, 10, 10_000));
    }

    private static SliceRequest request(final String id, final String from, final String to, final SecurityLevel min,
            final long mbps) {
        return SliceRequest.of(id, List.of(ConnectionRequest.of(id + "-c", new SiteEndpoint(from),
            new SiteEndpoint(to), min, mbps)));
    }

    private static SliceRequest computeRequest(final String id, final long cores) {
        return SliceRequest.of(id, List.of(ConnectionRequest.of(id + "-c", new SiteEndpoint("a"),
            ComputeEndpoint.ofRole(SiteRole.METRO, cores, 1), SecurityLevel.QKD_AES, 1000)));
    }

    @BeforeEach
    void setUp() throws Exception {
        executor = Executors.newSingleThreadExecutor();
        manager = newManager();
        get(manager.restore());
        get(manager.topologyChanged(Optional.of(topology(true))));
    }

    private SliceManager newManager() {
        return new SliceManager(store, PcePlanning::create, () -> Optional.ofNullable(provisioner.get()),
            Clock.systemUTC(), executor);
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    private static <T> T get(final ListenableFuture<T> future) throws Exception {
        return future.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static SliceException failure(final ListenableFuture<?> future) {
        final var ex = assertThrows(ExecutionException.class, () -> future.get(TIMEOUT_S, TimeUnit.SECONDS));
        return assertInstanceOf(SliceException.class, ex.getCause());
    }

    private TopologyStatus status() {
        return manager.topology().orElseThrow();
    }

    @Test
    void createReservesAndPersists() throws Exception {
        final TopologyStatus before = status();
        final SliceInfo slice = get(manager.create(request("s1", "a", "d", SecurityLevel.QKD_AES, 2500)));
        assertEquals(SliceState.RESERVED, slice.state());
        assertEquals(List.of("a/b#ch4", "b/c#ch4", "c/d#ch4"),
            slice.connections().getFirst().hops().stream().map(hop -> hop.linkId()).toList());
        assertEquals(slice, store.slices.get("s1"));
        final var after = status();
        assertEquals(before.links().get("a/b#ch4").freeMbps() - 2500, after.links().get("a/b#ch4").freeMbps());
        // 2.5 Gb/s on 10G client ports takes one port
        assertEquals(before.links().get("a/b#ch4").freeClientPorts().size() - 1,
            after.links().get("a/b#ch4").freeClientPorts().size());
        assertEquals(before.links().get("a/b#ch1"), after.links().get("a/b#ch1"));
    }

    @Test
    void leastSufficientSecurityKeepsQkdFree() throws Exception {
        final SliceInfo slice = get(manager.create(request("plain", "a", "b", SecurityLevel.NONE, 1000)));
        assertEquals("a/b#ch1", slice.connections().getFirst().hops().getFirst().linkId());
    }

    @Test
    void errorsNameTheReasonAndChangeNothing() throws Exception {
        get(manager.create(request("s1", "a", "c", SecurityLevel.QKD_AES, 1000)));
        final TopologyStatus before = status();

        final var exists = failure(manager.create(request("s1", "a", "c", SecurityLevel.QKD_AES, 1000)));
        assertEquals(Kind.EXISTS, exists.kind());
        assertTrue(exists.getMessage().contains("s1"), exists.getMessage());

        final var unknown = failure(manager.create(request("s2", "a", "nowhere", SecurityLevel.NONE, 1000)));
        assertEquals(Kind.INVALID, unknown.kind());
        assertTrue(unknown.getMessage().contains("nowhere"), unknown.getMessage());

        final var zero = failure(manager.create(request("s3", "a", "c", SecurityLevel.NONE, 0)));
        assertEquals(Kind.INVALID, zero.kind());
        assertTrue(zero.field().contains("bandwidth"), zero.field());

        final var missing = failure(manager.delete("nope"));
        assertEquals(Kind.MISSING, missing.kind());

        final var noProvisioner = failure(manager.activate("s1"));
        assertEquals(Kind.UNAVAILABLE, noProvisioner.kind());
        assertTrue(noProvisioner.getMessage().startsWith("provisioning not available"), noProvisioner.getMessage());

        assertEquals(before, status());
        assertEquals(1, store.slices.size());
    }

    @Test
    void sliceThatFitsAloneButNotJointlyIsRefusedWholly() throws Exception {
        // 9 of 10 ports of b/c#ch4 taken by others: a two-connection slice needing 2 ports there does not fit
        for (int i = 0; i < 9; i++) {
            get(manager.create(request("filler-" + i, "b", "c", SecurityLevel.QKD_AES, 10_000)));
        }
        final TopologyStatus before = status();
        final var twoConnections = new SliceRequest("pair", Optional.empty(), List.of(
            ConnectionRequest.of("first", new SiteEndpoint("a"), new SiteEndpoint("c"), SecurityLevel.QKD_AES, 5000),
            ConnectionRequest.of("second", new SiteEndpoint("b"), new SiteEndpoint("d"), SecurityLevel.QKD_AES,
                5000)));
        final var plan = get(manager.compute(twoConnections));
        assertFalse(plan.feasible(), "jointly infeasible");
        final var refused = failure(manager.create(twoConnections));
        assertEquals(Kind.RESOURCES, refused.kind());
        assertTrue(refused.getMessage().contains("b/c#ch4"), refused.getMessage());
        assertEquals(before, status());
    }

    @Test
    void persistenceFailureUndoesTheReservation() throws Exception {
        final TopologyStatus before = status();
        store.failWrites.set(true);
        final var failed = failure(manager.create(request("s1", "a", "d", SecurityLevel.QKD_AES, 1000)));
        assertEquals(Kind.INTERNAL, failed.kind());
        assertEquals(before, status());
        assertTrue(manager.slices().isEmpty());
        store.failWrites.set(false);
        get(manager.create(request("s1", "a", "d", SecurityLevel.QKD_AES, 1000)));
        assertEquals(1, manager.slices().size());
    }

    @Test
    void deleteReleasesEverything() throws Exception {
        final TopologyStatus before = status();
        get(manager.create(computeRequest("s1", 4)));
        assertEquals(new Compute(12, 63), status().sites().get("c"));
        assertEquals("s1", get(manager.delete("s1")));
        assertEquals(before, status());
        assertTrue(store.slices.isEmpty());
    }

    @Test
    void activationLifecycleWithAProvisioner() throws Exception {
        final var calls = new ArrayList<String>();
        final var failNext = new java.util.concurrent.atomic.AtomicBoolean(true);
        provisioner.set(new Provisioner() {
            @Override
            public ListenableFuture<Provisioned> activate(final SliceInfo slice, final Topology topology) {
                calls.add("activate " + slice.id() + " " + slice.state());
                return Futures.immediateFuture(failNext.getAndSet(false)
                    ? Provisioned.failed(new SliceException(Kind.TRANSPORT, "device x refused step 2"))
                    : Provisioned.succeeded());
            }

            @Override
            public ListenableFuture<Provisioned> deactivate(final SliceInfo slice, final Topology topology) {
                calls.add("deactivate " + slice.id() + " " + slice.state());
                return Futures.immediateFuture(Provisioned.succeeded());
            }
        });
        get(manager.create(request("s1", "a", "d", SecurityLevel.QKD_AES, 1000)));
        final TopologyStatus reserved = status();

        final var failed = failure(manager.activate("s1"));
        assertEquals(Kind.TRANSPORT, failed.kind());
        final SliceInfo afterFailure = store.slices.get("s1");
        assertEquals(SliceState.FAILED, afterFailure.state());
        assertEquals(Optional.of("device x refused step 2"), afterFailure.lastError());
        assertEquals(reserved, status(), "a failed activation keeps the reservation");

        assertEquals(SliceState.ACTIVE, get(manager.activate("s1")).state());
        assertEquals(SliceState.ACTIVE, store.slices.get("s1").state());
        assertEquals(Kind.STATE, failure(manager.delete("s1")).kind());
        assertEquals(Kind.STATE, failure(manager.activate("s1")).kind());
        assertEquals(SliceState.RESERVED, get(manager.deactivate("s1")).state());
        assertEquals(List.of("activate s1 provisioning", "activate s1 provisioning", "deactivate s1 deprovisioning"),
            calls);
        get(manager.delete("s1"));
    }

    @Test
    void aDeviceThatConnectsGetsEveryActiveSliceOnItChecked() throws Exception {
        final var checks = new ArrayList<String>();
        provisioner.set(new Provisioner() {
            @Override
            public ListenableFuture<Provisioned> activate(final SliceInfo slice, final Topology topology) {
                return Futures.immediateFuture(Provisioned.succeeded());
            }

            @Override
            public ListenableFuture<Provisioned> deactivate(final SliceInfo slice, final Topology topology) {
                return Futures.immediateFuture(Provisioned.succeeded());
            }

            @Override
            public Set<String> appliedOn(final String nodeId) {
                return nodeId.equals("b-sw") ? Set.of("s1", "s2", "s3") : Set.of();
            }

            @Override
            public ListenableFuture<DeviceDrift.Report> check(final String sliceId, final String trigger) {
                checks.add(sliceId + ": " + trigger);
                return Futures.immediateFuture(new DeviceDrift.Report(List.of(new DeviceDrift("b/b-sw",
                    List.of(sliceId + "/c"), List.of(), List.of(), Optional.empty())), List.of()));
            }
        });
        for (String id : List.of("s1", "s2", "s3")) {
            get(manager.create(request(id, "a", "d", SecurityLevel.NONE, 100)));
        }
        get(manager.activate("s1"));
        get(manager.activate("s3"));
        final var reports = get(manager.deviceConnected("b-sw"));
        // the reserved slice s2 holds nothing on the device: only the active ones are checked
        assertEquals(List.of("s1: device b-sw connected", "s3: device b-sw connected"), checks);
        assertEquals(Set.of("s1", "s3"), reports.keySet());
        assertFalse(reports.get("s1").inSync());
        assertTrue(get(manager.deviceConnected("other")).isEmpty());
    }

    @Test
    void restartRestoresReservationsFromTheStore() throws Exception {
        get(manager.create(request("s1", "a", "d", SecurityLevel.QKD_AES, 3000)));
        get(manager.create(computeRequest("s2", 8)));
        final TopologyStatus before = status();

        manager = newManager();
        get(manager.restore());
        get(manager.topologyChanged(Optional.of(topology(true))));
        assertEquals(before, status());
        assertEquals(2, manager.slices().size());
        assertEquals(Kind.EXISTS, failure(manager.create(computeRequest("s2", 1))).kind());
    }

    @Test
    void topologyChangeThatRemovesAUsedLinkFailsTheSlice() throws Exception {
        get(manager.create(request("qkd", "a", "b", SecurityLevel.QKD_AES, 1000)));
        get(manager.create(request("plain", "a", "b", SecurityLevel.NONE, 1000)));
        get(manager.topologyChanged(Optional.of(topology(false))));
        final SliceInfo qkd = store.slices.get("qkd");
        assertEquals(SliceState.FAILED, qkd.state());
        assertTrue(qkd.lastError().orElseThrow().contains("a/b#ch4"), qkd.lastError().orElseThrow());
        assertEquals(SliceState.RESERVED, store.slices.get("plain").state());
        // the failed slice holds nothing and can be deleted; the other keeps its reservation
        get(manager.delete("qkd"));
        final TopologyStatus withPlain = status();
        get(manager.delete("plain"));
        assertNotEquals(withPlain, status());
        final var plan = get(manager.compute(request("x", "a", "b", SecurityLevel.QKD_AES, 1)));
        assertFalse(plan.feasible());
        assertTrue(plan.reason().orElseThrow().contains("qkd-aes"), plan.reason().orElseThrow());
    }

    /**
     * After a topology change took a slice's compute away and another slice got what was left, a later change that
     * fits both again must not hand the resources back to the first by slice-id order: the slices holding their
     * reservation are restored first.
     */
    @Test
    void aSliceThatLostItsReservationNeverTakesResourcesBackFromOneThatHolds() throws Exception {
        get(manager.create(computeRequest("a-lost", 10)));
        get(manager.topologyChanged(Optional.of(withCompute(8))));
        assertEquals(SliceState.FAILED, store.slices.get("a-lost").state());
        get(manager.create(computeRequest("b-holds", 8)));
        get(manager.topologyChanged(Optional.of(withCompute(16))));
        assertEquals(SliceState.RESERVED, store.slices.get("b-holds").state(),
            () -> store.slices.get("b-holds").toString());
        assertTrue(get(manager.heldReservations()).stream().anyMatch(res -> res.sliceId().equals("b-holds")
            && !res.compute().isEmpty()));
        final var activation = failure(manager.activate("a-lost"));
        assertTrue(activation.getMessage().contains("no reservation"), activation.getMessage());
    }

    private static Topology withCompute(final long cores) {
        final Topology base = topology(true);
        final var sites = new ArrayList<>(base.sites().values());
        sites.replaceAll(site -> site.id().equals("c") ? Site.of("c", SiteRole.METRO, new Compute(cores, 64)) : site);
        return Topology.of("test", sites, base.links().values());
    }

    @Test
    void concurrentCreatesAndDeletesNeverLeak() throws Exception {
        final TopologyStatus initial = status();
        final int threads = 8;
        final int rounds = 40;
        final ExecutorService callers = Executors.newFixedThreadPool(threads);
        try {
            final var results = new ArrayList<Future<Integer>>();
            for (int t = 0; t < threads; t++) {
                final int thread = t;
                results.add(callers.submit(() -> {
                    final var random = new Random(thread);
                    final var mine = new ArrayList<String>();
                    int refused = 0;
                    for (int i = 0; i < rounds; i++) {
                        if (!mine.isEmpty() && random.nextBoolean()) {
                            get(manager.delete(mine.remove(random.nextInt(mine.size()))));
                            continue;
                        }
                        final String id = "t" + thread + "-" + i;
                        final var request = random.nextBoolean()
                            ? request(id, "a", "d", SecurityLevel.QKD_AES, 1000 + random.nextInt(9000))
                            : computeRequest(id, 1 + random.nextInt(4));
                        try {
                            get(manager.create(request));
                            mine.add(id);
                        } catch (ExecutionException e) {
                            final var cause = assertInstanceOf(SliceException.class, e.getCause());
                            assertEquals(Kind.RESOURCES, cause.kind(), cause.getMessage());
                            refused++;
                        }
                    }
                    for (String id : mine) {
                        get(manager.delete(id));
                    }
                    return refused;
                }));
            }
            int refused = 0;
            for (var result : results) {
                refused += result.get(120, TimeUnit.SECONDS);
            }
            assertTrue(refused > 0, "the load should exhaust some resource at least once");
        } finally {
            callers.shutdownNow();
        }
        assertEquals(initial, status());
        assertTrue(store.slices.isEmpty());
        assertTrue(get(manager.heldReservations()).isEmpty());
    }

    /** A provisioner whose journal says the slice's devices may hold something until a recovery succeeds. */
    private static final class JournaledProvisioner implements Provisioner {
        final List<String> calls = new ArrayList<>();
        volatile boolean reachable = true;
        volatile Set<String> holding = Set.of("b/b-sw");

        @Override
        public ListenableFuture<Provisioned> activate(final SliceInfo slice, final Topology topology) {
            return Futures.immediateFuture(Provisioned.succeeded());
        }

        @Override
        public ListenableFuture<Provisioned> deactivate(final SliceInfo slice, final Topology topology) {
            holding = Set.of();
            return Futures.immediateFuture(Provisioned.succeeded());
        }

        @Override
        public ListenableFuture<Provisioned> recover(final SliceInfo slice) {
            calls.add("recover " + slice.id() + " " + slice.state());
            if (!reachable) {
                return Futures.immediateFuture(Provisioned.failed(new SliceException(Kind.TRANSPORT,
                    "device b/b-sw: not connected")));
            }
            holding = Set.of();
            return Futures.immediateFuture(new Provisioned(Optional.empty(), Futures.immediateVoidFuture(),
                Optional.of("activation interrupted at step 3 of 5 (b/b-sw) by a controller restart; rolled back")));
        }

        @Override
        public Set<String> mayHold(final String sliceId) {
            return holding;
        }

        @Override
        public boolean recoverable(final String sliceId) {
            return reachable && !holding.isEmpty();
        }
    }

    @Test
    void anInterruptedActivationIsRecoveredAtRestoreBeforeAnyRequestAndEndsReserved() throws Exception {
        final SliceInfo created = get(manager.create(request("s1", "a", "d", SecurityLevel.QKD_AES, 1000)));
        // the controller died while the devices were being configured
        store.slices.put("s1", created.withState(SliceState.PROVISIONING, created.updated(), Optional.empty()));
        final var devices = new JournaledProvisioner();
        provisioner.set(devices);
        manager = newManager();
        final var restored = manager.restore();
        final var deactivateMeanwhile = manager.deactivate("s1");
        get(restored);
        assertEquals(List.of("recover s1 provisioning"), devices.calls);
        final SliceInfo recovered = store.slices.get("s1");
        assertEquals(SliceState.RESERVED, recovered.state());
        assertTrue(recovered.lastError().orElseThrow().contains("interrupted at step 3"), recovered.toString());
        // a request that arrived meanwhile ran after the recovery: it saw the slice reserved, not provisioning
        final SliceException after = failure(deactivateMeanwhile);
        assertTrue(after.getMessage().contains("is reserved"), after.getMessage());
    }

    @Test
    void anUnreachableDeviceLeavesTheSliceNeedingRecoveryWhichResumesAndDeleteWaitsForIt() throws Exception {
        final SliceInfo created = get(manager.create(request("s1", "a", "d", SecurityLevel.QKD_AES, 1000)));
        store.slices.put("s1", created.withState(SliceState.DEPROVISIONING, created.updated(), Optional.empty()));
        final var devices = new JournaledProvisioner();
        devices.reachable = false;
        provisioner.set(devices);
        manager = newManager();
        get(manager.restore());
        get(manager.topologyChanged(Optional.of(topology(true))));
        final SliceInfo blocked = store.slices.get("s1");
        assertEquals(SliceState.FAILED, blocked.state());
        assertTrue(blocked.lastError().orElseThrow().startsWith("needs-recovery: ")
            && blocked.lastError().orElseThrow().contains("device b/b-sw"), blocked.toString());
        final SliceException refused = failure(manager.delete("s1"));
        assertEquals(Kind.STATE, refused.kind());
        assertTrue(refused.getMessage().contains("b/b-sw may still hold"), refused.getMessage());
        assertTrue(store.slices.containsKey("s1"), "nothing of the slice is freed");

        get(manager.resumeRecovery());
        assertEquals(List.of("recover s1 deprovisioning"), devices.calls, "not resumed while unreachable");
        devices.reachable = true;
        get(manager.resumeRecovery());
        assertEquals(List.of("recover s1 deprovisioning", "recover s1 failed"), devices.calls);
        assertEquals(SliceState.RESERVED, store.slices.get("s1").state());
        assertEquals("s1", get(manager.delete("s1")));
    }

    @Test
    void aTopologyChangeDuringDeviceWorkLeavesTheSliceBusyAndItsCompletionEndsFailed() throws Exception {
        final var release = com.google.common.util.concurrent.SettableFuture.<Provisioned>create();
        provisioner.set(new Provisioner() {
            @Override
            public ListenableFuture<Provisioned> activate(final SliceInfo slice, final Topology topology) {
                return release;
            }

            @Override
            public ListenableFuture<Provisioned> deactivate(final SliceInfo slice, final Topology topology) {
                return Futures.immediateFuture(Provisioned.succeeded());
            }
        });
        executor.shutdownNow();
        executor = Executors.newSingleThreadExecutor();
        manager = new SliceManager(store, PcePlanning::create, () -> Optional.ofNullable(provisioner.get()),
            Clock.systemUTC(), executor);
        get(manager.restore());
        get(manager.topologyChanged(Optional.of(topology(true))));
        get(manager.create(request("s1", "a", "b", SecurityLevel.QKD_AES, 1000)));
        final var activation = manager.activate("s1");
        // wait (bounded) until the device work is under way
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (manager.slices().getFirst().state() != SliceState.PROVISIONING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        // the QKD a-b channel goes away while the devices are configured
        get(manager.topologyChanged(Optional.of(topology(false))));
        assertEquals(SliceState.PROVISIONING, manager.slices().getFirst().state(), "busy state overwritten");
        assertEquals(Kind.STATE, failure(manager.delete("s1")).kind());
        assertEquals(Kind.STATE, failure(manager.activate("s1")).kind());
        release.set(Provisioned.succeeded());
        final SliceInfo lost = get(activation);
        assertEquals(SliceState.FAILED, lost.state());
        assertTrue(lost.lastError().orElseThrow().contains("reservation no longer fits"), lost.toString());
        assertEquals(SliceState.FAILED, store.slices.get("s1").state());
        assertFalse(store.slices.get("s1").reservationHeld(), "the stored flag says the reservation was lost");
    }
}
