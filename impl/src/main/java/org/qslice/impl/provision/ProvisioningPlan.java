/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ordered steps that provision one slice.
 *
 * @param sliceId the slice
 * @param steps the steps, in activation order, indexed from 1
 */
public record ProvisioningPlan(String sliceId, List<Step> steps) {
    /**
     * Checks the indexes.
     */
    public ProvisioningPlan {
        requireNonNull(sliceId, "slice id");
        steps = List.copyOf(steps);
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).index() != i + 1) {
                throw new IllegalArgumentException("step " + (i + 1) + " carries index " + steps.get(i).index());
            }
        }
    }

    /**
     * Returns the NETCONF node ids of the devices the plan touches.
     *
     * @return the node ids, sorted
     */
    public Set<String> nodeIds() {
        final var ids = new TreeSet<String>();
        steps.forEach(step -> step.device().map(DeviceRef::nodeId).ifPresent(ids::add));
        return ids;
    }

    /**
     * Returns the devices the plan touches.
     *
     * @return the devices in step order
     */
    public List<DeviceRef> devices() {
        return steps.stream().map(Step::device).flatMap(Optional::stream).distinct().toList();
    }
}
