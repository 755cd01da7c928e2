/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.slice;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.qslice.api.SliceException;
import org.qslice.api.model.ConnectionPlan;
import org.qslice.api.model.ConnectionRequest;
import org.qslice.api.model.DeviceKind;
import org.qslice.api.model.Link;
import org.qslice.api.model.Site;
import org.qslice.api.model.SiteEndpoint;
import org.qslice.api.model.SliceInfo;
import org.qslice.api.model.SlicePlan;
import org.qslice.api.model.SliceRequest;
import org.qslice.api.model.Topology;

/**
 * The restoration decisions for one slice, given the links that are down: which connections move (rerouted off a
 * failure, or reverted to their original path once it works), which are down with no path at their level, and when
 * a hold-off ends. Pure: it plans against the resources free now (the slice's own reservation held, so a new path
 * never takes what the old one still uses) and changes nothing.
 *
 * <p>A new path is computed between the connection's resolved end sites, with its own constraints (minimum security
 * level, bandwidth, latency bound, include and exclude lists) plus every down link excluded: restoration never
 * carries a connection below its minimum level. A revert asks for the original links. The moved plan keeps the
 * connection's compute and access VLANs ({@link ConnectionPlan#movedTo}).
 */
public final class Restoration {
    /**
     * What to do with a slice.
     *
     * @param moves the connections to move, as their new plans (in request order)
     * @param down why each connection that is down stays down, by connection name
     * @param wake when a hold-off ends and the slice must be assessed again, if one runs
     * @param events what happened, one line per connection, for the slice's events
     */
    public record Assessment(List<ConnectionPlan> moves, Map<String, String> down, Optional<Instant> wake,
            List<String> events) {
        /**
         * Copies the collections.
         */
        public Assessment {
            moves = List.copyOf(moves);
            down = Map.copyOf(down);
            requireNonNull(wake);
            events = List.copyOf(events);
        }
    }

    private Restoration() {
        // pure functions
    }

    /**
     * Assesses a slice.
     *
     * @param slice the slice (active or degraded)
     * @param failed the links that are down, with when they went down
     * @param now the time now
     * @param planning planning over the current topology, holding every reservation
     * @return the decisions
     */
    public static Assessment assess(final SliceInfo slice, final Map<String, Instant> failed, final Instant now,
            final Planning planning) {
        final var reroute = new ArrayList<ConnectionRequest>();
        final var revert = new ArrayList<ConnectionRequest>();
        final var down = new TreeMap<String, String>();
        final var events = new ArrayList<String>();
        // connections on a link that now gives less than their minimum (its key exchange deprecated): why
        final var weak = new TreeMap<String, String>();
        Instant wake = null;
        for (ConnectionPlan plan : slice.connections()) {
            final Optional<ConnectionRequest> asked = asked(slice, plan.name());
            if (asked.isEmpty() || !plan.feasible()) {
                continue;
            }
            final ConnectionRequest request = asked.orElseThrow();
            final String weakness = below(plan, request, planning.topology());
            final List<String> hit = plan.linkIds().stream().filter(failed::containsKey).toList();
            if (!hit.isEmpty()) {
                final String what = "link " + String.join(", ", hit) + " failed";
                if (!request.resiliency().restorable()) {
                    down.put(plan.name(), "connection " + plan.name() + " is down: " + what
                        + "; it is unprotected, so it waits for the link");
                    continue;
                }
                final Instant due = hit.stream().map(failed::get).min(Instant::compareTo).orElseThrow()
                    .plusMillis(request.resiliency().holdOffMs());
                if (now.isBefore(due)) {
                    down.put(plan.name(), "connection " + plan.name() + " is down: " + what + "; restoration "
                        + "after its hold-off, at " + due);
                    wake = wake == null || due.isBefore(wake) ? due : wake;
                    continue;
                }
                reroute.add(between(plan, request, request.includeLinks(), failed.keySet()));
            } else if (!weakness.isEmpty()) {
                // not a failure but a decision (a method deprecated): moved at once, also if unprotected
                weak.put(plan.name(), weakness);
                reroute.add(between(plan, request, request.includeLinks(), failed.keySet()));
            } else if (request.resiliency().revertive() && !plan.homeLinks().isEmpty()
                    && plan.homeLinks().stream().noneMatch(failed::containsKey)) {
                revert.add(between(plan, request, Set.copyOf(plan.homeLinks()), failed.keySet()));
            }
        }
        final var moves = new ArrayList<ConnectionPlan>();
        if (!reroute.isEmpty() || !revert.isEmpty()) {
            final var all = new ArrayList<>(reroute);
            all.addAll(revert);
            final Map<String, ConnectionPlan> computed = plan(slice, all, planning);
            for (ConnectionPlan current : slice.connections()) {
                final ConnectionPlan next = computed.get(current.name());
                if (next == null) {
                    continue;
                }
                final boolean reverting = revert.stream().anyMatch(r -> r.name().equals(current.name()));
                final String weakness = weak.get(current.name());
                if (next.feasible()) {
                    final ConnectionPlan moved = current.movedTo(next);
                    moves.add(moved);
                    events.add((reverting ? "reverted" : weakness != null ? "migrated" : "restored") + " connection "
                        + current.name() + ": " + String.join(" ", current.linkIds()) + " -> "
                        + String.join(" ", moved.linkIds()) + (weakness == null ? "" : " (" + weakness + ")"));
                } else if (!reverting) {
                    final ConnectionRequest request = all.stream().filter(r -> r.name().equals(current.name()))
                        .findFirst().orElseThrow();
                    final String level = request.minSecurity().yangName();
                    down.put(current.name(), weakness != null
                        ? "connection " + current.name() + " runs below its minimum " + level + ": " + weakness
                            + ", and no path at " + level + " or above exists (" + next.reason().orElse("blocked")
                            + ")"
                        : "connection " + current.name() + " is down: link "
                            + String.join(", ", current.linkIds().stream().filter(failed::containsKey).toList())
                            + " failed and no path at " + level + " or above avoids it ("
                            + next.reason().orElse("blocked") + ")");
                }
            }
        }
        return new Assessment(moves, down, Optional.ofNullable(wake), events);
    }

