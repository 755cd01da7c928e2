/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A device at a site that qslice configures.
 *
 * @param name device name, unique in the site
 * @param kind what the device is
 * @param netconfNodeId node-id of the device's mount point in topology-netconf
 * @param driver the device model the topology pins ({@code qslice}, {@code openconfig}), empty to choose by what
 *               the device advertises
 */
public record Device(String name, DeviceKind kind, String netconfNodeId, Optional<String> driver) {
    /**
     * Checks the arguments.
     */
    public Device {
        Checks.id(name, "device name");
        requireNonNull(kind, "device kind");
        Checks.id(netconfNodeId, "netconf-node-id");
        requireNonNull(driver, "driver");
    }

    /**
     * Creates a device whose driver is chosen by what it advertises.
     *
     * @param name device name
     * @param kind what the device is
     * @param netconfNodeId node-id of the device's mount point in topology-netconf
     */
    public Device(final String name, final DeviceKind kind, final String netconfNodeId) {
        this(name, kind, netconfNodeId, Optional.empty());
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
