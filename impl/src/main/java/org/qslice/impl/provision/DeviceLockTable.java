/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * Asynchronous locks on sets of devices: a holder gets all its devices at once, so two operations on disjoint device
 * sets run in parallel and operations sharing a device run one after the other, in arrival order (an operation never
 * overtakes an earlier one it conflicts with, so none starves). Never blocks a thread; no deadlock is possible since
 * a set is granted whole.
 *
 * <p>The {@link Locking} mode decides, here and nowhere else, which locks a set of devices stands for: in
 * {@link Locking#GLOBAL} mode every set is the one network lock.
 */
public final class DeviceLockTable {
    private record Waiter(Set<String> devices, SettableFuture<Registration> grant) {
    }

    private final Locking locking;
    private final Set<String> held = new HashSet<>();
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();

    /**
     * Creates a table.
     *
     * @param locking which locks a set of devices takes
     */
    public DeviceLockTable(final Locking locking) {
        this.locking = requireNonNull(locking);
    }

    /**
     * Returns the mode.
     *
     * @return the locking mode
     */
    public Locking locking() {
        return locking;
    }

    /**
     * Requests a set of devices.
     *
     * @param devices device ids
     * @return completes with the registration to close when done (closing twice is harmless)
     */
    public ListenableFuture<Registration> acquire(final Set<String> devices) {
        final var waiter = new Waiter(locking.lockSet(devices), SettableFuture.create());
        final List<Waiter> granted;
        synchronized (this) {
            waiting.add(waiter);
            granted = grant();
        }
        granted.forEach(this::complete);
        return waiter.grant();
    }

    /**
     * Returns the locks held now (for tests and diagnostics): device ids, or {@link Locking#NETWORK}.
     *
     * @return a copy
     */
    public synchronized Set<String> held() {
        return Set.copyOf(held);
    }

    private List<Waiter> grant() {
        final var granted = new ArrayList<Waiter>();
        final var blocked = new HashSet<String>();
        final var it = waiting.iterator();
        while (it.hasNext()) {
            final Waiter next = it.next();
            if (next.devices().stream().noneMatch(held::contains)
                    && next.devices().stream().noneMatch(blocked::contains)) {
                held.addAll(next.devices());
                it.remove();
                granted.add(next);
            } else {
                blocked.addAll(next.devices());
            }
        }
        return granted;
    }

    private void complete(final Waiter waiter) {
        final var released = new AtomicBoolean();
        final Registration registration = () -> {
            if (released.compareAndSet(false, true)) {
                release(waiter.devices());
            }
        };
        if (!waiter.grant().set(registration)) {
            registration.close();
        }
    }

    private void release(final Set<String> devices) {
        final List<Waiter> granted;
        synchronized (this) {
            held.removeAll(devices);
            granted = grant();
        }
        granted.forEach(this::complete);
    }
}
