/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools.karaf;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qslice.tools.http.Restconf;

/**
 * One Karaf instance in its own directory, listening on loopback ports only, started with {@code bin/start} and
 * stopped by the PID Karaf writes to {@code karaf.pid}; never by process name.
 */
public final class KarafInstance implements AutoCloseable {
    /** File in the instance home holding the ports it was configured with. */
    public static final String PORTS_FILE = "qslice-ports.properties";

    private static final String ADMIN = "admin";
    private static final Pattern JETTY_PORT = Pattern.compile("<Property name=\"jetty.port\" default=\"\\d+\"\\s*/>");
    private static final Pattern JETTY_HOST = Pattern.compile("<Property name=\"jetty.host\"[^>]*/>");
    private static final Pattern PEKKO_PORT = Pattern.compile("(canonical\\.port\\s*=\\s*)\\d+");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*[A-Za-z]");
    private static final Pattern PEKKO_SEED = Pattern.compile("(opendaylight-cluster-data@127\\.0\\.0\\.1:)\\d+");

    private final Path home;
    private final Ports ports;
    private final Path javaHome;
    // one client (one HttpClient, its selector thread and pool) per bound, reused by every poll
    private final Map<Optional<Duration>, Restconf> clients = new ConcurrentHashMap<>();

    private KarafInstance(final Path home, final Ports ports, final Path javaHome) {
        this.home = requireNonNull(home).toAbsolutePath();
        this.ports = requireNonNull(ports);
        this.javaHome = requireNonNull(javaHome);
    }

    /**
     * Creates an instance directory from a built assembly (a copy, so the build output is never run in place) and
     * configures it for the given ports. An existing directory is reconfigured, not copied again.
     *
     * @param assembly the assembly directory, e.g. {@code karaf-distribution/target/assembly}
     * @param home where the instance lives
     * @param ports loopback ports to use
     * @param javaHome the JDK to run Karaf with
     * @return the instance
     * @throws IOException if copying or configuring fails
     */
    public static KarafInstance create(final Path assembly, final Path home, final Ports ports, final Path javaHome)
            throws IOException {
        if (!Files.isRegularFile(assembly.resolve("bin/karaf"))) {
            throw new IOException("not a Karaf assembly (no bin/karaf): " + assembly);
        }
        if (!Files.exists(home.resolve("bin/karaf"))) {
            copyTree(assembly, home);
        }
        final var instance = new KarafInstance(home, ports, javaHome);
        instance.configure();
        return instance;
    }

    /**
     * Opens an instance created earlier by {@link #create}.
     *
     * @param home the instance directory
     * @param javaHome the JDK to run Karaf with
     * @return the instance
     * @throws IOException if the directory holds no configured instance
     */
    public static KarafInstance open(final Path home, final Path javaHome) throws IOException {
        final Path file = home.resolve(PORTS_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no qslice instance in " + home + " (missing " + PORTS_FILE + ")");
        }
        final var props = new Properties();
        try (var in = Files.newInputStream(file)) {
            props.load(in);
        }
        return new KarafInstance(home, Ports.fromProperties(props), javaHome);
    }

    /**
     * Returns the instance directory.
     *
     * @return the home
     */
    public Path home() {
        return home;
    }

    /**
     * Returns the ports.
     *
     * @return the ports
     */
    public Ports ports() {
        return ports;
    }

    /**
     * Returns the RESTCONF root, e.g. {@code http://127.0.0.1:8181/rests}.
     *
     * @return the URI
     */
    public URI restconfUri() {
        return URI.create("http://127.0.0.1:" + ports.http() + "/rests");
    }

    /**
     * Returns the web view's page, e.g. {@code http://127.0.0.1:8181/qslice/ui/} (feature {@code odl-qslice-ui},
     * same port and credentials as RESTCONF).
     *
     * @return the URI
     */
    public URI webUiUri() {
        return URI.create("http://127.0.0.1:" + ports.http() + "/qslice/ui/");
    }

