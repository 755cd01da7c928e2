/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools.karaf;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.qslice.tools.http.Restconf;

/**
 * N controller instances on loopback as one OpenDaylight cluster, in {@code member-1} ... {@code member-N} under one
 * directory, configured the way ODL's {@code configure_cluster.sh} does: each member's
 * {@code configuration/initial/pekko.conf} names its role {@code member-i} and every member's Pekko address as a
 * seed node, and {@code module-shards.conf} puts a replica of every shard on every member. Every member boots
 * {@code odl-qslice-all-clustered} (ODL's clustered NETCONF topology: every member has each device's mount point).
 * Used by {@code ./qslice cluster} and by the cluster integration test.
 */
public final class Cluster {
    /** Heap of one member (JAVA_MAX_MEM); three members share the machine. */
    public static final String MEMBER_HEAP = "1024m";
    /**
     * Pekko's acceptable heartbeat pause for the members (ODL ships 3 s). Three members share the machine with the
     * simulators: a member starved of CPU for 5.6 s during its first activation (measured on 2 cores) was marked
     * unreachable and the orchestrator singleton moved in the middle of the activation. The split-brain resolver's
     * stable-after (7 s) is ODL's.
     */
    public static final String HEARTBEAT_PAUSE = "15 s";
    /**
     * The orchestrator's device hold-off on a cluster: a device's mount point is removed and created again on every
     * member when its NETCONF master moves (3-5 s in ClusterIT); that is not a device failure.
     */
    public static final String DEVICE_LOSS_HOLD_OFF = "device-loss-hold-off-ms = 10000\n";
    /**
     * Written into each member's KMS configuration: its vault is replicated through the datastore, so the member
     * that takes the KMS over restores the pools, the channels, the delivery journal and the KMS PKI.
     */
    public static final String VAULT_REPLICATION = "vaultReplication = true\n";
    /** The KMS master key every member holds a copy of (in the cluster's directory; each member's in its etc/). */
    public static final String MASTER_KEY = "kms-master.key";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The two datastores. */
    public static final List<String> STORES = List.of("config", "operational");

