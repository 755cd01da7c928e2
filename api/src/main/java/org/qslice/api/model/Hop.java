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
import java.util.OptionalInt;

/**
 * One link of a computed path.
 *
 * @param index position in the path, from 0 at the a-end
 * @param linkId the link used
 * @param fromSite the site the hop leaves
 * @param toSite the site the hop reaches
 * @param security security level of the link
 * @param latencyUs latency of the hop, encryptor cards included
 * @param channel the DWDM channel of the link, if any
 * @param clientPorts the client ports of the channel the connection takes (sorted; empty without channel)
 */
public record Hop(int index, String linkId, String fromSite, String toSite, SecurityLevel security, long latencyUs,
        OptionalInt channel, List<Integer> clientPorts) {
    /**
     * Checks the arguments and copies the port list.
     */
    public Hop {
        Checks.nonNegative(index, "hop index");
        Checks.id(linkId, "link id");
        Checks.id(fromSite, "from-site");
        Checks.id(toSite, "to-site");
        requireNonNull(security, "security level");
        Checks.nonNegative(latencyUs, "hop latency");
        requireNonNull(channel, "channel");
        clientPorts = Ports.sortedDistinct(clientPorts, "hop " + index);
    }
}