    /**
     * Returns a RESTCONF client with the default admin credentials.
     *
     * @return the client
     */
    public Restconf restconf() {
        return clients.computeIfAbsent(Optional.empty(), none -> new Restconf(restconfUri(), ADMIN, ADMIN));
    }

    /**
     * Returns a RESTCONF client with the default admin credentials and a per-request bound.
     *
     * @param timeout per-request bound (short for probes of a member that may be frozen)
     * @return the client
     */
    public Restconf restconf(final Duration timeout) {
        return clients.computeIfAbsent(Optional.of(timeout),
            bound -> new Restconf(restconfUri(), ADMIN, ADMIN, timeout));
    }

    private void configure() throws IOException {
        // pax-web's own connector must match jetty.xml's (same host and port), else both try to bind the port
        rewrite("etc/org.ops4j.pax.web.cfg", text -> setProperty(setProperty(text, "org.osgi.service.http.port",
            Integer.toString(ports.http())), "org.ops4j.pax.web.listening.addresses", "127.0.0.1"));
        rewrite("etc/jetty.xml", text -> {
            String result = JETTY_PORT.matcher(text).replaceAll(
                Matcher.quoteReplacement("<Property name=\"jetty.port\" default=\"" + ports.http() + "\"/>"));
            return JETTY_HOST.matcher(result).replaceAll(
                Matcher.quoteReplacement("<Property name=\"jetty.host\" default=\"127.0.0.1\"/>"));
        });
        // ODL's Netty RESTCONF endpoint (restconf-server, default 0.0.0.0:8182): loopback, on a port of its own, so
        // two controllers on one machine never collide (qslice's clients use the Jetty RESTCONF above)
        final Path netty = home.resolve("etc/org.opendaylight.restconf.nb.rfc8040.cfg");
        final String nettyText = Files.isRegularFile(netty) ? Files.readString(netty, StandardCharsets.UTF_8)
            : "# RESTCONF northbound (PID org.opendaylight.restconf.nb.rfc8040), written by the qslice launcher\n";
        Files.writeString(netty, setProperty(setProperty(nettyText, "bind-address", "127.0.0.1"), "bind-port",
            Integer.toString(nettyPort())), StandardCharsets.UTF_8);
        rewrite("etc/org.apache.karaf.shell.cfg", text -> setProperty(setProperty(text, "sshPort",
            Integer.toString(ports.ssh())), "sshHost", "127.0.0.1"));
        rewrite("etc/org.apache.karaf.management.cfg", text -> setProperty(setProperty(text, "rmiRegistryPort",
            Integer.toString(ports.rmiRegistry())), "rmiServerPort", Integer.toString(ports.rmiServer())));
        // the KMS (once a qslice feature is installed) serves ETSI GS QKD 014 on its own port; ConfigAdmin picks the
        // file up also in a stock controller before qslice's features are installed
        final Path kmsConfig = home.resolve("etc/org.qslice.kms.cfg");
        final String kmsText = Files.isRegularFile(kmsConfig) ? Files.readString(kmsConfig, StandardCharsets.UTF_8)
            : "# qslice KMS (PID org.qslice.kms), written by the qslice launcher; see docs/kms.md\n";
        Files.writeString(kmsConfig, setProperty(setProperty(kmsText, "etsi014Host", "127.0.0.1"), "etsi014Port",
            Integer.toString(ports.kms())), StandardCharsets.UTF_8);
        seedPekkoConf();
        rewrite("configuration/initial/pekko.conf", text -> {
            final String port = Integer.toString(ports.pekko());
            final String result = PEKKO_PORT.matcher(text).replaceAll("$1" + port);
            return PEKKO_SEED.matcher(result).replaceAll("$1" + port);
        });
        try (var out = Files.newOutputStream(home.resolve(PORTS_FILE))) {
            ports.toProperties().store(out, "loopback ports of this qslice instance");
        }
    }

