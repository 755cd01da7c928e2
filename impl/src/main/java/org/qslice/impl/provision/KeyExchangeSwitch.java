/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.qslice.api.SliceException;
import org.qslice.api.SliceException.Kind;
import org.qslice.api.kms.KeyType;
import org.qslice.api.model.KeyExchange;
import org.qslice.impl.device.DeviceErrors;
import org.qslice.impl.device.EncryptorDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches an active channel to another key-exchange method in lock-step at a key-refresh boundary: both encryptors
 * first get the new method as pending, then the KMS draws the channel's keys of the new type, and its first key id
 * is written to both ends together with the method ({@link ChannelKeys}). If a card refuses, or no key of the new
 * type reaches both ends within the timeout, the KMS goes back to the old type and the pending method is withdrawn:
 * the channel runs the old method as before. Either method gives at least every connection's minimum (the caller
 * checks), so no key boundary runs weaker.
 */
public final class KeyExchangeSwitch {
    private static final Logger LOG = LoggerFactory.getLogger(KeyExchangeSwitch.class);

    private final EncryptorDriver encryptors;
    private final ChannelKeys keys;
    private final Supplier<KeyRefreshPort> kms;
    private final ScheduledExecutorService timer;
    private final Duration timeout;
    private final PausePoint pause;

    /**
     * Creates the switch.
     *
     * @param encryptors the encryptor driver
     * @param keys where rotated keys are written (and waited for)
     * @param kms the KMS as it is now
     * @param timer bounds the wait
     * @param timeout how long both ends may take to get the first key of the new type
     * @param pause test-only pause point ({@code change-key-exchange <link> kms-switched}), {@link PausePoint#NONE}
     */
    public KeyExchangeSwitch(final EncryptorDriver encryptors, final ChannelKeys keys,
            final Supplier<KeyRefreshPort> kms, final ScheduledExecutorService timer, final Duration timeout,
            final PausePoint pause) {
        this.encryptors = requireNonNull(encryptors);
        this.keys = requireNonNull(keys);
        this.kms = requireNonNull(kms);
        this.timer = requireNonNull(timer);
        this.timeout = requireNonNull(timeout);
        this.pause = requireNonNull(pause);
    }

    /**
     * Checks that the cards at both ends list a method among their supported ones.
     *
     * @param ends the two encryptors
     * @param method the method
     * @return completes when both do; fails with a {@link SliceException} naming the card and what it lists
     */
    public ListenableFuture<?> checkSupported(final List<DeviceRef> ends, final KeyExchange method) {
        return Futures.transformAsync(Futures.allAsList(ends.stream().map(end -> ProvisioningEngine.guarded(
            () -> encryptors.supported(end.nodeId()))).toList()), lists -> {
                for (int i = 0; i < ends.size(); i++) {
                    final Set<KeyExchange> supported = lists.get(i);
                    if (!supported.contains(method)) {
                        throw new SliceException(Kind.STATE, "method", "encryptor " + ends.get(i).id() + " does not "
                            + "support key exchange " + method + (supported.isEmpty()
                                ? " (its card lists no supported-key-exchange)"
                                : " (its card supports " + new TreeSet<>(supported) + ")"), null);
                    }
                }
                return Futures.immediateVoidFuture();
            }, MoreExecutors.directExecutor());
    }

    /**
     * Switches the channel.
     *
     * @param channel the channel as the KMS rotates it now (its key type is the old one)
     * @param ends the two encryptors
     * @param to the new method
     * @return the first key id of the new type, once both ends hold it; fails (after switching back) with why
     */
    public ListenableFuture<UUID> run(final ChannelRefresh channel, final List<DeviceRef> ends, final KeyExchange to) {
        final KeyType type = Translator.keyType(to).orElseThrow();
        final String line = channel.channelId();
        final ListenableFuture<List<Integer>> announced = Futures.allAsList(ends.stream()
            .map(end -> ProvisioningEngine.guarded(() -> encryptors.setPending(end.nodeId(), line, Optional.of(to))))
            .toList());
        final ListenableFuture<UUID> switched = Futures.transformAsync(announced, written -> {
            final ListenableFuture<UUID> first = keys.next(line, type);
            final ListenableFuture<?> registered = ProvisioningEngine.guarded(() -> kms.get().start(List.of(
                new ChannelRefresh(line, type, channel.masterSaeId(), channel.slaveSaeId(), channel.interval()))));
            // a failed registration stops the wait (and its waiter)
            registered.addListener(() -> {
                if (!succeeded(registered)) {
                    first.cancel(false);
                }
            }, MoreExecutors.directExecutor());
            final ListenableFuture<UUID> bounded = Futures.withTimeout(first, timeout.toMillis(),
                TimeUnit.MILLISECONDS, timer);
            return Futures.transformAsync(registered, ignored -> Futures.transformAsync(pause.reach(
                "change-key-exchange " + line + " kms-switched"), x -> bounded, MoreExecutors.directExecutor()),
                MoreExecutors.directExecutor());
        }, MoreExecutors.directExecutor());
        return Futures.catchingAsync(switched, Throwable.class, failure -> {
            final String why = failure instanceof java.util.concurrent.TimeoutException
                || failure instanceof java.util.concurrent.CancellationException
                ? "no key of type " + type.yangName() + " reached both ends within " + timeout.toMillis() + " ms"
                : DeviceErrors.describe(failure);
            LOG.warn("channel {}: switch to {} failed ({}); switching back to {}", line, to, why,
                channel.keyType().yangName());
            return Futures.transformAsync(back(channel, ends), ignored -> Futures.immediateFailedFuture(
                new SliceException(Kind.TRANSPORT, null, "link " + line + " could not switch to " + to + ": " + why
                    + "; it runs " + ChannelKeys.method(channel.keyType()) + " as before", failure)),
                MoreExecutors.directExecutor());
        }, MoreExecutors.directExecutor());
    }

    private static boolean succeeded(final ListenableFuture<?> done) {
        try {
            Futures.getDone(done);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
            return false;
        }
    }

    /**
     * Puts the channel back on its old key type and withdraws the pending method (each best effort).
     */
    private ListenableFuture<?> back(final ChannelRefresh channel, final List<DeviceRef> ends) {
        final var undo = new java.util.ArrayList<ListenableFuture<?>>();
        undo.add(ProvisioningEngine.guarded(() -> kms.get().start(List.of(channel))));
        ends.forEach(end -> undo.add(ProvisioningEngine.guarded(() -> encryptors.setPending(end.nodeId(),
            channel.channelId(), Optional.empty()))));
        return Futures.whenAllComplete(undo).call(() -> {
            undo.stream().filter(step -> !succeeded(step)).forEach(step -> LOG.warn(
                "channel {}: switching back left a step undone", channel.channelId()));
            return null;
        }, MoreExecutors.directExecutor());
    }
}
