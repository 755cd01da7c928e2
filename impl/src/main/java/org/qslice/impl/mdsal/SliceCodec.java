/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.mdsal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.BandwidthGbps;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ConnectionResult;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.Endpoint;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.SiteLinkFilter;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.compute.slice.output.ConnectionBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.compute.slice.output.KeySupply;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.compute.slice.output.KeySupplyBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.compute.slice.output.KeySupplyKey;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.connection.request.AEndBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.connection.request.ExcludeBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.connection.request.IncludeBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.connection.request.ZEndBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.connection.result.AccessVlanBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.connection.result.ComputeReservationBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.connection.result.HopBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.connection.result.LinkReservationBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.endpoint.endpoint.type.Compute;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.endpoint.endpoint.type.ComputeBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.endpoint.endpoint.type.Site;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.endpoint.endpoint.type.SiteBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.slice.request.Connection;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.slices.Slice;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.slices.SliceBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.slices.slice.StatusBuilder;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Decimal64;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;
import org.qslice.api.SliceException;
import org.qslice.api.SliceException.Kind;
import org.qslice.api.model.AccessVlan;
import org.qslice.api.model.Bandwidth;
import org.qslice.api.model.ComputeEndpoint;
import org.qslice.api.model.ComputeReservation;
import org.qslice.api.model.ConnectionPlan;
import org.qslice.api.model.ConnectionRequest;
import org.qslice.api.model.ConnectionRole;
import org.qslice.api.model.Hop;
import org.qslice.api.model.LinkReservation;
import org.qslice.api.model.Resiliency;
import org.qslice.api.model.SiteEndpoint;
import org.qslice.api.model.SliceInfo;
import org.qslice.api.model.SliceRequest;
import org.qslice.api.model.SliceState;
import org.qslice.impl.slice.SliceManager;

/**
 * Converts slices between the {@code qslice-slice} YANG bindings and the domain records.
 */
public final class SliceCodec {
    private SliceCodec() {
        // utility class
    }

    /**
     * Converts a request (RPC input or stored slice).
     *
     * @param request the binding request
     * @return the domain request
     * @throws SliceException of kind INVALID naming the field when a value is missing or malformed
     */
    public static SliceRequest request(
            final org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.SliceRequest request)
            throws SliceException {
        final String id = request.getSliceId();
        if (id == null || id.isBlank()) {
            throw invalid("slice-id", "slice-id is mandatory");
        }
        final List<Connection> connections = request.nonnullConnection();
        if (connections.isEmpty()) {
            throw invalid("connection", "slice " + id + " has no connection");
        }
        final var result = new ArrayList<ConnectionRequest>();
        for (Connection connection : connections) {
            try {
                result.add(connection(connection));
            } catch (IllegalArgumentException e) {
                final String at = "connection[" + connection.getName() + "]";
                throw new SliceException(Kind.INVALID, at, at + ": " + e.getMessage(), e);
            }
        }
        return new SliceRequest(id, Optional.ofNullable(request.getDescription()), result);
    }

    private static ConnectionRequest connection(final Connection connection) throws SliceException {
        final String name = connection.getName();
        final String at = "connection[" + name + "]";
        if (connection.getMinSecurityLevel() == null) {
            throw invalid(at + "/min-security-level", "min-security-level is mandatory");
        }
        if (connection.getBandwidthGbps() == null) {
            throw invalid(at + "/bandwidth-gbps", "bandwidth-gbps is mandatory");
        }
        final long mbps;
        try {
            mbps = Bandwidth.mbps(connection.getBandwidthGbps().getValue().decimalValue());
        } catch (ArithmeticException e) {
            throw new SliceException(Kind.INVALID, at + "/bandwidth-gbps", at + "/bandwidth-gbps: "
                + connection.getBandwidthGbps().getValue() + " is finer than 1 Mb/s", e);
        }
        return new ConnectionRequest(name,
            connection.getRole() == null ? ConnectionRole.USER_PLANE : YangEnums.fromYang(connection.getRole()),
            endpoint(connection.getAEnd(), at + "/a-end"), endpoint(connection.getZEnd(), at + "/z-end"),
            YangEnums.fromYang(connection.getMinSecurityLevel()), mbps,
            connection.getMaxLatencyUs() == null ? OptionalLong.empty()
                : OptionalLong.of(connection.getMaxLatencyUs().longValue()),
            sites(connection.getInclude()), links(connection.getInclude()),
            sites(connection.getExclude()), links(connection.getExclude()), resiliency(connection));
    }