    /**
     * Returns the port of the Netty RESTCONF endpoint: the one this home was given before (a restart keeps it), else
     * a free loopback port.
     */
    private int nettyPort() throws IOException {
        final Path file = home.resolve("etc/org.opendaylight.restconf.nb.rfc8040.cfg");
        if (Files.isRegularFile(file)) {
            final var props = new java.util.Properties();
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(in);
            }
            final String given = props.getProperty("bind-port");
            if (given != null && given.trim().matches("\\d+") && !"8182".equals(given.trim())) {
                return Integer.parseInt(given.trim());
            }
        }
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * The datastore's {@code configuration/initial/pekko.conf} is installed by ODL's feature on first start (it does
     * not overwrite an existing file): put the shipped copy in place beforehand so its port can be set.
     */
    private void seedPekkoConf() throws IOException {
        final Path target = home.resolve("configuration/initial/pekko.conf");
        if (Files.exists(target)) {
            return;
        }
        final Path system = home.resolve("system/org/opendaylight/controller/sal-clustering-config");
        if (!Files.isDirectory(system)) {
            throw new IOException("cannot configure the cluster port: no sal-clustering-config in " + system);
        }
        final Optional<Path> shipped;
        try (var files = Files.walk(system)) {
            shipped = files.filter(file -> file.getFileName().toString().endsWith("-pekkoconf.xml")
                && !file.getFileName().toString().endsWith("-factorypekkoconf.xml")).findFirst();
        }
        if (shipped.isEmpty()) {
            throw new IOException("cannot configure the cluster port: no pekko.conf in " + system);
        }
        Files.createDirectories(target.getParent());
        Files.copy(shipped.orElseThrow(), target);
    }

