/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.karaf.shell.support.table.ShellTable;
import org.qslice.api.model.Bandwidth;
import org.qslice.api.model.ConnectionPlan;
import org.qslice.api.model.DeviceDrift;
import org.qslice.api.model.Hop;
import org.qslice.api.model.Link;
import org.qslice.api.model.ProvisioningRecord;
import org.qslice.api.model.Site;
import org.qslice.api.model.SliceInfo;
import org.qslice.api.model.SlicePlan;
import org.qslice.api.model.TopologyStatus;

/**
 * Console rendering of topology, plans and slices.
 */
final class Format {
    private Format() {
        // utility class
    }

    static void plan(final SlicePlan plan, final PrintStream out) {
        out.println("slice " + plan.sliceId() + ": " + (plan.feasible() ? "feasible"
            : "NOT feasible: " + plan.reason().orElse("")));
        connections(plan.connections(), out);
    }

    static void slice(final SliceInfo slice, final PrintStream out) {
        out.println("slice " + slice.id() + "  state " + slice.state() + "  created " + slice.created()
            + "  updated " + slice.updated());
        slice.request().description().ifPresent(text -> out.println("  " + text));
        slice.lastError().ifPresent(error -> out.println("  last error: " + error));
        connections(slice.connections(), out);
    }

    static void provisioning(final ProvisioningRecord record, final PrintStream out) {
        out.println("  provisioning: " + record.state().yangName() + " (last " + record.operation().yangName()
            + " started " + record.started() + ", total " + millis(record.totalUs()) + " ms, devices "
            + millis(record.deviceUs()) + " ms, journal " + millis(record.journalUs()) + " ms, lock wait "
            + millis(record.lockWaitUs()) + " ms)");
        record.error().ifPresent(error -> out.println("  provisioning error: " + error));
        record.undoFailures().forEach(failure -> out.println("  NOT undone: " + failure));
        if (record.steps().isEmpty()) {
            return;
        }
        final var table = new ShellTable();
        table.column("seq");
        table.column("step");
        table.column("action");
        table.column("lane");
        table.column("device");
        table.column("ms").alignRight();
        table.column("result");
        table.column("what");
        for (ProvisioningRecord.StepRecord step : record.steps()) {
            table.addRow().addContent(step.seq(), step.index(), step.action().yangName(), step.lane(), step.device(),
                millis(step.durationUs()), step.ok() ? "ok" : "FAILED: " + step.error().orElse(""),
                step.description());
        }
        table.print(out);
    }

