/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.qslice.tools.karaf.Cluster;
import org.qslice.tools.karaf.KarafInstance;
import org.qslice.tools.slice.SliceClient;
import org.qslice.tools.testbed.Testbed;
import org.qslice.tools.testbed.TestbedDevice;

/**
 * qslice on a 3-member OpenDaylight cluster ({@link Cluster}, as {@code ./qslice cluster start} runs it), with the
 * paper's testbed mounted through ODL's clustered NETCONF topology: use cases 1 and 2 created and activated through
 * member-1, read through the two others (slices with their reservations, provisioning state, KMS pools), and
 * {@code qslice:slice-list} and {@code qslice:cluster-status} on member-2's console.
 *
 * <p>The fault tests of issue 12 (kill -9 of the orchestrator's member idle and mid-activation, rejoin, SIGSTOP
 * isolation) are on the branch {@code issue-12-cluster-it}: they passed together locally, but in CI the new
 * orchestrator did not answer within 2 minutes after a kill mid-activation and after a SIGSTOP (docs/cluster.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final String UC1 = "use-case-1";
    private static final String UC2 = "use-case-2";
    private static final String ORCHESTRATOR = "qslice-orchestrator";
    private static final String PROBE = "qslice-info:get-info";
    private static final Duration LEADERS = Duration.ofMinutes(5);
    private static final Duration OWNER = Duration.ofMinutes(2);

    private Cluster cluster;
    private Testbed testbed;
    private Path root;

    @BeforeAll
    void startClusterAndTestbed() throws Exception {
        root = TestbedExtension.root();
        final Path dir = Files.createTempDirectory(ControllerExtension.workDir(), "cluster-");
        cluster = Cluster.create(ControllerExtension.distribution(), dir, 3, ControllerExtension.javaHome());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopCluster));
        final long started = System.nanoTime();
        for (KarafInstance member : cluster.members()) {
            ControllerExtension.prepare(member.home());
            Cluster.spawn(member);
        }
        for (KarafInstance member : cluster.members()) {
            Cluster.awaitServing(member, ControllerExtension.BOOT_TIMEOUT, PROBE);
        }
        cluster.awaitLeaders(LEADERS);
        report("cluster: 3 members serving, every shard led, in %.1f s%n",
            (System.nanoTime() - started) / 1e9);

        final Path topology = root.resolve("testbed/paper-topology.json");
        // one simulator process per device kind (three JVMs, not eleven): three members already share the 2 cores
        final var devices = new ArrayList<>(TestbedDevice.fromTopology(topology));
        devices.sort(java.util.Comparator.comparing(TestbedDevice::kind));
        testbed = Testbed.start(root, Files.createTempDirectory(ControllerExtension.workDir(), "cluster-testbed-"),
            ControllerExtension.javaHome(), devices, Testbed.freeRun(devices.size()), Duration.ofMinutes(4), true);
        final KarafInstance first = cluster.members().getFirst();
        testbed.mount(first.restconf(), Duration.ofMinutes(4));
        for (KarafInstance member : cluster.members()) {
            testbed.awaitMounted(member.restconf(), Duration.ofMinutes(2));
        }
        final var slices = new SliceClient(first.restconf());
        slices.loadTopology(topology);
        slices.awaitTopology(root.resolve("testbed/use-case-1.json"), Duration.ofSeconds(90));
    }

    @AfterAll
    void stopCluster() {
        if (testbed != null) {
            testbed.close();
        }
        if (cluster != null) {
            try {
                cluster.stop(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    @Order(1)
    void useCasesThroughOneMemberReadThroughTheOthers() throws Exception {
        final KarafInstance first = cluster.member("member-1");
        final var slices = new SliceClient(first.restconf());
        for (String useCase : List.of(UC1, UC2)) {
            slices.create(root.resolve("testbed/" + useCase + ".json"));
            final var activated = slices.activate(useCase);
            assertEquals(200, activated.status(), activated.body());
        }
        final JsonObject pools = pools(first);
        assertFalse(pools.isEmpty(), "no KMS pool for the encrypted channels");
        for (KarafInstance other : List.of(cluster.member("member-2"), cluster.member("member-3"))) {
            final var through = new SliceClient(other.restconf());
            for (String useCase : List.of(UC1, UC2)) {
                // the slice with its reservations, and its provisioning state: the same on every member
                assertEquals(slices.slice(useCase), through.slice(useCase), useCase + " through " + name(other));
                assertEquals("active", through.slice(useCase).orElseThrow().getAsJsonObject("status").get("state")
                    .getAsString());
                assertTrue(through.provisioning(useCase).isPresent(), useCase + " provisioning through "
                    + name(other));
                assertEquals(slices.provisioning(useCase), through.provisioning(useCase));
            }
            assertEquals(pools, pools(other), "KMS pools through " + name(other));
        }
        final String owner = owner();
        final String console = cluster.member("member-2").console(Duration.ofMinutes(2), "qslice:slice-list",
            "qslice:cluster-status");
        assertTrue(console.contains(UC1) && console.contains(UC2), console);
        assertTrue(console.contains("this member: member-2"), console);
        assertTrue(console.contains("orchestrator: " + owner), console);
        assertTrue(Pattern.compile("member-3\\s+Up\\s+yes").matcher(console).find(), console);
    }

    /** The member running the orchestrator now (waits for one). */
    private String owner() throws Exception {
        final long deadline = System.nanoTime() + OWNER.toNanos();
        while (System.nanoTime() < deadline) {
            final Optional<String> owner = cluster.singletonOwner(ORCHESTRATOR);
            if (owner.isPresent() && cluster.member(owner.orElseThrow()).isRunning()) {
                return owner.orElseThrow();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no member runs the orchestrator");
    }

    /** Prints a measured number into the test's output (the cluster numbers of docs/cluster.md). */
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    private static void report(final String format, final Object... args) {
        System.out.println(String.format(java.util.Locale.ROOT, format, args).strip());
    }

    private static String name(final KarafInstance member) {
        return Cluster.name(member);
    }

    /** The KMS pools (configuration: ids, types, SAEs, sizes; never key material) as a member reads them. */
    private static JsonObject pools(final KarafInstance member) throws Exception {
        final var response = member.restconf().get("qslice-kms:kms/pools?content=config");
        response.expectOk("reading the KMS pools through " + name(member));
        return response.json();
    }
}
