/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.MountPoint;
import org.opendaylight.mdsal.binding.api.MountPointService;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.TransactionCommitFailedException;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.concepts.Registration;
import org.qslice.impl.device.MountPointDevices;

/**
 * A mount-point service whose "devices" are in-memory data brokers (one per NETCONF node), with fault injection:
 * a device can be unmounted, refuse its next commits, or freeze (commits wait until it is thawed, then land).
 */
final class DeviceStub implements MountPointService {
    private final Map<DataObjectIdentifier<?>, DataBroker> devices = new HashMap<>();
    private final Set<String> unmounted = new HashSet<>();
    private final Map<String, Integer> refusals = new HashMap<>();
    private final Set<String> frozen = new HashSet<>();
    private final List<Runnable> held = new ArrayList<>();
    private final Map<String, Integer> commits = new HashMap<>();
    private final Map<String, Integer> reads = new HashMap<>();

    synchronized void add(final String nodeId, final DataBroker broker) {
        devices.put(MountPointDevices.nodePath(nodeId), proxy(nodeId, broker));
    }

    synchronized void unmount(final String nodeId) {
        unmounted.add(nodeId);
    }

    /** The device refuses its next {@code count} commits. */
    synchronized void refuse(final String nodeId, final int count) {
        refusals.put(nodeId, count);
    }

    synchronized void freeze(final String nodeId) {
        frozen.add(nodeId);
    }

    void thaw(final String nodeId) {
        final List<Runnable> release;
        synchronized (this) {
            frozen.remove(nodeId);
            release = List.copyOf(held);
            held.clear();
        }
        release.forEach(Runnable::run);
    }

    synchronized boolean holdsCommit() {
        return !held.isEmpty();
    }

    synchronized int commits(final String nodeId) {
        return commits.getOrDefault(nodeId, 0);
    }

    /** Read-only transactions opened on the device. */
    synchronized int reads(final String nodeId) {
        return reads.getOrDefault(nodeId, 0);
    }

    @Override
    public synchronized Optional<MountPoint> findMountPoint(final DataObjectIdentifier<?> path) {
        final DataBroker broker = devices.get(path);
        if (broker == null || unmounted.stream().anyMatch(id -> MountPointDevices.nodePath(id).equals(path))) {
            return Optional.empty();
        }
        return Optional.of(new MountPoint() {
            @Override
            public DataObjectIdentifier<?> getIdentifier() {
                return path;
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T extends org.opendaylight.mdsal.binding.api.BindingService> Optional<T> getService(
                    final Class<T> service) {
                return service == DataBroker.class ? Optional.of((T) broker) : Optional.empty();
            }
        });
    }

    @Override
    public Registration registerListener(final DataObjectReference<?> path, final MountPointListener listener) {
        throw new UnsupportedOperationException("not used by provisioning");
    }

    private DataBroker proxy(final String nodeId, final DataBroker real) {
        final InvocationHandler handler = (proxy, method, args) -> {
            if ("newWriteOnlyTransaction".equals(method.getName())) {
                return writeProxy(nodeId, real.newWriteOnlyTransaction());
            }
            if ("newReadOnlyTransaction".equals(method.getName())) {
                synchronized (this) {
                    reads.merge(nodeId, 1, Integer::sum);
                }
            }
            return invoke(method, real, args);
        };
        return (DataBroker) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { DataBroker.class },
            handler);
    }

    private WriteTransaction writeProxy(final String nodeId, final WriteTransaction real) {
        final InvocationHandler handler = (proxy, method, args) -> {
            if ("commit".equals(method.getName()) && (args == null || args.length == 0)) {
                return commit(nodeId, real);
            }
            return invoke(method, real, args);
        };
        return (WriteTransaction) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] { WriteTransaction.class }, handler);
    }

    private FluentFuture<? extends CommitInfo> commit(final String nodeId, final WriteTransaction real) {
        synchronized (this) {
            commits.merge(nodeId, 1, Integer::sum);
            final int refuse = refusals.getOrDefault(nodeId, 0);
            if (refuse > 0) {
                refusals.put(nodeId, refuse - 1);
                real.cancel();
                return FluentFuture.from(com.google.common.util.concurrent.Futures.immediateFailedFuture(
                    new TransactionCommitFailedException("device " + nodeId + " refused the edit (injected)")));
            }
            if (frozen.contains(nodeId)) {
                final SettableFuture<CommitInfo> later = SettableFuture.create();
                held.add(() -> later.setFuture(real.commit()));
                return FluentFuture.from(later);
            }
        }
        return real.commit();
    }

    @SuppressWarnings({ "checkstyle:IllegalThrows", "checkstyle:AvoidHidingCauseException" })
    private static Object invoke(final Method method, final Object target, final Object[] args) throws Throwable {
        // a dynamic proxy must rethrow what the real broker threw, unwrapped
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
