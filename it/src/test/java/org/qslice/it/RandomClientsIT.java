/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qslice.tools.karaf.KarafInstance;
import org.qslice.tools.slice.SliceClient;
import org.qslice.tools.testbed.Testbed;

/**
 * N clients issue random slice operations over RESTCONF for a fixed time against the booted distribution in
 * {@code per-device} locking mode (switched at run time through {@code etc/org.qslice.orchestrator.cfg}, as an
 * operator would, and switched back afterwards), on the paper's testbed of real NETCONF simulators. Then the
 * invariants: no slice in a transient state; every device, read directly over NETCONF, holds exactly the union of
 * the journals of the active slices; no port+VLAN and no client port shared by two entries; every slice can be
 * deactivated and deleted, leaving every device clean and room for both use cases again (nothing leaked).
 */
@ExtendWith({ ControllerExtension.class, TestbedExtension.class })
class RandomClientsIT {
    private static final int CLIENTS = 4;
    private static final int POOL = 6;
    private static final long SEED = Long.getLong("qslice.it.random.seed", 20_261_202L);
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("qslice.it.random.seconds", 40L));
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final List<String> SITES = List.of("cell-1", "cell-2", "agg-1", "metro-1", "core-1");
    private static final List<String> LEVELS = List.of("none", "dh-aes", "qra-aes", "qkd-aes");
    private static final Set<String> BUSY = Set.of("provisioning", "deprovisioning");

    private final Path root = TestbedExtension.root();

    @Test
    void randomClientsInPerDeviceModeKeepEveryInvariant(final KarafInstance controller, final Testbed testbed,
            final TestReporter reporter) throws Exception {
        DeviceChecks.resetTestbed(controller, testbed, root);
        final Path cfg = controller.home().resolve("etc/org.qslice.orchestrator.cfg");
        final String original = Files.readString(cfg, StandardCharsets.UTF_8);
        try {
            switchLocking(controller, cfg, original + "locking = per-device\n", "per-device");
            DeviceChecks.resetTestbed(controller, testbed, root);
            reporter.publishEntry("outcomes", run(controller, testbed));
        } finally {
            switchLocking(controller, cfg, original, "global");
        }
    }

    /**
     * Runs the clients and checks the invariants.
     *
     * @return what the clients got, per operation and HTTP status
     */
    private String run(final KarafInstance controller, final Testbed testbed) throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        final var outcomes = new TreeMap<String, Integer>();
        final var unexpected = new ArrayList<String>();
        try {
            final long deadline = System.nanoTime() + RUN.toNanos();
            final var running = new ArrayList<Future<Client>>();
            for (int i = 0; i < CLIENTS; i++) {
                running.add(pool.submit(new Client(i, new SliceClient(controller.restconf()), deadline)));
            }
            for (Future<Client> future : running) {
                final Client client = future.get(RUN.toSeconds() + 120, TimeUnit.SECONDS);
                client.outcomes.forEach((what, count) -> outcomes.merge(what, count, Integer::sum));
                unexpected.addAll(client.unexpected);
            }
        } finally {
            pool.shutdownNow();
        }
        final String where = CLIENTS + " clients, seed " + SEED + " (-Dqslice.it.random.seed), " + RUN.toSeconds()
            + " s: " + outcomes;
        assertEquals(List.of(), unexpected, where);
        assertTrue(outcomes.getOrDefault("activate: 200", 0) > 0, () -> "nothing was activated; " + where);

        final var slices = new SliceClient(controller.restconf());
        final Map<String, String> states = awaitSettled(slices, where);
        // a failed slice is deactivated (removes exactly what its journal names), so every slice is active or
        // reserved and the devices must hold exactly the active slices' journals
        for (var entry : states.entrySet()) {
            if (entry.getValue().equals("failed")) {
                final var response = slices.deactivate(entry.getKey());
                assertEquals(200, response.status(), () -> "deactivate failed " + entry.getKey() + ": "
                    + response.body());
            }
        }
        final Map<String, String> settled = awaitSettled(slices, where);
        assertTrue(settled.values().stream().allMatch(state -> state.equals("active") || state.equals("reserved")),
            () -> settled + "; " + where);
        final Journals journals = journals(controller, Set.copyOf(settled.entrySet().stream()
            .filter(entry -> entry.getValue().equals("active")).map(Map.Entry::getKey).toList()));
        assertEquals(List.of(), journals.problems, where);
        final Map<String, Set<String>> direct = DeviceChecks.direct(testbed);
        final var held = new TreeMap<String, Set<String>>();
        direct.forEach((node, names) -> {
            if (!names.isEmpty()) {
                held.put(node, names);
            }
        });
        assertEquals(journals.expected, held, "the devices (read directly over NETCONF) against the union of the "
            + "active slices' journals; " + where);

        for (var entry : settled.entrySet()) {
            if (entry.getValue().equals("active")) {
                slices.deactivate(entry.getKey()).expectOk("deactivate " + entry.getKey());
            }
            slices.delete(entry.getKey()).expectOk("delete " + entry.getKey());
        }
        DeviceChecks.awaitClean(controller, testbed, "after every slice was deleted; " + where);
        DeviceChecks.assertNoChannelRotates(controller);
        // nothing leaked: both use cases fit again, and activate
        for (String id : List.of("use-case-1", "use-case-2")) {
            slices.create(root.resolve("testbed/" + id + ".json"));
            slices.activate(id).expectOk("activate " + id + " after the random run");
        }
        for (String id : List.of("use-case-1", "use-case-2")) {
            slices.deactivate(id).expectOk("deactivate " + id);
            slices.delete(id).expectOk("delete " + id);
        }
        DeviceChecks.awaitClean(controller, testbed, "after the use cases");
        return where;
    }

    /**
     * Writes the configuration and waits until the orchestrator publishes the mode (it is re-activated with it).
     */
    private static void switchLocking(final KarafInstance controller, final Path cfg, final String content,
            final String mode) throws IOException, InterruptedException {
        Files.writeString(cfg, content, StandardCharsets.UTF_8);
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        String seen = "";
        while (System.nanoTime() < deadline) {
            final var response = controller.restconf().get("qslice-slice:provisioning/locking");
            if (response.ok()) {
                seen = response.json().get("qslice-slice:locking").getAsString();
                if (seen.equals(mode) && controller.restconf().answers("qslice-info:get-info")) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the orchestrator did not switch to " + mode + " locking (last seen: '"
            + seen + "')");
    }

    private static Map<String, String> awaitSettled(final SliceClient slices, final String where)
            throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + SETTLE.toNanos();
        Map<String, String> states = states(slices);
        while (states.values().stream().anyMatch(BUSY::contains) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            states = states(slices);
        }
        final Map<String, String> last = states;
        assertTrue(last.values().stream().noneMatch(BUSY::contains), () -> "slices still busy: " + last + "; "
            + where);
        return last;
    }

    private static Map<String, String> states(final SliceClient slices) throws IOException, InterruptedException {
        final var states = new TreeMap<String, String>();
        for (String id : slices.sliceIds()) {
            slices.slice(id).ifPresent(slice -> states.put(id, slice.getAsJsonObject("status").get("state")
                .getAsString()));
        }
        return states;
    }

    /**
     * What the journals say the devices hold: the entry names per node of every applied step of the active slices,
     * and what is wrong (an applied step of a slice that is not active, an entry or port+VLAN named twice).
     */
    private record Journals(Map<String, Set<String>> expected, List<String> problems) {
    }

    private static Journals journals(final KarafInstance controller, final Set<String> active) throws Exception {
        final var response = controller.restconf().get("qslice-slice:journal?content=config");
        final var expected = new TreeMap<String, Set<String>>();
        final var problems = new ArrayList<String>();
        if (response.status() == 404) {
            return new Journals(expected, problems);
        }
        response.expectOk("reading the journals");
        final JsonObject journal = response.json().getAsJsonObject("qslice-slice:journal");
        final JsonArray list = journal == null ? null : journal.getAsJsonArray("slice");
        final var portVlans = new TreeSet<String>();
        for (JsonElement element : list == null ? new JsonArray() : list) {
            final JsonObject slice = element.getAsJsonObject();
            final String id = slice.get("slice-id").getAsString();
            for (JsonElement stepElement : array(slice, "step")) {
                final JsonObject step = stepElement.getAsJsonObject();
                final String state = step.get("state").getAsString();
                if (!step.has("device") || state.equals("removed") || state.equals("planned")) {
                    continue;
                }
                if (!state.equals("applied") || !active.contains(id)) {
                    problems.add("slice " + id + " (" + (active.contains(id) ? "active" : "not active") + ") step "
                        + step.get("index") + " is " + state);
                    continue;
                }
                final String node = step.getAsJsonObject("device").get("node-id").getAsString();
                final Set<String> names = expected.computeIfAbsent(node, key -> new TreeSet<>());
                for (String kind : List.of("cross-connect", "optical-cross-connect", "client-port")) {
                    for (JsonElement entry : array(step, kind)) {
                        final JsonObject object = entry.getAsJsonObject();
                        final String name = object.get("name").getAsString();
                        if (!names.add(name)) {
                            problems.add(node + ": entry " + name + " named twice (slice " + id + ")");
                        }
                        if (kind.equals("cross-connect")) {
                            for (String end : List.of("a", "z")) {
                                final String key = node + " port " + object.get(end + "-port").getAsString()
                                    + " vlan " + object.get(end + "-vlan").getAsString();
                                if (!portVlans.add(key)) {
                                    problems.add(key + " used twice (slice " + id + ", " + name + ")");
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Journals(expected, problems);
    }

    private static JsonArray array(final JsonObject object, final String member) {
        return object.has(member) ? object.getAsJsonArray(member) : new JsonArray();
    }

    /**
     * One client: random operations on a pool of slice ids until the deadline, each waited for before the next.
     * Every answer must be a success or an RFC 8040 error the operation may give (409 for the slice's state or a
     * lack of resources, 404 for a slice that does not exist); anything else (a 500) is unexpected.
     */
    private static final class Client implements Callable<Client> {
        private final int number;
        private final SliceClient slices;
        private final long deadline;
        private final Random random;
        private final Map<String, Integer> outcomes = new TreeMap<>();
        private final List<String> unexpected = new ArrayList<>();

        Client(final int number, final SliceClient slices, final long deadline) {
            this.number = number;
            this.slices = slices;
            this.deadline = deadline;
            random = new Random(SEED + number);
        }

        @Override
        public Client call() throws IOException, InterruptedException {
            while (System.nanoTime() < deadline && unexpected.isEmpty()) {
                final String id = "r" + random.nextInt(POOL);
                final String operation = List.of("create", "create", "activate", "activate", "deactivate",
                    "delete").get(random.nextInt(6));
                final var response = switch (operation) {
                    case "create" -> slices.restconf().rpcRaw("qslice-slice:create-slice", request(id));
                    case "activate" -> slices.activate(id);
                    case "deactivate" -> slices.deactivate(id);
                    default -> slices.delete(id);
                };
                final int status = response.status();
                outcomes.merge(operation + ": " + status, 1, Integer::sum);
                final boolean expected = switch (status) {
                    case 200, 204 -> true;
                    // the state refuses it, the slice exists already, resources lack, or a device failed
                    case 409 -> true;
                    // a slice that does not exist (another client deleted it)
                    case 404 -> !operation.equals("create");
                    // a request the topology cannot serve (no path at that level): named in the error
                    case 400 -> operation.equals("create");
                    default -> false;
                };
                if (!expected) {
                    unexpected.add("client " + number + ": " + operation + " " + id + " answered " + status + " "
                        + response.body());
                }
            }
            return this;
        }

        private String request(final String id) {
            final String from = SITES.get(random.nextInt(SITES.size()));
            String to = SITES.get(random.nextInt(SITES.size()));
            while (to.equals(from)) {
                to = SITES.get(random.nextInt(SITES.size()));
            }
            return "{\"input\":{\"slice-id\":\"" + id + "\",\"connection\":[{\"name\":\"c\","
                + "\"role\":\"user-plane\",\"a-end\":{\"site\":\"" + from + "\"},\"z-end\":{\"site\":\"" + to
                + "\"},"
                + "\"min-security-level\":\"" + LEVELS.get(random.nextInt(LEVELS.size())) + "\","
                + "\"bandwidth-gbps\":\"" + (1 + random.nextInt(20)) / 10.0 + "\",\"max-latency-us\":20000}]}}";
        }
    }
}
