/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * A site of the transport network: a node of the qslice topology.
 *
 * @param id node-id, unique in the topology
 * @param role role of the site
 * @param compute compute capacity, present if the site hosts compute for slices
 * @param devices devices at the site, names unique
 */
public record Site(String id, SiteRole role, Optional<Compute> compute, List<Device> devices) {
    /**
     * Checks the arguments and copies the device list.
     */
    public Site {
        Checks.id(id, "site id");
        requireNonNull(role, "site role");
        requireNonNull(compute, "compute");
        devices = List.copyOf(devices);
        final var names = new HashSet<String>();
        for (Device device : devices) {
            if (!names.add(device.name())) {
                throw new IllegalArgumentException("site " + id + " has two devices named " + device.name());
            }
        }
    }

    /**
     * Creates a site without devices.
     *
     * @param id node-id
     * @param role role of the site
     * @param compute compute capacity, or null if the site hosts no compute
     * @return the site
     */
    public static Site of(final String id, final SiteRole role, final Compute compute) {
        return new Site(id, role, Optional.ofNullable(compute), List.of());
    }

    /**
     * Finds a device by name.
     *
     * @param name device name
     * @return the device, if the site has it
     */
    public Optional<Device> device(final String name) {
        return devices.stream().filter(device -> device.name().equals(name)).findFirst();
    }
}
