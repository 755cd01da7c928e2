/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.qslice.tools.karaf.KarafInstance;
import org.qslice.tools.karaf.Ports;

/**
 * {@code ./qslice cluster start|stop|status [--nodes N]}: N controller instances (default 3) on loopback as one
 * OpenDaylight cluster, configured the way ODL's {@code configure_cluster.sh} does: each member's
 * {@code configuration/initial/pekko.conf} names its role {@code member-N} and every member's Pekko address as a
 * seed node, and {@code module-shards.conf} puts a replica of every shard on every member. Start waits until every
 * member serves RESTCONF and every shard of both datastores has a leader (cluster-admin's {@code get-shard-role}
 * asked on every member); stop stops each member by its PID.
 */
final class ClusterCommand {
    /** Heap of one member (JAVA_MAX_MEM); three members share the machine. */
    static final String MEMBER_HEAP = "1024m";

    private static final String USAGE = "usage: ./qslice cluster start|stop|status [--nodes N]";
    private static final List<String> SHARDS = List.of("default", "topology", "inventory");
    private static final List<String> STORES = List.of("config", "operational");
    private static final Pattern SEED_NODES = Pattern.compile("seed-nodes\\s*=\\s*\\[[^\\]]*\\]");
    private static final Pattern ROLES = Pattern.compile("roles\\s*=\\s*\\[[^\\]]*\\]");
    private static final Pattern REPLICAS = Pattern.compile("replicas\\s*=\\s*\\[[^\\]]*\\]");
    private static final Duration LEADERS_TIMEOUT = Duration.ofMinutes(5);

    private final Launcher launcher;
    private final Path root;
    private final Path javaHome;
    private final Duration bootTimeout;

    ClusterCommand(final Launcher launcher, final Path root, final Path javaHome, final Duration bootTimeout) {
        this.launcher = requireNonNull(launcher);
        this.root = requireNonNull(root);
        this.javaHome = requireNonNull(javaHome);
        this.bootTimeout = requireNonNull(bootTimeout);
    }

    int run(final List<String> args) throws IOException, InterruptedException {
        if (args.isEmpty()) {
            throw new IllegalArgumentException(USAGE);
        }
        int nodes = 3;
        for (int i = 1; i < args.size(); i++) {
            if ("--nodes".equals(args.get(i)) && i + 1 < args.size()) {
                nodes = Integer.parseInt(args.get(++i));
                if (nodes < 1 || nodes > 9) {
                    throw new IllegalArgumentException("--nodes: 1 to 9, not " + nodes);
                }
            } else {
                throw new IllegalArgumentException("unknown cluster option " + args.get(i));
            }
        }
        return switch (args.get(0)) {
            case "start" -> start(nodes);
            case "stop" -> stop();
            case "status" -> status();
            default -> throw new IllegalArgumentException(USAGE);
        };
    }

    private Path dir() {
        return Launcher.runDir(root).resolve("cluster");
    }

    private Path memberHome(final int member) {
        return dir().resolve("member-" + member);
    }

    private int start(final int nodes) throws IOException, InterruptedException {
        final List<KarafInstance> existing = members();
        if (!existing.isEmpty() && existing.stream().anyMatch(KarafInstance::isRunning)) {
            // a member that died or was stopped rejoins with its own data (journal, snapshots) and catches up
            final long started = System.nanoTime();
            for (KarafInstance member : existing) {
                if (!member.isRunning()) {
                    Out.println("restarting " + member.home().getFileName() + " (it rejoins the cluster)");
                    member.start(Duration.ofSeconds(60), MEMBER_HEAP);
                    awaitServing(member, started);
                }
            }
            awaitLeaders(existing);
            return status();
        }
        if (!Files.isRegularFile(launcher.assembly().resolve("bin/karaf"))) {
            throw new IOException("no built distribution at " + launcher.assembly() + ": run ./qslice build first");
        }
        Launcher.deleteTreeIfExists(dir());
        final var members = new ArrayList<KarafInstance>();
        for (int i = 1; i <= nodes; i++) {
            members.add(KarafInstance.create(launcher.assembly(), memberHome(i), Ports.free(), javaHome));
        }
        final List<Integer> pekko = members.stream().map(member -> member.ports().pekko()).toList();
        for (int i = 1; i <= nodes; i++) {
            configure(memberHome(i), i, pekko);
        }
        final long started = System.nanoTime();
        // stopped by PID if the start fails or is interrupted (Ctrl-C); left running once it succeeded
        final var up = new AtomicBoolean();
        for (KarafInstance member : members) {
            StopOnExit.register("cluster " + member.home().getFileName(), () -> {
                if (!up.get()) {
                    member.close();
                }
            });
            member.start(Duration.ofSeconds(60), MEMBER_HEAP);
        }
        for (KarafInstance member : members) {
            awaitServing(member, started);
        }
        awaitLeaders(members);
        Out.printf("cluster of %d members up in %.1f s%n", nodes, (System.nanoTime() - started) / 1e9);
        up.set(true);
        return status();
    }

