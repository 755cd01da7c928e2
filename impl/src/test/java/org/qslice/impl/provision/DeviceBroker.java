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
import java.util.concurrent.TimeUnit;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractDataBrokerTestCustomizer;
import org.opendaylight.mdsal.binding.dom.adapter.test.ConcurrentDataBrokerTestCustomizer;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.spi.store.DOMStore;
import org.opendaylight.mdsal.dom.store.inmemory.InMemoryDOMDataStore;
import org.qslice.api.model.Device;
import org.qslice.api.model.Site;
import org.qslice.api.model.Topology;
import org.qslice.impl.device.MountPointEncryptor;
import org.qslice.impl.device.MountPointEthernetSwitch;
import org.qslice.impl.device.MountPointOpticalSwitch;

/**
 * One simulated device's datastore: a real in-memory data broker with every model on the class path.
 */
final class DeviceBroker extends AbstractConcurrentDataBrokerTest {
    DeviceBroker() {
        super(true);
    }

    /**
     * A device's configuration datastore is a configuration tree, as on a NETCONF device (the test customizer's is
     * an operational one, which would demand OpenConfig's mandatory {@code state} leaves in configuration).
     */
    @Override
    protected AbstractDataBrokerTestCustomizer createDataBrokerTestCustomizer() {
        return new ConcurrentDataBrokerTestCustomizer(true) {
            @Override
            public DOMStore createConfigurationDatastore() {
                final var store = new InMemoryDOMDataStore("CFG", LogicalDatastoreType.CONFIGURATION,
                    getDataTreeChangeListenerExecutor(), 1000, false);
                getSchemaService().registerSchemaContextListener(store::onModelContextUpdated);
                return store;
            }
        };
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

    /**
     * Reads what every device holds, all three models.
     *
     * @param brokers the devices by NETCONF node id
     * @return {@code <node-id> <entry name>}, sorted
     * @throws Exception if a read fails
     */
    static java.util.SortedSet<String> held(final Map<String, DataBroker> brokers) throws Exception {
        final var names = new java.util.TreeSet<String>();
        for (var entry : brokers.entrySet()) {
            try (var tx = entry.getValue().newReadOnlyTransaction()) {
                tx.read(LogicalDatastoreType.CONFIGURATION, MountPointEthernetSwitch.ROOT).get(5, TimeUnit.SECONDS)
                    .ifPresent(root -> root.nonnullCrossConnect().keySet().forEach(key -> names.add(entry.getKey()
                        + " " + key.getName())));
                tx.read(LogicalDatastoreType.CONFIGURATION, MountPointOpticalSwitch.ROOT).get(5, TimeUnit.SECONDS)
                    .ifPresent(root -> root.nonnullCrossConnect().keySet().forEach(key -> names.add(entry.getKey()
                        + " " + key.getName())));
                tx.read(LogicalDatastoreType.CONFIGURATION, MountPointEncryptor.ROOT).get(5, TimeUnit.SECONDS)
                    .ifPresent(root -> root.nonnullClientPort().keySet().forEach(key -> names.add(entry.getKey()
                        + " " + key.getName())));
            }
        }
        return names;
    }
}