    private static String millis(final long micros) {
        return String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0);
    }

    static void connections(final List<ConnectionPlan> connections, final PrintStream out) {
        for (ConnectionPlan plan : connections) {
            if (!plan.feasible()) {
                out.println("  " + plan.name() + ": blocked: " + plan.reason().orElse(""));
                continue;
            }
            out.println("  " + plan.name() + ": " + plan.aSite().orElse("?") + " -> " + plan.zSite().orElse("?")
                + "  security >= " + plan.weakestLevel().map(Object::toString).orElse("?") + "  latency "
                + plan.totalLatencyUs() + " us  " + plan.hops().size() + " hop(s)" + (plan.homeLinks().isEmpty() ? ""
                    : "  (restored, moved " + plan.generation() + " time(s); original path " + String.join(" ",
                        plan.homeLinks()) + ")"));
            final var table = new ShellTable();
            table.column("#");
            table.column("link");
            table.column("from");
            table.column("to");
            table.column("security");
            table.column("latency us").alignRight();
            table.column("channel");
            table.column("client ports");
            for (Hop hop : plan.hops()) {
                table.addRow().addContent(hop.index(), hop.linkId(), hop.fromSite(), hop.toSite(), hop.security(),
                    hop.latencyUs(), hop.channel().isPresent() ? "ch" + hop.channel().getAsInt() : "-",
                    hop.clientPorts().isEmpty() ? "-" : hop.clientPorts().stream().map(String::valueOf)
                        .collect(Collectors.joining(",")));
            }
            table.print(out);
            plan.computeReservations().forEach(c -> out.println("    compute at " + c.siteId() + ": "
                + c.cpuCores() + " cpu cores, " + c.memoryGb() + " GB"));
            if (!plan.accessVlans().isEmpty()) {
                out.println("    access VLANs: " + plan.accessVlans().stream().map(v -> v.siteId() + " " + v.vlan())
                    .collect(Collectors.joining(", ")));
            }
        }
    }

    static void drift(final String sliceId, final DeviceDrift.Report report, final PrintStream out) {
        out.println("slice " + sliceId + ": " + (report.inSync() ? "in sync" : "DRIFT") + " (" + report.devices()
            .size() + " device(s) checked against its journal)");
        for (DeviceDrift device : report.devices()) {
            if (device.inSync() && device.foreign().isEmpty()) {
                continue;
            }
            out.println("  " + device.device() + device.error().map(error -> ": cannot read: " + error).orElse(""));
            print(out, "missing", device.missing());
            print(out, "changed", device.changed());
            print(out, "foreign (not qslice's, left alone)", device.foreign());
        }
        report.repaired().forEach(entry -> out.println("  repaired " + entry));
    }

    private static void print(final PrintStream out, final String what, final List<String> names) {
        if (!names.isEmpty()) {
            out.println("    " + what + ": " + String.join(", ", names));
        }
    }

    static void slices(final List<SliceInfo> slices, final PrintStream out) {
        final var table = new ShellTable();
        table.column("slice");
        table.column("state");
        table.column("connections").alignRight();
        table.column("updated");
        table.column("last error");
        for (SliceInfo slice : slices) {
            table.addRow().addContent(slice.id(), slice.state(), slice.connections().size(), slice.updated(),
                slice.lastError().orElse(""));
        }
        table.print(out);
    }

    static void topology(final TopologyStatus status, final PrintStream out) {
        final var topology = status.topology();
        out.println("network " + topology.networkId() + ": " + topology.sites().size() + " sites, "
            + topology.links().size() + " links");
        final var sites = new ShellTable();
        sites.column("site");
        sites.column("role");
        sites.column("compute free/total");
        sites.column("devices");
        final List<Site> sorted = new ArrayList<>(topology.sites().values());
        sorted.sort(Comparator.comparing(Site::id));
        for (Site site : sorted) {
            final var free = status.sites().get(site.id());
            sites.addRow().addContent(site.id(), site.role(), site.compute().map(total -> free == null ? "?"
                    : free.cpuCores() + "/" + total.cpuCores() + " cores, " + free.memoryGb() + "/"
                        + total.memoryGb() + " GB").orElse("-"),
                site.devices().stream().map(d -> d.name() + " (" + d.kind() + ")").collect(Collectors.joining(", ")));
        }
        sites.print(out);
        final var links = new ShellTable();
        links.column("link");
        links.column("ends");
        links.column("security");
        links.column("latency us").alignRight();
        links.column("free / capacity");
        links.column("free client ports");
        final List<Link> sortedLinks = new ArrayList<>(topology.links().values());
        sortedLinks.sort(Comparator.comparing(Link::id));
        for (Link link : sortedLinks) {
            final var usage = status.links().get(link.id());
            links.addRow().addContent(link.id(), link.siteA() + " - " + link.siteB(), link.security(),
                link.effectiveLatencyUs(), (usage == null ? "?" : Bandwidth.format(usage.freeMbps())) + " / "
                    + Bandwidth.format(link.capacityMbps()),
                link.channel().map(ch -> (usage == null ? "?" : String.valueOf(usage.freeClientPorts().size()))
                    + " of " + ch.clientPorts() + " x " + Bandwidth.formatPortSpeed(ch.portSpeedMbps()))
                    .orElse("-"));
        }
        links.print(out);
    }
}
