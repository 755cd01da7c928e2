/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

import static java.util.Objects.requireNonNull;

/**
 * A VLAN cross-connect on an Ethernet switch (model {@code qslice-ethernet-switch}).
 *
 * @param name cross-connect name, the list key
 * @param description free text
 * @param bandwidthMbps committed rate in Mb/s; 0 as read from a device whose model has no rate
 * @param aPort port of one end
 * @param aVlan VLAN of one end
 * @param zPort port of the other end
 * @param zVlan VLAN of the other end
 */
public record EthernetCrossConnect(String name, String description, long bandwidthMbps, String aPort, int aVlan,
        String zPort, int zVlan) {
    /**
     * Checks the values.
     */
    public EthernetCrossConnect {
        requireNonNull(name, "name");
        requireNonNull(description, "description");
        requireNonNull(aPort, "a-port");
        requireNonNull(zPort, "z-port");
        checkVlan(aVlan, name);
        checkVlan(zVlan, name);
        if (bandwidthMbps < 0) {
            throw new IllegalArgumentException("cross-connect " + name + ": bandwidth must not be negative");
        }
    }

    private static void checkVlan(final int vlan, final String name) {
        if (vlan < 1 || vlan > 4094) {
            throw new IllegalArgumentException("cross-connect " + name + ": VLAN " + vlan + " outside 1..4094");
        }
    }
}
