/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.slice;

import com.google.common.util.concurrent.ListenableFuture;
import org.qslice.api.model.SliceInfo;
import org.qslice.api.model.Topology;

/**
 * Configures and unconfigures the devices of a slice. Implementations roll back what they applied when a step fails,
 * and fail the future with a {@link org.qslice.api.SliceException} describing the failing device and step.
 */
public interface Provisioner {
    /**
     * Configures the devices along the slice's reserved paths.
     *
     * @param slice the slice, state provisioning
     * @param topology the topology its paths were computed on
     * @return completes when the devices are done: whether they could be configured (after rolling back if not), and
     *     the bookkeeping still being stored
     */
    ListenableFuture<Provisioned> activate(SliceInfo slice, Topology topology);

    /**
     * Removes exactly what {@link #activate} configured.
     *
     * @param slice the slice, state deprovisioning
     * @param topology the topology its paths were computed on
     * @return completes when the devices are done, as for {@link #activate}
     */
    ListenableFuture<Provisioned> deactivate(SliceInfo slice, Topology topology);

    /**
     * Forgets what is kept about a deleted slice (its provisioning record). The slice holds no device configuration
     * when it is deleted.
     *
     * @param sliceId the deleted slice
     * @return completion
     */
    default ListenableFuture<?> forget(final String sliceId) {
        return com.google.common.util.concurrent.Futures.immediateVoidFuture();
    }
}