    private static Resiliency resiliency(final Connection connection) {
        final var kind = connection.getResiliency();
        return new Resiliency(kind == null ? Resiliency.DEFAULT.restorable()
            : kind == org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ConnectionRequest.Resiliency.Restorable,
            connection.getHoldOffMs() == null ? Resiliency.DEFAULT.holdOffMs() : connection.getHoldOffMs().longValue(),
            connection.getRevertive() == null ? Resiliency.DEFAULT.revertive() : connection.getRevertive());
    }

    private static org.qslice.api.model.Endpoint endpoint(final Endpoint endpoint, final String at)
            throws SliceException {
        if (endpoint == null || endpoint.getEndpointType() == null) {
            throw invalid(at, at + ": either site or compute is required");
        }
        if (endpoint.getEndpointType() instanceof Site site) {
            if (site.getSite() == null || site.getSite().isBlank()) {
                throw invalid(at + "/site", at + "/site must name a site");
            }
            return new SiteEndpoint(site.getSite());
        }
        final var compute = ((Compute) endpoint.getEndpointType()).getCompute();
        if (compute == null) {
            throw invalid(at + "/compute", at + "/compute is empty");
        }
        return new ComputeEndpoint(
            Optional.ofNullable(compute.getSiteRole()).map(YangEnums::fromYang),
            compute.getCandidateSite() == null ? Set.of() : Set.copyOf(compute.getCandidateSite()),
            compute.getCpuCores() == null ? 0 : compute.getCpuCores().longValue(),
            compute.getMemoryGb() == null ? 0 : compute.getMemoryGb().longValue());
    }

    private static Set<String> sites(final SiteLinkFilter filter) {
        return filter == null || filter.getSite() == null ? Set.of() : new HashSet<>(filter.getSite());
    }

    private static Set<String> links(final SiteLinkFilter filter) {
        return filter == null || filter.getLink() == null ? Set.of() : new HashSet<>(filter.getLink());
    }

    private static SliceException invalid(final String field, final String message) {
        return new SliceException(Kind.INVALID, field, message, null);
    }

    /**
     * Converts a connection plan into the shared {@code connection-result} grouping (as a compute-slice output
     * entry; other containers copy it with their builders' grouping constructors).
     *
     * @param plan the plan
     * @return the binding value
     */
    public static org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.compute.slice.output.Connection result(
            final ConnectionPlan plan) {
        final var builder = new ConnectionBuilder()
            .setName(plan.name())
            .setFeasible(plan.feasible())
            .setReason(plan.reason().orElse(null))
            .setASite(plan.aSite().orElse(null))
            .setZSite(plan.zSite().orElse(null));
        if (plan.feasible()) {
            builder.setTotalLatencyUs(Uint32.valueOf(plan.totalLatencyUs()))
                .setSecurityLevel(plan.weakestLevel().map(YangEnums::toYang).orElse(null));
            final var hops = new ArrayList<org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.connection.result
                .Hop>();
            for (Hop hop : plan.hops()) {
                hops.add(new HopBuilder()
                    .setIndex(Uint16.valueOf(hop.index()))
                    .setLinkId(hop.linkId())
                    .setFromSite(hop.fromSite())
                    .setToSite(hop.toSite())
                    .setSecurityLevel(YangEnums.toYang(hop.security()))
                    .setLatencyUs(Uint32.valueOf(hop.latencyUs()))
                    .setChannel(hop.channel().isPresent() ? Uint16.valueOf(hop.channel().getAsInt()) : null)
                    .setClientPort(hop.clientPorts().isEmpty() ? null
                        : hop.clientPorts().stream().map(Uint8::valueOf).collect(
                            java.util.stream.Collectors.toUnmodifiableSet()))
                    .build());
            }
            builder.setHop(BindingMap.of(hops));
            final var links = new ArrayList<org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.connection.result
                .LinkReservation>();
            for (LinkReservation link : plan.linkReservations()) {
                links.add(new LinkReservationBuilder()
                    .setLinkId(link.linkId())
                    .setBandwidthGbps(new BandwidthGbps(Decimal64.valueOf(Bandwidth.gbps(link.bandwidthMbps()))))
                    .setClientPort(link.clientPorts().isEmpty() ? null
                        : link.clientPorts().stream().map(Uint8::valueOf).collect(
                            java.util.stream.Collectors.toUnmodifiableSet()))
                    .build());
            }
            if (!links.isEmpty()) {
                builder.setLinkReservation(BindingMap.of(links));
            }
            final var compute = new ArrayList<org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.connection
                .result.ComputeReservation>();
            for (ComputeReservation reservation : plan.computeReservations()) {
                compute.add(new ComputeReservationBuilder()
                    .setSite(reservation.siteId())
                    .setCpuCores(Uint32.valueOf(reservation.cpuCores()))
                    .setMemoryGb(Uint32.valueOf(reservation.memoryGb()))
                    .build());
            }
            if (!compute.isEmpty()) {
                builder.setComputeReservation(BindingMap.of(compute));
            }
            builder.setPathGeneration(plan.generation() == 0 ? null : Uint32.valueOf(plan.generation()))
                .setHomeLink(plan.homeLinks().isEmpty() ? null : plan.homeLinks());
            if (!plan.accessVlans().isEmpty()) {
                builder.setAccessVlan(BindingMap.of(plan.accessVlans().stream().map(vlan -> new AccessVlanBuilder()
                    .setSite(vlan.siteId()).setVlan(Uint16.valueOf(vlan.vlan())).build()).toList()));
            }
        }
        return builder.build();
    }

