/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

import java.util.Optional;
import org.qslice.api.model.DeviceKind;

/**
 * Tells whether a device can be configured now.
 */
@FunctionalInterface
public interface DeviceAvailability {
    /**
     * Checks a device.
     *
     * @param nodeId the device's NETCONF node id
     * @return why it cannot be configured (e.g. not mounted), empty if it can
     */
    Optional<String> unavailable(String nodeId);

    /**
     * Checks a device for one kind of configuration: connected, and speaking a model qslice can drive it with.
     *
     * @param nodeId the device's NETCONF node id
     * @param kind what the device is
     * @return why it cannot be configured, empty if it can
     */
    default Optional<String> unavailable(final String nodeId, final DeviceKind kind) {
        return unavailable(nodeId);
    }
}
