/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonElement;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qslice.tools.karaf.KarafInstance;

/**
 * {@code ./qslice demo}: boots the controller, shows that qslice is live over RESTCONF and the console, and stops
 * what it started.
 */
final class Demo {
    private final Launcher launcher;
    private final Duration bootTimeout;

    Demo(final Launcher launcher, final Duration bootTimeout) {
        this.launcher = requireNonNull(launcher);
        this.bootTimeout = requireNonNull(bootTimeout);
    }

    int run(final List<String> args) throws IOException, InterruptedException {
        final KarafInstance before = launcher.existing();
        final boolean wasRunning = before != null && before.isRunning();
        final long t0 = System.nanoTime();
        final KarafInstance instance = launcher.start(bootTimeout);
        final double bootSeconds = (System.nanoTime() - t0) / 1e9;
        final List<String> summary = new ArrayList<>();
        try {
            final var restconf = instance.restconf();
            Out.println("== qslice-info:get-info over RESTCONF (" + instance.restconfUri() + ")");
            final var info = restconf.rpc("qslice-info:get-info", null).expectOk("get-info").json()
                .getAsJsonObject("qslice-info:output");
            Out.println("version " + info.get("version").getAsString());
            final var levels = new ArrayList<String>();
            for (JsonElement level : info.getAsJsonArray("security-level")) {
                levels.add(level.getAsJsonObject().get("name").getAsString());
            }
            Out.println("security levels, weakest first: " + String.join(" < ", levels));

            Out.println("== qslice RPC endpoints");
            final var operations = restconf.send("GET", "/operations", null).expectOk("GET /operations").json();
            final var ops = new ArrayList<String>();
            final var root = operations.has("ietf-restconf:operations")
                ? operations.getAsJsonObject("ietf-restconf:operations") : operations;
            for (Map.Entry<String, JsonElement> op : root.entrySet()) {
                if (op.getKey().startsWith("qslice")) {
                    ops.add(op.getKey());
                }
            }
            ops.sort(null);
            ops.forEach(op -> Out.println("  POST " + instance.restconfUri() + "/operations/" + op));

            Out.println("== qslice:version on the Karaf console");
            final String console = instance.console(Duration.ofSeconds(120), "qslice:version").strip();
            Out.println(console);
            summary.add(String.format("controller booted in %.1f s%s", bootSeconds, wasRunning
                ? " (was already running)" : ""));
            summary.add("qslice " + info.get("version").getAsString() + ", " + ops.size()
                + " qslice RPCs live over RESTCONF");
            summary.add("console answered qslice:version: " + (console.contains("odl-qslice-all") ? "yes" : "no"));
        } finally {
            if (!wasRunning) {
                instance.stop(Duration.ofSeconds(90));
                summary.add("controller stopped");
            }
        }
        Out.println("");
        Out.println("== summary");
        summary.forEach(line -> Out.println("  " + line));
        return 0;
    }
}