    /**
     * Converts a stored connection result back into a plan.
     *
     * @param result the binding value
     * @return the plan
     */
    public static ConnectionPlan plan(final ConnectionResult result) {
        if (!Boolean.TRUE.equals(result.getFeasible())) {
            return ConnectionPlan.blocked(result.getName(), Optional.ofNullable(result.getReason())
                .orElse("not feasible"));
        }
        final var hops = new ArrayList<Hop>();
        for (var hop : result.nonnullHop().values()) {
            hops.add(new Hop(hop.requireIndex().intValue(), hop.requireLinkId(), hop.requireFromSite(),
                hop.requireToSite(), YangEnums.fromYang(hop.requireSecurityLevel()),
                hop.requireLatencyUs().longValue(),
                hop.getChannel() == null ? OptionalInt.empty() : OptionalInt.of(hop.getChannel().intValue()),
                ports(hop.getClientPort())));
        }
        hops.sort(Comparator.comparingInt(Hop::index));
        final var links = new ArrayList<LinkReservation>();
        for (var link : result.nonnullLinkReservation().values()) {
            links.add(new LinkReservation(link.requireLinkId(),
                Bandwidth.mbps(link.requireBandwidthGbps().getValue().decimalValue()), ports(link.getClientPort())));
        }
        links.sort(Comparator.comparing(LinkReservation::linkId));
        final var compute = new ArrayList<ComputeReservation>();
        for (var reservation : result.nonnullComputeReservation().values()) {
            compute.add(new ComputeReservation(reservation.requireSite(), reservation.requireCpuCores().longValue(),
                reservation.requireMemoryGb().longValue()));
        }
        compute.sort(Comparator.comparing(ComputeReservation::siteId));
        final var vlans = result.nonnullAccessVlan().values().stream()
            .map(vlan -> new AccessVlan(vlan.requireSite(), vlan.requireVlan().intValue())).toList();
        final ConnectionPlan plan = ConnectionPlan.feasible(result.getName(), result.requireASite(),
            result.requireZSite(), hops, links, compute, vlans);
        final int generation = result.getPathGeneration() == null ? 0 : result.getPathGeneration().intValue();
        final List<String> home = result.getHomeLink() == null ? List.of() : result.getHomeLink();
        return generation == 0 && home.isEmpty() ? plan : new ConnectionPlan(plan.name(), true, plan.reason(),
            plan.aSite(), plan.zSite(), plan.hops(), plan.totalLatencyUs(), plan.weakestLevel(),
            plan.linkReservations(), plan.computeReservations(), plan.accessVlans(), generation, home);
    }

    private static List<Integer> ports(final Set<Uint8> ports) {
        return ports == null ? List.of() : ports.stream().map(Uint8::intValue).sorted().toList();
    }

    /**
     * Converts a plan's key supply report into the {@code compute-slice} output's {@code key-supply} list.
     *
     * @param supply per key source, its supply
     * @return the entries by key, null if there are none (the list is left out)
     */
    public static Map<KeySupplyKey, KeySupply> keySupply(final List<org.qslice.api.model.KeySupply> supply) {
        return supply.isEmpty() ? null : BindingMap.of(supply.stream().map(source -> new KeySupplyBuilder()
            .setQkdLink(source.source())
            .setLink(source.links().isEmpty() ? null : Set.copyOf(source.links()))
            .setSecretKeyRateBps(decimal(source.rateBps()))
            .setLimitBps(decimal(source.limitBps()))
            .setCommittedBps(decimal(OptionalDouble.of(source.committedBps())))
            .setNewDemandBps(decimal(OptionalDouble.of(source.newDemandBps())))
            .setHeadroomBps(decimal(source.headroomBps()))
            .build()).toList());
    }

