/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The DWDM channel a link rides on, with its client ports (numbered {@code 1..clientPorts}).
 *
 * <p>A connection on the channel takes {@link #portsFor(long)} free client ports: a 100G channel with 10 x 10G
 * client ports carries a 10 Gb/s connection on one port and a 25 Gb/s connection on three.
 *
 * @param channel channel number on the fibre
 * @param clientPorts number of client ports, at least 1
 * @param portSpeedMbps speed of one client port in Mb/s, positive
 * @param portsInUse client ports used by traffic outside qslice; never allocated
 */
public record DwdmChannel(int channel, int clientPorts, long portSpeedMbps, SortedSet<Integer> portsInUse) {
    /**
     * Checks the arguments and copies the set of ports in use.
     */
    public DwdmChannel {
        Checks.nonNegative(channel, "channel");
        Checks.positive(clientPorts, "client-ports");
        Checks.positive(portSpeedMbps, "port speed");
        final var copy = new TreeSet<Integer>(portsInUse);
        for (Integer port : copy) {
            if (port < 1 || port > clientPorts) {
                throw new IllegalArgumentException("client port in use " + port + " is outside 1.." + clientPorts);
            }
        }
        portsInUse = Collections.unmodifiableSortedSet(copy);
    }

    /**
     * Creates a channel with no ports in use by outside traffic.
     *
     * @param channel channel number
     * @param clientPorts number of client ports
     * @param portSpeedMbps speed of one client port in Mb/s
     * @return the channel
     */
    public static DwdmChannel of(final int channel, final int clientPorts, final long portSpeedMbps) {
        return new DwdmChannel(channel, clientPorts, portSpeedMbps, new TreeSet<>());
    }

    /**
     * Returns how many client ports a connection of the given bandwidth takes: {@code ceil(bandwidth / speed)}.
     *
     * @param bandwidthMbps the bandwidth in Mb/s, positive
     * @return the number of ports
     */
    public long portsFor(final long bandwidthMbps) {
        return (Checks.positive(bandwidthMbps, "bandwidth") + portSpeedMbps - 1) / portSpeedMbps;
    }
}