    private void rewrite(final String relative, final java.util.function.UnaryOperator<String> edit)
            throws IOException {
        final Path file = home.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IOException("expected configuration file missing: " + file);
        }
        Files.writeString(file, edit.apply(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    static String setProperty(final String text, final String key, final String value) {
        final var pattern = Pattern.compile("(?m)^\\s*#?\\s*" + Pattern.quote(key) + "\\s*=.*$");
        final var matcher = pattern.matcher(text);
        final String line = key + " = " + value;
        if (matcher.find()) {
            return matcher.replaceFirst(Matcher.quoteReplacement(line));
        }
        return text + (text.endsWith("\n") ? "" : "\n") + line + "\n";
    }

    /**
     * Returns the PID of the running Karaf JVM, if {@code karaf.pid} names a live process of this instance.
     *
     * @return the process
     */
    public Optional<ProcessHandle> process() {
        final Path pidFile = home.resolve("karaf.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        final long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::belongsHere);
    }

    private boolean belongsHere(final ProcessHandle handle) {
        // a recycled PID must not be mistaken for our Karaf: its command line names this home
        return handle.info().arguments()
            .map(args -> String.join(" ", args).contains(home.toString()))
            .orElse(true);
    }

    /**
     * Tells whether the instance runs.
     *
     * @return true if the Karaf JVM is alive
     */
    public boolean isRunning() {
        return process().isPresent();
    }

    /**
     * Starts Karaf in the background ({@code bin/start}) and waits until its JVM has written its PID.
     *
     * @param timeout how long to wait for the PID
     * @throws IOException if the ports are taken or Karaf does not come up
     * @throws InterruptedException if interrupted
     */
    public void start(final Duration timeout) throws IOException, InterruptedException {
        start(timeout, null);
    }

    /**
     * Starts Karaf in the background with a heap bound of its own.
     *
     * @param timeout bound for the JVM to be up
     * @param maxMemory the JVM's maximum heap ({@code JAVA_MAX_MEM}, e.g. {@code 1024m}); null: the environment's,
     *     else 2048m
     * @throws IOException if it cannot start
     * @throws InterruptedException if interrupted
     */
    public void start(final Duration timeout, final String maxMemory) throws IOException,
            InterruptedException {
        if (isRunning()) {
            return;
        }
        final List<String> taken = ports.taken();
        if (!taken.isEmpty()) {
            throw new IOException("cannot start: port(s) already in use on 127.0.0.1: " + String.join(", ", taken)
                + ". Stop what uses them or choose other ports with the variables named.");
        }
        Files.deleteIfExists(home.resolve("karaf.pid"));
        Files.createDirectories(home.resolve("data/log"));
        final var builder = new ProcessBuilder(home.resolve("bin/start").toString())
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("data/log/start.out").toFile());
        builder.environment().putAll(environment());
        if (maxMemory != null) {
            builder.environment().put("JAVA_MAX_MEM", maxMemory);
        }
        final Process starter = builder.start();
        if (!starter.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            starter.destroyForcibly();
            throw new IOException("bin/start did not return within " + timeout);
        }
        if (!poll(timeout, this::isRunning)) {
            throw new IOException("Karaf did not start within " + timeout + " (no live process in karaf.pid)."
                + "\nLast lines of its output:\n" + String.join("\n", tail(home.resolve("data/log/karaf-console.log"),
                    30)) + "\n" + String.join("\n", logTail(30)));
        }
    }

    private Map<String, String> environment() {
        final var env = new HashMap<String, String>();
        env.put("JAVA_HOME", javaHome.toString());
        env.put("KARAF_REDIRECT", home.resolve("data/log/karaf-console.log").toString());
        if (System.getenv("JAVA_MAX_MEM") == null) {
            env.put("JAVA_MAX_MEM", "2048m");
        }
        return env;
    }

    /**
     * Waits until {@code ready} holds, failing early if the Karaf JVM dies.
     *
     * @param timeout the bound
     * @param ready the readiness probe, e.g. a RESTCONF call answering
     * @throws IOException on timeout or death, with the log's last lines
     * @throws InterruptedException if interrupted
     */
    public void awaitReady(final Duration timeout, final BooleanSupplier ready)
            throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isRunning()) {
                throw new IOException("Karaf died during start-up.\nLast lines of data/log/karaf.log:\n"
                    + String.join("\n", logTail(40)));
            }
            if (ready.getAsBoolean()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IOException("Karaf did not become ready within " + timeout.toSeconds()
            + " s.\nLast lines of data/log/karaf.log:\n" + String.join("\n", logTail(40)) + threadDump());
    }

    /**
     * Writes the JVM's threads to {@code data/log/threads-<millis>.txt} ({@code jcmd Thread.print}, bounded) and
     * returns the file's name plus the stack of Karaf's feature-installer thread, the usual suspect of a hang.
     */
    private String threadDump() throws InterruptedException {
        final var process = process();
        if (process.isEmpty()) {
            return "";
        }
        final Path file = home.resolve("data/log/threads-" + System.currentTimeMillis() + ".txt");
        try {
            final Process jcmd = new ProcessBuilder(javaHome.resolve("bin/jcmd").toString(),
                Long.toString(process.orElseThrow().pid()), "Thread.print")
                .redirectErrorStream(true).redirectOutput(file.toFile()).start();
            if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                return "\n(no thread dump: jcmd did not answer within 30 s)";
            }
            final var features = new StringBuilder();
            boolean inFeatures = false;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("\"")) {
                    inFeatures = line.startsWith("\"features-");
                }
                if (inFeatures) {
                    features.append(line).append('\n');
                }
            }
            return "\nThreads: " + file + (features.isEmpty() ? "" : "\nFeature installer:\n" + features);
        } catch (IOException e) {
            return "\n(no thread dump: " + e.getMessage() + ")";
        }
    }

    /**
     * Runs console commands through {@code bin/client} in batch mode (SSH to this instance, user karaf).
     *
     * @param timeout bound for the whole session
     * @param commands commands, one per line
     * @return what the console printed
     * @throws IOException if the client cannot run or times out
     * @throws InterruptedException if interrupted
     */
    public String console(final Duration timeout, final String... commands) throws IOException, InterruptedException {
        return consoleAs(timeout, "karaf", "karaf", commands);
    }

    /**
     * Runs console commands as the given user.
     *
     * @param timeout bound for the whole session
     * @param user console user
     * @param password its password
     * @param commands commands, one per line
     * @return what the console printed (stdout and stderr)
     * @throws IOException if the client cannot run or times out
     * @throws InterruptedException if interrupted
     */
    public String consoleAs(final Duration timeout, final String user, final String password,
            final String... commands) throws IOException, InterruptedException {
        final var builder = new ProcessBuilder(home.resolve("bin/client").toString(), "-h", "127.0.0.1",
            "-a", Integer.toString(ports.ssh()), "-u", user, "-p", password, "-r", "10", "-d", "2", "-b")
            .directory(home.toFile())
            .redirectErrorStream(true);
        builder.environment().putAll(environment());
        final Process client = builder.start();
        try {
            try (var stdin = client.getOutputStream()) {
                stdin.write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            final var output = new StringBuilder();
            final Thread reader = Thread.ofVirtual().start(() -> readAll(client.getInputStream(), output));
            if (!client.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("console session timed out after " + timeout + ": " + String.join("; ",
                    commands));
            }
            reader.join(Duration.ofSeconds(5));
            synchronized (output) {
                // the console colours matches (grep) and errors: callers get plain text
                return ANSI.matcher(output).replaceAll("");
            }
        } finally {
            client.destroyForcibly();
        }
    }

    private static void readAll(final InputStream in, final StringBuilder sink) {
        try (in) {
            final byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                synchronized (sink) {
                    sink.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            synchronized (sink) {
                sink.append("\n[console output read failed: ").append(e.getMessage()).append(']');
            }
        }
    }

    /**
     * Stops Karaf by its PID: SIGTERM, then SIGKILL after the timeout. Does nothing if it does not run.
     *
     * @param timeout grace period
     * @return true if it was running
     * @throws InterruptedException if interrupted
     */
    public boolean stop(final Duration timeout) throws InterruptedException {
        final Optional<ProcessHandle> process = process();
        if (process.isEmpty()) {
            return false;
        }
        final ProcessHandle handle = process.orElseThrow();
        try {
            // a frozen (SIGSTOP) process ignores SIGTERM until resumed
            signal(handle, "-CONT");
        } catch (IOException e) {
            // it exited meanwhile
        }
        handle.destroy();
        if (!poll(timeout, () -> !handle.isAlive())) {
            handle.destroyForcibly();
            poll(Duration.ofSeconds(10), () -> !handle.isAlive());
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(60));
    }

    /**
     * Sends a signal to this instance's process ({@code -STOP} freezes it, {@code -CONT} resumes it).
     *
     * @param signal the signal, as {@code kill} takes it
     * @throws IOException if it does not run or {@code kill} fails
     * @throws InterruptedException if interrupted
     */
    public void signal(final String signal) throws IOException, InterruptedException {
        signal(process().orElseThrow(() -> new IOException(home + " is not running")), signal);
    }

    /**
     * Sends a signal to a process by its PID with {@code kill}.
     *
     * @param process the process
     * @param signal the signal, as {@code kill} takes it ({@code -STOP}, {@code -CONT})
     * @throws IOException if {@code kill} fails
     * @throws InterruptedException if interrupted
     */
    public static void signal(final ProcessHandle process, final String signal)
            throws IOException, InterruptedException {
        final Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill " + signal + " " + process.pid() + " failed");
        }
    }

    /**
     * Returns the last lines of {@code data/log/karaf.log}.
     *
     * @param lines how many
     * @return the lines, empty if there is no log
     */
    public List<String> logTail(final int lines) {
        return tail(home.resolve("data/log/karaf.log"), lines);
    }

    private static List<String> tail(final Path file, final int lines) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            final List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }

    private static boolean poll(final Duration timeout, final BooleanSupplier condition)
            throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return condition.getAsBoolean();
    }

    private static void copyTree(final Path from, final Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(final Path dir, final BasicFileAttributes attrs)
                    throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                    LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
