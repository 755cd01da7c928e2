/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import static java.util.Objects.requireNonNull;

import org.qslice.api.model.DeviceKind;

/**
 * A device of the topology that a step configures.
 *
 * @param site the site
 * @param name the device name in the site
 * @param kind what it is
 * @param nodeId its NETCONF node id (mount point)
 */
public record DeviceRef(String site, String name, DeviceKind kind, String nodeId) {
    /**
     * Checks for nulls.
     */
    public DeviceRef {
        requireNonNull(site, "site");
        requireNonNull(name, "name");
        requireNonNull(kind, "kind");
        requireNonNull(nodeId, "node id");
    }

    /**
     * Returns the display id.
     *
     * @return {@code site/name}
     */
    public String id() {
        return site + "/" + name;
    }

    @Override
    public String toString() {
        return id();
    }
}