    /**
     * Re-plans a slice about to be activated: a connection whose reserved path crosses a link that is down, or one
     * that now gives less than its minimum (a method deprecated since the reservation), gets a new path at or above
     * its minimum that avoids every down link (no hold-off, whatever its resiliency: no device carries it yet).
     *
     * @param slice the reserved slice
     * @param failed the links that are down
     * @param planning planning over the current topology, holding every reservation
     * @return the new plans ({@code moves}), and why each connection that has none cannot be activated ({@code down})
     */
    public static Assessment beforeActivation(final SliceInfo slice, final Set<String> failed,
            final Planning planning) {
        final var requests = new ArrayList<ConnectionRequest>();
        final var why = new TreeMap<String, String>();
        for (ConnectionPlan plan : slice.connections()) {
            final Optional<ConnectionRequest> asked = asked(slice, plan.name());
            if (asked.isEmpty() || !plan.feasible()) {
                continue;
            }
            final List<String> hit = plan.linkIds().stream().filter(failed::contains).toList();
            final String weak = below(plan, asked.orElseThrow(), planning.topology());
            if (!hit.isEmpty() || !weak.isEmpty()) {
                why.put(plan.name(), hit.isEmpty() ? weak : "link " + String.join(", ", hit) + " is down");
                requests.add(between(plan, asked.orElseThrow(), asked.orElseThrow().includeLinks(), failed));
            }
        }
        final var moves = new ArrayList<ConnectionPlan>();
        final var down = new TreeMap<String, String>();
        final var events = new ArrayList<String>();
        if (!requests.isEmpty()) {
            final Map<String, ConnectionPlan> computed = plan(slice, requests, planning);
            for (ConnectionPlan current : slice.connections()) {
                final ConnectionPlan next = computed.get(current.name());
                if (next == null) {
                    continue;
                }
                if (next.feasible()) {
                    final ConnectionPlan moved = current.movedTo(next);
                    moves.add(moved);
                    events.add("re-planned connection " + current.name() + " before activation: "
                        + String.join(" ", current.linkIds()) + " -> " + String.join(" ", moved.linkIds()) + " ("
                        + why.get(current.name()) + ")");
                } else {
                    final String level = requests.stream().filter(r -> r.name().equals(current.name())).findFirst()
                        .orElseThrow().minSecurity().yangName();
                    down.put(current.name(), "connection " + current.name() + ": " + why.get(current.name())
                        + ", and no path at " + level + " or above avoids it (" + next.reason().orElse("blocked")
                        + ")");
                }
            }
        }
        return new Assessment(moves, down, Optional.empty(), events);
    }

