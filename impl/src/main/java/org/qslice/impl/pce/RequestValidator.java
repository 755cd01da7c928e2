/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.pce;

import static java.util.Objects.requireNonNull;

import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.qslice.api.model.Bandwidth;
import org.qslice.api.model.Compute;
import org.qslice.api.model.ComputeEndpoint;
import org.qslice.api.model.ConnectionRequest;
import org.qslice.api.model.Endpoint;
import org.qslice.api.model.Link;
import org.qslice.api.model.SecurityLevel;
import org.qslice.api.model.Site;
import org.qslice.api.model.SiteEndpoint;
import org.qslice.api.model.SliceRequest;

/**
 * Checks a slice request against a topology before planning. Every problem is an
 * {@link InvalidRequestException} naming the field: unknown sites and links, duplicate connection names, a-end equal
 * to z-end, non-positive bandwidth or bandwidth no link can carry, compute ends without candidate site or with a
 * demand larger than every candidate's total compute, contradictory include/exclude lists, and latency bounds below
 * the physical minimum between the ends. Free resources are not checked here: running out of them makes a plan
 * infeasible, not the request invalid. Duplicate slice ids are checked by the caller against the datastore.
 * Stateless and thread-safe.
 */
public final class RequestValidator {
    private static final Pattern SLICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    // a connection name: '<slice-id>/<name>' names the Ethernet cross-connect, at most 160 characters on the device
    private static final Pattern CONNECTION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,94}");

    private final PathComputer computer;
    private final TopologyIndex index;

    /**
     * Creates a validator for the topology of a path computer.
     *
     * @param computer the path computer, used for the physical latency minimum
     */
    public RequestValidator(final PathComputer computer) {
        this.computer = requireNonNull(computer);
        index = computer.index();
    }

    /**
     * Parses a security level given as text, naming the field if it is unknown.
     *
     * @param field path of the field, e.g. {@code connection[x]/min-security-level}
     * @param value the text, e.g. {@code qkd-aes}
     * @return the level
     * @throws InvalidRequestException if the level is unknown
     */
    public static SecurityLevel parseSecurityLevel(final String field, final String value)
            throws InvalidRequestException {
        try {
            return SecurityLevel.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, e.getMessage(), e);
        }
    }

    /**
     * Checks a slice request.
     *
     * @param request the request
     * @throws InvalidRequestException naming the first offending field
     */
    public void validate(final SliceRequest request) throws InvalidRequestException {
        if (!SLICE_ID.matcher(request.id()).matches()) {
            throw new InvalidRequestException("slice-id", "'" + request.id()
                + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (request.connections().isEmpty()) {
            throw new InvalidRequestException("connection", "a slice needs at least one connection");
        }
        final var names = new HashSet<String>();
        for (ConnectionRequest connection : request.connections()) {
            final String path = "connection[" + connection.name() + "]";
            if (connection.name().isBlank()) {
                throw new InvalidRequestException(path + "/name", "must not be empty");
            }
            if (!CONNECTION_NAME.matcher(connection.name()).matches()) {
                throw new InvalidRequestException(path + "/name", "'" + connection.name() + "' must be 1 to "
                    + "95 letters, digits, '.', '_' or '-', starting with a letter or digit (the "
                    + "devices name a cross-connect '<slice-id>/<connection>', at most 160 characters)");
            }
            if (!names.add(connection.name())) {
                throw new InvalidRequestException(path + "/name", "duplicate connection name " + connection.name());
            }
        }
        for (ConnectionRequest connection : request.connections()) {
            validate(connection, "connection[" + connection.name() + "]");
        }
    }

    private void validate(final ConnectionRequest connection, final String path) throws InvalidRequestException {
        requireKnownSites(path + "/include/site", connection.includeSites());
        requireKnownSites(path + "/exclude/site", connection.excludeSites());
        requireKnownLinks(path + "/include/link", connection.includeLinks());
        requireKnownLinks(path + "/exclude/link", connection.excludeLinks());
        final String siteA = checkEnd(path + "/a-end", connection.aEnd(), connection.excludeSites());
        final String siteZ = checkEnd(path + "/z-end", connection.zEnd(), connection.excludeSites());
        if (siteA != null && siteA.equals(siteZ)) {
            throw new InvalidRequestException(path + "/z-end/site", "a-end and z-end are the same site " + siteA);
        }
        for (String site : connection.includeSites()) {
            if (connection.excludeSites().contains(site)) {
                throw new InvalidRequestException(path + "/include/site", "site " + site
                    + " is both included and excluded");
            }
        }
        for (String linkId : connection.includeLinks()) {
            if (connection.excludeLinks().contains(linkId)) {
                throw new InvalidRequestException(path + "/include/link", "link " + linkId
                    + " is both included and excluded");
            }
            final Link link = index.topology().link(linkId);
            for (String site : new String[] { link.siteA(), link.siteB() }) {
                if (connection.excludeSites().contains(site)) {
                    throw new InvalidRequestException(path + "/include/link", "link " + linkId
                        + " ends at excluded site " + site);
                }
            }
        }
        checkCompute(path + "/a-end/compute", connection.aEnd(), siteZ, connection.excludeSites());
        checkCompute(path + "/z-end/compute", connection.zEnd(), siteA, connection.excludeSites());

        final long bandwidth = connection.bandwidthMbps();
        if (bandwidth <= 0) {
            throw new InvalidRequestException(path + "/bandwidth-gbps", "must be positive, got "
                + Bandwidth.gbps(bandwidth).toPlainString());
        }
        if (bandwidth > index.maxLinkBandwidth()) {
            throw new InvalidRequestException(path + "/bandwidth-gbps", Bandwidth.format(bandwidth)
                + " exceeds what any link can carry (at most " + Bandwidth.format(index.maxLinkBandwidth()) + ")");
        }
        if (connection.maxLatencyUs().isPresent()) {
            final long bound = connection.maxLatencyUs().orElseThrow();
            if (!computer.physicallyWithin(connection, bound)) {
                final var minimum = computer.physicalMinLatencyUs(connection);
                if (minimum.isPresent()) {
                    throw new InvalidRequestException(path + "/max-latency-us", bound
                        + " us is below the physical minimum " + minimum.orElseThrow() + " us between "
                        + connection.aEnd().describe() + " and " + connection.zEnd().describe());
                }
            }
        }
    }

    private void requireKnownSites(final String field, final Set<String> sites) throws InvalidRequestException {
        for (String site : sites) {
            if (index.siteIndex(site) < 0) {
                throw new InvalidRequestException(field, "unknown site " + site);
            }
        }
    }

    private void requireKnownLinks(final String field, final Set<String> links) throws InvalidRequestException {
        for (String link : links) {
            if (index.linkIndex(link) < 0) {
                throw new InvalidRequestException(field, "unknown link " + link);
            }
        }
    }

    /**
     * Checks the names an end gives and returns its fixed site, or null for a compute end.
     */
    private String checkEnd(final String path, final Endpoint end, final Set<String> excluded)
            throws InvalidRequestException {
        if (end instanceof SiteEndpoint(var site)) {
            requireKnownSites(path + "/site", Set.of(site));
            if (excluded.contains(site)) {
                throw new InvalidRequestException(path + "/site", "site " + site + " is an end and excluded");
            }
            return site;
        }
        final var compute = (ComputeEndpoint) end;
        requireKnownSites(path + "/compute/candidate-site", compute.candidateSites());
        for (String site : compute.candidateSites()) {
            if (index.topology().site(site).compute().isEmpty()) {
                throw new InvalidRequestException(path + "/compute/candidate-site", "site " + site
                    + " hosts no compute");
            }
        }
        return null;
    }

    private void checkCompute(final String path, final Endpoint end, final String otherSite,
            final Set<String> excluded) throws InvalidRequestException {
        if (!(end instanceof ComputeEndpoint compute)) {
            return;
        }
        final var excludedSites = new BitSet();
        excluded.forEach(site -> excludedSites.set(index.siteIndex(site)));
        final BitSet candidates = index.computeCandidates(compute, otherSite == null ? -1
            : index.siteIndex(otherSite), excludedSites);
        if (candidates.isEmpty()) {
            final String who = "no candidate site: no "
                + compute.role().map(role -> "site with role " + role.yangName()).orElse("site")
                + (compute.candidateSites().isEmpty() ? "" : " among " + String.join(", ", compute.candidateSites()))
                + " hosts compute";
            if (index.computeCandidates(compute, -1, new BitSet()).isEmpty()) {
                throw new InvalidRequestException(path, who);
            }
            if (otherSite != null && index.computeCandidates(compute, index.siteIndex(otherSite), new BitSet())
                    .isEmpty()) {
                throw new InvalidRequestException(path, who + " other than the other end " + otherSite);
            }
            throw new InvalidRequestException(path, who + " and is not excluded");
        }
        final Compute demand = compute.demand();
        final var totals = candidates.stream().mapToObj(site -> index.site(site)).toList();
        if (totals.stream().anyMatch(site -> site.compute().orElseThrow().covers(demand))) {
            return;
        }
        final var largestCpu = totals.stream().max(Comparator.comparingLong(
            (Site site) -> site.compute().orElseThrow().cpuCores())).orElseThrow();
        final var largestMemory = totals.stream().max(Comparator.comparingLong(
            (Site site) -> site.compute().orElseThrow().memoryGb())).orElseThrow();
        final long maxCpu = largestCpu.compute().orElseThrow().cpuCores();
        final long maxMemory = largestMemory.compute().orElseThrow().memoryGb();
        if (demand.cpuCores() > maxCpu) {
            throw new InvalidRequestException(path + "/cpu-cores", demand.cpuCores()
                + " cpu cores exceed the compute of every candidate site (largest: " + largestCpu.id() + " with "
                + maxCpu + ")");
        }
        if (demand.memoryGb() > maxMemory) {
            throw new InvalidRequestException(path + "/memory-gb", demand.memoryGb()
                + " GB memory exceeds the compute of every candidate site (largest: " + largestMemory.id()
                + " with " + maxMemory + " GB)");
        }
        throw new InvalidRequestException(path, "no candidate site has both " + demand + " in total");
    }
}
