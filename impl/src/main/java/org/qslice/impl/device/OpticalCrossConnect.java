/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

import static java.util.Objects.requireNonNull;

/**
 * A port-to-port cross-connect on an optical switch (model {@code qslice-optical-switch}).
 *
 * @param name cross-connect name, the list key
 * @param description free text
 * @param inPort port facing the link's source end
 * @param outPort port facing the link's destination end
 * @param channel DWDM channel
 * @param clientPort client port of the channel
 */
public record OpticalCrossConnect(String name, String description, String inPort, String outPort, int channel,
        int clientPort) {
    /**
     * Checks for nulls.
     */
    public OpticalCrossConnect {
        requireNonNull(name, "name");
        requireNonNull(description, "description");
        requireNonNull(inPort, "in-port");
        requireNonNull(outPort, "out-port");
    }
}