    /**
     * Returns the links that cannot carry traffic: those reported down, and those a disconnected device serves (an
     * Ethernet switch: every link at its site; an encryptor: the links it protects; an optical switch: the links
     * passing it), each with the earliest time it went down.
     *
     * @param topology the topology
     * @param links links reported down, with when
     * @param devices NETCONF node ids of disconnected devices, with when
     * @return link id to when it went down, with the reason
     */
    public static Map<String, Instant> failedLinks(final Topology topology, final Map<String, Instant> links,
            final Map<String, Instant> devices) {
        final var failed = new TreeMap<String, Instant>();
        links.forEach((link, since) -> failed.merge(link, since, (a, b) -> a.isBefore(b) ? a : b));
        if (devices.isEmpty()) {
            return failed;
        }
        for (Link link : topology.links().values()) {
            final var serving = new ArrayList<String>();
            for (String siteId : List.of(link.siteA(), link.siteB())) {
                final Site site = topology.sites().get(siteId);
                if (site == null) {
                    continue;
                }
                site.devices().stream().filter(device -> device.kind() == DeviceKind.ETHERNET_SWITCH)
                    .forEach(device -> serving.add(device.netconfNodeId()));
                link.encryptor().ifPresent(enc -> (siteId.equals(link.siteA()) ? enc.deviceA() : enc.deviceB())
                    .flatMap(site::device).ifPresent(device -> serving.add(device.netconfNodeId())));
            }
            link.opticalSwitch().ifPresent(named -> {
                final int slash = named.indexOf('/');
                final Site site = slash > 0 ? topology.sites().get(named.substring(0, slash)) : null;
                if (site != null) {
                    site.device(named.substring(slash + 1)).ifPresent(device -> serving.add(device.netconfNodeId()));
                }
            });
            serving.stream().filter(devices::containsKey).map(devices::get).min(Instant::compareTo)
                .ifPresent(since -> failed.merge(link.id(), since, (a, b) -> a.isBefore(b) ? a : b));
        }
        return failed;
    }

    /**
     * Returns why a connection's path no longer meets its minimum level (the links that give less now, e.g. because
     * their key exchange is deprecated: see {@link Topology#withDeprecated}), empty if it does.
     *
     * @param plan the connection's path
     * @param request the connection as asked
     * @param topology the topology now
     * @return the weak links with their method and level, comma-separated; empty if none
     */
    public static String below(final ConnectionPlan plan, final ConnectionRequest request, final Topology topology) {
        final var weak = new ArrayList<String>();
        for (String id : plan.linkIds()) {
            final Link link = topology.links().get(id);
            if (link != null && link.security().rank() < request.minSecurity().rank()) {
                weak.add("link " + id + " (" + link.keyExchange().yangName() + ") gives only "
                    + link.security().yangName());
            }
        }
        return String.join(", ", weak);
    }

    /**
     * Returns what was asked for a connection of a slice.
     *
     * @param slice the slice
     * @param name the connection
     * @return its request, empty if the slice asked for no such connection
     */
    public static Optional<ConnectionRequest> asked(final SliceInfo slice, final String name) {
        return slice.request().connections().stream().filter(request -> request.name().equals(name)).findFirst();
    }

    /**
     * Returns a slice's connections with the moved ones replaced by their new plans, in the slice's order.
     *
     * @param slice the slice
     * @param moves the new plans of the connections that move
     * @return the connections
     */
    public static List<ConnectionPlan> applied(final SliceInfo slice, final List<ConnectionPlan> moves) {
        final var moved = new TreeMap<String, ConnectionPlan>();
        moves.forEach(plan -> moved.put(plan.name(), plan));
        return slice.connections().stream().map(plan -> moved.getOrDefault(plan.name(), plan)).toList();
    }

    /**
     * The request for a new path of a connection: its resolved end sites, its constraints, the given links to
     * include, every down link excluded.
     */
    private static ConnectionRequest between(final ConnectionPlan plan, final ConnectionRequest request,
            final Set<String> include, final Set<String> failed) {
        final var exclude = new TreeSet<>(request.excludeLinks());
        exclude.addAll(failed);
        return new ConnectionRequest(request.name(), request.role(), new SiteEndpoint(plan.aSite().orElseThrow()),
            new SiteEndpoint(plan.zSite().orElseThrow()), request.minSecurity(), request.bandwidthMbps(),
            request.maxLatencyUs(), request.includeSites(), include, request.excludeSites(), exclude,
            request.resiliency());
    }

    private static Map<String, ConnectionPlan> plan(final SliceInfo slice, final List<ConnectionRequest> requests,
            final Planning planning) {
        final var result = new TreeMap<String, ConnectionPlan>();
        try {
            final SlicePlan plan = planning.plan(new SliceRequest(slice.id(), Optional.empty(), requests));
            plan.connections().forEach(connection -> result.put(connection.name(), connection));
        } catch (SliceException e) {
            // e.g. an include list naming a link the topology lost: no path
            requests.forEach(request -> result.put(request.name(), ConnectionPlan.blocked(request.name(),
                e.getMessage())));
        }
        return result;
    }
}
