/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.qslice.tools.karaf.KarafInstance;

/**
 * Entry point of the {@code ./qslice} launcher's Java commands.
 */
public final class Main {
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(
        Long.getLong("qslice.boot.timeout.seconds", 300));

    private Main() {
        // entry point only
    }

    /**
     * Runs a command.
     *
     * @param args command and its arguments
     */
    public static void main(final String[] args) {
        final Path root = Path.of(System.getProperty("qslice.root", ".")).toAbsolutePath().normalize();
        final Path javaHome = Path.of(System.getProperty("java.home"));
        final var launcher = new Launcher(root, javaHome, System.getenv());
        final List<String> rest = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : List.of();
        int status;
        try {
            status = switch (args.length == 0 ? "" : args[0]) {
                case "start" -> start(launcher);
                case "stop" -> stop(launcher);
                case "status" -> status(launcher);
                case "demo" -> new Demo(launcher, root, BOOT_TIMEOUT).run(rest);
                case "testbed" -> new TestbedCommand(launcher, root, BOOT_TIMEOUT).run(rest);
                case "cluster" -> new ClusterCommand(launcher, root, javaHome, BOOT_TIMEOUT).run(rest);
                case "bench" -> new Bench(root, launcher.assembly(), javaHome).run(rest);
                case "install-into" -> installInto(launcher, rest);
                default -> {
                    Out.err("unknown command: " + String.join(" ", args));
                    yield 2;
                }
            };
        } catch (IOException | IllegalArgumentException e) {
            Out.err("qslice: " + e.getMessage());
            status = 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Out.err("qslice: interrupted");
            status = 130;
        }
        System.exit(status);
    }

    private static int start(final Launcher launcher) throws IOException, InterruptedException {
        final KarafInstance instance = launcher.start(BOOT_TIMEOUT);
        Out.println("RESTCONF: " + instance.restconfUri() + "  (user admin, password admin)");
        Out.println("web view: " + instance.webUiUri() + "  (same user)");
        Out.println("console:  ./qslice console   (or ssh -p " + instance.ports().ssh() + " karaf@127.0.0.1)");
        return 0;
    }

    private static int stop(final Launcher launcher) throws IOException, InterruptedException {
        final KarafInstance instance = launcher.existing();
        if (instance == null || !instance.stop(Duration.ofSeconds(90))) {
            Out.println("controller is not running");
            return 0;
        }
        Out.println("controller stopped");
        return 0;
    }

    private static int installInto(final Launcher launcher, final List<String> args) throws IOException {
        if (args.size() != 1) {
            throw new IllegalArgumentException("usage: ./qslice install-into <home of an OpenDaylight distribution>");
        }
        final Path target = Path.of(args.get(0)).toAbsolutePath().normalize();
        if (!java.nio.file.Files.isDirectory(target.resolve("system"))
                || !java.nio.file.Files.isRegularFile(target.resolve("bin/karaf"))) {
            throw new IOException(target + " is not an OpenDaylight Karaf distribution (no bin/karaf and system/)");
        }
        final int copied = ShippedArtifacts.copy(launcher.assembly().resolve("system"), target.resolve("system"));
        Out.println("copied " + copied + " qslice artifacts into " + target.resolve("system"));
        Out.println("now, on that controller's console (bin/client):");
        Out.println("  feature:repo-add " + ShippedArtifacts.FEATURES_REPOSITORY);
        Out.println("  feature:install odl-qslice-all");
        return 0;
    }

    private static int status(final Launcher launcher) throws IOException {
        final KarafInstance instance = launcher.existing();
        if (instance == null || !instance.isRunning()) {
            Out.println("controller: stopped");
            return 3;
        }
        final boolean answers = instance.restconf().answers(Launcher.PROBE_RPC);
        Out.println("controller: running, PID " + instance.process().map(ProcessHandle::pid).orElse(-1L)
            + ", RESTCONF " + instance.restconfUri() + (answers ? " (answering)" : " (not answering yet)")
            + ", web view " + instance.webUiUri());
        return 0;
    }
}
