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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.opendaylight.yangtools.concepts.Registration;
import org.qslice.api.SliceException;
import org.qslice.api.SliceException.Kind;
import org.qslice.api.model.ProvisioningRecord;
import org.qslice.api.model.ProvisioningRecord.Action;
import org.qslice.api.model.ProvisioningRecord.Operation;
import org.qslice.api.model.ProvisioningRecord.State;
import org.qslice.api.model.ProvisioningRecord.StepRecord;
import org.qslice.impl.device.DeviceAvailability;
import org.qslice.impl.device.DeviceErrors;
import org.qslice.impl.device.EncryptorDriver;
import org.qslice.impl.device.EthernetSwitchDriver;
import org.qslice.impl.device.OpticalSwitchDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link ProvisioningPlan} one step at a time, keeping a last-in-first-out history of what was really
 * written. Activation: on the first failed step it undoes the applied steps in reverse (and the failed step itself
 * when its outcome is unknown because the device did not answer in time), and reports the failing device, step and
 * device error plus the steps that could not be undone. Deactivation removes every step's entries in reverse order,
 * going on past failures, and reports what could not be removed. Before the first step the devices (and the KMS,
 * when the plan has key-refresh steps) are checked: a missing one fails the operation with nothing changed.
 *
 * <p>The devices of a plan are locked as a set in a {@link DeviceLockTable} for the whole operation, so operations
 * on disjoint devices run in parallel and operations sharing a device run in arrival order. Never blocks a thread.
 */
