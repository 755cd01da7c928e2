/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.AsyncCallable;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.qslice.api.model.KeyExchange;
import org.qslice.impl.device.DeviceException;
import org.qslice.impl.device.EncryptorDriver;
import org.qslice.impl.device.EncryptorPort;
import org.qslice.impl.device.EthernetCrossConnect;
import org.qslice.impl.device.EthernetSwitchDriver;
import org.qslice.impl.device.OpticalCrossConnect;
import org.qslice.impl.device.OpticalSwitchDriver;

/**
 * Devices (and a KMS) that answer asynchronously and now and then fail an edit: every edit and removal is passed on
 * to the real driver after a small random delay on a scheduled executor (no thread waits), and an edit fails with a
 * given probability, either refused before it reaches the device or committed with its answer lost (a timeout, so
 * the engine must undo that step too). Removals and reads never fail. Counts what it injected.
 */
final class LaggingDevices {
    /** How an injected edit failure looks to the engine. */
    enum Fault {
        /** The device refuses the edit; nothing changes on it. */
        REFUSED,
        /** The device commits the edit, but its answer is lost: the engine sees a timeout. */
        ANSWER_LOST
    }

    private final ScheduledExecutorService timer;
    private final Random random;
    private final int maxDelayMs;
    private final double failureRate;
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger lost = new AtomicInteger();

    /**
     * Creates the devices' behaviour.
     *
     * @param timer runs the delayed calls
     * @param seed seeds the delays and faults
     * @param maxDelayMs longest delay of one call
     * @param failureRate probability that an edit fails
     */
    LaggingDevices(final ScheduledExecutorService timer, final long seed, final int maxDelayMs,
            final double failureRate) {
        this.timer = requireNonNull(timer);
        random = new Random(seed);
        this.maxDelayMs = maxDelayMs;
        this.failureRate = failureRate;
    }

    /**
     * Returns how many edits were refused and how many lost their answer.
     *
     * @return e.g. {@code 12 refused, 9 answers lost}
     */
    String injected() {
        return refused.get() + " refused, " + lost.get() + " answers lost";
    }

    private <T> ListenableFuture<T> later(final AsyncCallable<T> call) {
        return Futures.scheduleAsync(call, random.nextInt(maxDelayMs + 1), TimeUnit.MILLISECONDS, timer);
    }

    private <T> ListenableFuture<T> edit(final String target, final AsyncCallable<T> call) {
        final Optional<Fault> fault = random.nextDouble() >= failureRate ? Optional.empty()
            : Optional.of(random.nextBoolean() ? Fault.REFUSED : Fault.ANSWER_LOST);
        return later(() -> {
            if (fault.isEmpty()) {
                return call.call();
            }
            if (fault.orElseThrow() == Fault.REFUSED) {
                refused.incrementAndGet();
                return Futures.immediateFailedFuture(new DeviceException(target + " refused the edit (injected)",
                    null));
            }
            lost.incrementAndGet();
            return Futures.transformAsync(call.call(), ignored -> Futures.immediateFailedFuture(new DeviceException(
                target + ": the edit was committed but its answer was lost (injected)",
                new TimeoutException(target + " timed out"))), MoreExecutors.directExecutor());
        });
    }

    /**
     * Wraps real drivers.
     *
     * @param real the drivers that reach the devices
     * @return the lagging drivers
     */
    ProvisioningEngine.Drivers wrap(final ProvisioningEngine.Drivers real) {
        return new ProvisioningEngine.Drivers(new EthernetSwitchDriver() {
            @Override
            public ListenableFuture<?> add(final String nodeId, final List<EthernetCrossConnect> xcs) {
                return edit("device " + nodeId, () -> real.switches().add(nodeId, xcs));
            }

            @Override
            public ListenableFuture<?> remove(final String nodeId, final List<String> names) {
                return later(() -> real.switches().remove(nodeId, names));
            }

            @Override
            public ListenableFuture<List<EthernetCrossConnect>> read(final String nodeId) {
                return real.switches().read(nodeId);
            }
        }, new OpticalSwitchDriver() {
            @Override
            public ListenableFuture<?> add(final String nodeId, final List<OpticalCrossConnect> xcs) {
                return edit("device " + nodeId, () -> real.optical().add(nodeId, xcs));
            }

            @Override
            public ListenableFuture<?> remove(final String nodeId, final List<String> names) {
                return later(() -> real.optical().remove(nodeId, names));
            }

            @Override
            public ListenableFuture<List<OpticalCrossConnect>> read(final String nodeId) {
                return real.optical().read(nodeId);
            }
        }, new EncryptorDriver() {
            @Override
            public ListenableFuture<?> add(final String nodeId, final List<EncryptorPort> ports) {
                return edit("device " + nodeId, () -> real.encryptors().add(nodeId, ports));
            }

            @Override
            public ListenableFuture<?> remove(final String nodeId, final List<String> names) {
                return later(() -> real.encryptors().remove(nodeId, names));
            }

            @Override
            public ListenableFuture<List<EncryptorPort>> read(final String nodeId) {
                return real.encryptors().read(nodeId);
            }

            @Override
            public ListenableFuture<Integer> setKeyId(final String nodeId, final String line, final UUID keyId,
                    final Optional<KeyExchange> method) {
                return real.encryptors().setKeyId(nodeId, line, keyId, method);
            }

            @Override
            public ListenableFuture<Set<KeyExchange>> supported(final String nodeId) {
                return real.encryptors().supported(nodeId);
            }

            @Override
            public ListenableFuture<Integer> setPending(final String nodeId, final String line,
                    final Optional<KeyExchange> method) {
                return real.encryptors().setPending(nodeId, line, method);
            }

            @Override
            public void forgetKeys(final Collection<String> lines) {
                real.encryptors().forgetKeys(lines);
            }
        });
    }

    /**
     * Wraps a KMS: its registrations lag and fail like device edits.
     *
     * @param real the KMS
     * @return the lagging KMS
     */
    KeyRefreshPort wrap(final KeyRefreshPort real) {
        return new KeyRefreshPort() {
            @Override
            public Optional<String> unavailable() {
                return real.unavailable();
            }

            @Override
            public ListenableFuture<?> start(final List<ChannelRefresh> channels) {
                return edit("the KMS", () -> real.start(channels));
            }

            @Override
            public ListenableFuture<?> stop(final List<String> channelIds) {
                return later(() -> real.stop(channelIds));
            }
        };
    }
}
