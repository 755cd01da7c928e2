/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import java.util.Map;
import java.util.TreeMap;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.qslice.api.model.Device;
import org.qslice.api.model.Site;
import org.qslice.api.model.Topology;

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

    /**
     * Gives every device of a topology its own broker, reachable through the stub's mount points.
     *
     * @param topology the topology
     * @param stub the mount-point stub
     * @return the brokers by NETCONF node id
     * @throws Exception if a broker cannot be set up
     */
    static Map<String, DataBroker> forEveryDevice(final Topology topology, final DeviceStub stub) throws Exception {
        final var brokers = new TreeMap<String, DataBroker>();
        for (Site site : topology.sites().values()) {
            for (Device device : site.devices()) {
                final DataBroker broker = create();
                brokers.put(device.netconfNodeId(), broker);
                stub.add(device.netconfNodeId(), broker);
            }
        }
        return brokers;
    }
}
