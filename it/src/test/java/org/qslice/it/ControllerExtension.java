/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.qslice.tools.karaf.KarafInstance;
import org.qslice.tools.karaf.Ports;

/**
 * Boots one qslice controller (a copy of the built distribution on free loopback ports) for all integration tests of
 * the JVM, injects it as a {@link KarafInstance} parameter, and stops it by its PID when the tests end, also when they
 * fail. A class annotated {@link OwnController} gets a new controller for each of its tests instead, stopped when
 * the test ends.
 */
public final class ControllerExtension implements BeforeAllCallback, ParameterResolver {
    /** How long a boot may take on a loaded 2-core machine. */
    public static final Duration BOOT_TIMEOUT = Duration.ofMinutes(5);
    /** Bound of one device transaction in the controller under test ({@code etc/org.qslice.orchestrator.cfg}). */
    public static final Duration DEVICE_TIMEOUT = Duration.ofMillis(2_000);

    /** How long recovery waits for a device after a restart in the controller under test. */
    public static final Duration RECOVERY_WAIT = Duration.ofSeconds(30);

    /** The system property of the controller's test-only pause points ({@code PausePoint.PROPERTY} in impl). */
    private static final String PAUSE_PROPERTY = "qslice.test.pause-file";
    /** Optional: the datastore snapshots every this many journal entries (upstream default 20,000). */
    private static final String SNAPSHOT_BATCH_PROPERTY = "qslice.it.snapshot-batch-count";
    private static final Namespace NAMESPACE = Namespace.create(ControllerExtension.class);

    /**
     * Each test of the class runs on a controller of its own, with a new datastore: a test that kills the controller
     * again and again leaves nothing behind for the next one (see docs/testing.md on the upstream raft journal).
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface OwnController {
    }

    /**
     * A booted instance, closed by JUnit at the end of the run.
     *
     * @param instance the instance
     */
    record Booted(KarafInstance instance) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws InterruptedException {
            instance.stop(Duration.ofSeconds(90));
        }
    }

    @Override
    public void beforeAll(final ExtensionContext context) {
        if (!ownController(context)) {
            booted(context);
        }
    }

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
        return parameter.getParameter().getType() == KarafInstance.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
        return booted(context).instance();
    }

    private static Booted booted(final ExtensionContext context) {
        if (ownController(context)) {
            if (context.getTestMethod().isEmpty()) {
                throw new IllegalStateException(context.getRequiredTestClass().getSimpleName() + " has a controller per"
                    + " test: ask for it in a test or @BeforeEach/@AfterEach method");
            }
            return context.getStore(NAMESPACE).getOrComputeIfAbsent("own-controller", key -> boot(), Booted.class);
        }
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("controller", key -> boot(), Booted.class);
    }

    private static boolean ownController(final ExtensionContext context) {
        return context.getTestClass().map(type -> type.isAnnotationPresent(OwnController.class)).orElse(false);
    }

    private static Booted boot() {
        try {
            final Path home = Files.createTempDirectory(workDir(), "qslice-");
            final KarafInstance instance = KarafInstance.create(distribution(), home, Ports.free(), javaHome());
            prepare(home);
            // to reproduce the upstream raft journal failure sooner (docs/testing.md): snapshots every N entries
            final String snapshotBatch = System.getProperty(SNAPSHOT_BATCH_PROPERTY, "");
            if (!snapshotBatch.isBlank()) {
                Files.writeString(home.resolve("etc/org.opendaylight.controller.cluster.datastore.cfg"),
                    "\nshard-snapshot-batch-count = " + Integer.parseInt(snapshotBatch.trim()) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    instance.stop(Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            instance.start(Duration.ofSeconds(60));
            final var restconf = instance.restconf();
            instance.awaitReady(BOOT_TIMEOUT, () -> restconf.answers("qslice-info:get-info"));
            return new Booted(instance);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while booting", e);
        }
    }

    /**
     * Configures an instance for the tests: short device transaction and recovery bounds, and the test-only pause
     * points (inert while the control file does not exist).
     *
     * @param home the instance's home, not yet started
     * @throws IOException if the files cannot be written
     */
    static void prepare(final Path home) throws IOException {
        // device transactions on loopback take milliseconds: a short bound keeps fault-injection tests quick
        // appended: a cluster member's file holds its device hold-off already
        Files.writeString(home.resolve("etc/org.qslice.orchestrator.cfg"), "device-timeout-ms = "
            + DEVICE_TIMEOUT.toMillis() + "\nrecovery-wait-ms = " + RECOVERY_WAIT.toMillis() + "\n",
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        // the test-only pause points of the crash tests; inert while the control file does not exist
        Files.writeString(home.resolve("etc/system.properties"), "\n" + PAUSE_PROPERTY + " = "
            + pauseFile(home) + "\n", StandardOpenOption.APPEND);
    }

    /**
     * Returns the control file of the test-only pause points of an instance.
     *
     * @param home the instance's home
     * @return the file (absent: no pause point)
     */
    public static Path pauseFile(final Path home) {
        return home.resolve("pause-control");
    }

    /**
     * Returns the unpacked distribution under test.
     *
     * @return its directory
     */
    public static Path distribution() {
        return Path.of(required("qslice.dist"));
    }

    /**
     * Returns the directory for instance copies.
     *
     * @return the directory, created if needed
     * @throws IOException if it cannot be created
     */
    public static Path workDir() throws IOException {
        return Files.createDirectories(Path.of(required("qslice.it.work")));
    }

    /**
     * Returns the JDK running the tests, used for Karaf too.
     *
     * @return java.home
     */
    public static Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    private static String required(final String property) {
        final String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run through Maven)");
        }
        return value;
    }
}
