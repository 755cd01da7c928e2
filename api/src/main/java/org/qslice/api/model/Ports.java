/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import java.util.List;
import java.util.TreeSet;

/**
 * Checks of client-port lists shared by the records.
 */
final class Ports {
    private Ports() {
        // utility class
    }

    /**
     * Returns an immutable copy of a list of client ports that is sorted, free of duplicates and positive.
     */
    static List<Integer> sortedDistinct(final List<Integer> ports, final String owner) {
        final var sorted = new TreeSet<Integer>();
        for (Integer port : ports) {
            if (port < 1) {
                throw new IllegalArgumentException(owner + ": client port " + port + " is not positive");
            }
            if (!sorted.add(port)) {
                throw new IllegalArgumentException(owner + ": client port " + port + " is listed twice");
            }
        }
        return List.copyOf(sorted);
    }
}
