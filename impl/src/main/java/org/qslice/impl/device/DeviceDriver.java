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
 * Drives the entries of one kind of device (cross-connects, client ports), each named by the plan that wrote it. Each
 * call is one transaction on the device; implementations never block the caller.
 *
 * <p>A device model may have no place for some of an entry's fields (OpenConfig has no committed rate of a VLAN
 * cross-connect, and numbers its optical connections instead of naming them): {@link #asHeld} says how an entry
 * reads back from the device, so what a device holds can be compared with what the plan wrote.
 *
 * @param <E> the entry type
 */
public interface DeviceDriver<E> {
    /**
     * Creates (or replaces) entries.
     *
     * @param nodeId the device's NETCONF node id
     * @param entries the entries
     * @return completes when the device committed them; fails with the device error
     */
    ListenableFuture<?> add(String nodeId, List<E> entries);

    /**
     * Removes entries by name; names the device does not have are ignored, nothing else is touched.
     *
     * @param nodeId the device's NETCONF node id
     * @param names entry names
     * @return completes when the device no longer has them
     */
    ListenableFuture<?> remove(String nodeId, List<String> names);

    /**
     * Reads the entries of this model the device holds (the slices' and anyone else's), as the device holds them.
     *
     * @param nodeId the device's NETCONF node id
     * @return the entries; fails with the device error
     */
    ListenableFuture<List<E>> read(String nodeId);

    /**
     * Returns an entry as {@link #read} gives it back after {@link #add} wrote it: fields the device's model has no
     * place for take the value a read gives them.
     *
     * @param nodeId the device's NETCONF node id
     * @param entry the entry as written
     * @return the entry as held
     */
    default E asHeld(final String nodeId, final E entry) {
        return entry;
    }

    /**
     * Returns the name under which {@link #read} gives back the entry written under a name.
     *
     * @param nodeId the device's NETCONF node id
     * @param name the entry's name as written
     * @return its name as held
     */
    default String heldName(final String nodeId, final String name) {
        return name;
    }
}
