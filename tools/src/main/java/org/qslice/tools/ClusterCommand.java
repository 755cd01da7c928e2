/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.qslice.tools.karaf.Cluster;
import org.qslice.tools.karaf.KarafInstance;

/**
 * {@code ./qslice cluster start [--nodes N] [--fresh] | stop | status}: N controller instances (default 3) on
 * loopback as one OpenDaylight cluster ({@link Cluster}), under {@code .qslice/run/cluster}. Start waits until every
 * member serves RESTCONF and every shard of both datastores has a leader; run again while members are down (or after
 * a stop), it restarts them with their data (they rejoin); {@code --fresh} deletes a stopped cluster's data first.
 * Status prints the members, the members running the qslice singletons and each shard's leader; stop stops each
 * member by its PID.
 */
final class ClusterCommand {
    private static final String USAGE = "usage: ./qslice cluster start [--nodes N] [--fresh] | stop | status";
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
        Integer nodes = null;
        boolean fresh = false;
        for (int i = 1; i < args.size(); i++) {
            if ("--nodes".equals(args.get(i)) && i + 1 < args.size()) {
                nodes = Integer.parseInt(args.get(++i));
                if (nodes < 1 || nodes > 9) {
                    throw new IllegalArgumentException("--nodes: 1 to 9, not " + nodes);
                }
            } else if ("--fresh".equals(args.get(i))) {
                fresh = true;
            } else {
                throw new IllegalArgumentException("unknown cluster option " + args.get(i));
            }
        }
        return switch (args.get(0)) {
            case "start" -> start(nodes, fresh);
            case "stop" -> stop();
            case "status" -> status();
            default -> throw new IllegalArgumentException(USAGE);
        };
    }

    private static Path dir(final Path root) {
        return Launcher.runDir(root).resolve("cluster");
    }

    /**
     * The running members of the cluster {@code ./qslice cluster start} started under a root.
     *
     * @param root the qslice checkout
     * @param javaHome the JDK the members run on
     * @return the running members, member-1 first; empty without a cluster
     * @throws IOException when a member's files cannot be read
     */
    static List<KarafInstance> running(final Path root, final Path javaHome) throws IOException {
        return Cluster.open(dir(root), javaHome).running();
    }

    private int start(final Integer wanted, final boolean fresh) throws IOException, InterruptedException {
        final Cluster existing = Cluster.open(dir(root), javaHome);
        if (fresh && !existing.members().isEmpty()) {
            if (!existing.running().isEmpty()) {
                throw new IllegalArgumentException("--fresh deletes the cluster's data: stop it first "
                    + "(./qslice cluster stop)");
            }
            Out.println("deleting the stopped cluster's data (--fresh)");
        } else if (!existing.members().isEmpty()) {
            if (wanted != null && wanted != existing.members().size()) {
                throw new IllegalArgumentException("a cluster of " + existing.members().size() + " members exists "
                    + "under " + dir(root) + ": start it as it is, or stop it and start --fresh --nodes " + wanted
                    + " (its data is deleted)");
            }
            // a member that died or was stopped rejoins with its own data (journal, snapshots) and catches up; a
            // cluster stopped as a whole starts again with its data
            final long started = System.nanoTime();
            existing.start(existing.members().stream().filter(member -> !member.isRunning()).toList(),
                member -> Out.println("restarting " + Cluster.name(member) + " with its data (it rejoins the cluster)"),
                member -> serving(member, started), Launcher.PROBE_RPC, bootTimeout, LEADERS_TIMEOUT);
            return status();
        }
        final int nodes = wanted == null ? 3 : wanted;
        if (!Files.isRegularFile(launcher.assembly().resolve("bin/karaf"))) {
            throw new IOException("no built distribution at " + launcher.assembly() + ": run ./qslice build first");
        }
        Launcher.deleteTreeIfExists(dir(root));
        final Cluster cluster = Cluster.create(launcher.assembly(), dir(root), nodes, javaHome);
        final long started = System.nanoTime();
        // stopped by PID if the start fails or is interrupted (Ctrl-C); left running once it succeeded
        final var up = new AtomicBoolean();
        cluster.start(cluster.members(), member -> StopOnExit.register("cluster " + Cluster.name(member), () -> {
            if (!up.get()) {
                member.close();
            }
        }), member -> serving(member, started), Launcher.PROBE_RPC, bootTimeout, LEADERS_TIMEOUT);
        Out.printf("cluster of %d members up in %.1f s%n", nodes, (System.nanoTime() - started) / 1e9);
        up.set(true);
        return status();
    }

    /** Says that a started member serves RESTCONF. */
    private static void serving(final KarafInstance member, final long started) {
        Out.printf("%s up after %.1f s (PID %d): RESTCONF %s%n", Cluster.name(member),
            (System.nanoTime() - started) / 1e9, member.process().map(ProcessHandle::pid).orElse(-1L),
            member.restconfUri());
    }

    private int stop() throws IOException, InterruptedException {
        final Cluster cluster = Cluster.open(dir(root), javaHome);
        if (cluster.members().isEmpty()) {
            Out.println("no cluster");
            return 0;
        }
        final List<String> stopped = cluster.stop(Duration.ofSeconds(90));
        Out.println(stopped.isEmpty() ? "no member was running" : "stopped " + String.join(", ", stopped));
        return 0;
    }

    private int status() throws IOException, InterruptedException {
        final Cluster cluster = Cluster.open(dir(root), javaHome);
        if (cluster.members().isEmpty()) {
            Out.println("no cluster: ./qslice cluster start");
            return 1;
        }
        for (KarafInstance member : cluster.members()) {
            final boolean reachable = member.isRunning()
                && member.restconf(Cluster.QUERY_TIMEOUT).answers(Launcher.PROBE_RPC);
            Out.println(Cluster.name(member) + " pid=" + pid(member) + " " + member.restconfUri() + " "
                + (reachable ? "reachable" : "unreachable"));
        }
        // what an SAE is given: every member's ETSI 014 address, tried in order (only the KMS's member listens)
        Out.println("KME URLs (ETSI GS QKD 014): " + cluster.members().stream()
            .map(member -> "https://127.0.0.1:" + member.ports().kms()).collect(Collectors.joining(" ")));
        for (String group : List.of(Cluster.ORCHESTRATOR, Cluster.KMS)) {
            final Optional<String> owner = cluster.singletonOwner(group);
            Out.println(group.substring("qslice-".length()) + ": "
                + owner.map(name -> name + " pid=" + pid(cluster.member(name))).orElse("none (no member runs it now)"));
        }
        for (String store : Cluster.STORES) {
            for (String shard : cluster.shards()) {
                Out.println("shard " + store + "/" + shard + ": leader " + cluster.leader(shard, store)
                    .map(Cluster::name).orElse("none"));
            }
        }
        return 0;
    }

    private static String pid(final KarafInstance member) {
        return member.process().map(ProcessHandle::pid).map(String::valueOf).orElse("-");
    }
}
