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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A connection end at compute that qslice places on a site hosting compute, of the given role and among the
 * candidate sites if given, with {@code cpuCores} and {@code memoryGb} free.
 *
 * @param role only sites of this role are candidates, if present
 * @param candidateSites only these sites are candidates; all sites if empty
 * @param cpuCores CPU cores needed at the site
 * @param memoryGb memory in GB needed at the site
 */
public record ComputeEndpoint(Optional<SiteRole> role, Set<String> candidateSites, long cpuCores, long memoryGb)
        implements Endpoint {
    /**
     * Checks the arguments and copies the candidate set (sorted).
     */
    public ComputeEndpoint {
        requireNonNull(role, "site role");
        candidateSites = Collections.unmodifiableSortedSet(new TreeSet<>(candidateSites));
        Checks.nonNegative(cpuCores, "cpu-cores");
        Checks.nonNegative(memoryGb, "memory-gb");
    }

    /**
     * Creates compute on any site of a role.
     *
     * @param role the role
     * @param cpuCores CPU cores needed
     * @param memoryGb memory needed, GB
     * @return the endpoint
     */
    public static ComputeEndpoint ofRole(final SiteRole role, final long cpuCores, final long memoryGb) {
        return new ComputeEndpoint(Optional.of(role), Set.of(), cpuCores, memoryGb);
    }

    /**
     * Returns the demand as a {@link Compute}.
     *
     * @return the demand
     */
    public Compute demand() {
        return new Compute(cpuCores, memoryGb);
    }

    @Override
    public String describe() {
        final var sb = new StringBuilder("compute(");
        role.ifPresent(r -> sb.append("role ").append(r.yangName()));
        if (!candidateSites.isEmpty()) {
            sb.append(role.isPresent() ? ", " : "").append("sites ").append(String.join(",", candidateSites));
        }
        if (role.isEmpty() && candidateSites.isEmpty()) {
            sb.append("any site");
        }
        return sb.append(')').toString();
    }
}
