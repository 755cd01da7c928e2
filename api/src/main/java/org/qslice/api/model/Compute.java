/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

/**
 * Compute capacity of a site, or compute held or demanded at a site.
 *
 * @param cpuCores CPU cores, not negative
 * @param memoryGb memory in GB, not negative
 */
public record Compute(long cpuCores, long memoryGb) {
    /** No compute. */
    public static final Compute ZERO = new Compute(0, 0);

    /**
     * Checks the arguments.
     */
    public Compute {
        Checks.nonNegative(cpuCores, "cpu-cores");
        Checks.nonNegative(memoryGb, "memory-gb");
    }

    /**
     * Tells whether this covers a demand.
     *
     * @param demand the demand
     * @return true if both cores and memory are at least the demand's
     */
    public boolean covers(final Compute demand) {
        return cpuCores >= demand.cpuCores && memoryGb >= demand.memoryGb;
    }

    @Override
    public String toString() {
        return cpuCores + " cpu cores, " + memoryGb + " GB memory";
    }
}
