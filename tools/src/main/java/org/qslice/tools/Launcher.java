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
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import org.qslice.tools.karaf.KarafInstance;
import org.qslice.tools.karaf.Ports;

/**
 * The launcher's controller instance: {@code .qslice/run/karaf}, created from the built distribution.
 */
public final class Launcher {
    /** RPC used as readiness probe: answers once RESTCONF, AAA and qslice are up. */
    public static final String PROBE_RPC = "qslice-info:get-info";

    private static final String STAMP = "qslice-build.stamp";

    private final Path root;
    private final Path javaHome;
    private final Map<String, String> env;

    /**
     * Creates the launcher for a source tree.
     *
     * @param root the repository root
     * @param javaHome the JDK to run Karaf with
     * @param env environment (port variables)
     */
    public Launcher(final Path root, final Path javaHome, final Map<String, String> env) {
        this.root = requireNonNull(root).toAbsolutePath();
        this.javaHome = requireNonNull(javaHome);
        this.env = requireNonNull(env);
    }

    /**
     * Returns the built assembly.
     *
     * @return {@code karaf-distribution/target/assembly}
     */
    public Path assembly() {
        return root.resolve("karaf-distribution/target/assembly");
    }

    /**
     * Returns where the launcher's instance lives.
     *
     * @return {@code karaf} in the {@linkplain #runDir(Path) run directory}
     */
    public Path instanceHome() {
        return runDir(root).resolve("karaf");
    }

    /**
     * Returns where the launcher keeps what it runs (the controller instance, the testbed): the system property
     * {@code qslice.run}, by default {@code .qslice/run} in the source tree.
     *
     * @param root the repository root
     * @return the directory
     */
    public static Path runDir(final Path root) {
        final String dir = System.getProperty("qslice.run");
        return dir == null || dir.isBlank() ? root.resolve(".qslice/run") : Path.of(dir).toAbsolutePath();
    }

    /**
     * The JDK the controllers run on.
     *
     * @return its home
     */
    public Path javaHome() {
        return javaHome;
    }

    /**
     * Opens the existing instance, if any.
     *
     * @return the instance or null
     * @throws IOException if it cannot be read
     */
    public KarafInstance existing() throws IOException {
        if (!Files.isRegularFile(instanceHome().resolve(KarafInstance.PORTS_FILE))) {
            return null;
        }
        return KarafInstance.open(instanceHome(), javaHome);
    }

    /**
     * Starts the controller if it does not run, recreating the instance when the build changed, and waits until
     * qslice answers over RESTCONF.
     *
     * @param timeout boot bound
     * @return the running instance
     * @throws IOException with a clear message on any failure
     * @throws InterruptedException if interrupted
     */
    public KarafInstance start(final Duration timeout) throws IOException, InterruptedException {
        final KarafInstance current = existing();
        if (current != null && current.isRunning()) {
            return current;
        }
        if (!Files.isRegularFile(assembly().resolve("bin/karaf"))) {
            throw new IOException("no built distribution at " + assembly() + ": run ./qslice build first");
        }
        final String build = buildStamp();
        final Path stampFile = instanceHome().resolve(STAMP);
        if (Files.exists(instanceHome()) && (!Files.isRegularFile(stampFile)
                || !Files.readString(stampFile, StandardCharsets.UTF_8).equals(build))) {
            Out.println("the distribution was rebuilt: recreating " + root.relativize(instanceHome()));
            deleteTree(instanceHome());
        }
        final Ports ports = Ports.fromEnvironment(env);
        final KarafInstance instance = KarafInstance.create(assembly(), instanceHome(), ports, javaHome);
        Files.writeString(stampFile, build, StandardCharsets.UTF_8);
        final long started = System.nanoTime();
        instance.start(Duration.ofSeconds(60));
        final var restconf = instance.restconf();
        instance.awaitReady(timeout, () -> restconf.answers(PROBE_RPC));
        Out.printf("controller up in %.1f s (PID %d)%n", (System.nanoTime() - started) / 1e9,
            instance.process().map(ProcessHandle::pid).orElse(-1L));
        return instance;
    }

    private String buildStamp() throws IOException {
        final Path marker = assembly().resolve("etc/config.properties");
        return Files.getLastModifiedTime(marker).toMillis() + "\n";
    }

    /**
     * Deletes a directory tree, if it exists.
     *
     * @param dir the directory
     * @throws IOException if a file cannot be deleted
     */
    static void deleteTreeIfExists(final Path dir) throws IOException {
        if (Files.exists(dir)) {
            deleteTree(dir);
        }
    }

    private static void deleteTree(final Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(final Path path, final IOException exc) throws IOException {
                Files.delete(path);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
