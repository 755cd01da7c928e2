/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.mdsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.network.rev180226.networks.Network;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ComputeSliceInputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.compute.slice.output.KeySupplyKey;
import org.opendaylight.yangtools.yang.common.Decimal64;
import org.qslice.api.model.KeySupply;
import org.qslice.api.model.Link;
import org.qslice.impl.pce.KeyBudget;
import org.qslice.impl.slice.PcePlanning;
import org.qslice.impl.slice.SliceManager;

/**
 * The QKD key supply through the YANG models: {@code secret-key-rate-bps} and {@code qkd-link} of the topology, parsed
 * with the controller's codecs, and the {@code key-supply} list of the {@code compute-slice} output.
 */
class KeySupplyCodecTest extends AbstractConcurrentDataBrokerTest {
    private static final Path TESTBED = Path.of("..", "testbed");
    private static final String CH4 = "metro-1/core-1#ch4";
    private static final String CH5 = "metro-1/core-1#ch5";

    private ExecutorService executor;
    private TopologyLoader loader;

    KeySupplyCodecTest() {
        super(true);
    }

    @BeforeEach
    void start() throws Exception {
        setup();
        executor = Executors.newSingleThreadExecutor();
        loader = new TopologyLoader(getDataBrokerTestCustomizer().getSchemaService(),
            getDataBrokerTestCustomizer().getAdapterContext().currentSerializer());
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static String read(final String file) throws Exception {
        return Files.readString(TESTBED.resolve(file), StandardCharsets.UTF_8);
    }

    /**
     * The paper's topology with the given link attributes added to the metro-core QKD channels ch4 and ch5.
     */
    private static String withKeyRate(final Map<String, String> attributes) throws Exception {
        final JsonObject root = JsonParser.parseString(read("paper-topology.json")).getAsJsonObject();
        for (var link : root.getAsJsonArray("ietf-network:network").get(0).getAsJsonObject()
                .getAsJsonArray("ietf-network-topology:link")) {
            final String id = link.getAsJsonObject().get("link-id").getAsString();
            if (id.equals(CH4) || id.equals(CH5)) {
                final var attrs = link.getAsJsonObject().getAsJsonObject("qslice-topology:link-attributes");
                attributes.forEach(attrs::addProperty);
            }
        }
        return root.toString();
    }

    @Test
    void theTopologyCarriesTheRateAndTheSharedQkdLink() throws Exception {
        final Network network = loader.parse(withKeyRate(Map.of("secret-key-rate-bps", "1000.5",
            "qkd-link", "metro-1/core-1")));
        final var topology = TopologyCodec.toDomain(network);
        final Link ch4 = topology.link(CH4);
        assertEquals(OptionalDouble.of(1000.5), ch4.secretKeyRateBps());
        assertEquals("metro-1/core-1", ch4.keySource());
        assertEquals("metro-1/core-1", topology.link(CH5).keySource());
        assertEquals(OptionalDouble.empty(), topology.link("agg-1/metro-1#ch4").secretKeyRateBps());
        assertEquals("agg-1/metro-1#ch4", topology.link("agg-1/metro-1#ch4").keySource());
    }

    @Test
    void aRateThatIsNotPositiveIsRefusedNamingTheLinkAndTheField() throws Exception {
        for (String rate : List.of("-5", "0")) {
            final Network network = loader.parse(withKeyRate(Map.of("secret-key-rate-bps", rate)));
            final var ex = assertThrows(IllegalArgumentException.class, () -> TopologyCodec.toDomain(network));
            assertTrue(ex.getMessage().startsWith("link metro-1/core-1#ch4 secret-key-rate-bps must be positive"),
                ex.getMessage());
        }
        final Network onQra = loader.parse(read("paper-topology.json").replace("\"security-level\": \"qra-aes\",",
            "\"security-level\": \"qra-aes\", \"secret-key-rate-bps\": \"100\","));
        final var ex = assertThrows(IllegalArgumentException.class, () -> TopologyCodec.toDomain(onQra));
        // every qra-aes channel has the rate now; the first the codec meets is named
        assertTrue(ex.getMessage().matches("link [a-z0-9-]+/[a-z0-9-]+#ch3 has secret-key-rate-bps but its "
            + "key-exchange qra does not use QKD \\(qkd, hybrid-qkd-qra\\)"), ex.getMessage());
    }

    @Test
    void computeSliceReportsTheKeySupplyOfItsQkdHops() throws Exception {
        final Network network = loader.parse(withKeyRate(Map.of("secret-key-rate-bps", "1000",
            "qkd-link", "metro-1/core-1")));
        final var tx = getDataBroker().newWriteOnlyTransaction();
        tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, TopologyLoader.path(network), network);
        tx.commit().get(10, TimeUnit.SECONDS);
        // key refresh 1 s: 256 b/s per channel; headroom 20%: 800 b/s of the 1000 may be committed
        final var manager = new SliceManager(new DatastoreSliceStore(getDataBroker()),
            PcePlanning.factory(KeyBudget.of(Duration.ofSeconds(1), 0.2)), Optional::empty, Clock.systemUTC(),
            executor);
        manager.restore().get(10, TimeUnit.SECONDS);
        try (var watcher = new TopologyWatcher(getDataBroker(), Optional.empty(), manager::topologyChanged)) {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (manager.topology().isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            final var status = manager.topology().orElseThrow();
            assertEquals(new KeySupply("metro-1/core-1", List.of(), OptionalDouble.of(1000), OptionalDouble.of(800), 0,
                0), status.keySources().get("metro-1/core-1"));

            final var uc1 = loader.parseRequest(read("use-case-1.json"));
            final var result = new SliceRpcs.ComputeSliceImpl(manager).invoke(
                new ComputeSliceInputBuilder(SliceCodec.requestBinding(uc1)).build()).get(10, TimeUnit.SECONDS);
            assertTrue(result.isSuccessful(), () -> result.getErrors().toString());
            final var output = result.getResult();
            assertTrue(output.getFeasible());
            final var supply = output.nonnullKeySupply().get(new KeySupplyKey("metro-1/core-1"));
            assertEquals(Set.of(CH4), supply.getLink());
            assertEquals(Decimal64.valueOf("1000.000"), supply.getSecretKeyRateBps());
            assertEquals(Decimal64.valueOf("800.000"), supply.getLimitBps());
            assertEquals(Decimal64.valueOf("0.000"), supply.getCommittedBps());
            assertEquals(Decimal64.valueOf("256.000"), supply.getNewDemandBps());
            assertEquals(Decimal64.valueOf("544.000"), supply.getHeadroomBps());
            // and back: what SliceService.compute returns
            assertEquals(new KeySupply("metro-1/core-1", List.of(CH4), OptionalDouble.of(1000),
                OptionalDouble.of(800), 0, 256), SliceCodec.keySupply(supply));
        }
    }
}
