/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.MountPoint;
import org.opendaylight.mdsal.binding.api.MountPointService;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMMountPointService;
import org.opendaylight.mdsal.dom.api.DOMRpcService;
import org.opendaylight.mdsal.dom.api.DOMSchemaService;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.NetworkTopology;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.NodeId;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.TopologyId;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.Topology;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.TopologyKey;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.topology.Node;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.topology.NodeKey;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.binding.KeyStep;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.QNameModule;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.qslice.impl.slice.AsyncQueue;

/**
 * Access to devices through their NETCONF mount points ({@code topology-netconf} nodes): one transaction per device
 * at a time (a NETCONF candidate datastore takes one lock at a time), each bounded by a timeout, without blocking any
 * thread. A transaction that times out keeps its place in the device's queue until the device really answers (or the
 * NETCONF client gives up), so the next transaction on that device, e.g. the removal of the change, runs after it.
 */
public final class MountPointDevices implements DeviceAvailability {
    /** The NETCONF topology of OpenDaylight's southbound. */
    public static final String TOPOLOGY_NETCONF = "topology-netconf";

    private static final QName TOPOLOGY_ID = QName.create(Topology.QNAME, "topology-id").intern();
    private static final QName NODE_ID = QName.create(Node.QNAME, "node-id").intern();

    private final MountPointService mounts;
    private final @Nullable DOMMountPointService domMounts;
    private final ScheduledExecutorService timer;
    private final Duration timeout;
    private final boolean batchedRemoval;
    private final ConcurrentHashMap<String, AsyncQueue> queues = new ConcurrentHashMap<>();

    /**
     * Creates the access.
     *
     * @param mounts the mount point service
     * @param timer schedules the timeouts
     * @param timeout bound of one device transaction
     */
    public MountPointDevices(final MountPointService mounts, final ScheduledExecutorService timer,
            final Duration timeout) {
        this(mounts, null, timer, timeout);
    }

    /**
     * Creates the access, with the DOM view of the same mount points (the YANG modules each device advertised) and
     * the removals batched: one {@code edit-config} per device transaction instead of one per entry
     * ({@link BatchedRemoval}).
     *
     * @param mounts the mount point service
     * @param domMounts the same mount points at the DOM level, {@code null} for none
     * @param timer schedules the timeouts
     * @param timeout bound of one device transaction
     */
    public MountPointDevices(final MountPointService mounts, final @Nullable DOMMountPointService domMounts,
            final ScheduledExecutorService timer, final Duration timeout) {
        this(mounts, domMounts, timer, timeout, true);
    }

    /**
     * Creates the access, with the DOM view of the same mount points.
     *
     * @param mounts the mount point service
     * @param domMounts the same mount points at the DOM level, {@code null} for none (and no batched removal)
     * @param timer schedules the timeouts
     * @param timeout bound of one device transaction
     * @param batchedRemoval whether removals go through the {@link BatchedRemoval} decorator (one
     *     {@code edit-config} per device transaction) or entry by entry
     */
    public MountPointDevices(final MountPointService mounts, final @Nullable DOMMountPointService domMounts,
            final ScheduledExecutorService timer, final Duration timeout, final boolean batchedRemoval) {
        this.mounts = requireNonNull(mounts);
        this.domMounts = domMounts;
        this.timer = requireNonNull(timer);
        this.timeout = requireNonNull(timeout);
        this.batchedRemoval = batchedRemoval;
    }

    /**
     * Returns the path of a device's node in {@code topology-netconf}, which is also its mount point.
     *
     * @param nodeId the node id
     * @return the path
     */
    public static DataObjectIdentifier<Node> nodePath(final String nodeId) {
        return DataObjectIdentifier.builder(NetworkTopology.class)
            .child(Topology.class, new TopologyKey(new TopologyId(TOPOLOGY_NETCONF)))
            .child(Node.class, new NodeKey(new NodeId(nodeId)))
            .build();
    }