    /**
     * Converts a {@code key-supply} entry of the {@code compute-slice} output back (rounded to the milli-bit/s).
     *
     * @param entry the binding value
     * @return the key supply
     */
    public static org.qslice.api.model.KeySupply keySupply(final KeySupply entry) {
        return new org.qslice.api.model.KeySupply(entry.requireQkdLink(),
            entry.getLink() == null ? List.of() : List.copyOf(entry.getLink()), optional(entry.getSecretKeyRateBps()),
            optional(entry.getLimitBps()), optional(entry.getCommittedBps()).orElse(0),
            optional(entry.getNewDemandBps()).orElse(0));
    }

    private static Decimal64 decimal(final OptionalDouble value) {
        return value.isEmpty() ? null
            : Decimal64.valueOf(BigDecimal.valueOf(value.getAsDouble()).setScale(3, RoundingMode.HALF_UP));
    }

    private static OptionalDouble optional(final Decimal64 value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value.doubleValue());
    }

    /**
     * Converts a request into a binding value implementing the {@code slice-request} grouping, from which the RPC
     * input builders copy.
     *
     * @param request the request
     * @return a slice entry without status
     */
    public static Slice requestBinding(final SliceRequest request) {
        final var connections = new ArrayList<Connection>();
        for (ConnectionRequest connection : request.connections()) {
            connections.add(connectionRequest(connection));
        }
        return new SliceBuilder()
            .setSliceId(request.id())
            .setDescription(request.description().orElse(null))
            .setConnection(connections)
            .build();
    }

    /**
     * Converts a slice for storage.
     *
     * @param info the slice
     * @return the list entry
     */
    public static Slice slice(final SliceInfo info) {
        final var connections = new ArrayList<Connection>();
        for (ConnectionRequest request : info.request().connections()) {
            connections.add(connectionRequest(request));
        }
        final var results = new ArrayList<org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.slices.slice
            .status.Connection>();
        for (ConnectionPlan plan : info.connections()) {
            results.add(new org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.slices.slice.status
                .ConnectionBuilder(result(plan)).build());
        }
        final var replaced = new ArrayList<org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.slices.slice
            .status.ReplacedConnection>();
        for (ConnectionPlan plan : info.replaced()) {
            replaced.add(new org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.slices.slice.status
                .ReplacedConnectionBuilder(result(plan)).build());
        }
        return new SliceBuilder()
            .setSliceId(info.id())
            .setDescription(info.request().description().orElse(null))
            .setConnection(connections)
            .setStatus(new StatusBuilder()
                .setState(YangEnums.toYang(info.state()))
                .setCreated(new DateAndTime(info.created().toString()))
                .setUpdated(new DateAndTime(info.updated().toString()))
                .setLastError(info.lastError().orElse(null))
                .setReservationHeld(info.reservationHeld())
                .setConnection(results.isEmpty() ? null : results)
                .setReplacedConnection(replaced.isEmpty() ? null : replaced)
                .build())
            .build();
    }

    /**
     * Converts a stored slice back.
     *
     * @param slice the list entry
     * @return the domain slice
     * @throws SliceException if the stored request is malformed
     */
    public static SliceInfo info(final Slice slice) throws SliceException {
        final SliceRequest request = request(slice);
        final var status = slice.getStatus();
        final SliceState state = status == null || status.getState() == null ? SliceState.FAILED
            : YangEnums.fromYang(status.getState());
        final var plans = new ArrayList<ConnectionPlan>();
        final var replaced = new ArrayList<ConnectionPlan>();
        if (status != null) {
            for (var result : status.nonnullConnection()) {
                plans.add(plan(result));
            }
            for (var result : status.nonnullReplacedConnection()) {
                replaced.add(plan(result));
            }
        }
        final Instant created = instant(status == null ? null : status.getCreated());
        final Instant updated = instant(status == null ? null : status.getUpdated());
        final boolean held = status == null || !Boolean.FALSE.equals(status.getReservationHeld());
        return new SliceInfo(request, state, held, plans, created, updated,
            Optional.ofNullable(status == null ? null : status.getLastError()), replaced);
    }

    /**
     * Turns a stored slice that does not decode into a {@code failed} slice that keeps holding what can be decoded
     * of its reservation, so nothing it may use is handed to another slice. Its request is kept if it decodes
     * (otherwise it has no connections); each connection result that decodes is kept. A slice stored
     * {@code provisioning}/{@code deprovisioning} is marked {@code needs-recovery}, so its journal is recovered.
     *
     * @param slice the stored entry
     * @param reason why it does not decode
     * @return the failed slice, its status naming the reason and what could not be restored
     */
    public static SliceInfo salvage(final Slice slice, final String reason) {
        final String id = slice.requireSliceId();
        final var lost = new ArrayList<String>();
        SliceRequest request;
        try {
            request = request(slice);
        } catch (SliceException | IllegalArgumentException e) {
            request = new SliceRequest(id, Optional.empty(), List.of());
            lost.add("the request (" + e.getMessage() + ")");
        }
        final var status = slice.getStatus();
        final var plans = new ArrayList<ConnectionPlan>();
        if (status != null) {
            for (var result : status.nonnullConnection()) {
                try {
                    plans.add(plan(result));
                } catch (IllegalArgumentException e) {
                    lost.add("connection " + result.getName() + " (" + e.getMessage() + "), whose resources are "
                        + "not known and not held");
                }
            }
        }
        final boolean busy = status != null && status.getState() != null && (status.getState()
            == org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.SliceState.Provisioning
            || status.getState() == org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.SliceState.Deprovisioning
            || status.getState() == org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.SliceState.Restoring);
        final String message = (busy ? SliceManager.NEEDS_RECOVERY : "") + "the stored slice does not decode ("
            + reason + "): it is failed and holds what decoded of its reservation"
            + (lost.isEmpty() ? "" : "; not restored: " + String.join("; ", lost))
            + "; deactivate it to remove what its journal names, then delete it";
        return new SliceInfo(request, SliceState.FAILED, false, plans,
            instant(status == null ? null : status.getCreated()),
            instant(status == null ? null : status.getUpdated()), Optional.of(message));
    }

    private static Instant instant(final DateAndTime value) {
        if (value == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(value.getValue());
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static Connection connectionRequest(final ConnectionRequest request) {
        return new org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.slice.request.ConnectionBuilder()
            .setName(request.name())
            .setRole(YangEnums.toYang(request.role()))
            .setAEnd(new AEndBuilder().setEndpointType(endpointType(request.aEnd())).build())
            .setZEnd(new ZEndBuilder().setEndpointType(endpointType(request.zEnd())).build())
            .setMinSecurityLevel(YangEnums.toYang(request.minSecurity()))
            .setBandwidthGbps(new BandwidthGbps(Decimal64.valueOf(Bandwidth.gbps(request.bandwidthMbps()))))
            .setMaxLatencyUs(request.maxLatencyUs().isPresent() ? Uint32.valueOf(request.maxLatencyUs().getAsLong())
                : null)
            .setInclude(request.includeSites().isEmpty() && request.includeLinks().isEmpty() ? null
                : new IncludeBuilder().setSite(nullIfEmpty(request.includeSites()))
                    .setLink(nullIfEmpty(request.includeLinks())).build())
            .setExclude(request.excludeSites().isEmpty() && request.excludeLinks().isEmpty() ? null
                : new ExcludeBuilder().setSite(nullIfEmpty(request.excludeSites()))
                    .setLink(nullIfEmpty(request.excludeLinks())).build())
            .setResiliency(request.resiliency().restorable()
                ? org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ConnectionRequest.Resiliency.Restorable
                : org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ConnectionRequest.Resiliency.Unprotected)
            .setHoldOffMs(Uint32.valueOf(request.resiliency().holdOffMs()))
            .setRevertive(request.resiliency().revertive())
            .build();
    }

    private static Set<String> nullIfEmpty(final Set<String> values) {
        return values.isEmpty() ? null : Set.copyOf(values);
    }

    private static org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.endpoint.EndpointType endpointType(
            final org.qslice.api.model.Endpoint endpoint) {
        return switch (endpoint) {
            case SiteEndpoint site -> new SiteBuilder().setSite(site.site()).build();
            case ComputeEndpoint compute -> new ComputeBuilder().setCompute(
                new org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.endpoint.endpoint.type.compute
                    .ComputeBuilder()
                    .setSiteRole(compute.role().map(YangEnums::toYang).orElse(null))
                    .setCandidateSite(nullIfEmpty(compute.candidateSites()))
                    .setCpuCores(Uint32.valueOf(compute.cpuCores()))
                    .setMemoryGb(Uint32.valueOf(compute.memoryGb()))
                    .build()).build();
        };
    }
}
