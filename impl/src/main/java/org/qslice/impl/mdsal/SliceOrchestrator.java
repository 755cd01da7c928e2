/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonService;
import org.opendaylight.mdsal.singleton.api.ClusterSingletonServiceProvider;
import org.opendaylight.mdsal.singleton.api.ServiceGroupIdentifier;
import org.opendaylight.yangtools.concepts.Registration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.qslice.impl.slice.PcePlanning;
import org.qslice.impl.slice.SliceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slice orchestrator: on the one cluster node that holds the {@code qslice-orchestrator} singleton it restores
 * the slices from the datastore, follows the topology and serves the {@code qslice-slice} RPCs (which MD-SAL routes
 * to it from every node).
 */
@Component(service = {}, immediate = true, configurationPid = "org.qslice.orchestrator")
@Designate(ocd = SliceOrchestrator.Configuration.class)
public final class SliceOrchestrator implements ClusterSingletonService {
    /**
     * Configuration ({@code etc/org.qslice.orchestrator.cfg}).
     */
    @ObjectClassDefinition(name = "qslice orchestrator")
    public @interface Configuration {
        /**
         * Which RFC 8345 network is the qslice topology.
         *
         * @return the network-id; empty means the only network typed qslice-topology
         */
        @AttributeDefinition(description = "network-id of the qslice topology; empty: the only qslice network")
        String network$_$id() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(SliceOrchestrator.class);
    private static final ServiceGroupIdentifier IDENTIFIER = new ServiceGroupIdentifier("qslice-orchestrator");

    private final DataBroker broker;
    private final RpcProviderService rpcProvider;
    private final Optional<String> networkId;
    private final Registration singleton;

    // set while this node runs the singleton; guarded by this
    private ExecutorService executor;
    private TopologyWatcher watcher;
    private Registration rpcs;

    /**
     * Registers the singleton.
     *
     * @param broker data broker
     * @param rpcProvider RPC registry
     * @param singletons cluster singleton provider
     * @param configuration the configuration
     */
    @Activate
    public SliceOrchestrator(@Reference final DataBroker broker, @Reference final RpcProviderService rpcProvider,
            @Reference final ClusterSingletonServiceProvider singletons, final Configuration configuration) {
        this.broker = requireNonNull(broker);
        this.rpcProvider = requireNonNull(rpcProvider);
        final String id = configuration.network$_$id();
        networkId = id == null || id.isBlank() ? Optional.empty() : Optional.of(id.trim());
        singleton = singletons.registerClusterSingletonService(this);
    }

    /**
     * Leaves the singleton group.
     */
    @Deactivate
    public void deactivate() {
        singleton.close();
    }

    @Override
    public ServiceGroupIdentifier getIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public synchronized void instantiateServiceInstance() {
        executor = Executors.newSingleThreadExecutor(new ThreadFactoryBuilder()
            .setNameFormat("qslice-orchestrator-%d").setDaemon(true).build());
        final var manager = new SliceManager(new DatastoreSliceStore(broker), PcePlanning::create,
            Optional::empty, Clock.systemUTC(), executor);
        manager.restore();
        watcher = new TopologyWatcher(broker, networkId, manager::topologyChanged);
        rpcs = rpcProvider.registerRpcImplementations(SliceRpcs.all(manager));
        LOG.info("qslice orchestrator active on this node (topology network {})", networkId.orElse("<any>"));
    }

    @Override
    public synchronized ListenableFuture<?> closeServiceInstance() {
        if (rpcs != null) {
            rpcs.close();
            rpcs = null;
        }
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        if (executor != null) {
            executor.shutdown();
            executor = null;
        }
        LOG.info("qslice orchestrator inactive on this node");
        return Futures.immediateVoidFuture();
    }
}
