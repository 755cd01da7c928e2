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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.MountPoint;
import org.opendaylight.mdsal.binding.api.MountPointService;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.NetworkTopology;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.NodeId;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.TopologyId;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.Topology;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.TopologyKey;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.topology.Node;
import org.opendaylight.yang.gen.v1.urn.tbd.params.xml.ns.yang.network.topology.rev131021.network.topology.topology.NodeKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
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

    private final MountPointService mounts;
    private final ScheduledExecutorService timer;
    private final Duration timeout;
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
        this.mounts = requireNonNull(mounts);
        this.timer = requireNonNull(timer);
        this.timeout = requireNonNull(timeout);
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
