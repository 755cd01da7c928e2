/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

/**
 * Compute held at one site.
 *
 * @param siteId the site
 * @param cpuCores cores held
 * @param memoryGb memory held, GB
 */
public record ComputeReservation(String siteId, long cpuCores, long memoryGb) {
    /**
     * Checks the arguments.
     */
    public ComputeReservation {
        Checks.id(siteId, "site id");
        Checks.nonNegative(cpuCores, "reserved cpu-cores at " + siteId);
        Checks.nonNegative(memoryGb, "reserved memory-gb at " + siteId);
    }

    /**
     * Returns the amount as a {@link Compute}.
     *
     * @return the amount
     */
    public Compute amount() {
        return new Compute(cpuCores, memoryGb);
    }

    /**
     * Adds another reservation of the same site.
     *
     * @param other the other reservation
     * @return the sum
     * @throws IllegalArgumentException if the sites differ
     */
    public ComputeReservation plus(final ComputeReservation other) {
        if (!siteId.equals(other.siteId)) {
            throw new IllegalArgumentException("cannot add compute reservations of sites " + siteId + " and "
                + other.siteId);
        }
        return new ComputeReservation(siteId, Math.addExact(cpuCores, other.cpuCores),
            Math.addExact(memoryGb, other.memoryGb));
    }
}
