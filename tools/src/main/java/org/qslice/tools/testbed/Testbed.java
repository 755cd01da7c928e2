/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools.testbed;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.qslice.tools.http.Restconf;
import org.qslice.tools.karaf.KarafInstance;
import org.qslice.tools.netconf.NetconfClient;

/**
 * A running simulated testbed: one {@code netconf-testtool} process per device, each on its own loopback port and
 * serving the qslice model of its kind with a writable datastore ({@code --md-sal true}). Its state (device, port,
 * PID) is kept in {@code testbed.properties} in its directory, so another command can stop it by PID.
 */
public final class Testbed implements AutoCloseable {
    /**
     * What a simulated encryptor card's firmware says it can run, written to every encryptor when it starts (a real
     * card reports its own): every key-exchange method, so {@code change-key-exchange} can switch a channel to any.
     */
    static final String CARD_FIRMWARE = "<encryptor xmlns=\"urn:qslice:encryptor\">"
        + "<supported-key-exchange>dh</supported-key-exchange><supported-key-exchange>qra</supported-key-exchange>"
        + "<supported-key-exchange>qkd</supported-key-exchange>"
        + "<supported-key-exchange>hybrid</supported-key-exchange></encryptor>";
    /** The same for a card that speaks OpenConfig (qslice's augmentation of the terminal device's config). */
    static final String CARD_FIRMWARE_OPENCONFIG =
        "<terminal-device xmlns=\"http://openconfig.net/yang/terminal-device\"><config>"
        + "<supported-key-exchange xmlns=\"urn:qslice:openconfig-encryption\">dh</supported-key-exchange>"
        + "<supported-key-exchange xmlns=\"urn:qslice:openconfig-encryption\">qra</supported-key-exchange>"
        + "<supported-key-exchange xmlns=\"urn:qslice:openconfig-encryption\">qkd</supported-key-exchange>"
        + "<supported-key-exchange xmlns=\"urn:qslice:openconfig-encryption\">hybrid</supported-key-exchange>"
        + "</config></terminal-device>";

    /** NETCONF user and password of the simulated devices. */
    public static final String USER = "admin";
    /** Password of the simulated devices. */
    public static final String PASSWORD = "admin";
    /** Default first port of the launcher's testbed. */
    public static final int DEFAULT_BASE_PORT = 17830;

    private static final String STATE = "testbed.properties";
    /** The schema directories this JVM has written (several simulators of a kind share one). */
    private static final java.util.Set<Path> STARTED_SCHEMAS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Where the build unpacks the OpenConfig YANG files (and the IETF ones they import). */
    private static final String OPENCONFIG_YANG = "tools/target/openconfig-yang/META-INF/yang";
    private static final String NODES = "network-topology:network-topology/topology=topology-netconf/node=";