    /** A shard's name in module-shards.conf: the first {@code name} of each entry of a {@code shards} list. */
    private static final Pattern SHARD_NAME = Pattern.compile("\\{\\s*name\\s*=\\s*\"([^\"]+)\"\\s*replicas");
    private static final Pattern SEED_NODES = Pattern.compile("seed-nodes\\s*=\\s*\\[[^\\]]*\\]");
    private static final Pattern ROLES = Pattern.compile("roles\\s*=\\s*\\[[^\\]]*\\]");
    private static final Pattern REPLICAS = Pattern.compile("replicas\\s*=\\s*\\[[^\\]]*\\]");
    private static final String SINGLE_BOOT = ">odl-qslice-all</feature>";
    /** The generated features file the boot feature is in, as org.apache.karaf.features.cfg names it. */
    private static final Pattern BOOT_REPOSITORY =
        Pattern.compile("(?m)^featuresRepositories\\s*=\\s*file:\\$\\{karaf\\.etc\\}/([^\\s,]+\\.xml)");
    private static final Duration SPAWN_TIMEOUT = Duration.ofSeconds(60);
    /** Bound of one question to a member (a frozen member must not hold the others' answers up). */
    /** Bound of one query to a member (short: the member may be frozen). */
    public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);
    /** The orchestrator's singleton group (as {@code org.qslice.api.cluster.ClusterStatus} names it). */
    public static final String ORCHESTRATOR = "qslice-orchestrator";
    /** The KMS engine's singleton group. */
    public static final String KMS = "qslice-kms";

    private final Path dir;
    private final List<KarafInstance> members;

    private Cluster(final Path dir, final List<KarafInstance> members) {
        this.dir = requireNonNull(dir);
        this.members = List.copyOf(members);
    }

    /**
     * Creates the members' instances from a built distribution (not started).
     *
     * @param assembly the unpacked distribution
     * @param dir where the members live (empty or absent)
     * @param nodes how many
     * @param javaHome the JDK
     * @return the cluster
     * @throws IOException if the files cannot be written
     */
    public static Cluster create(final Path assembly, final Path dir, final int nodes, final Path javaHome)
            throws IOException {
        final var members = new ArrayList<KarafInstance>();
        for (int i = 1; i <= nodes; i++) {
            members.add(KarafInstance.create(assembly, dir.resolve("member-" + i), Ports.free(), javaHome));
        }
        final List<Integer> pekko = members.stream().map(member -> member.ports().pekko()).toList();
        final Path masterKey = dir.resolve(MASTER_KEY);
        writeMasterKey(masterKey);
        for (int i = 1; i <= nodes; i++) {
            configure(dir.resolve("member-" + i), i, pekko, masterKey);
        }
        return new Cluster(dir, members);
    }

    /**
     * Opens the members a {@link #create} left in a directory.
     *
     * @param dir the directory
     * @param javaHome the JDK
     * @return the cluster, with no members when there is none
     * @throws IOException if a member's files cannot be read
     */
    public static Cluster open(final Path dir, final Path javaHome) throws IOException {
        final var members = new ArrayList<KarafInstance>();
        for (int i = 1; Files.isRegularFile(dir.resolve("member-" + i).resolve(KarafInstance.PORTS_FILE)); i++) {
            members.add(KarafInstance.open(dir.resolve("member-" + i), javaHome));
        }
        return new Cluster(dir, members);
    }

    /**
     * The members, member-1 first.
     *
     * @return the members
     */
    public List<KarafInstance> members() {
        return members;
    }

    /**
     * A member's name ({@code member-2}).
     *
     * @param member a member
     * @return its name, the name of its directory
     */
    public static String name(final KarafInstance member) {
        return member.home().getFileName().toString();
    }

    /**
     * A member by name.
     *
     * @param name {@code member-i}
     * @return the member
     * @throws IllegalArgumentException if there is no such member
     */
    public KarafInstance member(final String name) {
        return members.stream().filter(member -> name(member).equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no member " + name + " in " + dir));
    }

    /**
     * The running members.
     *
     * @return them, member-1 first
     */
    public List<KarafInstance> running() {
        return members.stream().filter(KarafInstance::isRunning).toList();
    }

    /**
     * Short-bounded RESTCONF clients of members, for polls that must not stall on a frozen member.
     *
     * @param members the members
     * @return their clients, in order
     */
    public static List<Restconf> clients(final List<KarafInstance> members) {
        return members.stream().map(member -> member.restconf(QUERY_TIMEOUT)).toList();
    }

    /** A step per member (preparing its home, reporting it serves). */
    @FunctionalInterface
    public interface MemberStep {
        /**
         * Runs the step.
         *
         * @param member the member
         * @throws IOException on failure
         */
        void run(KarafInstance member) throws IOException;
    }

    /**
     * Starts members together: each is prepared and spawned, then each awaited until it serves RESTCONF, then every
     * shard of both datastores until it has a leader.
     *
     * @param starting the members to start (every member of a new cluster, or those down)
     * @param prepare runs before a member is spawned (its configuration, a stop hook)
     * @param serving runs once a member serves (a report)
     * @param probeRpc an RPC that answers 200 once a member is ready
     * @param bootTimeout bound of each member's boot
     * @param leadersTimeout bound until every shard has a leader
     * @throws IOException if a member does not start or serve, or a shard has no leader, in time
     * @throws InterruptedException if interrupted
     */
    public void start(final List<KarafInstance> starting, final MemberStep prepare, final MemberStep serving,
            final String probeRpc, final Duration bootTimeout, final Duration leadersTimeout)
            throws IOException, InterruptedException {
        for (KarafInstance member : starting) {
            prepare.run(member);
            spawn(member);
        }
        for (KarafInstance member : starting) {
            awaitServing(member, bootTimeout, probeRpc);
            serving.run(member);
        }
        awaitLeaders(leadersTimeout);
    }

    /**
     * Starts a member's process (it joins, or rejoins with its own journal and snapshots) without waiting for it.
     *
     * @param member the member
     * @throws IOException if it cannot be started
     * @throws InterruptedException if interrupted
     */
    public static void spawn(final KarafInstance member) throws IOException, InterruptedException {
        member.start(SPAWN_TIMEOUT, MEMBER_HEAP);
    }

    /**
     * Waits until a member serves RESTCONF.
     *
     * @param member the member
     * @param timeout bound
     * @param probeRpc an RPC that answers 200 once the member is ready
     * @throws IOException if it does not within the bound
     * @throws InterruptedException if interrupted
     */
    public static void awaitServing(final KarafInstance member, final Duration timeout, final String probeRpc)
            throws IOException, InterruptedException {
        final var restconf = member.restconf();
        member.awaitReady(timeout, () -> restconf.answers(probeRpc));
    }

    /**
     * Writes a member's cluster configuration: its role, every member as a seed node, a replica of every shard on
     * every member, and the clustered boot feature.
     *
     * @param home the member's home
     * @param member its number
     * @param pekkoPorts every member's Pekko port, member-1 first
     * @param masterKey the KMS master key file every member gets a copy of
     * @throws IOException if the files cannot be written
     */
    static void configure(final Path home, final int member, final List<Integer> pekkoPorts, final Path masterKey)
            throws IOException {
        final Path pekko = home.resolve("configuration/initial/pekko.conf");
        final String seeds = pekkoPorts.stream().map(port -> "\"pekko://opendaylight-cluster-data@127.0.0.1:" + port
            + "\"").collect(Collectors.joining(", ", "seed-nodes = [", "]"));
        String text = Files.readString(pekko, StandardCharsets.UTF_8);
        text = SEED_NODES.matcher(text).replaceFirst(Matcher.quoteReplacement(seeds));
        text = ROLES.matcher(text).replaceFirst(Matcher.quoteReplacement("roles = [\"member-" + member + "\"]\n"
            + "      failure-detector.acceptable-heartbeat-pause = " + HEARTBEAT_PAUSE));
        Files.writeString(pekko, text, StandardCharsets.UTF_8);
        final String replicas = IntStream.rangeClosed(1, pekkoPorts.size()).mapToObj(i -> "\"member-" + i + "\"")
            .collect(Collectors.joining(", ", "replicas = [", "]"));
        final Path shards = home.resolve("configuration/initial/module-shards.conf");
        Files.createDirectories(shards.getParent());
        Files.writeString(shards, REPLICAS.matcher(shippedModuleShards(home)).replaceAll(
            Matcher.quoteReplacement(replicas)), StandardCharsets.UTF_8);
        Files.writeString(home.resolve("etc/org.qslice.orchestrator.cfg"), DEVICE_LOSS_HOLD_OFF,
            StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Files.writeString(home.resolve("etc/org.qslice.kms.cfg"), VAULT_REPLICATION, StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        // the KMS's default masterKeyFile; the copy is the member's own, readable by its owner only
        writeOwnerOnly(home.resolve("etc/qslice-kms-master.key"), Files.readAllBytes(masterKey));
        bootClustered(home);
    }

    /** Writes a new KMS master key (32 random bytes, Base64, as the KMS writes one), readable by its owner only. */
    static void writeMasterKey(final Path file) throws IOException {
        if (Files.exists(file)) {
            // the vault and the PKI in the datastore are sealed under it: never replaced
            throw new FileAlreadyExistsException(file.toString(), null, "the cluster has a KMS master key");
        }
        final byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        writeOwnerOnly(file, Base64.getEncoder().encode(key));
    }

    /** Replaces a file by one created readable by its owner only, then written: never readable by others. */
    private static void writeOwnerOnly(final Path file, final byte[] content) throws IOException {
        Files.deleteIfExists(file);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE)));
        } else {
            Files.createFile(file);
        }
        Files.write(file, content);
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

    /**
     * Makes a member boot {@code odl-qslice-all-clustered} instead of {@code odl-qslice-all}: the same qslice, with
     * ODL's clustered NETCONF topology (one member holds each device's session, every member has the device's mount
     * point) instead of the single-controller one (which mounts the devices on the topology shard leader's member
     * only). The boot feature is in the distribution's generated features file in {@code etc/}.
     */
    static void bootClustered(final Path home) throws IOException {
        final Path etc = home.resolve("etc");
        final var repositories = BOOT_REPOSITORY.matcher(Files.readString(etc.resolve("org.apache.karaf.features.cfg"),
            StandardCharsets.UTF_8));
        if (!repositories.find()) {
            throw new IOException("no features repository file in " + etc.resolve("org.apache.karaf.features.cfg"));
        }
        final Path file = etc.resolve(repositories.group(1));
        final String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.contains(">odl-qslice-all-clustered</feature>")) {
            // a member home configured before (a restart of the same home)
            return;
        }
        if (!text.contains(SINGLE_BOOT)) {
            throw new IOException("no boot feature odl-qslice-all in " + file);
        }
        Files.writeString(file, text.replace(SINGLE_BOOT, ">odl-qslice-all-clustered</feature>"),
            StandardCharsets.UTF_8);
    }

    /**
     * The cluster's shards: those module-shards.conf of member-1 names (an operator may add some).
     *
     * @return the shard names, in the file's order
     * @throws IOException if the file cannot be read
     */
    public List<String> shards() throws IOException {
        final Path conf = dir.resolve("member-1/configuration/initial/module-shards.conf");
        final List<String> names = shardNames(Files.readString(conf, StandardCharsets.UTF_8));
        if (names.isEmpty()) {
            // else every shard would count as led at once
            throw new IOException("no shard named in " + conf);
        }
        return names;
    }

    static List<String> shardNames(final String moduleShards) {
        return SHARD_NAME.matcher(moduleShards).results().map(match -> match.group(1)).distinct().toList();
    }

    /**
     * The member that leads a shard, if a running member says it does.
     *
     * @param shard the shard
     * @param store {@code config} or {@code operational}
     * @return the leader
     * @throws InterruptedException if interrupted
     */
    public Optional<KarafInstance> leader(final String shard, final String store) throws InterruptedException {
        for (KarafInstance member : members) {
            if (member.isRunning() && "Leader".equals(role(member, shard, store))) {
                return Optional.of(member);
            }
        }
        return Optional.empty();
    }

    /**
     * Waits until every shard of both datastores has a leader among the running members.
     *
     * @param timeout bound
     * @throws IOException naming the shards without a leader when the bound passes
     * @throws InterruptedException if interrupted
     */
    public void awaitLeaders(final Duration timeout) throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        String missing = "";
        while (System.nanoTime() < deadline) {
            missing = missingLeaders();
            if (missing.isEmpty()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IOException("no leader within " + timeout + ": " + missing);
    }

    private String missingLeaders() throws IOException, InterruptedException {
        final var missing = new ArrayList<String>();
        for (String store : STORES) {
            for (String shard : shards()) {
                if (leader(shard, store).isEmpty()) {
                    missing.add(store + "/" + shard);
                }
            }
        }
        return String.join(", ", missing);
    }

    /**
     * A member's role for a shard (Leader, Follower, Candidate, ...), asked with cluster-admin's
     * {@code get-shard-role}.
     *
     * @param member the member
     * @param shard the shard
     * @param store the datastore
     * @return the role, empty if it cannot say
     * @throws InterruptedException if interrupted
     */
    public static String role(final KarafInstance member, final String shard, final String store)
            throws InterruptedException {
        final var input = new JsonObject();
        input.addProperty("shard-name", shard);
        input.addProperty("data-store-type", store);
        try {
            final var response = member.restconf(QUERY_TIMEOUT).rpc("cluster-admin:get-shard-role", input);
            if (!response.ok()) {
                return "";
            }
            final JsonObject output = response.json().getAsJsonObject("cluster-admin:output");
            return output == null || !output.has("role") ? "" : output.get("role").getAsString();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The member running a singleton group, as the cluster's entity ownership service says (the
     * {@code odl-entity-owners:get-entity-owner} RPC asked of the first running member that answers).
     *
     * @param group the singleton group ({@code qslice-orchestrator}, {@code qslice-kms})
     * @return the owner's member name; empty when nobody owns it or no member answers
     * @throws InterruptedException if interrupted
     */
    public Optional<String> singletonOwner(final String group) throws InterruptedException {
        return singletonOwner(group, running());
    }

    /**
     * The member running a singleton group, asking only some members (those not frozen, say).
     *
     * @param group the singleton group
     * @param ask the members to ask, in order
     * @return the owner's member name; empty when nobody owns it or no member answers
     * @throws InterruptedException if interrupted
     */
    public static Optional<String> singletonOwner(final String group, final List<KarafInstance> ask)
            throws InterruptedException {
        final var input = new JsonObject();
        input.addProperty("type", "org.opendaylight.mdsal.ServiceEntityType");
        input.addProperty("name", group);
        for (KarafInstance member : ask) {
            try {
                final var response = member.restconf(QUERY_TIMEOUT).rpc("odl-entity-owners:get-entity-owner", input);
                if (response.ok()) {
                    final JsonObject output = response.json().getAsJsonObject("odl-entity-owners:output");
                    return output == null || !output.has("owner-node") ? Optional.empty()
                        : Optional.of(output.get("owner-node").getAsString());
                }
            } catch (IOException e) {
                // this member does not answer: ask the next
            }
        }
        return Optional.empty();
    }

    /**
     * Stops every running member by its PID.
     *
     * @param timeout bound per member
     * @return the names of the members that were running
     * @throws InterruptedException if interrupted
     */
    public List<String> stop(final Duration timeout) throws InterruptedException {
        final var stopped = new ArrayList<String>();
        for (KarafInstance member : members) {
            final Optional<Long> pid = member.process().map(ProcessHandle::pid);
            if (member.stop(timeout)) {
                stopped.add(name(member) + " (PID " + pid.orElse(-1L) + ")");
            }
        }
        return stopped;
    }
}
