/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A topology with the resources its slices leave free.
 *
 * @param topology the topology
 * @param links free resources per link id
 * @param sites free compute per site id (sites with compute only)
 * @param keySources QKD key supply per key source id (sources of links drawing QKD key only)
 */
public record TopologyStatus(Topology topology, Map<String, LinkUsage> links, Map<String, Compute> sites,
        Map<String, KeySupply> keySources) {
    /**
     * Checks for nulls and copies the maps.
     */
    public TopologyStatus {
        requireNonNull(topology, "topology");
        links = Map.copyOf(links);
        sites = Map.copyOf(sites);
        keySources = Map.copyOf(keySources);
    }

    /**
     * Creates a status without key supply.
     *
     * @param topology the topology
     * @param links free resources per link id
     * @param sites free compute per site id
     */
    public TopologyStatus(final Topology topology, final Map<String, LinkUsage> links,
            final Map<String, Compute> sites) {
        this(topology, links, sites, Map.of());
    }

    /**
     * Free resources of one link.
     *
     * @param linkId the link
     * @param freeMbps bandwidth not reserved
     * @param freeClientPorts client port numbers not reserved nor in use (empty for links without a DWDM channel)
     */
    public record LinkUsage(String linkId, long freeMbps, List<Integer> freeClientPorts) {
        /**
         * Checks for nulls and copies the list.
         */
        public LinkUsage {
            requireNonNull(linkId, "linkId");
            freeClientPorts = List.copyOf(freeClientPorts);
        }
    }
}
