/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What one device of a slice holds against what the slice's journal says it must hold.
 *
 * @param device the device ({@code site/name})
 * @param missing entries the journal says the device holds and it does not
 * @param changed entries it holds with other values than the journal's
 * @param foreign entries of the same model that no slice's journal names (written by someone else)
 * @param error why the device could not be read, if it could not
 */
public record DeviceDrift(String device, List<String> missing, List<String> changed, List<String> foreign,
        Optional<String> error) {
    /**
     * Copies the lists.
     */
    public DeviceDrift {
        requireNonNull(device);
        missing = List.copyOf(missing);
        changed = List.copyOf(changed);
        foreign = List.copyOf(foreign);
        requireNonNull(error);
    }

    /**
     * Tells whether the device holds exactly the slice's entries.
     *
     * @return true if nothing is missing or changed and the device could be read
     */
    public boolean inSync() {
        return missing.isEmpty() && changed.isEmpty() && error.isEmpty();
    }

    /**
     * A check's or a repair's result.
     *
     * @param devices one drift per device, in plan order
     * @param repaired what a repair wrote again ({@code site/name: entry}); empty for a check
     */
    public record Report(List<DeviceDrift> devices, List<String> repaired) {
        /**
         * Copies the lists.
         */
        public Report {
            devices = List.copyOf(devices);
            repaired = List.copyOf(repaired);
        }

        /**
         * Tells whether every device is in sync.
         *
         * @return true if so
         */
        public boolean inSync() {
            return devices.stream().allMatch(DeviceDrift::inSync);
        }
    }
}