    /**
     * Writes a member's cluster configuration: its role, every member as a seed node, a replica of every shard on
     * every member.
     */
    static void configure(final Path home, final int member, final List<Integer> pekkoPorts) throws IOException {
        final Path pekko = home.resolve("configuration/initial/pekko.conf");
        final String seeds = pekkoPorts.stream().map(port -> "\"pekko://opendaylight-cluster-data@127.0.0.1:" + port
            + "\"").collect(Collectors.joining(", ", "seed-nodes = [", "]"));
        String text = Files.readString(pekko, StandardCharsets.UTF_8);
        text = SEED_NODES.matcher(text).replaceFirst(Matcher.quoteReplacement(seeds));
        text = ROLES.matcher(text).replaceFirst(Matcher.quoteReplacement("roles = [\"member-" + member + "\"]"));
        Files.writeString(pekko, text, StandardCharsets.UTF_8);
        final String replicas = IntStream.rangeClosed(1, pekkoPorts.size()).mapToObj(i -> "\"member-" + i + "\"")
            .collect(Collectors.joining(", ", "replicas = [", "]"));
        final Path shards = home.resolve("configuration/initial/module-shards.conf");
        Files.createDirectories(shards.getParent());
        Files.writeString(shards, REPLICAS.matcher(shippedModuleShards(home)).replaceAll(
            Matcher.quoteReplacement(replicas)), StandardCharsets.UTF_8);
    }

    private static String shippedModuleShards(final Path home) throws IOException {
        final Path system = home.resolve("system/org/opendaylight/controller/sal-clustering-config");
        final Optional<Path> shipped;
        try (var files = Files.walk(system)) {
            shipped = files.filter(file -> file.getFileName().toString().endsWith("-moduleshardconf.xml"))
                .findFirst();
        }
        return Files.readString(shipped.orElseThrow(() -> new IOException("no module-shards.conf in " + system)),
            StandardCharsets.UTF_8);
    }

    /** Waits until a started member serves RESTCONF, and says so. */
    private void awaitServing(final KarafInstance member, final long started)
            throws IOException, InterruptedException {
        final var restconf = member.restconf();
        member.awaitReady(bootTimeout, () -> restconf.answers(Launcher.PROBE_RPC));
        Out.printf("%s up after %.1f s (PID %d): RESTCONF %s%n", member.home().getFileName(),
            (System.nanoTime() - started) / 1e9, member.process().map(ProcessHandle::pid).orElse(-1L),
            member.restconfUri());
    }

    /** The member that leads a shard, if a running member says it does. */
    private static Optional<KarafInstance> leader(final List<KarafInstance> members, final String shard,
            final String store) throws InterruptedException {
        for (KarafInstance member : members) {
            if (member.isRunning() && "Leader".equals(role(member, shard, store))) {
                return Optional.of(member);
            }
        }
        return Optional.empty();
    }

    /** Waits until every shard of both datastores has a leader, as every member sees it. */
    private static void awaitLeaders(final List<KarafInstance> members) throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + LEADERS_TIMEOUT.toNanos();
        String missing = "";
        while (System.nanoTime() < deadline) {
            missing = missingLeaders(members);
            if (missing.isEmpty()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IOException("no leader within " + LEADERS_TIMEOUT + ": " + missing);
    }

    private static String missingLeaders(final List<KarafInstance> members) throws InterruptedException {
        final var missing = new ArrayList<String>();
        for (String store : STORES) {
            for (String shard : SHARDS) {
                if (leader(members, shard, store).isEmpty()) {
                    missing.add(store + "/" + shard);
                }
            }
        }
        return String.join(", ", missing);
    }

    /** A member's role for a shard (Leader, Follower, Candidate, ...), empty if it cannot say. */
    static String role(final KarafInstance member, final String shard, final String store)
            throws InterruptedException {
        final var input = new JsonObject();
        input.addProperty("shard-name", shard);
        input.addProperty("data-store-type", store);
        try {
            final var response = member.restconf().rpc("cluster-admin:get-shard-role", input);
            if (!response.ok()) {
                return "";
            }
            final JsonObject output = response.json().getAsJsonObject("cluster-admin:output");
            return output == null || !output.has("role") ? "" : output.get("role").getAsString();
        } catch (IOException e) {
            return "";
        }
    }

    private List<KarafInstance> members() throws IOException {
        final var members = new ArrayList<KarafInstance>();
        for (int i = 1; Files.isRegularFile(memberHome(i).resolve(KarafInstance.PORTS_FILE)); i++) {
            members.add(KarafInstance.open(memberHome(i), javaHome));
        }
        return members;
    }

    private int stop() throws IOException, InterruptedException {
        final List<KarafInstance> members = members();
        if (members.isEmpty()) {
            Out.println("no cluster");
            return 0;
        }
        for (KarafInstance member : members) {
            final Optional<Long> pid = member.process().map(ProcessHandle::pid);
            Out.println(member.home().getFileName() + (member.stop(Duration.ofSeconds(90))
                ? " stopped (PID " + pid.orElse(-1L) + ")" : " was not running"));
        }
        return 0;
    }

    private int status() throws IOException, InterruptedException {
        final List<KarafInstance> members = members();
        if (members.isEmpty()) {
            Out.println("no cluster: ./qslice cluster start");
            return 1;
        }
        for (KarafInstance member : members) {
            final boolean reachable = member.isRunning() && member.restconf().answers(Launcher.PROBE_RPC);
            Out.println(member.home().getFileName() + " pid=" + member.process().map(ProcessHandle::pid)
                .map(String::valueOf).orElse("-") + " " + member.restconfUri() + " "
                + (reachable ? "reachable" : "unreachable"));
        }
        for (String store : STORES) {
            for (String shard : SHARDS) {
                Out.println("shard " + store + "/" + shard + ": leader " + leader(members, shard, store)
                    .map(member -> member.home().getFileName().toString()).orElse("none"));
            }
        }
        return 0;
    }
}
