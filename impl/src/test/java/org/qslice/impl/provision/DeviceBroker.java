/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;

/**
 * One simulated device's datastore: a real in-memory data broker with every model on the class path.
 */
final class DeviceBroker extends AbstractConcurrentDataBrokerTest {
    DeviceBroker() {
        super(true);
    }

    static DataBroker create() throws Exception {
        final var device = new DeviceBroker();
        device.setup();
        return device.getDataBroker();
    }
}
