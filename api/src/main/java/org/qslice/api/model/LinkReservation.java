/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Resources held on one link: bandwidth and, on a DWDM channel, specific client ports.
 *
 * @param linkId the link
 * @param bandwidthMbps bandwidth held, Mb/s: positive, or 0 for the client ports of a configured slice whose
 *     bandwidth no longer fits after a topology change (the ports stay held while its devices may use them)
 * @param clientPorts client port numbers held (sorted, distinct; empty if the link has no channel)
 */
public record LinkReservation(String linkId, long bandwidthMbps, List<Integer> clientPorts) {
    /**
     * Checks the arguments and copies the port list, sorted.
     */
    public LinkReservation {
        Checks.id(linkId, "link id");
        Checks.nonNegative(bandwidthMbps, "reserved bandwidth on link " + linkId);
        clientPorts = Ports.sortedDistinct(clientPorts, "reservation on link " + linkId);
        if (bandwidthMbps == 0 && clientPorts.isEmpty()) {
            throw new IllegalArgumentException("reservation on link " + linkId + " holds neither bandwidth nor "
                + "client ports");
        }
    }

    /**
     * Adds another reservation of the same link.
     *
     * @param other the other reservation; its ports must be disjoint from these
     * @return the sum
     * @throws IllegalArgumentException if the links differ or a port is held twice
     */
    public LinkReservation plus(final LinkReservation other) {
        if (!linkId.equals(other.linkId)) {
            throw new IllegalArgumentException("cannot add reservations of links " + linkId + " and " + other.linkId);
        }
        final var ports = new ArrayList<>(clientPorts);
        ports.addAll(other.clientPorts);
        return new LinkReservation(linkId, Math.addExact(bandwidthMbps, other.bandwidthMbps), ports);
    }
}
