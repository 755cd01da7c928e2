/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.mdsal;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.network.rev180226.Networks;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.concepts.Registration;
import org.qslice.api.model.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the configured qslice network in the CONFIGURATION datastore and hands every version of it, converted,
 * to a consumer (also the initial one, or empty when there is none).
 */
public final class TopologyWatcher implements DataTreeChangeListener<Networks>, AutoCloseable {
    /** Path of the RFC 8345 networks container. */
    public static final DataObjectIdentifier<Networks> NETWORKS = DataObjectIdentifier.builder(Networks.class)
        .build();

    private static final Logger LOG = LoggerFactory.getLogger(TopologyWatcher.class);

    private final Optional<String> networkId;
    private final Consumer<Optional<Topology>> consumer;
    private final Registration registration;

    /**
     * Starts watching.
     *
     * @param broker the data broker
     * @param networkId the network to use, or empty for the only qslice network
     * @param consumer receives each topology version; must not block
     */
    public TopologyWatcher(final DataBroker broker, final Optional<String> networkId,
            final Consumer<Optional<Topology>> consumer) {
        this.networkId = requireNonNull(networkId);
        this.consumer = requireNonNull(consumer);
        registration = broker.registerTreeChangeListener(LogicalDatastoreType.CONFIGURATION, NETWORKS, this);
    }

    @Override
    public void onInitialData() {
        consumer.accept(Optional.empty());
    }

    @Override
    public void onDataTreeChanged(final List<DataTreeModification<Networks>> changes) {
        final Networks after = changes.getLast().getRootNode().dataAfter();
        final Optional<Topology> topology;
        try {
            topology = convert(after, networkId);
        } catch (IllegalArgumentException e) {
            LOG.error("qslice topology change rejected, keeping the previous topology: {}", e.getMessage());
            return;
        }
        consumer.accept(topology);
    }

    /**
     * Converts the networks container into the qslice topology.
     *
     * @param networks the container, may be null
     * @param networkId the network to use, or empty for the only qslice network
     * @return the topology, if one is configured
     * @throws IllegalArgumentException naming the node or link if the configured topology is inconsistent
     */
    public static Optional<Topology> convert(final Networks networks, final Optional<String> networkId) {
        return TopologyCodec.find(networks, networkId).map(TopologyCodec::toDomain);
    }

    @Override
    public void close() {
        registration.close();
    }
}