    /**
     * A started device.
     *
     * @param device the device
     * @param port its NETCONF SSH port
     * @param pid its process
     */
    public record Running(TestbedDevice device, int port, long pid) {
        /**
         * Returns the live process, if it still runs and is a testtool.
         *
         * @return the process
         */
        public Optional<ProcessHandle> process() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(handle -> handle.info().arguments()
                .map(args -> String.join(" ", args).contains("netconf-testtool")).orElse(true));
        }
    }

    private final Path dir;
    private final Map<String, Running> devices;

    private Testbed(final Path dir, final Map<String, Running> devices) {
        this.dir = requireNonNull(dir);
        this.devices = requireNonNull(devices);
    }

    /**
     * Returns the testtool jar the build copied into {@code tools/target/testtool}.
     *
     * @param root the repository root
     * @return the jar
     * @throws IOException if it is missing
     */
    public static Path testtoolJar(final Path root) throws IOException {
        final Path jar = root.resolve("tools/target/testtool/netconf-testtool-executable.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no NETCONF simulator at " + jar + ": run ./qslice build (Maven fetches "
                + "org.opendaylight.netconf:netconf-testtool:executable)");
        }
        return jar;
    }

    /**
     * Starts one simulator per device and waits until every one accepts connections.
     *
     * @param root the repository root (device YANG models and the testtool jar)
     * @param dir directory for the state file, schemas and logs
     * @param javaHome the JDK to run the simulators with
     * @param devices the devices
     * @param ports one port per device, in device order
     * @param timeout bound of the whole start
     * @return the testbed
     * @throws IOException if a simulator does not start (all started ones are stopped again)
     * @throws InterruptedException if interrupted
     */
    public static Testbed start(final Path root, final Path dir, final Path javaHome,
            final List<TestbedDevice> devices, final List<Integer> ports, final Duration timeout)
            throws IOException, InterruptedException {
        return start(root, dir, javaHome, devices, ports, timeout, false);
    }

    /**
     * Starts the simulators, optionally one process per device kind (for large generated testbeds: fewer JVMs; a
     * freeze then stops every device of the kind).
     *
     * @param root the repository root
     * @param dir directory for the state file, schemas and logs
     * @param javaHome the JDK to run the simulators with
     * @param devices the devices
     * @param ports one port per device, in device order; with {@code grouped} the ports of a kind must be
     *              consecutive in device order
     * @param timeout bound of the whole start
     * @param grouped one process per kind instead of one per device
     * @return the testbed
     * @throws IOException if a simulator does not start (all started ones are stopped again)
     * @throws InterruptedException if interrupted
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public static Testbed start(final Path root, final Path dir, final Path javaHome,
            final List<TestbedDevice> devices, final List<Integer> ports, final Duration timeout,
            final boolean grouped) throws IOException, InterruptedException {
        if (ports.size() != devices.size()) {
            throw new IllegalArgumentException(devices.size() + " devices but " + ports.size() + " ports");
        }
        final Path jar = testtoolJar(root);
        Files.createDirectories(dir.resolve("logs"));
        final var started = new LinkedHashMap<String, Running>();
        final var testbed = new Testbed(dir, started);
        try {
            int next = 0;
            while (next < devices.size()) {
                final TestbedDevice device = devices.get(next);
                // with grouping: the run of following devices of the same kind on consecutive ports
                int count = 1;
                while (grouped && next + count < devices.size()
                        && devices.get(next + count).kind().equals(device.kind())
                        && devices.get(next + count).model().equals(device.model())
                        && ports.get(next + count) == ports.get(next) + count) {
                    count++;
                }
                final Path schemas = schemas(root, dir, device);
                final int port = ports.get(next);
                final String name = count == 1 ? device.nodeId() : device.kind() + "-" + port;
                final var command = List.of(javaHome.resolve("bin/java").toString(), count == 1 ? "-Xmx96m"
                    : "-Xmx" + (96 + 16 * count) + "m", "-Xss512k", "-XX:+UseSerialGC",
                    // C1 only: a device's JIT does not take the shared cores from the controller for minutes
                    "-XX:TieredStopAtLevel=1", "-Dqslice.device=" + name,
                    "-jar", jar.toString(), "--schemas-dir", schemas.toString(), "--device-count",
                    Integer.toString(count), "--starting-port", Integer.toString(port), "--md-sal", "true", "--ip",
                    "127.0.0.1", "--ssh", "true",
                    // plain XML, as real devices speak it: the testtool offers EXI by default and ODL's client then
                    // switches the session to EXI (measured: no difference in provisioning time either way)
                    "--exi", "false");
                final Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("logs/" + name + ".log").toFile()).start();
                for (int k = 0; k < count; k++) {
                    final TestbedDevice member = devices.get(next + k);
                    if (started.containsKey(member.nodeId())) {
                        throw new IOException("two devices use NETCONF node id " + member.nodeId());
                    }
                    started.put(member.nodeId(), new Running(member, ports.get(next + k), process.pid()));
                }
                testbed.save();
                next += count;
            }
            final long deadline = System.nanoTime() + timeout.toNanos();
            for (Running device : started.values()) {
                // a simulator that exits (e.g. a YANG file it cannot parse) fails the start at once
                poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
                    () -> device.process().isEmpty() || listening(device.port()));
                if (device.process().isEmpty()) {
                    throw new IOException("simulated device " + device.device().nodeId() + " exited at start (log: "
                        + dir.resolve("logs/" + device.device().nodeId() + ".log") + ")");
                }
                if (!listening(device.port())) {
                    throw new IOException("simulated device " + device.device().nodeId() + " did not listen on port "
                        + device.port() + " within " + timeout.toSeconds() + " s (log: "
                        + dir.resolve("logs/" + device.device().nodeId() + ".log") + ")");
                }
            }
            for (Running device : started.values()) {
                if (device.device().kind().equals("encryptor")) {
                    testbed.editDirect(device.device().nodeId(), device.device().model()
                        .equals(TestbedDevice.OPENCONFIG) ? CARD_FIRMWARE_OPENCONFIG : CARD_FIRMWARE);
                }
            }
            return testbed;
        } catch (IOException e) {
            testbed.close();
            throw e;
        }
    }

    /**
     * Opens a testbed started earlier (by another command).
     *
     * @param dir its directory
     * @return the testbed, empty if there is none
     * @throws IOException if the state file cannot be read
     */
    public static Optional<Testbed> open(final Path dir) throws IOException {
        final Path file = dir.resolve(STATE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        final var props = new Properties();
        try (var in = Files.newInputStream(file)) {
            props.load(in);
        }
        final var devices = new LinkedHashMap<String, Running>();
        final int count = Integer.parseInt(props.getProperty("count", "0"));
        for (int i = 0; i < count; i++) {
            final String[] fields = props.getProperty("device." + i).split(",", -1);
            devices.put(fields[3], new Running(new TestbedDevice(fields[0], fields[1], fields[2], fields[3],
                fields.length > 6 ? fields[6] : TestbedDevice.QSLICE), Integer.parseInt(fields[4]),
                Long.parseLong(fields[5])));
        }
        return Optional.of(new Testbed(dir, devices));
    }

    private void save() throws IOException {
        final var props = new Properties();
        int index = 0;
        for (Running running : devices.values()) {
            final TestbedDevice dev = running.device();
            props.setProperty("device." + index++, String.join(",", dev.site(), dev.name(), dev.kind(),
                dev.nodeId(), Integer.toString(running.port()), Long.toString(running.pid()), dev.model()));
        }
        props.setProperty("count", Integer.toString(index));
        try (var out = Files.newOutputStream(dir.resolve(STATE))) {
            props.store(out, "qslice simulated testbed: device -> site,name,kind,node-id,port,pid,model");
        }
    }

    private static Path schemas(final Path root, final Path dir, final TestbedDevice device) throws IOException {
        final Path target = dir.resolve("schemas/" + device.kind() + "-" + device.model());
        // written afresh by every start: a directory an earlier build's testbed left may hold other files
        if (!STARTED_SCHEMAS.contains(target) && Files.isDirectory(target)) {
            try (var old = Files.walk(target)) {
                for (Path file : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        STARTED_SCHEMAS.add(target);
        if (!Files.isDirectory(target)) {
            // an OpenConfig simulator also serves the testbed's deviations (testbed/yang)
            final List<Path> yang = device.model().equals(TestbedDevice.QSLICE)
                ? List.of(root.resolve("yang-models/src/main/yang"))
                : List.of(root.resolve(OPENCONFIG_YANG), root.resolve("testbed/yang"));
            final List<Path> files = YangFiles.closure(yang, device.modules(),
                device.model().equals(TestbedDevice.QSLICE));
            Files.createDirectories(target);
            for (Path file : files) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }

    /**
     * Picks free loopback ports.
     *
     * @param count how many
     * @return the ports
     */
    public static List<Integer> freePorts(final int count) {
        final var sockets = new ArrayList<ServerSocket>();
        try {
            final var ports = new ArrayList<Integer>();
            for (int i = 0; i < count; i++) {
                final var socket = new ServerSocket();
                sockets.add(socket);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ports.add(socket.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot allocate free ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // best effort
                }
            }
        }
    }

    /**
     * Picks a run of consecutive free loopback ports below the kernel's ephemeral port range, each checked by binding
     * it: a port from the ephemeral range (what binding port 0 gives) can be taken by any outgoing connection between
     * the choice and the simulator's bind, e.g. while the controller boots.
     *
     * @param count how many
     * @return the ports
     * @throws IOException if no such run is free
     */
    public static List<Integer> freeRun(final int count) throws IOException {
        final int low = 20_000;
        final int high = Math.min(ephemeralLow(), 65_536) - count;
        if (high <= low) {
            // an unusual ephemeral range: take the ports after a free one
            return consecutivePorts(freePorts(1).get(0) + 1, count);
        }
        final var random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            final int base = random.nextInt(low, high);
            if (bindable(base, count)) {
                final var ports = new ArrayList<Integer>();
                for (int port = base; port < base + count; port++) {
                    ports.add(port);
                }
                return ports;
            }
        }
        throw new IOException("found no " + count + " consecutive free ports on 127.0.0.1 between " + low + " and "
            + high);
    }

    private static int ephemeralLow() {
        try {
            return ephemeralLow(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
        } catch (IOException | NumberFormatException e) {
            // not Linux: IANA's dynamic range
            return 49_152;
        }
    }

    /**
     * Reads the low end of the kernel's ephemeral port range.
     *
     * @param file {@code /proc/sys/net/ipv4/ip_local_port_range}
     * @return the first ephemeral port
     * @throws IOException if it cannot be read
     */
    static int ephemeralLow(final Path file) throws IOException {
        // one line read (Files.readString trusts procfs's size of 0 and returns a partial line)
        try (var in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            final String line = in.readLine();
            if (line == null) {
                throw new IOException(file + " is empty");
            }
            return Integer.parseInt(line.trim().split("\\s+")[0]);
        }
    }

    private static boolean bindable(final int base, final int count) {
        for (int port = base; port < base + count; port++) {
            try (var socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns consecutive ports from a base, checking that they are free.
     *
     * @param base first port
     * @param count how many
     * @return the ports
     * @throws IOException naming a port in use
     */
    public static List<Integer> consecutivePorts(final int base, final int count) throws IOException {
        final var ports = new ArrayList<Integer>();
        for (int port = base; port < base + count; port++) {
            if (listening(port)) {
                throw new IOException("port " + port + " on 127.0.0.1 is in use (testbed ports " + base + ".."
                    + (base + count - 1) + "; set QSLICE_TESTBED_PORT to move them)");
            }
            ports.add(port);
        }
        return ports;
    }

    private static boolean listening(final int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Returns the devices.
     *
     * @return node id to running device, in start order
     */
    public Map<String, Running> devices() {
        return Map.copyOf(devices);
    }

    /**
     * Returns the devices in start order.
     *
     * @return the devices
     */
    public List<Running> list() {
        return List.copyOf(devices.values());
    }

    /**
     * Returns a device.
     *
     * @param nodeId its node id
     * @return the device
     */
    public Running device(final String nodeId) {
        final Running running = devices.get(nodeId);
        if (running == null) {
            throw new IllegalArgumentException("the testbed has no device " + nodeId);
        }
        return running;
    }

    /**
     * Mounts every device in the controller ({@code topology-netconf}) and waits until all are connected.
     *
     * @param restconf the controller
     * @param timeout bound
     * @throws IOException naming the devices not connected in time
     * @throws InterruptedException if interrupted
     */
    public void mount(final Restconf restconf, final Duration timeout) throws IOException, InterruptedException {
        for (Running device : devices.values()) {
            final var netconf = new JsonObject();
            netconf.addProperty("host", "127.0.0.1");
            netconf.addProperty("port", device.port());
            final var login = new JsonObject();
            login.addProperty("username", USER);
            login.addProperty("password", PASSWORD);
            netconf.add("login-password-unencrypted", login);
            netconf.addProperty("tcp-only", false);
            final var node = new JsonObject();
            node.addProperty("node-id", device.device().nodeId());
            node.add("netconf-node-topology:netconf-node", netconf);
            final var nodes = new com.google.gson.JsonArray();
            nodes.add(node);
            final var body = new JsonObject();
            body.add("network-topology:node", nodes);
            restconf.put(NODES + device.device().nodeId(), body.toString()).expectOk("mounting "
                + device.device().nodeId());
        }
        awaitConnected(restconf, timeout);
    }

    /**
     * Waits until every device is connected.
     *
     * @param restconf the controller
     * @param timeout bound
     * @throws IOException naming the devices not connected in time
     * @throws InterruptedException if interrupted
     */
    public void awaitConnected(final Restconf restconf, final Duration timeout)
            throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> status = connectionStatus(restconf);
        while (status.values().stream().anyMatch(value -> !"connected".equals(value))) {
            if (System.nanoTime() > deadline) {
                throw new IOException("devices not connected within " + timeout.toSeconds() + " s: " + status);
            }
            Thread.sleep(200);
            status = connectionStatus(restconf);
        }
    }

    /**
     * Waits until a controller has a mount point for every device: a read through {@code yang-ext:mount} answers.
     * On a cluster each member mounts the devices itself (the configuration is replicated, the sessions are the
     * member's), so the connection status, one in the shared operational datastore, does not tell for each member.
     * A read that fails (the member is busy, a session is coming up) is tried again until the deadline.
     *
     * @param restconf a controller (a cluster member)
     * @param timeout bound
     * @throws IOException when a device has no mount point in time, naming them
     * @throws InterruptedException if interrupted
     */
    public void awaitMounted(final Restconf restconf, final Duration timeout) throws IOException, InterruptedException {
        awaitMounted(List.of(restconf), timeout);
    }

    /**
     * Waits until every controller of a cluster has a mount point for every device, within one bound.
     *
     * @param members the cluster's members (their RESTCONF clients)
     * @param timeout bound for all of them
     * @throws IOException when a member has no mount point of a device in time, naming them
     * @throws InterruptedException if interrupted
     */
    public void awaitMounted(final List<Restconf> members, final Duration timeout)
            throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        for (Restconf restconf : members) {
            final var missing = new java.util.ArrayList<>(devices.keySet());
            IOException last = null;
            while (true) {
                final var iterator = missing.iterator();
                while (iterator.hasNext()) {
                    try {
                        if (restconf.get(NODES + iterator.next() + "/yang-ext:mount?content=config&depth=1").ok()) {
                            iterator.remove();
                        }
                    } catch (IOException e) {
                        last = e;
                    }
                }
                if (missing.isEmpty()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("no mount point within " + timeout.toSeconds() + " s for " + missing
                        + " on " + restconf.root() + (last == null ? "" : " (last failure: " + last + ")"));
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * Reads each device's connection status in the controller.
     *
     * @param restconf the controller
     * @return node id to status ({@code connected}, {@code connecting}, {@code unable-to-connect}, or
     *         {@code not mounted})
     * @throws IOException on I/O failure
     * @throws InterruptedException if interrupted
     */
    public Map<String, String> connectionStatus(final Restconf restconf) throws IOException, InterruptedException {
        final var status = new LinkedHashMap<String, String>();
        for (String nodeId : devices.keySet()) {
            final var response = restconf.get(NODES + nodeId
                + "/netconf-node-topology:netconf-node/connection-status?content=nonconfig");
            if (!response.ok()) {
                status.put(nodeId, "not mounted");
                continue;
            }
            final var json = response.json();
            status.put(nodeId, json.has("netconf-node-topology:connection-status")
                ? json.get("netconf-node-topology:connection-status").getAsString() : "unknown");
        }
        return status;
    }

    /**
     * Removes every device's mount from the controller.
     *
     * @param restconf the controller
     * @throws IOException on I/O failure
     * @throws InterruptedException if interrupted
     */
    public void unmount(final Restconf restconf) throws IOException, InterruptedException {
        for (String nodeId : devices.keySet()) {
            restconf.delete(NODES + nodeId);
        }
    }

    /**
     * Reads a device's configuration through its mount point in the controller.
     *
     * @param restconf the controller
     * @param nodeId the device
     * @return the JSON of the device model's root container, {@code {}} when it is empty
     * @throws IOException on I/O failure
     * @throws InterruptedException if interrupted
     */
    public JsonObject readThroughMount(final Restconf restconf, final String nodeId)
            throws IOException, InterruptedException {
        final TestbedDevice device = device(nodeId).device();
        final var response = restconf.get(NODES + nodeId + "/yang-ext:mount/" + device.module() + ":"
            + device.container() + "?content=config");
        if (response.status() == 404 || response.status() == 409 && response.body().contains("data-missing")) {
            return new JsonObject();
        }
        response.expectOk("reading " + nodeId + " through its mount point");
        final var json = response.json();
        final String key = device.module() + ":" + device.container();
        return json.has(key) ? json.getAsJsonObject(key) : json;
    }

    /**
     * Reads a device's running configuration directly from the simulator over NETCONF (not through the
     * controller).
     *
     * @param nodeId the device
     * @return the {@code rpc-reply} of a get-config filtered to the device model
     * @throws IOException on failure
     */
    public String readDirect(final String nodeId) throws IOException {
        final Running running = device(nodeId);
        try (var client = NetconfClient.connect("127.0.0.1", running.port(), USER, PASSWORD,
                Duration.ofSeconds(20))) {
            return client.getConfig("running", "<" + running.device().container() + " xmlns=\""
                + running.device().namespace() + "\"/>");
        }
    }

    /**
     * Edits a device's configuration directly over NETCONF, behind the controller's back: lock the candidate,
     * {@code edit-config}, commit, unlock.
     *
     * @param nodeId the device
     * @param config the {@code config} element's content, in the device's model (may carry {@code nc:operation})
     * @throws IOException if the device refuses any of it
     */
    public void editDirect(final String nodeId, final String config) throws IOException {
        final Running running = device(nodeId);
        try (var client = NetconfClient.connect("127.0.0.1", running.port(), USER, PASSWORD,
                Duration.ofSeconds(20))) {
            for (String rpc : List.of("<lock><target><candidate/></target></lock>",
                    "<edit-config><target><candidate/></target><config>" + config + "</config></edit-config>",
                    "<commit/>", "<unlock><target><candidate/></target></unlock>")) {
                final String reply = client.rpc(rpc);
                if (NetconfClient.isError(reply)) {
                    throw new IOException(nodeId + " refused " + rpc + ": " + reply);
                }
            }
        }
    }

    /**
     * Freezes a device (SIGSTOP): its TCP session stays up but it answers nothing until {@link #thaw}.
     *
     * @param nodeId the device
     * @throws IOException if the signal cannot be sent
     * @throws InterruptedException if interrupted
     */
    public void freeze(final String nodeId) throws IOException, InterruptedException {
        signal(nodeId, "-STOP");
    }

    /**
     * Resumes a frozen device (SIGCONT).
     *
     * @param nodeId the device
     * @throws IOException if the signal cannot be sent
     * @throws InterruptedException if interrupted
     */
    public void thaw(final String nodeId) throws IOException, InterruptedException {
        signal(nodeId, "-CONT");
    }

    private void signal(final String nodeId, final String signal) throws IOException, InterruptedException {
        final Running running = device(nodeId);
        final ProcessHandle process = running.process().orElseThrow(() -> new IOException("device " + nodeId
            + " is not running"));
        KarafInstance.signal(process, signal);
    }

    /**
     * Stops one device's process (by PID).
     *
     * @param nodeId the device
     * @throws InterruptedException if interrupted
     */
    public void stopDevice(final String nodeId) throws InterruptedException {
        final Running running = device(nodeId);
        final Optional<ProcessHandle> process = running.process();
        if (process.isPresent()) {
            // a frozen process ignores SIGTERM until resumed
            try {
                thaw(nodeId);
            } catch (IOException e) {
                // it may have exited meanwhile
            }
            final ProcessHandle handle = process.orElseThrow();
            handle.destroy();
            if (!poll(Duration.ofSeconds(10), () -> !handle.isAlive())) {
                handle.destroyForcibly();
                poll(Duration.ofSeconds(5), () -> !handle.isAlive());
            }
        }
    }

    /**
     * Stops every simulator by its PID and forgets the testbed.
     */
    @Override
    public void close() {
        try {
            for (String nodeId : devices.keySet()) {
                stopDevice(nodeId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(dir.resolve(STATE));
        } catch (IOException e) {
            // the processes are gone; a stale file only names dead PIDs
        }
    }

    private static boolean poll(final Duration timeout, final BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }

    /**
     * Returns the directory of the testbed.
     *
     * @return the directory
     */
    public Path dir() {
        return dir;
    }

    static String join(final List<String> lines) {
        return String.join("\n", lines);
    }

    static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
