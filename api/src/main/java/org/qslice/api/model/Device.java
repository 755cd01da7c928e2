/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import static java.util.Objects.requireNonNull;

/**
 * A device at a site that qslice configures.
 *
 * @param name device name, unique in the site
 * @param kind what the device is
 * @param netconfNodeId node-id of the device's mount point in topology-netconf
 */
public record Device(String name, DeviceKind kind, String netconfNodeId) {
    /**
     * Checks the arguments.
     */
    public Device {
        Checks.id(name, "device name");
        requireNonNull(kind, "device kind");
        Checks.id(netconfNodeId, "netconf-node-id");
    }

    /**
     * Creates a device whose NETCONF node-id is its name (the YANG default).
     *
     * @param name device name
     * @param kind what the device is
     */
    public Device(final String name, final DeviceKind kind) {
        this(name, kind, name);
    }
}