public final class ProvisioningEngine {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningEngine.class);

    /**
     * The device drivers, one per kind.
     *
     * @param switches Ethernet switches
     * @param optical optical switches
     * @param encryptors encryptor cards
     */
    public record Drivers(EthernetSwitchDriver switches, OpticalSwitchDriver optical, EncryptorDriver encryptors) {
        /**
         * Checks for nulls.
         */
        public Drivers {
            requireNonNull(switches);
            requireNonNull(optical);
            requireNonNull(encryptors);
        }
    }

    /**
     * What an operation did.
     *
     * @param record the record, state {@code active}, {@code inactive} or {@code failed}
     * @param failure why it failed, empty on success
     */
    public record Outcome(ProvisioningRecord record, Optional<SliceException> failure) {
        /**
         * Checks for nulls.
         */
        public Outcome {
            requireNonNull(record);
            requireNonNull(failure);
        }
    }

    private record Settled(Optional<Throwable> failure) {
    }

    private final Drivers drivers;
    private final DeviceAvailability availability;
    private final Supplier<KeyRefreshPort> kms;
    private final ChannelRegistry channels;
    private final DeviceLockTable locks;
    private final Clock clock;
    private final LongSupplier nanos;

    /**
     * Creates an engine.
     *
     * @param drivers device drivers
     * @param availability device checks
     * @param kms the KMS as it is now
     * @param channels which slices use each encrypted channel
     * @param locks the device lock table
     * @param clock wall clock for the record
     * @param nanos monotonic time for durations
     */
    public ProvisioningEngine(final Drivers drivers, final DeviceAvailability availability,
            final Supplier<KeyRefreshPort> kms, final ChannelRegistry channels, final DeviceLockTable locks,
            final Clock clock, final LongSupplier nanos) {
        this.drivers = requireNonNull(drivers);
        this.availability = requireNonNull(availability);
        this.kms = requireNonNull(kms);
        this.channels = requireNonNull(channels);
        this.locks = requireNonNull(locks);
        this.clock = requireNonNull(clock);
        this.nanos = requireNonNull(nanos);
    }

    /**
     * Applies a plan.
     *
     * @param plan the plan
     * @return the outcome; the future itself never fails
     */
    public ListenableFuture<Outcome> activate(final ProvisioningPlan plan) {
        return new Run(plan, Operation.ACTIVATE).start();
    }

    /**
     * Removes what a plan writes.
     *
     * @param plan the plan
     * @return the outcome; the future itself never fails
     */
    public ListenableFuture<Outcome> deactivate(final ProvisioningPlan plan) {
        return new Run(plan, Operation.DEACTIVATE).start();
    }

    /**
     * Returns the record an operation starts with (state provisioning or deprovisioning, no steps yet).
     *
     * @param sliceId the slice
     * @param operation the operation
     * @param started when
     * @return the record
     */
    public static ProvisioningRecord starting(final String sliceId, final Operation operation, final Instant started) {
        return new ProvisioningRecord(sliceId, operation, operation == Operation.ACTIVATE ? State.PROVISIONING
            : State.DEPROVISIONING, started, Optional.empty(), 0, 0, 0, Optional.empty(), OptionalInt.empty(),
            List.of(), List.of());
    }

    // A driver or the KMS may fail by throwing as well as by a failed future, and with any runtime exception (a
    // NullPointerException of a half-mounted device): every one is a failed step, which is rolled back.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private static ListenableFuture<Settled> settle(final Supplier<ListenableFuture<?>> work) {
        ListenableFuture<?> future;
        try {
            future = work.get();
            if (future == null) {
                future = Futures.immediateFailedFuture(new IllegalStateException("the driver returned no future"));
            }
        } catch (RuntimeException e) {
            future = Futures.immediateFailedFuture(e);
        }
        return Futures.catching(Futures.transform(future, ignored -> new Settled(Optional.empty()),
            MoreExecutors.directExecutor()), Throwable.class, failure -> new Settled(Optional.of(failure)),
            MoreExecutors.directExecutor());
    }

    /**
     * One operation; its fields are touched by one callback at a time (each step starts when the previous one
     * completed), the futures order them.
     */
    private final class Run {
        private final ProvisioningPlan plan;
        private final Operation operation;
        private final Instant started;
        private final long t0;
        private final List<StepRecord> records = new ArrayList<>();
        private final List<Step> applied = new ArrayList<>();
        private final List<String> undoFailures = new ArrayList<>();
        private long lockWaitNanos;
        private long deviceNanos;
        private Registration lock;
        private OptionalInt failedStep = OptionalInt.empty();

        Run(final ProvisioningPlan plan, final Operation operation) {
            this.plan = requireNonNull(plan);
            this.operation = operation;
            started = clock.instant();
            t0 = nanos.getAsLong();
        }

        ListenableFuture<Outcome> start() {
            final ListenableFuture<Outcome> run = Futures.transformAsync(locks.acquire(plan.nodeIds()),
                registration -> {
                    lock = registration;
                    lockWaitNanos = nanos.getAsLong() - t0;
                    return afterLock();
                }, MoreExecutors.directExecutor());
            // the last line of defence: whatever failed outside a step (a bug of ours), the device locks are
            // released and the outcome names what was applied, so nothing waits for them for ever
            return Futures.catchingAsync(run, Throwable.class, failure -> {
                LOG.error("{} of slice {} failed outside its steps", verb(), plan.sliceId(), failure);
                return finish(Optional.of(new SliceException(Kind.INTERNAL, null, verb() + " of slice "
                    + plan.sliceId() + " failed: " + DeviceErrors.describe(failure) + "; applied and not undone: "
                    + applied.stream().map(step -> "step " + step.index() + " (" + step.target() + ")").toList(),
                    failure)));
            }, MoreExecutors.directExecutor());
        }

        private ListenableFuture<Outcome> afterLock() {
            final var missing = new ArrayList<String>();
            for (DeviceRef device : plan.devices()) {
                availability.unavailable(device.nodeId()).ifPresent(reason -> missing.add("device " + device.id()
                    + " (NETCONF node " + device.nodeId() + "): " + reason));
            }
            if (plan.steps().stream().anyMatch(step -> step.change() instanceof Step.KeyRefresh)) {
                kms.get().unavailable().ifPresent(reason -> missing.add("key management service: " + reason));
            }
            if (!missing.isEmpty()) {
                return finish(Optional.of(new SliceException(Kind.TRANSPORT, null, "cannot " + verb() + " slice "
                    + plan.sliceId() + ": " + String.join("; ", missing) + "; nothing was changed", null)));
            }
            return operation == Operation.ACTIVATE ? applyFrom(0) : removeFrom(plan.steps().size() - 1,
                new ArrayList<>());
        }

        private String verb() {
            return operation == Operation.ACTIVATE ? "activate" : "deactivate";
        }

        private ListenableFuture<Outcome> applyFrom(final int position) {
            if (position == plan.steps().size()) {
                return finish(Optional.empty());
            }
            final Step step = plan.steps().get(position);
            final long begin = nanos.getAsLong();
            return Futures.transformAsync(settle(() -> apply(step)), settled -> {
                record(step, Action.APPLY, begin, settled);
                if (settled.failure().isEmpty()) {
                    applied.add(step);
                    return applyFrom(position + 1);
                }
                return rollback(step, settled.failure().orElseThrow());
            }, MoreExecutors.directExecutor());
        }

        private ListenableFuture<Outcome> rollback(final Step failed, final Throwable failure) {
            failedStep = OptionalInt.of(failed.index());
            final var toUndo = new ArrayList<Step>();
            // a device that timed out may still commit the change; some channels of a failed KMS step may be
            // registered: undo the failed step too (removal of what is missing is fine)
            final boolean uncertain = failed.change() instanceof Step.KeyRefresh
                || failed.device().isPresent() && DeviceErrors.uncertain(failure);
            if (uncertain) {
                toUndo.add(failed);
            }
            for (int i = applied.size() - 1; i >= 0; i--) {
                toUndo.add(applied.get(i));
            }
            return Futures.transformAsync(undoFrom(toUndo, 0), ignored -> {
                final String rolledBack = "rolled back " + applied.size() + " applied step(s)"
                    + (uncertain ? " and the unconfirmed step " + failed.index() : "");
                final String tail = undoFailures.isEmpty() ? "; every device is as before"
                    : "; could NOT undo: " + String.join("; ", undoFailures);
                final String message = "activation of slice " + plan.sliceId() + " failed at step "
                    + failed.index() + " of " + plan.steps().size() + " (" + failed.lane().yangName() + ", "
                    + failed.target() + "): " + DeviceErrors.describe(failure) + "; " + rolledBack + tail;
                return finish(Optional.of(new SliceException(failed.device().isPresent() ? Kind.TRANSPORT
                    : Kind.INTERNAL, null, message, failure)));
            }, MoreExecutors.directExecutor());
        }

        private ListenableFuture<Void> undoFrom(final List<Step> steps, final int position) {
            if (position == steps.size()) {
                return Futures.immediateVoidFuture();
            }
            final Step step = steps.get(position);
            final long begin = nanos.getAsLong();
            return Futures.transformAsync(settle(() -> remove(step)), settled -> {
                record(step, Action.UNDO, begin, settled);
                settled.failure().ifPresent(failure -> undoFailures.add("step " + step.index() + " ("
                    + step.lane().yangName() + ", " + step.target() + "): " + DeviceErrors.describe(failure)));
                return undoFrom(steps, position + 1);
            }, MoreExecutors.directExecutor());
        }

        private ListenableFuture<Outcome> removeFrom(final int position, final List<Step> failedSteps) {
            if (position < 0) {
                if (failedSteps.isEmpty()) {
                    return finish(Optional.empty());
                }
                failedStep = OptionalInt.of(failedSteps.get(0).index());
                return finish(Optional.of(new SliceException(Kind.TRANSPORT, null, "deactivation of slice "
                    + plan.sliceId() + ": removed " + (plan.steps().size() - failedSteps.size()) + " of "
                    + plan.steps().size() + " step(s); could NOT remove: " + String.join("; ", undoFailures),
                    null)));
            }
            final Step step = plan.steps().get(position);
            final long begin = nanos.getAsLong();
            return Futures.transformAsync(settle(() -> remove(step)), settled -> {
                record(step, Action.REMOVE, begin, settled);
                settled.failure().ifPresent(failure -> {
                    failedSteps.add(step);
                    undoFailures.add("step " + step.index() + " (" + step.lane().yangName() + ", " + step.target()
                        + "): " + DeviceErrors.describe(failure));
                });
                return removeFrom(position - 1, failedSteps);
            }, MoreExecutors.directExecutor());
        }

        private ListenableFuture<?> apply(final Step step) {
            final String node = step.device().map(DeviceRef::nodeId).orElse(null);
            return switch (step.change()) {
                case Step.SwitchConfig config -> drivers.switches().add(node, config.crossConnects());
                case Step.OpticalConfig config -> drivers.optical().add(node, config.crossConnects());
                case Step.EncryptorConfig config -> drivers.encryptors().add(node, config.ports());
                case Step.KeyRefresh refresh -> Futures.transform(kms.get().start(refresh.channels()), ignored -> {
                    refresh.channels().forEach(channel -> channels.join(plan.sliceId(), channel.channelId()));
                    return null;
                }, MoreExecutors.directExecutor());
            };
        }

        private ListenableFuture<?> remove(final Step step) {
            final String node = step.device().map(DeviceRef::nodeId).orElse(null);
            return switch (step.change()) {
                case Step.SwitchConfig config -> drivers.switches().remove(node, config.names());
                case Step.OpticalConfig config -> drivers.optical().remove(node, config.names());
                case Step.EncryptorConfig config -> drivers.encryptors().remove(node, config.names());
                case Step.KeyRefresh refresh -> leave(refresh);
            };
        }

        /**
         * Stops, in one KMS step, the rotation of every channel of the step that no other slice uses, and makes the
         * encryptor driver forget their key ids.
         */
        private ListenableFuture<?> leave(final Step.KeyRefresh refresh) {
            final var unused = new ArrayList<String>();
            for (ChannelRefresh channel : refresh.channels()) {
                if (channels.leave(plan.sliceId(), channel.channelId())) {
                    unused.add(channel.channelId());
                }
            }
            if (unused.isEmpty()) {
                return Futures.immediateVoidFuture();
            }
            return Futures.transform(kms.get().stop(unused), ignored -> {
                drivers.encryptors().forgetKeys(unused);
                return null;
            }, MoreExecutors.directExecutor());
        }

        private void record(final Step step, final Action action, final long begin, final Settled settled) {
            final long duration = nanos.getAsLong() - begin;
            if (step.device().isPresent()) {
                // the KMS registrations are controller-side datastore writes, not device round trips
                deviceNanos += duration;
            }
            records.add(new StepRecord(records.size() + 1, step.index(), action, step.lane().yangName(),
                step.target(), step.describe(), settled.failure().isEmpty(), duration / 1000,
                settled.failure().map(DeviceErrors::describe)));
        }

        private ListenableFuture<Outcome> finish(final Optional<SliceException> failure) {
            if (lock != null) {
                lock.close();
                lock = null;
            }
            final State state = failure.isPresent() ? State.FAILED
                : operation == Operation.ACTIVATE ? State.ACTIVE : State.INACTIVE;
            final var record = new ProvisioningRecord(plan.sliceId(), operation, state, started,
                Optional.of(clock.instant()), (nanos.getAsLong() - t0) / 1000, lockWaitNanos / 1000,
                deviceNanos / 1000, failure.map(Throwable::getMessage), failedStep,
                List.copyOf(new LinkedHashSet<>(undoFailures)), records);
            return Futures.immediateFuture(new Outcome(record, failure));
        }
    }
}
