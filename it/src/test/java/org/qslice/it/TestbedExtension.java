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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.qslice.tools.karaf.KarafInstance;
import org.qslice.tools.testbed.Testbed;
import org.qslice.tools.testbed.TestbedDevice;

/**
 * Starts the paper's simulated testbed (one netconf-testtool per device on free loopback ports) once per run, mounts
 * it in each controller of {@link ControllerExtension} that a test asks for (the shared one, or a test's own),
 * injects it as a {@link Testbed} parameter, and stops every simulator by its PID when the tests end, also when they
 * fail (and from a shutdown hook).
 */
public final class TestbedExtension implements ParameterResolver {
    private static final Namespace NAMESPACE = Namespace.create(TestbedExtension.class);

    /**
     * The started testbed, closed by JUnit at the end of the run.
     *
     * @param testbed the testbed
     * @param mounted the controllers it is mounted in
     */
    record Started(Testbed testbed, Set<KarafInstance> mounted) implements ExtensionContext.Store.CloseableResource {
        synchronized void mountIn(final KarafInstance controller) {
            if (mounted.contains(controller)) {
                return;
            }
            try {
                testbed.mount(controller.restconf(), Duration.ofMinutes(4));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while mounting the testbed", e);
            }
            mounted.add(controller);
        }

        @Override
        public void close() {
            testbed.close();
        }
    }

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
        return parameter.getParameter().getType() == Testbed.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
        final KarafInstance controller = (KarafInstance) new ControllerExtension().resolveParameter(null, context);
        final Started started = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("testbed", key -> start(),
            Started.class);
        started.mountIn(controller);
        return started.testbed();
    }

    /**
     * Returns the repository root.
     *
     * @return the root
     */
    public static Path root() {
        return Path.of(System.getProperty("qslice.root", "..")).toAbsolutePath().normalize();
    }

    private static Started start() {
        try {
            final Path topology = root().resolve("testbed/paper-topology.json");
            final var devices = TestbedDevice.fromTopology(topology);
            final Path dir = Files.createTempDirectory(ControllerExtension.workDir(), "testbed-");
            final Testbed testbed = Testbed.start(root(), dir, ControllerExtension.javaHome(), devices,
                Testbed.freePorts(devices.size()), Duration.ofMinutes(4));
            Runtime.getRuntime().addShutdownHook(new Thread(testbed::close));
            return new Started(testbed, Collections.newSetFromMap(new IdentityHashMap<>()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the testbed", e);
        }
    }
}
