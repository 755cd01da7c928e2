/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one connection of a slice asks for. The record only checks structure (no nulls, immutable copies); the
 * values are judged against a topology by the request validator, which names the offending field.
 *
 * @param name connection name, unique in the slice
 * @param role connection role
 * @param aEnd first end
 * @param zEnd second end
 * @param minSecurity every link of the path must offer at least this level
 * @param bandwidthMbps bandwidth to reserve on every link of the path, Mb/s
 * @param maxLatencyUs upper bound of the one-way path latency, microseconds; empty for no bound
 * @param includeSites the path must pass these sites
 * @param includeLinks the path must use these links
 * @param excludeSites the path must avoid these sites
 * @param excludeLinks the path must avoid these links
 * @param resiliency what happens when the path fails
 */
public record ConnectionRequest(String name, ConnectionRole role, Endpoint aEnd, Endpoint zEnd,
        SecurityLevel minSecurity, long bandwidthMbps, OptionalLong maxLatencyUs, Set<String> includeSites,
        Set<String> includeLinks, Set<String> excludeSites, Set<String> excludeLinks, Resiliency resiliency) {
    /**
     * Checks for nulls and copies the sets (sorted).
     */
    public ConnectionRequest {
        requireNonNull(name, "connection name");
        requireNonNull(role, "connection role");
        requireNonNull(aEnd, "a-end");
        requireNonNull(zEnd, "z-end");
        requireNonNull(minSecurity, "min-security-level");
        requireNonNull(maxLatencyUs, "max-latency-us");
        includeSites = sorted(includeSites);
        includeLinks = sorted(includeLinks);
        excludeSites = sorted(excludeSites);
        excludeLinks = sorted(excludeLinks);
        requireNonNull(resiliency, "resiliency");
    }

    /**
     * Creates a request with the default resiliency ({@link Resiliency#DEFAULT}).
     *
     * @param name connection name
     * @param role connection role
     * @param endA first end
     * @param endZ second end
     * @param minSecurity minimum security level
     * @param bandwidthMbps bandwidth, Mb/s
     * @param maxLatencyUs latency bound, empty for none
     * @param includeSites sites the path must pass
     * @param includeLinks links the path must use
     * @param excludeSites sites the path must avoid
     * @param excludeLinks links the path must avoid
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public ConnectionRequest(final String name, final ConnectionRole role, final Endpoint endA, final Endpoint endZ,
            final SecurityLevel minSecurity, final long bandwidthMbps, final OptionalLong maxLatencyUs,
            final Set<String> includeSites, final Set<String> includeLinks, final Set<String> excludeSites,
            final Set<String> excludeLinks) {
        this(name, role, endA, endZ, minSecurity, bandwidthMbps, maxLatencyUs, includeSites, includeLinks,
            excludeSites, excludeLinks, Resiliency.DEFAULT);
    }

    /**
     * Creates a user-plane request without latency bound, include or exclude lists.
     *
     * @param name connection name
     * @param endA first end
     * @param endZ second end
     * @param minSecurity minimum security level
     * @param bandwidthMbps bandwidth, Mb/s
     * @return the request
     */
    public static ConnectionRequest of(final String name, final Endpoint endA, final Endpoint endZ,
            final SecurityLevel minSecurity, final long bandwidthMbps) {
        return new ConnectionRequest(name, ConnectionRole.USER_PLANE, endA, endZ, minSecurity, bandwidthMbps,
            OptionalLong.empty(), Set.of(), Set.of(), Set.of(), Set.of());
    }

    /**
     * Returns a copy with another role.
     *
     * @param newRole the role
     * @return the new request
     */
    public ConnectionRequest withRole(final ConnectionRole newRole) {
        return new ConnectionRequest(name, newRole, aEnd, zEnd, minSecurity, bandwidthMbps, maxLatencyUs,
            includeSites, includeLinks, excludeSites, excludeLinks, resiliency);
    }

    /**
     * Returns a copy with a latency bound.
     *
     * @param newMaxLatencyUs the bound, microseconds
     * @return the new request
     */
    public ConnectionRequest withMaxLatencyUs(final long newMaxLatencyUs) {
        return new ConnectionRequest(name, role, aEnd, zEnd, minSecurity, bandwidthMbps,
            OptionalLong.of(newMaxLatencyUs), includeSites, includeLinks, excludeSites, excludeLinks, resiliency);
    }

    /**
     * Returns a copy with these include lists.
     *
     * @param sites sites the path must pass
     * @param links links the path must use
     * @return the new request
     */
    public ConnectionRequest withInclude(final Set<String> sites, final Set<String> links) {
        return new ConnectionRequest(name, role, aEnd, zEnd, minSecurity, bandwidthMbps, maxLatencyUs, sites, links,
            excludeSites, excludeLinks, resiliency);
    }

    /**
     * Returns a copy with these exclude lists.
     *
     * @param sites sites the path must avoid
     * @param links links the path must avoid
     * @return the new request
     */
    public ConnectionRequest withExclude(final Set<String> sites, final Set<String> links) {
        return new ConnectionRequest(name, role, aEnd, zEnd, minSecurity, bandwidthMbps, maxLatencyUs, includeSites,
            includeLinks, sites, links, resiliency);
    }

    /**
     * Returns a copy with another resiliency.
     *
     * @param newResiliency what happens when the path fails
     * @return the new request
     */
    public ConnectionRequest withResiliency(final Resiliency newResiliency) {
        return new ConnectionRequest(name, role, aEnd, zEnd, minSecurity, bandwidthMbps, maxLatencyUs, includeSites,
            includeLinks, excludeSites, excludeLinks, newResiliency);
    }

    private static Set<String> sorted(final Set<String> set) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(set));
    }
}