    /**
     * Returns the node id of a device's mount point path, if it is a {@code topology-netconf} node.
     *
     * @param path a mount point's path
     * @return the node id
     */
    public static Optional<String> nodeId(final DataObjectIdentifier<?> path) {
        boolean netconf = false;
        for (var step : path.steps()) {
            if (step instanceof KeyStep<?, ?> keyed) {
                if (keyed.key() instanceof TopologyKey topology) {
                    netconf = TOPOLOGY_NETCONF.equals(topology.getTopologyId().getValue());
                } else if (netconf && keyed.key() instanceof NodeKey node) {
                    return Optional.of(node.getNodeId().getValue());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the wildcard path of every {@code topology-netconf} node, i.e. of every device's mount point.
     *
     * @return the path
     */
    public static DataObjectReference<Node> nodes() {
        return DataObjectReference.builder(NetworkTopology.class)
            .child(Topology.class, new TopologyKey(new TopologyId(TOPOLOGY_NETCONF)))
            .child(Node.class)
            .build();
    }

    /**
     * Returns the DOM path of a device's node in {@code topology-netconf}, its DOM mount point.
     *
     * @param nodeId the node id
     * @return the path
     */
    static YangInstanceIdentifier domNodePath(final String nodeId) {
        return YangInstanceIdentifier.builder()
            .node(NetworkTopology.QNAME)
            .node(Topology.QNAME)
            .nodeWithKey(Topology.QNAME, TOPOLOGY_ID, TOPOLOGY_NETCONF)
            .node(Node.QNAME)
            .nodeWithKey(Node.QNAME, NODE_ID, nodeId)
            .build();
    }

    @Override
    public Optional<String> unavailable(final String nodeId) {
        final Optional<MountPoint> mount = mounts.findMountPoint(nodePath(nodeId));
        if (mount.isEmpty()) {
            return Optional.of("no mount point: the device is not connected (" + TOPOLOGY_NETCONF + " node "
                + nodeId + ")");
        }
        if (mount.orElseThrow().getService(DataBroker.class).isEmpty()) {
            return Optional.of("its mount point offers no data broker");
        }
        return Optional.empty();
    }

    /**
     * Returns the YANG modules of a device's mount point: what the device advertised and OpenDaylight could load.
     *
     * @param nodeId the device's node id
     * @return the modules with their revisions; empty if the device is not mounted or this access has no DOM view
     */
    public Optional<Collection<QNameModule>> advertised(final String nodeId) {
        if (domMounts == null) {
            return Optional.empty();
        }
        return domMounts.getMountPoint(domNodePath(nodeId)).flatMap(mount -> mount.getService(DOMSchemaService.class))
            .map(schema -> Set.copyOf(schema.getGlobalContext().getModuleStatements().keySet()));
    }

    /**
     * Removes list entries of a device in one transaction, after the device's previous one: through the
     * {@link BatchedRemoval} decorator (one {@code edit-config}) when it is on and the device's mount point offers
     * its RPCs, else (or if the device refuses that edit) with the driver's own {@code perEntry} removal.
     *
     * @param nodeId the device's node id
     * @param what what the transaction does, for messages
     * @param entries the list the entries are in
     * @param keys the key values of the entries; absent ones are no error
     * @param perEntry the driver's entry-by-entry removal through the device's data broker; must not block
     * @return completes when the removal is committed; fails like {@link #submit}
     */
    ListenableFuture<Object> removeEntries(final String nodeId, final String what,
            final BatchedRemoval.EntryList entries, final List<String> keys,
            final Function<DataBroker, ListenableFuture<?>> perEntry) {
        return submit(nodeId, what, broker -> {
            final Optional<DOMRpcService> rpc = keys.isEmpty() || !batchedRemoval || domMounts == null
                ? Optional.empty()
                : domMounts.getMountPoint(domNodePath(nodeId)).flatMap(mount -> mount.getService(DOMRpcService.class));
            final ListenableFuture<?> done = rpc.isEmpty() ? perEntry.apply(broker)
                : BatchedRemoval.remove(nodeId, broker, rpc.orElseThrow(), entries, keys,
                    () -> perEntry.apply(broker));
            return Futures.transform(done, ignored -> (Object) null, MoreExecutors.directExecutor());
        });
    }

    /**
     * Reads the entries of one list a device holds in its configuration, after the device's previous transaction.
     *
     * @param <R> the model's root container
     * @param <T> the entry type
     * @param nodeId the device's node id
     * @param root the model's root container
     * @param entries the root's entries, converted
     * @return the entries (empty if the device holds no root); fails like {@link #submit}
     */
    public <R extends DataObject, T> ListenableFuture<List<T>> read(final String nodeId,
            final DataObjectIdentifier<R> root, final Function<R, List<T>> entries) {
        return submit(nodeId, "reading its configuration", broker -> {
            try (var tx = broker.newReadOnlyTransaction()) {
                return Futures.transform(tx.read(LogicalDatastoreType.CONFIGURATION, root),
                    current -> current.map(entries).orElse(List.of()), MoreExecutors.directExecutor());
            }
        });
    }

    /**
     * Runs one transaction on a device, after the device's previous one.
     *
     * @param <T> result type
     * @param nodeId the device's node id
     * @param what what the transaction does, for messages
     * @param work creates and commits the transaction on the device's data broker; must not block
     * @return the result; fails with a {@link DeviceException} naming the device and the error, or with a timeout
     */
    public <T> ListenableFuture<T> submit(final String nodeId, final String what,
            final Function<DataBroker, ListenableFuture<T>> work) {
        requireNonNull(what);
        final AsyncQueue queue = queues.computeIfAbsent(nodeId, id -> new AsyncQueue(MoreExecutors.directExecutor()));
        final ListenableFuture<T> raw = queue.submit(() -> {
            final Optional<DataBroker> broker = mounts.findMountPoint(nodePath(nodeId))
                .flatMap(mount -> mount.getService(DataBroker.class));
            if (broker.isEmpty()) {
                return Futures.immediateFailedFuture(new DeviceException("device " + nodeId + ": " + what
                    + " impossible: no mount point, the device is not connected", null));
            }
            return work.apply(broker.orElseThrow());
        });
        // never cancel the raw future on timeout: it holds the device's queue until the device answers
        final ListenableFuture<T> bounded = Futures.withTimeout(Futures.nonCancellationPropagating(raw),
            timeout.toMillis(), TimeUnit.MILLISECONDS, timer);
        return FluentFuture.from(bounded).catchingAsync(Throwable.class, failure -> {
            final Throwable cause = failure instanceof java.util.concurrent.ExecutionException
                && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof DeviceException) {
                return Futures.immediateFailedFuture(cause);
            }
            if (cause instanceof TimeoutException || cause instanceof java.util.concurrent.CancellationException) {
                return Futures.immediateFailedFuture(new DeviceException("device " + nodeId + ": " + what
                    + " got no answer within " + timeout.toMillis() + " ms", new TimeoutException(
                        "device " + nodeId + " timed out")));
            }
            return Futures.immediateFailedFuture(new DeviceException("device " + nodeId + ": " + what
                + " failed: " + DeviceErrors.describe(cause), cause));
        }, MoreExecutors.directExecutor());
    }
}
