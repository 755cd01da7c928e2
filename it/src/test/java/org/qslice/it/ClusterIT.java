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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.qslice.tools.http.Restconf;
import org.qslice.tools.karaf.Cluster;
import org.qslice.tools.karaf.KarafInstance;
import org.qslice.tools.slice.SliceClient;
import org.qslice.tools.testbed.Testbed;
import org.qslice.tools.testbed.TestbedDevice;

/**
 * qslice on a 3-member OpenDaylight cluster ({@link Cluster}, as {@code ./qslice cluster start} runs it), with the
 * paper's testbed mounted through ODL's clustered NETCONF topology. The tests run in order on one cluster, each
 * starting from what the one before left:
 * <ol>
 *   <li>use cases 1 and 2 created and activated through member-1, read through the two others (slices, provisioning
 *       state, KMS pools) and a console command on member-2;</li>
 *   <li>kill -9 of the member running the orchestrator while idle: another takes over (the time is printed), slices
 *       and reservations intact, the encryptors' key ids keep rotating (read on the simulators), a slice activated
 *       through a survivor; keys an SAE took over ETSI GS QKD 014 from the KMS's member before the kill are fetched
 *       by its peer SAE through the member running the KMS after it (same key, same SAE certificates and CA), and
 *       none of them is delivered again there;</li>
 *   <li>the killed member restarted: it rejoins and reads what was written while it was dead;</li>
 *   <li>kill -9 of the member running the KMS: the keys an SAE took from it are fetched by the peer SAE through the
 *       member running the KMS after it, none is delivered again; the member rejoins;</li>
 *   <li>kill -9 of the orchestrator's member paused in the middle of an activation (the test-only pause point): the
 *       new singleton rolls the activation back and every device ends clean, read directly over NETCONF; that member
 *       restarted and rejoins too;</li>
 *   <li>the orchestrator's member isolated (SIGSTOP): the two others keep serving and one of them (a member that was
 *       killed and rejoined, when the isolated one is the never-killed member) takes the singleton; resumed
 *       (SIGCONT), the isolated member finds itself downed by the majority, restarts inside its process, rejoins and
 *       reads what was written while it was frozen. Whatever it answered to a change sent right after the resume,
 *       a success must be visible on the majority.</li>
 * </ol>
 * Every member runs with a 1 GB heap; the whole class takes about six minutes on 2 cores.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final String UC1 = "use-case-1";
    private static final String UC2 = "use-case-2";
    private static final String ORCHESTRATOR = Cluster.ORCHESTRATOR;
    private static final String PROBE = "qslice-info:get-info";
    private static final Duration LEADERS = Duration.ofMinutes(5);
    /**
     * Bound of a failover: Pekko's failure detector (its heartbeat pause is 15 s on these members) and split-brain
     * resolver (7 s) plus the takeover.
     */
    private static final Duration FAILOVER = Duration.ofMinutes(2);
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final Pattern KEY_ID = Pattern.compile("<current-key-id>([^<]+)</current-key-id>");
    private static final String SAE_MASTER = "cluster-it-a";
    private static final String SAE_SLAVE = "cluster-it-z";

    private Cluster cluster;
    private Testbed testbed;
    private Path root;
    /** Members killed and restarted (they rejoined), in the order they rejoined. */
    private final Set<String> rejoined = new LinkedHashSet<>();
    /** Whether a rejoined member has run the orchestrator since it rejoined. */
    private boolean rejoinedTookOver;

    @BeforeAll
    void startClusterAndTestbed() throws Exception {
        root = TestbedExtension.root();
        final Path dir = Files.createTempDirectory(ControllerExtension.workDir(), "cluster-");
        cluster = Cluster.create(ControllerExtension.distribution(), dir, 3, ControllerExtension.javaHome());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopCluster));
        final long started = System.nanoTime();
        cluster.start(cluster.members(), member -> ControllerExtension.prepare(member.home()), member -> { }, PROBE,
            ControllerExtension.BOOT_TIMEOUT, LEADERS);
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
        testbed.awaitMounted(Cluster.clients(cluster.members()), Duration.ofMinutes(4));
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

    @Test
    @Order(2)
    void theOrchestratorsMemberKilledWhileIdleIsReplaced() throws Exception {
        final KarafInstance victim = cluster.member(owner());
        final Map<String, String> keysBefore = encryptorKeyIds();
        assertFalse(keysBefore.isEmpty(), "no encrypting port holds a key id");
        // keys handed out over ETSI GS QKD 014 by the member running the KMS, the last ones right before the kill
        final KarafInstance kmsBefore = cluster.member(cluster.singletonOwner(Cluster.KMS).orElseThrow());
        final Path pki = kmsBefore.home().resolve("etc/qslice-kms-pki");
        final Map<String, String> delivered = deliverKeys(kmsBefore, pki);
        final long killed = System.nanoTime();
        ControllerKills.kill(victim);
        final KarafInstance survivor = awaitNewOwner(Set.of(name(victim)), killed, "kill -9 while idle");
        noKeyLostOrDeliveredTwice(kmsBefore, pki, delivered);
        final var slices = new SliceClient(survivor.restconf());
        for (String useCase : List.of(UC1, UC2)) {
            // the devices whose NETCONF master was the dead member disconnect until a survivor masters them: their
            // slices may be degraded meanwhile, and are active again with their reservations intact
            ControllerKills.awaitState(slices, useCase, "active");
            awaitInSync(survivor, useCase);
        }
        // the encryptors' key ids keep rotating: read on the simulators, each port gets a key id it did not hold
        final Map<String, String> afterFailover = encryptorKeyIds();
        final long deadline = System.nanoTime() + SETTLE.toNanos();
        Map<String, String> now = afterFailover;
        while (now.entrySet().stream().anyMatch(entry -> entry.getValue().equals(afterFailover.get(entry.getKey())))
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
            now = encryptorKeyIds();
        }
        for (var entry : now.entrySet()) {
            assertNotEquals(afterFailover.get(entry.getKey()), entry.getValue(), entry.getKey()
                + " did not rotate within " + SETTLE + " after the failover: " + now);
        }
        // a slice (re)activated through a survivor
        final var deactivated = slices.deactivate(UC2);
        assertEquals(200, deactivated.status(), deactivated.body());
        assertEquals(200, slices.delete(UC2).status());
        slices.create(root.resolve("testbed/use-case-2.json"));
        final var activated = slices.activate(UC2);
        assertEquals(200, activated.status(), activated.body());
        awaitInSync(survivor, UC2);
    }

    @Test
    @Order(3)
    void theKilledMemberRejoinsAndCatchesUp() throws Exception {
        final KarafInstance dead = cluster.members().stream().filter(member -> !member.isRunning()).findFirst()
            .orElseThrow(() -> new AssertionError("no member is down"));
        rejoin(dead);
        // it reads what the others wrote while it was dead (use case 2 was created again)
        final var through = new SliceClient(dead.restconf());
        final var fromSurvivor = new SliceClient(cluster.running().stream().filter(member -> member != dead)
            .findFirst().orElseThrow().restconf());
        awaitEqual(() -> through.slice(UC2), () -> fromSurvivor.slice(UC2), "use case 2 through " + name(dead));
        final String console = dead.console(Duration.ofMinutes(2), "qslice:cluster-status");
        assertTrue(console.contains("this member: " + name(dead)), console);
    }

    @Test
    @Order(4)
    void theKmsMemberKilledLosesNoKeyAndDeliversNoneTwice() throws Exception {
        // the member running the KMS now, whether or not it runs the orchestrator too (test 2 killed the
        // orchestrator's member, which may not have been the KMS's)
        final KarafInstance victim = cluster.member(cluster.singletonOwner(Cluster.KMS).orElseThrow());
        final Path pki = victim.home().resolve("etc/qslice-kms-pki");
        final Map<String, String> delivered = deliverKeys(victim, pki);
        final long killed = System.nanoTime();
        ControllerKills.kill(victim);
        final KarafInstance kms = noKeyLostOrDeliveredTwice(victim, pki, delivered);
        report("cluster: KMS failover after kill -9 of %s: %s served the dead member's keys %.1f s after the fault",
            name(victim), name(kms), (System.nanoTime() - killed) / 1e9);
        assertNotEquals(victim, kms);
        rejoin(victim);
    }

    @Test
    @Order(5)
    void theOrchestratorsMemberKilledMidActivationIsRecovered() throws Exception {
        final KarafInstance victim = cluster.member(owner());
        final KarafInstance other = cluster.running().stream().filter(member -> member != victim).findFirst()
            .orElseThrow();
        final var slices = new SliceClient(other.restconf());
        for (String useCase : List.of(UC1, UC2)) {
            final var deactivated = slices.deactivate(useCase);
            assertEquals(200, deactivated.status(), deactivated.body());
        }
        DeviceChecks.awaitClean(other, testbed, "before the kill mid-activation");
        ControllerKills.killAt(victim, "activate 2 after-edit", () -> slices.activate(UC1));
        final long killed = System.nanoTime();
        final KarafInstance survivor = awaitNewOwner(Set.of(name(victim)), killed, "kill -9 mid-activation");
        final var recovered = ControllerKills.awaitState(new SliceClient(survivor.restconf()), UC1, "reserved");
        final String error = recovered.has("last-error") ? recovered.get("last-error").getAsString() : "";
        assertTrue(error.contains("activation interrupted at step 2 of "), recovered.toString());
        // every device consistent, read directly over NETCONF (and through the survivors' mount points)
        for (KarafInstance member : cluster.running()) {
            DeviceChecks.awaitClean(member, testbed, "after the kill mid-activation, through " + name(member));
        }
        rejoin(victim);
        // and the slices activate again through the member that rejoined first
        final var again = new SliceClient(cluster.member(rejoined.iterator().next()).restconf());
        for (String useCase : List.of(UC1, UC2)) {
            final var activated = again.activate(useCase);
            assertEquals(200, activated.status(), activated.body());
            awaitInSync(victim, useCase);
        }
    }

    @Test
    @Order(6)
    void anIsolatedMemberIsReplacedAndResynchronises() throws Exception {
        final KarafInstance isolated = cluster.member(owner());
        final List<KarafInstance> others = cluster.running().stream().filter(member -> member != isolated).toList();
        final long stopped = System.nanoTime();
        isolated.signal("-STOP");
        try {
            final KarafInstance serving = awaitNewOwner(Set.of(name(isolated)), stopped, "SIGSTOP");
            final var slices = new SliceClient(serving.restconf());
            // the devices whose NETCONF master was the frozen member get a new master first
            awaitInSync(serving, UC2);
            final var deactivated = slices.deactivate(UC2);
            assertEquals(200, deactivated.status(), deactivated.body());
            for (KarafInstance member : others) {
                awaitEqual(() -> new SliceClient(member.restconf()).slice(UC2), () -> slices.slice(UC2),
                    "use case 2 through " + name(member) + " while " + name(isolated) + " is frozen");
            }
        } finally {
            isolated.signal("-CONT");
        }
        // resumed, it finds the majority downed it: whatever it answers to a change now, a success must be real
        final var isolatedSlices = new SliceClient(isolated.restconf(Duration.ofSeconds(30)));
        Restconf.Response answer;
        try {
            answer = isolatedSlices.activate(UC2);
        } catch (IOException e) {
            answer = new Restconf.Response(0, e.toString());
        }
        report("cluster: activate-slice sent to %s right after SIGCONT: %d %s", name(isolated), answer.status(),
            answer.body());
        final var majority = new SliceClient(others.getFirst().restconf());
        if (answer.ok()) {
            assertEquals("active", majority.slice(UC2).orElseThrow().getAsJsonObject("status").get("state")
                .getAsString(), "a success answered by the isolated member is not on the majority");
        }
        // the majority downed it: Pekko quarantines it and it leaves the cluster (its RESTCONF then refuses every
        // request); ODL's own in-process restart did not bring it back in our runs, so it is restarted by its PID,
        // as an operator (or systemd) restarts a downed member, unless it rejoined by itself meanwhile
        final long resumed = System.nanoTime();
        final Read fromIsolated = () -> new SliceClient(isolated.restconf(Duration.ofSeconds(10))).slice(UC2);
        try {
            awaitEqual(fromIsolated, () -> majority.slice(UC2), "use case 2 through " + name(isolated),
                Duration.ofSeconds(30));
            report("cluster: %s rejoined by itself after SIGCONT", name(isolated));
        } catch (AssertionError e) {
            report("cluster: %s did not rejoin by itself within 30 s of SIGCONT: restarted by its PID",
                name(isolated));
            assertTrue(isolated.stop(Duration.ofSeconds(60)), name(isolated) + " was not running");
            rejoin(isolated);
        }
        awaitEqual(fromIsolated, () -> majority.slice(UC2), "use case 2 through " + name(isolated) + " after SIGCONT",
            ControllerExtension.BOOT_TIMEOUT);
        cluster.awaitLeaders(LEADERS);
        // a member that rejoined by itself restarted its container in place (ODL's QuarantinedMonitorActor): its
        // console commands come back with its bundles, a little after its RESTCONF, and in some runs its console
        // stayed unusable; then it is restarted by its PID, as an operator would, and its console must work
        String console = consoleView(isolated, Duration.ofMinutes(2));
        if (!allUp(console)) {
            report("cluster: %s's console after its in-place restart did not show the cluster within 2 min: "
                + "restarted by its PID%n", name(isolated));
            assertTrue(isolated.stop(Duration.ofSeconds(60)), name(isolated) + " was not running");
            rejoin(isolated);
            console = consoleView(isolated, ControllerExtension.BOOT_TIMEOUT);
        }
        assertTrue(allUp(console), console);
        report("cluster: %s serving and resynchronised %.1f s after SIGCONT%n", name(isolated),
            (System.nanoTime() - resumed) / 1e9);
        assertTrue(rejoinedTookOver, "no member that was killed and rejoined ran the orchestrator afterwards");
    }

    /**
     * Runs {@code qslice:cluster-status} on a member until it shows every member up, or the bound passes (a session
     * that hangs counts as not yet); returns the last output.
     */
    private String consoleView(final KarafInstance member, final Duration bound) throws InterruptedException {
        final long deadline = System.nanoTime() + bound.toNanos();
        String console = "";
        while (System.nanoTime() < deadline) {
            try {
                console = member.console(Duration.ofSeconds(30), "qslice:cluster-status");
            } catch (IOException e) {
                console = e.toString();
            }
            if (allUp(console)) {
                break;
            }
            Thread.sleep(2000);
        }
        return console;
    }

    /** Whether a {@code qslice:cluster-status} output shows every member up and reachable. */
    private boolean allUp(final String console) {
        return cluster.members().stream().allMatch(member -> Pattern.compile(name(member) + "\\s+Up\\s+yes")
            .matcher(console).find());
    }

    /** Restarts a killed member and waits until it serves and every shard has a leader again. */
    private void rejoin(final KarafInstance member) throws Exception {
        final long started = System.nanoTime();
        cluster.start(List.of(member), restarted -> { }, restarted -> { }, PROBE, ControllerExtension.BOOT_TIMEOUT,
            LEADERS);
        testbed.awaitMounted(member.restconf(Cluster.QUERY_TIMEOUT), Duration.ofMinutes(2));
        rejoined.add(name(member));
        report("cluster: %s restarted, rejoined and mounted in %.1f s%n", name(member),
            (System.nanoTime() - started) / 1e9);
    }

    /**
     * Waits until a running member other than the excluded ones runs the orchestrator and answers an RPC of it
     * ({@code compute-slice} through that member), prints the failover time and returns that member.
     */
    private KarafInstance awaitNewOwner(final Set<String> excluded, final long since, final String what)
            throws Exception {
        final long deadline = System.nanoTime() + FAILOVER.toNanos();
        final String request = Files.readString(root.resolve("testbed/use-case-1.json"));
        final List<KarafInstance> ask = cluster.running().stream().filter(member -> !excluded.contains(name(member)))
            .toList();
        while (System.nanoTime() < deadline) {
            final Optional<String> owner = Cluster.singletonOwner(ORCHESTRATOR, ask);
            if (owner.isPresent() && !excluded.contains(owner.orElseThrow())) {
                final KarafInstance member = cluster.member(owner.orElseThrow());
                if (answers(member, request)) {
                    report("cluster: failover after %s: %s runs the orchestrator and answered %.1f s after"
                        + " the fault%n", what, owner.orElseThrow(), (System.nanoTime() - since) / 1e9);
                    if (rejoined.contains(owner.orElseThrow())) {
                        rejoinedTookOver = true;
                    }
                    return member;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no other member ran the orchestrator within " + FAILOVER + " after " + what);
    }

    /** Whether a member answers {@code compute-slice} now (a bounded call; the cluster may still be settling). */
    private static boolean answers(final KarafInstance member, final String request) throws InterruptedException {
        try {
            return member.restconf(Duration.ofSeconds(5)).rpcRaw("qslice-slice:compute-slice", request).ok();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Creates a pool for two SAEs through member-1 and has its master SAE take keys with enc_keys from the member
     * running the KMS, presenting the certificate that member's KMS generated for it.
     *
     * @return key id to key (Base64), as delivered
     */
    private Map<String, String> deliverKeys(final KarafInstance kms, final Path pki) throws Exception {
        final var created = cluster.member("member-1").restconf().rpc("qslice-kms:create-pool",
            JsonParser.parseString("""
                {"channel-id": "cluster-it/sae#1", "key-type": "dh", "master-sae-id": "%s", "slave-sae-id": "%s",
                 "pool-size": 16, "low-water": 4}""".formatted(SAE_MASTER, SAE_SLAVE)).getAsJsonObject());
        assertEquals(200, created.status(), created.body());
        await(FAILOVER, "the KMS's certificates of the SAEs", () -> Files.exists(pki.resolve("sae/" + SAE_MASTER
            + ".key")) && Files.exists(pki.resolve("sae/" + SAE_SLAVE + ".key")));
        final HttpClient master = Etsi014Sae.client(pki, SAE_MASTER);
        final URI etsi = etsi014(kms);
        final var delivered = new TreeMap<String, String>();
        final var millis = new ArrayList<Double>();
        while (delivered.size() < 12) {
            final long sent = System.nanoTime();
            final Map<String, String> keys = takeKeys(master, etsi, "/api/v1/keys/" + SAE_SLAVE
                + "/enc_keys?number=2");
            millis.add((System.nanoTime() - sent) / 1e6);
            assertTrue(keys.keySet().stream().noneMatch(delivered::containsKey), "delivered twice: " + keys);
            delivered.putAll(keys);
        }
        // each delivery is recorded in the replicated datastore before the answer (a refill wait counts too)
        millis.sort(null);
        report("cluster: enc_keys of 2 keys through %s (the KMS's member, vault replicated): %d requests, median"
            + " %.1f ms, min %.1f ms, max %.1f ms", name(kms), millis.size(), millis.get(millis.size() / 2),
            millis.getFirst(), millis.getLast());
        return delivered;
    }

    /**
     * The member running the KMS after the kill: its slave SAE fetches every key delivered before (the same key),
     * its master SAE gets new keys, never one of those; both present the certificates the KMS issued before the
     * kill, and trust the CA it had (the PKI is replicated with the vault).
     */
    private KarafInstance noKeyLostOrDeliveredTwice(final KarafInstance kmsBefore, final Path pki,
            final Map<String, String> delivered) throws Exception {
        final KarafInstance kms = cluster.member(owner(Cluster.KMS));
        final URI etsi = etsi014(kms);
        final HttpClient slave = Etsi014Sae.client(pki, SAE_SLAVE);
        for (var key : delivered.entrySet()) {
            final Map<String, String> fetched = takeKeys(slave, etsi, "/api/v1/keys/" + SAE_MASTER
                + "/dec_keys?key_ID=" + key.getKey());
            assertEquals(Map.of(key.getKey(), key.getValue()), fetched, "dec_keys through " + name(kms));
        }
        final HttpClient master = Etsi014Sae.client(pki, SAE_MASTER);
        int fresh = 0;
        while (fresh < 24) {
            for (String id : takeKeys(master, etsi, "/api/v1/keys/" + SAE_SLAVE + "/enc_keys?number=2").keySet()) {
                assertFalse(delivered.containsKey(id), "key " + id + " delivered again through " + name(kms));
                fresh++;
            }
        }
        report("cluster: KMS on %s before the kill, on %s after; the %d keys delivered before were fetched by the"
            + " slave SAE through %s, %d new keys, none delivered twice", name(kmsBefore), name(kms),
            delivered.size(), name(kms), fresh);
        return kms;
    }

    /** One ETSI 014 request, repeated while the KMS is starting or refilling (503, or no connection yet). */
    private static Map<String, String> takeKeys(final HttpClient sae, final URI etsi, final String path)
            throws Exception {
        final long deadline = System.nanoTime() + FAILOVER.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                final var response = sae.send(Etsi014Sae.get(etsi, path), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    final var keys = new TreeMap<String, String>();
                    for (var key : JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("keys")) {
                        keys.put(key.getAsJsonObject().get("key_ID").getAsString(),
                            key.getAsJsonObject().get("key").getAsString());
                    }
                    return keys;
                }
                // 503 while the engine starts, or a pool refilling; any other answer is a failure
                assertTrue(response.statusCode() == 503 || response.body().contains("not enough keys"),
                    path + " through " + etsi + ": " + response.statusCode() + " " + response.body());
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(path + " through " + etsi + " not answered within " + FAILOVER + ": " + last);
    }

    private static URI etsi014(final KarafInstance member) {
        return URI.create("https://127.0.0.1:" + member.ports().kms());
    }

    private static void await(final Duration bound, final String what, final java.util.function.BooleanSupplier done)
            throws InterruptedException {
        final long deadline = System.nanoTime() + bound.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not there within " + bound);
            }
            Thread.sleep(250);
        }
    }

    /** The member running the orchestrator now (waits for one). */
    private String owner() throws Exception {
        return owner(ORCHESTRATOR);
    }

    /** The running member that runs a singleton group now (waits for one). */
    private String owner(final String group) throws Exception {
        final long deadline = System.nanoTime() + FAILOVER.toNanos();
        while (System.nanoTime() < deadline) {
            final Optional<String> owner = cluster.singletonOwner(group);
            if (owner.isPresent() && cluster.member(owner.orElseThrow()).isRunning()) {
                return owner.orElseThrow();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no member runs " + group);
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

    /** The key id each encrypting port of the encryptors holds, read directly on the simulators. */
    private Map<String, String> encryptorKeyIds() throws IOException {
        final var ids = new TreeMap<String, String>();
        for (Testbed.Running device : testbed.list()) {
            if (!"encryptor".equals(device.device().kind())) {
                continue;
            }
            final var matcher = KEY_ID.matcher(testbed.readDirect(device.device().nodeId()));
            for (int port = 0; matcher.find(); port++) {
                ids.put(device.device().nodeId() + "#" + port, matcher.group(1));
            }
        }
        return ids;
    }

    /** A read that may fail while the cluster settles. */
    @FunctionalInterface
    private interface Read {
        Optional<JsonObject> read() throws Exception;
    }

    private static void awaitEqual(final Read actual, final Read expected, final String what) throws Exception {
        awaitEqual(actual, expected, what, SETTLE);
    }

    private static void awaitEqual(final Read actual, final Read expected, final String what, final Duration bound)
            throws Exception {
        final long deadline = System.nanoTime() + bound.toNanos();
        Optional<JsonObject> seen = Optional.empty();
        Optional<JsonObject> wanted = Optional.empty();
        while (System.nanoTime() < deadline) {
            try {
                seen = actual.read();
                wanted = expected.read();
                if (seen.equals(wanted)) {
                    return;
                }
            } catch (IOException | IllegalStateException e) {
                // not serving yet
            }
            Thread.sleep(250);
        }
        assertEquals(wanted, seen, what);
    }

    /** Waits until check-slice through a member finds the slice's devices as its journal says. */
    private static void awaitInSync(final KarafInstance member, final String sliceId) throws Exception {
        final long deadline = System.nanoTime() + SETTLE.toNanos();
        final var errors = new ArrayList<String>();
        while (true) {
            try {
                DeviceChecks.assertInSync(member, sliceId);
                return;
            } catch (AssertionError | IOException e) {
                errors.add(e.getMessage());
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(sliceId + " not in sync through " + name(member) + " within " + SETTLE
                        + ": " + new TreeSet<>(errors), e);
                }
            }
            Thread.sleep(500);
        }
    }
}
