/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.mdsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ActivateSliceInputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ComputeSliceInputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.CreateSliceInputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.DeleteSliceInputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.Slices;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.slices.Slice;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.slices.SliceKey;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.slices.slice.Status;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.slices.slice.status.Connection;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.slices.slice.status.ConnectionBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.slices.slice.status.ConnectionKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.qslice.api.SliceException;
import org.qslice.api.SliceException.Kind;
import org.qslice.api.model.ConnectionPlan;
import org.qslice.api.model.Hop;
import org.qslice.api.model.SliceInfo;
import org.qslice.api.model.SliceRequest;
import org.qslice.api.model.SliceState;
import org.qslice.impl.slice.PcePlanning;
import org.qslice.impl.slice.SliceManager;

/**
 * The orchestrator on the real in-memory data broker: the shipped testbed files are parsed with the controller's YANG
 * codecs, the topology reaches the manager through the datastore listener, slices persist in the datastore and
 * survive a restart of the manager.
 */
class OrchestratorDatastoreTest extends AbstractConcurrentDataBrokerTest {
    private static final Path TESTBED = Path.of("..", "testbed");

    private ExecutorService executor;
    private TopologyLoader loader;
    private SliceManager manager;
    private TopologyWatcher watcher;

    OrchestratorDatastoreTest() {
        super(true);
    }

