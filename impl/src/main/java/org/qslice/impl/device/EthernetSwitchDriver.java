/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.List;

/**
 * Drives an Ethernet switch. Each call is one transaction on the device; implementations never block the caller.
 */
public interface EthernetSwitchDriver {
    /**
     * Creates (or replaces) cross-connects.
     *
     * @param nodeId the device's NETCONF node id
     * @param crossConnects the cross-connects
     * @return completes when the device committed them; fails with the device error
     */
    ListenableFuture<?> add(String nodeId, List<EthernetCrossConnect> crossConnects);

    /**
     * Removes cross-connects by name; names the device does not have are ignored, nothing else is touched.
     *
     * @param nodeId the device's NETCONF node id
     * @param names cross-connect names
     * @return completes when the device no longer has them
     */
    ListenableFuture<?> remove(String nodeId, List<String> names);

    /**
     * Reads the entries of this model the device holds (the slices' and anyone else's), as the device holds them.
     *
     * @param nodeId the device's NETCONF node id
     * @return the entries; fails with the device error
     */
    ListenableFuture<List<EthernetCrossConnect>> read(String nodeId);
}
