/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Decides when a device whose mount point was removed has failed. Without a hold-off at once. With one (a cluster:
 * a device's mount point is removed and created again on every member when its NETCONF master moves), only if its
 * mount point is not created again within the hold-off; a later removal starts a hold-off of its own.
 */
public final class DeviceLossHoldOff {
    private final Duration holdOff;
    private final BiConsumer<Runnable, Duration> scheduler;
    private final Consumer<String> failed;
    /** Devices whose mount point is gone and whose hold-off runs, each with its removal's token. */
    private final Map<String, Object> pending = new ConcurrentHashMap<>();

    /**
     * A hold-off.
     *
     * @param holdOff how long a removed mount point may take to come back (zero: none)
     * @param scheduler runs a task after a delay
     * @param failed told a device failed
     */
    public DeviceLossHoldOff(final Duration holdOff, final BiConsumer<Runnable, Duration> scheduler,
            final Consumer<String> failed) {
        this.holdOff = requireNonNull(holdOff);
        this.scheduler = requireNonNull(scheduler);
        this.failed = requireNonNull(failed);
    }

    /**
     * A device's mount point was removed.
     *
     * @param nodeId the device
     */
    public void removed(final String nodeId) {
        if (holdOff.isZero() || holdOff.isNegative()) {
            failed.accept(nodeId);
            return;
        }
        // this removal's token: a re-creation removes it, a later removal replaces it
        final Object lost = new Object();
        pending.put(nodeId, lost);
        scheduler.accept(() -> {
            if (pending.remove(nodeId, lost)) {
                failed.accept(nodeId);
            }
        }, holdOff);
    }

    /**
     * A device's mount point was created.
     *
     * @param nodeId the device
     * @return whether it had been removed within the hold-off (then it did not fail)
     */
    public boolean created(final String nodeId) {
        return pending.remove(nodeId) != null;
    }

    /**
     * Forgets the hold-offs that run (the orchestrator stopped on this member: the next one reads the devices anew).
     */
    public void clear() {
        pending.clear();
    }
}