    @BeforeEach
    void start() throws Exception {
        setup();
        executor = Executors.newSingleThreadExecutor();
        loader = new TopologyLoader(getDataBrokerTestCustomizer().getSchemaService(),
            getDataBrokerTestCustomizer().getAdapterContext().currentSerializer());
        final var network = loader.parse(read("paper-topology.json"));
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, TopologyLoader.path(network), network);
        tx.commit().get(10, TimeUnit.SECONDS);
        manager = startManager();
    }

    private SliceManager startManager() throws Exception {
        final var started = new SliceManager(new DatastoreSliceStore(getDataBroker()), PcePlanning::create,
            Optional::empty, Clock.systemUTC(), executor);
        started.restore().get(10, TimeUnit.SECONDS);
        watcher = new TopologyWatcher(getDataBroker(), Optional.empty(), started::topologyChanged);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (started.topology().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(started.topology().isPresent(), "topology did not arrive through the listener");
        return started;
    }

    @AfterEach
    void stop() {
        watcher.close();
        executor.shutdownNow();
    }

    private static String read(final String file) throws Exception {
        return Files.readString(TESTBED.resolve(file), StandardCharsets.UTF_8);
    }

    private static <O> O ok(final RpcResult<O> result) {
        assertTrue(result.isSuccessful(), () -> result.getErrors().toString());
        return result.getResult();
    }

    private static Map<String, List<String>> paths(final List<ConnectionPlan> plans) {
        return plans.stream().collect(Collectors.toMap(ConnectionPlan::name,
            plan -> plan.hops().stream().map(Hop::linkId).toList()));
    }

    @Test
    void paperTopologyLoadsWithItsSecurityAnnotations() {
        final var topology = manager.topology().orElseThrow().topology();
        assertEquals(5, topology.sites().size());
        assertEquals(20, topology.links().size());
        final var link = topology.link("metro-1/core-1#ch4");
        assertEquals("qkd-aes", link.security().yangName());
        assertEquals(1225, link.effectiveLatencyUs());
        assertEquals(10, link.channel().orElseThrow().clientPorts());
        assertEquals(Optional.of("metro-1/metro-1-osw"), link.opticalSwitch());
    }

    @Test
    void useCasesGetThePaperPathsAndPersist() throws Exception {
        final var rpcs = SliceRpcs.all(manager);
        final SliceRequest uc1 = loader.parseRequest(read("use-case-1.json"));
        final SliceRequest uc2 = loader.parseRequest(read("use-case-2.json"));

        final var compute = ok(new SliceRpcs.ComputeSliceImpl(manager).invoke(
            new ComputeSliceInputBuilder(SliceCodec.requestBinding(uc1)).build()).get(10, TimeUnit.SECONDS));
        assertTrue(compute.getFeasible());
        assertTrue(DatastoreSliceStore.decode(new org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126
            .SlicesBuilder().build()).isEmpty());

        ok(new SliceRpcs.CreateSliceImpl(manager).invoke(new CreateSliceInputBuilder(SliceCodec.requestBinding(uc1))
            .build()).get(10, TimeUnit.SECONDS));
        ok(new SliceRpcs.CreateSliceImpl(manager).invoke(new CreateSliceInputBuilder(SliceCodec.requestBinding(uc2))
            .build()).get(10, TimeUnit.SECONDS));
        assertEquals(7, rpcs.size(), "compute, create, delete, activate, deactivate, check, repair");

        final var stored = new DatastoreSliceStore(getDataBroker()).loadAll().get(10, TimeUnit.SECONDS);
        assertEquals(List.of("use-case-1", "use-case-2"), stored.stream().map(SliceInfo::id).toList());
        final var p1 = paths(stored.get(0).connections());
        // enterprise app: cells to the metro compute over the QRA channel, metro to core over QKD, control on DH
        assertEquals(List.of("cell-1/agg-1#ch3", "agg-1/metro-1#ch3"), p1.get("cell-1-app"));
        assertEquals(List.of("cell-2/agg-1#ch3", "agg-1/metro-1#ch3"), p1.get("cell-2-app"));
        assertEquals(List.of("metro-1/core-1#ch4"), p1.get("metro-core"));
        assertEquals(List.of("cell-1/agg-1#ch2", "agg-1/metro-1#ch2", "metro-1/core-1#ch2"), p1.get("cell-1-control"));
        final var p2 = paths(stored.get(1).connections());
        // CDN: core to the aggregation compute over QKD, aggregation to cells unencrypted, control on DH
        assertEquals(List.of("metro-1/core-1#ch4", "agg-1/metro-1#ch4"), p2.get("core-cdn"));
        assertEquals(List.of("cell-1/agg-1#ch1"), p2.get("cdn-cell-1"));
        assertEquals(List.of("cell-2/agg-1#ch2", "agg-1/metro-1#ch2", "metro-1/core-1#ch2"), p2.get("cell-2-control"));
        assertEquals(SliceState.RESERVED, stored.get(0).state());
        assertEquals(uc1, stored.get(0).request(), "the request round-trips through the datastore");

        // a new manager (another node taking over, or a restart) restores the same reservations
        final var before = manager.topology().orElseThrow();
        watcher.close();
        manager = startManager();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!before.equals(manager.topology().orElseThrow()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(before, manager.topology().orElseThrow());
        assertEquals(2, manager.slices().size());

        ok(new SliceRpcs.DeleteSliceImpl(manager).invoke(new DeleteSliceInputBuilder().setSliceId("use-case-1")
            .build()).get(10, TimeUnit.SECONDS));
        assertEquals(1, new DatastoreSliceStore(getDataBroker()).loadAll().get(10, TimeUnit.SECONDS).size());
    }

    @Test
    void aStoredSliceThatDoesNotDecodeIsRestoredFailedAndKeepsItsResources() throws Exception {
        final SliceRequest uc1 = loader.parseRequest(read("use-case-1.json"));
        ok(new SliceRpcs.CreateSliceImpl(manager).invoke(new CreateSliceInputBuilder(SliceCodec.requestBinding(uc1))
            .build()).get(10, TimeUnit.SECONDS));
        final var held = manager.heldReservations().get(10, TimeUnit.SECONDS);
        // the stored path of one connection loses its hops behind the orchestrator's back (YANG allows it, qslice
        // cannot decode a feasible connection without hops)
        final var status = DataObjectIdentifier.builder(Slices.class).child(Slice.class, new SliceKey("use-case-1"))
            .child(Status.class).child(Connection.class, new ConnectionKey("metro-core")).build();
        final Connection stored;
        try (var read = getDataBroker().newReadOnlyTransaction()) {
            stored = read.read(LogicalDatastoreType.CONFIGURATION, status).get(10, TimeUnit.SECONDS).orElseThrow();
        }
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, status, new ConnectionBuilder(stored).setHop(null).build());
        tx.commit().get(10, TimeUnit.SECONDS);

        watcher.close();
        manager = startManager();
        final SliceInfo restored = manager.slices().stream().filter(s -> s.id().equals("use-case-1")).findFirst()
            .orElseThrow();
        assertEquals(SliceState.FAILED, restored.state());
        assertTrue(restored.lastError().orElseThrow().contains("the stored slice does not decode"),
            restored.lastError().toString());
        assertTrue(restored.lastError().orElseThrow().contains("not restored: connection metro-core"),
            restored.lastError().toString());
        // what decodes of its reservation is held as before: nothing of it can go to another slice
        final var before = held.iterator().next();
        final var after = manager.heldReservations().get(10, TimeUnit.SECONDS).iterator().next();
        assertEquals(before.compute(), after.compute());
        final var links = new java.util.TreeMap<>(before.links());
        links.remove("metro-1/core-1#ch4");
        assertEquals(links, after.links());
        ok(new SliceRpcs.DeleteSliceImpl(manager).invoke(new DeleteSliceInputBuilder().setSliceId("use-case-1")
            .build()).get(10, TimeUnit.SECONDS));
        assertTrue(manager.heldReservations().get(10, TimeUnit.SECONDS).isEmpty());
    }

    @Test
    void errorsCarryRestconfTypesAndTags() throws Exception {
        final var uc1 = loader.parseRequest(read("use-case-1.json"));
        ok(new SliceRpcs.CreateSliceImpl(manager).invoke(new CreateSliceInputBuilder(SliceCodec.requestBinding(uc1))
            .build()).get(10, TimeUnit.SECONDS));
        final var duplicate = new SliceRpcs.CreateSliceImpl(manager).invoke(new CreateSliceInputBuilder(
            SliceCodec.requestBinding(uc1)).build()).get(10, TimeUnit.SECONDS);
        assertFalse(duplicate.isSuccessful());
        final var error = duplicate.getErrors().iterator().next();
        assertEquals(ErrorType.PROTOCOL, error.getErrorType());
        assertEquals(ErrorTag.DATA_EXISTS, error.getTag());

        final var activate = new SliceRpcs.ActivateSliceImpl(manager).invoke(new ActivateSliceInputBuilder()
            .setSliceId("use-case-1").build()).get(10, TimeUnit.SECONDS);
        assertEquals(ErrorTag.OPERATION_NOT_SUPPORTED, activate.getErrors().iterator().next().getTag());
        assertTrue(activate.getErrors().iterator().next().getMessage().startsWith("provisioning not available"));

        final String bad = read("use-case-1.json").replace("\"cell-1-app\"", "\"dup\"").replace("\"cell-2-app\"",
            "\"dup\"");
        final var dupNames = assertThrows(SliceException.class, () -> loader.parseRequest(bad));
        assertEquals(Kind.INVALID, dupNames.kind());

        final String unknownSite = read("use-case-2.json").replace("\"core-1\"", "\"core-9\"")
            .replace("use-case-2", "uc2-bad");
        final var result = new SliceRpcs.CreateSliceImpl(manager).invoke(new CreateSliceInputBuilder(
            SliceCodec.requestBinding(loader.parseRequest(unknownSite))).build()).get(10, TimeUnit.SECONDS);
        final var invalid = result.getErrors().iterator().next();
        assertEquals(ErrorTag.INVALID_VALUE, invalid.getTag());
        assertTrue(invalid.getMessage().contains("core-9"), invalid.getMessage());
        assertEquals(1, new DatastoreSliceStore(getDataBroker()).loadAll().get(10, TimeUnit.SECONDS).size());
    }

    @Test
    void malformedTopologyIsRejectedWithTheReason() throws Exception {
        final String dangling = read("paper-topology.json").replace("\"dest-node\": \"core-1\"",
            "\"dest-node\": \"core-7\"");
        final var network = loader.parse(dangling);
        final var ex = assertThrows(IllegalArgumentException.class, () -> TopologyCodec.toDomain(network));
        assertTrue(ex.getMessage().contains("core-7"), ex.getMessage());
        final var notJson = assertThrows(IllegalArgumentException.class, () -> loader.parse("{\"nope\": 1}"));
        assertInstanceOf(String.class, notJson.getMessage());
    }
}
