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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.opendaylight.yangtools.concepts.Registration;
import org.qslice.api.SliceException;
import org.qslice.api.SliceException.Kind;
import org.qslice.api.model.DeviceDrift;
import org.qslice.api.model.ProvisioningRecord;
import org.qslice.api.model.ProvisioningRecord.Action;
import org.qslice.api.model.ProvisioningRecord.Operation;
import org.qslice.api.model.ProvisioningRecord.State;
import org.qslice.api.model.ProvisioningRecord.StepRecord;
import org.qslice.impl.device.DeviceAvailability;
import org.qslice.impl.device.DeviceDriver;
import org.qslice.impl.device.DeviceErrors;
import org.qslice.impl.device.EncryptorDriver;
import org.qslice.impl.device.EthernetSwitchDriver;
import org.qslice.impl.device.OpticalSwitchDriver;
import org.qslice.impl.provision.Journal.StepState;
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

        /**
         * Returns the driver of a step's device.
         *
         * @param step the step
         * @return its driver, empty for the KMS step
         */
        @SuppressWarnings("unchecked")
        public Optional<DeviceDriver<Object>> of(final Step step) {
            final DeviceDriver<?> driver = switch (step.change()) {
                case Step.SwitchConfig config -> switches;
                case Step.OpticalConfig config -> optical;
                case Step.EncryptorConfig config -> encryptors;
                case Step.KeyRefresh refresh -> null;
            };
            // the step's entries are of the driver's entry type
            return Optional.ofNullable((DeviceDriver<Object>) driver);
        }
    }

    /**
     * What an operation did.
     *
     * @param record the record, state {@code active}, {@code inactive} or {@code failed}
     * @param failure why it failed, empty on success
     * @param journal the slice's journal afterwards, as stored (empty if the operation never wrote one: it failed
     *                before its first step)
     */
    public record Outcome(ProvisioningRecord record, Optional<SliceException> failure, Optional<Journal> journal) {
        /**
         * Checks for nulls.
         */
        public Outcome {
            requireNonNull(record);
            requireNonNull(failure);
            requireNonNull(journal);
        }
    }

    private record Settled(Optional<Throwable> failure) {
    }

    private final Drivers drivers;
    private final DeviceAvailability availability;
    private final Supplier<KeyRefreshPort> kms;
    private final ChannelRegistry channels;
    private final DeviceLockTable locks;
    private final JournalStore journals;
    private final PausePoint pause;
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
     * @param journals where the journals persist
     * @param pause the test-only pause point, {@link PausePoint#NONE} in production
     * @param clock wall clock for the record
     * @param nanos monotonic time for durations
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public ProvisioningEngine(final Drivers drivers, final DeviceAvailability availability,
            final Supplier<KeyRefreshPort> kms, final ChannelRegistry channels, final DeviceLockTable locks,
            final JournalStore journals, final PausePoint pause, final Clock clock, final LongSupplier nanos) {
        this.drivers = requireNonNull(drivers);
        this.availability = requireNonNull(availability);
        this.kms = requireNonNull(kms);
        this.channels = requireNonNull(channels);
        this.locks = requireNonNull(locks);
        this.journals = requireNonNull(journals);
        this.pause = requireNonNull(pause);
        this.clock = requireNonNull(clock);
        this.nanos = requireNonNull(nanos);
    }

    /**
     * Applies a plan. Its journal, replacing the slice's previous one, is stored before the first step is sent.
     *
     * @param plan the plan
     * @return the outcome; the future itself never fails
     */
    public ListenableFuture<Outcome> activate(final ProvisioningPlan plan) {
        return new Run(Journal.planned(plan, clock.instant()), Operation.ACTIVATE, null).start();
    }

    /**
     * Runs a restoration, make-before-break: applies the journal's added steps in order (undoing them in reverse if
     * one fails: the current paths stay as they are), then removes its retiring steps in reverse order. A retiring
     * step whose device is unreachable is left (the journal keeps saying the device may hold it; deactivation removes
     * it), and one whose removal fails is recorded as an undo failure: either way the connections run on their new
     * paths, so the restoration succeeded.
     *
     * @param journal the restoration's journal ({@link RestorationJournal#build})
     * @return the outcome; the future itself never fails
     */
    public ListenableFuture<Outcome> restore(final Journal journal) {
        return new Run(journal, Operation.RESTORE, null).start();
    }

    /**
     * Removes, in reverse plan order, every step a journal says its device may hold.
     *
     * @param journal the slice's journal
     * @param operation {@link Operation#DEACTIVATE}, or {@link Operation#RECOVER} (which first reads each device to
     *                  report what it found)
     * @return the outcome; the future itself never fails
     */
    public ListenableFuture<Outcome> remove(final Journal journal, final Operation operation) {
        if (operation == Operation.ACTIVATE || operation == Operation.RESTORE) {
            throw new IllegalArgumentException("removal runs as deactivate or recover");
        }
        return new Run(journal.by(operation, clock.instant()), operation, null).start();
    }

    /**
     * Removes, in reverse plan order, the steps of a journal with the given role that its devices may hold: the
     * recovery of a restoration a restart interrupted, rolled forward (retiring steps) or back (added steps).
     *
     * @param journal the restoration's journal
     * @param role the steps to remove
     * @return the outcome; the future itself never fails
     */
    public ListenableFuture<Outcome> recoverRestoration(final Journal journal, final Journal.Role role) {
        return new Run(journal.by(Operation.RECOVER, clock.instant()), Operation.RECOVER, role).start();
    }

    /**
     * Compares what each device holds with what the journal says it must hold: every applied step's entries.
     *
     * @param journal the slice's journal
     * @param owned the entries any slice's journal names, as {@code <node-id>/<entry name>}
     * @return one drift per device of an applied step, in plan order
     */
    public ListenableFuture<List<DeviceDrift>> check(final Journal journal, final Set<String> owned) {
        final var checks = new ArrayList<ListenableFuture<DeviceDrift>>();
        for (Journal.Entry entry : journal.steps()) {
            final Step step = entry.step();
            if (entry.state() != StepState.APPLIED || step.device().isEmpty()) {
                continue;
            }
            final DeviceRef device = step.device().orElseThrow();
            final DeviceDriver<Object> driver = drivers.of(step).orElseThrow();
            final String node = device.nodeId();
            final Map<String, Object> expected = step.entries();
            // the device's model may hold an entry under another name, or without some of its fields
            final Set<String> ownedHere = owned.stream().filter(name -> name.startsWith(node + "/"))
                .map(name -> driver.heldName(node, name.substring(node.length() + 1))).collect(Collectors.toSet());
            checks.add(Futures.catching(Futures.transform(held(step), held -> {
                final var missing = new ArrayList<String>();
                final var changed = new ArrayList<String>();
                expected.forEach((name, want) -> {
                    final Object there = held.get(driver.heldName(node, name));
                    if (there == null) {
                        missing.add(name);
                    } else if (!driver.asHeld(node, want).equals(there)) {
                        changed.add(name);
                    }
                });
                final List<String> foreign = held.keySet().stream().filter(name -> !ownedHere.contains(name))
                    .toList();
                return new DeviceDrift(device.id(), missing, changed, foreign, Optional.<String>empty());
            }, MoreExecutors.directExecutor()), Throwable.class, failure -> new DeviceDrift(device.id(), List.of(),
                List.of(), List.of(), Optional.of(DeviceErrors.describe(failure))), MoreExecutors.directExecutor()));
        }
        return Futures.allAsList(checks);
    }

    /**
     * Writes again what the journal says the devices must hold and they do not (missing or changed entries), under
     * the devices' locks. Never deletes anything: a foreign entry stays.
     *
     * @param journal the slice's journal
     * @param drift the check's result
     * @return the names written, as {@code site/name: entry}; fails with the first device error
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    public ListenableFuture<List<String>> repair(final Journal journal, final List<DeviceDrift> drift) {
        final var steps = new ArrayList<Step>();
        final var names = new ArrayList<List<String>>();
        for (DeviceDrift device : drift) {
            final var wrong = new ArrayList<>(device.missing());
            wrong.addAll(device.changed());
            if (wrong.isEmpty()) {
                continue;
            }
            journal.steps().stream().map(Journal.Entry::step).filter(step -> step.target().equals(device.device()))
                .findFirst().ifPresent(step -> {
                    steps.add(step);
                    names.add(wrong);
                });
        }
        final var nodes = new TreeSet<String>();
        steps.forEach(step -> nodes.add(step.device().orElseThrow().nodeId()));
        return Futures.transformAsync(locks.acquire(nodes), lock -> {
            ListenableFuture<List<String>> written;
            try {
                written = rewrite(steps, names, 0, new ArrayList<>());
            } catch (RuntimeException e) {
                // a driver that throws must not keep the device locks
                written = Futures.immediateFailedFuture(e);
            }
            written.addListener(lock::close, MoreExecutors.directExecutor());
            return written;
        }, MoreExecutors.directExecutor());
    }

    private ListenableFuture<List<String>> rewrite(final List<Step> steps, final List<List<String>> names,
            final int position, final List<String> done) {
        if (position == steps.size()) {
            return Futures.immediateFuture(done);
        }
        final Step step = steps.get(position);
        final List<String> wanted = names.get(position);
        final String node = step.device().orElseThrow().nodeId();
        final ListenableFuture<?> write = switch (step.change()) {
            case Step.SwitchConfig config -> drivers.switches().add(node, config.crossConnects().stream()
                .filter(xc -> wanted.contains(xc.name())).toList());
            case Step.OpticalConfig config -> drivers.optical().add(node, config.crossConnects().stream()
                .filter(xc -> wanted.contains(xc.name())).toList());
            case Step.EncryptorConfig config -> drivers.encryptors().add(node, config.ports().stream()
                .filter(port -> wanted.contains(port.name())).toList());
            case Step.KeyRefresh refresh -> Futures.immediateVoidFuture();
        };
        return Futures.transformAsync(write, ignored -> {
            wanted.forEach(name -> done.add(step.target() + ": " + name));
            return rewrite(steps, names, position + 1, done);
        }, MoreExecutors.directExecutor());
    }

    /** What the device of a step holds of the step's model, by the names the device holds them under. */
    private ListenableFuture<Map<String, Object>> held(final Step step) {
        final Optional<DeviceDriver<Object>> driver = drivers.of(step);
        if (driver.isEmpty()) {
            return Futures.immediateFuture(Map.of());
        }
        return Futures.transform(driver.orElseThrow().read(step.device().orElseThrow().nodeId()), entries -> {
            final var byName = new LinkedHashMap<String, Object>();
            for (Object entry : entries) {
                byName.put(Step.entryName(entry), entry);
            }
            return byName;
        }, MoreExecutors.directExecutor());
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
        return new ProvisioningRecord(sliceId, operation, operation == Operation.ACTIVATE
            || operation == Operation.RESTORE ? State.PROVISIONING
            : State.DEPROVISIONING, started, Optional.empty(), 0, 0, 0, 0, Optional.empty(), OptionalInt.empty(),
            List.of(), List.of());
    }

    // A driver or the KMS may fail by throwing as well as by a failed future, and with any runtime exception (a
    // NullPointerException of a half-mounted device): every one is a failed step, which is rolled back.
    @SuppressWarnings("unchecked")
    private static ListenableFuture<Settled> settle(final Supplier<ListenableFuture<?>> work) {
        // only completion matters here, not the value
        final Supplier<ListenableFuture<Object>> call = () -> (ListenableFuture<Object>) work.get();
        return Futures.catching(Futures.transform(guarded(call), ignored -> new Settled(Optional.empty()),
            MoreExecutors.directExecutor()), Throwable.class, failure -> new Settled(Optional.of(failure)),
            MoreExecutors.directExecutor());
    }

    /**
     * Calls a driver or the KMS: a call that throws (any runtime exception) or returns no future gives a failed
     * future, like a call that fails.
     *
     * @param <T> result type
     * @param work the call
     * @return its future
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    static <T> ListenableFuture<T> guarded(final Supplier<ListenableFuture<T>> work) {
        try {
            final ListenableFuture<T> future = work.get();
            return future != null ? future
                : Futures.immediateFailedFuture(new IllegalStateException("the driver returned no future"));
        } catch (RuntimeException e) {
            return Futures.immediateFailedFuture(e);
        }
    }

    /**
     * One operation; its fields are touched by one callback at a time (each step starts when the previous one
     * completed), the futures order them.
     *
     * <p>The journal: every step is recorded as under way ({@code applying}/{@code removing}) in the store before
     * its edit is sent; its result ({@code applied}, {@code removed}, {@code failed}) is written together with the
     * next step's start, and the last one when the operation ends. An activation's first write stores the whole
     * plan. A journal write that fails before an edit stops the operation before that edit (an activation then
     * rolls back); one that fails during a removal fails the operation once the devices are done, so the slice
     * ends failed and can be deactivated again (removal is idempotent).
     */
    private final class Run {
        private final Operation operation;
        private final Instant started;
        private final long t0;
        private final List<StepRecord> records = new ArrayList<>();
        private final List<Step> applied = new ArrayList<>();
        private final List<String> undoFailures = new ArrayList<>();
        private final Map<Integer, StepState> unwritten = new TreeMap<>();
        private final List<Step> toApply;
        private final Journal.Role only;
        private final List<String> journalFailures = new ArrayList<>();
        private Journal journal;
        private boolean stored;
        private long lockWaitNanos;
        private long deviceNanos;
        private long journalNanos;
        private Registration lock;
        private OptionalInt failedStep = OptionalInt.empty();

        Run(final Journal journal, final Operation operation, final Journal.Role only) {
            this.journal = requireNonNull(journal);
            this.operation = operation;
            this.only = only;
            started = journal.started();
            t0 = nanos.getAsLong();
            toApply = switch (operation) {
                case ACTIVATE -> journal.plan().steps();
                case RESTORE -> journal.steps().stream().filter(entry -> entry.role() == Journal.Role.ADDED)
                    .map(Journal.Entry::step).toList();
                case DEACTIVATE, RECOVER -> List.of();
            };
        }

        private ProvisioningPlan plan() {
            return journal.plan();
        }

        private String sliceId() {
            return journal.sliceId();
        }

        ListenableFuture<Outcome> start() {
            final ListenableFuture<Outcome> run = Futures.transformAsync(locks.acquire(plan().nodeIds()),
                registration -> {
                    lock = registration;
                    lockWaitNanos = nanos.getAsLong() - t0;
                    return afterLock();
                }, MoreExecutors.directExecutor());
            // the last line of defence: whatever failed outside a step (a bug of ours), the device locks are
            // released and the outcome names what was applied, so nothing waits for them for ever
            return Futures.catchingAsync(run, Throwable.class, failure -> {
                LOG.error("{} of slice {} failed outside its steps", verb(), sliceId(), failure);
                return finish(Optional.of(new SliceException(Kind.INTERNAL, null, verb() + " of slice "
                    + sliceId() + " failed: " + DeviceErrors.describe(failure) + "; applied and not undone: "
                    + applied.stream().map(step -> "step " + step.index() + " (" + step.target() + ")").toList(),
                    failure)));
            }, MoreExecutors.directExecutor());
        }

        private List<Step> work() {
            if (operation == Operation.ACTIVATE || operation == Operation.RESTORE) {
                // a restoration needs the new paths' devices; the old paths' may be the failure it works around
                return toApply;
            }
            if (only != null) {
                return journal.steps().stream().filter(entry -> entry.role() == only && entry.state().mayHold())
                    .map(Journal.Entry::step).toList().reversed();
            }
            return journal.mayHold().reversed();
        }

        private ListenableFuture<Outcome> afterLock() {
            final List<Step> work = work();
            final var missing = new ArrayList<String>();
            work.stream().map(Step::device).flatMap(Optional::stream).distinct().forEach(device ->
                availability.unavailable(device.nodeId(), device.kind()).ifPresent(reason -> missing.add("device "
                    + device.id() + " (NETCONF node " + device.nodeId() + "): " + reason)));
            if (work.stream().anyMatch(step -> step.change() instanceof Step.KeyRefresh)) {
                kms.get().unavailable().ifPresent(reason -> missing.add("key management service: " + reason));
            }
            if (!missing.isEmpty()) {
                return finish(Optional.of(new SliceException(Kind.TRANSPORT, null, "cannot " + verb() + " slice "
                    + sliceId() + ": " + String.join("; ", missing) + "; nothing was changed", null)));
            }
            return operation == Operation.ACTIVATE || operation == Operation.RESTORE ? applyFrom(0)
                : removeFrom(work, 0, new ArrayList<>());
        }

        private String verb() {
            return switch (operation) {
                case ACTIVATE -> "activate";
                case DEACTIVATE -> "deactivate";
                case RECOVER -> "recover";
                case RESTORE -> "restore";
            };
        }

        /**
         * Records that a step is under way (with every result not written yet) and waits until it is stored.
         */
        private ListenableFuture<?> begin(final Step step, final StepState state) {
            unwritten.put(step.index(), state);
            return flush();
        }

        @SuppressWarnings("checkstyle:IllegalCatch")
        private ListenableFuture<?> flush() {
            if (unwritten.isEmpty()) {
                return Futures.immediateVoidFuture();
            }
            final Map<Integer, StepState> states = Map.copyOf(unwritten);
            unwritten.clear();
            journal = journal.with(states);
            ListenableFuture<?> write;
            try {
                write = stored ? journals.mark(sliceId(), states) : journals.save(journal);
            } catch (RuntimeException e) {
                write = Futures.immediateFailedFuture(e);
            }
            // not stored: the next write stores it all again
            return Futures.catchingAsync(Futures.transform(write, ignored -> {
                stored = true;
                return null;
            }, MoreExecutors.directExecutor()), Throwable.class, failure -> {
                states.forEach(unwritten::putIfAbsent);
                return Futures.immediateFailedFuture(failure);
            }, MoreExecutors.directExecutor());
        }

        /**
         * Passes the test-only pause point, then runs the work.
         */
        private ListenableFuture<Settled> paused(final Step step, final Supplier<ListenableFuture<?>> edit) {
            final ListenableFuture<?> before = pause.reach(sliceId(), operation, step.index(),
                PausePoint.Phase.BEFORE_EDIT);
            return Futures.transformAsync(before, ignored -> Futures.transformAsync(settle(edit),
                settled -> Futures.transform(pause.reach(sliceId(), operation, step.index(),
                    PausePoint.Phase.AFTER_EDIT), x -> settled, MoreExecutors.directExecutor()),
                MoreExecutors.directExecutor()), MoreExecutors.directExecutor());
        }

        private ListenableFuture<Outcome> applyFrom(final int position) {
            return applyFrom(position, false);
        }

        /**
         * Applies the plan from a step on.
         *
         * <p>The journal write that records a step as {@code applying} is sent together with the previous step's
         * edit (after that edit's before-edit pause), so it costs no time of its own unless it is slower than the
         * edit. The step's edit still waits until the write is stored. Recording a step as under way before its
         * edit is sure to be sent is safe: recovery reads the device and removes idempotently, and a rollback
         * records the step {@code planned} again.
         *
         * @param position the step to apply
         * @param recorded whether a stored write already says the step is applying
         */
        private ListenableFuture<Outcome> applyFrom(final int position, final boolean recorded) {
            if (position == toApply.size()) {
                return Futures.transformAsync(journaled(settle(this::flush)), written -> written.failure().isEmpty()
                    ? operation == Operation.RESTORE ? retire() : finish(Optional.empty())
                    : rollback(null, new IllegalStateException("could not record the last step in the journal: "
                        + DeviceErrors.describe(written.failure().orElseThrow()), written.failure().orElseThrow()),
                        false),
                    MoreExecutors.directExecutor());
            }
            final Step step = toApply.get(position);
            final ListenableFuture<Settled> begun = recorded ? Futures.immediateFuture(new Settled(Optional.empty()))
                : journaled(settle(() -> begin(step, StepState.APPLYING)));
            return Futures.transformAsync(begun, written -> {
                if (written.failure().isPresent()) {
                    return rollback(step, new IllegalStateException("could not record step " + step.index()
                        + " in the journal before sending it (nothing was sent): " + DeviceErrors.describe(
                            written.failure().orElseThrow()), written.failure().orElseThrow()), false);
                }
                final Step next = position + 1 < toApply.size() ? toApply.get(position + 1) : null;
                final var ahead = new AtomicReference<ListenableFuture<Settled>>();
                final long begin = nanos.getAsLong();
                final ListenableFuture<Settled> edited = Futures.transformAsync(pause.reach(sliceId(), operation,
                    step.index(), PausePoint.Phase.BEFORE_EDIT), ignored -> {
                        // the next step's start, with the results not written yet; beside the last step's edit,
                        // the results alone (so the journal names the last step as the one under way)
                        ahead.set(next != null ? settle(() -> begin(next, StepState.APPLYING)) : settle(this::flush));
                        return settle(() -> apply(step));
                    }, MoreExecutors.directExecutor());
                return Futures.transformAsync(edited, settled -> {
                    final long editDone = nanos.getAsLong();
                    // the next step's journal write runs beside the edit: wait for it too, so that no two writes
                    // and no two callbacks of this operation ever overlap, and the after-edit pause point sees it
                    final ListenableFuture<Settled> aheadDone = Futures.transformAsync(ahead.get(), nextWritten -> {
                        journalNanos += Math.max(0, nanos.getAsLong() - editDone);
                        return Futures.transform(pause.reach(sliceId(), operation, step.index(),
                            PausePoint.Phase.AFTER_EDIT), x -> nextWritten, MoreExecutors.directExecutor());
                    }, MoreExecutors.directExecutor());
                    return Futures.transformAsync(aheadDone, nextWritten -> {
                        record(step, Action.APPLY, begin, settled, "");
                        if (settled.failure().isEmpty()) {
                            applied.add(step);
                            unwritten.put(step.index(), StepState.APPLIED);
                            return applyFrom(position + 1, next != null && nextWritten.failure().isEmpty());
                        }
                        if (next != null) {
                            // maybe recorded as under way, never sent
                            unwritten.put(next.index(), StepState.PLANNED);
                        }
                        return rollback(step, settled.failure().orElseThrow(), true);
                    }, MoreExecutors.directExecutor());
                }, MoreExecutors.directExecutor());
            }, MoreExecutors.directExecutor());
        }

        /**
         * Counts the time spent waiting for a journal write on the operation's path.
         */
        private ListenableFuture<Settled> journaled(final ListenableFuture<Settled> write) {
            final long begin = nanos.getAsLong();
            return Futures.transform(write, settled -> {
                journalNanos += nanos.getAsLong() - begin;
                return settled;
            }, MoreExecutors.directExecutor());
        }

        /**
         * Undoes the applied steps in reverse, and the failed one when it was sent and its outcome is unknown.
         *
         * @param failed the step that failed, null if every step was applied (the journal could not say so)
         * @param failure why
         * @param sent whether the failed step's edit was sent
         */
        private ListenableFuture<Outcome> rollback(final Step failed, final Throwable failure, final boolean sent) {
            final var toUndo = new ArrayList<Step>();
            // a device that timed out may still commit the change; some channels of a failed KMS step may be
            // registered: undo the failed step too (removal of what is missing is fine)
            final boolean uncertain = failed != null && sent && (failed.change() instanceof Step.KeyRefresh
                || failed.device().isPresent() && DeviceErrors.uncertain(failure));
            if (failed != null) {
                failedStep = OptionalInt.of(failed.index());
                if (uncertain) {
                    unwritten.put(failed.index(), StepState.FAILED);
                    toUndo.add(failed);
                } else {
                    // refused by the device, or never sent
                    unwritten.put(failed.index(), StepState.PLANNED);
                }
            }
            for (int i = applied.size() - 1; i >= 0; i--) {
                toUndo.add(applied.get(i));
            }
            return Futures.transformAsync(undoFrom(toUndo, 0), ignored -> Futures.transformAsync(journaled(settle(
                this::flush)),
                written -> {
                    written.failure().ifPresent(this::journalFailed);
                    final String rolledBack = "rolled back " + applied.size() + " applied step(s)"
                        + (uncertain ? " and the unconfirmed step " + failed.index() : "");
                    final var notUndone = new ArrayList<>(undoFailures);
                    notUndone.addAll(journalFailures);
                    final String tail = notUndone.isEmpty() ? "; every device is as before"
                        : "; could NOT undo: " + String.join("; ", notUndone);
                    final String where = failed == null ? "after its last step"
                        : "at step " + failed.index() + " of " + plan().steps().size() + " ("
                            + failed.lane().yangName() + ", " + failed.target() + ")";
                    final String message = (operation == Operation.RESTORE ? "restoration" : "activation")
                        + " of slice " + sliceId() + " failed " + where + ": "
                        + DeviceErrors.describe(failure) + "; " + rolledBack + tail;
                    return finish(Optional.of(new SliceException(failed != null && failed.device().isPresent()
                        && sent ? Kind.TRANSPORT : Kind.INTERNAL, null, message, failure)));
                }, MoreExecutors.directExecutor()), MoreExecutors.directExecutor());
        }

        private void journalFailed(final Throwable failure) {
            LOG.error("{} of slice {}: a journal write failed", verb(), sliceId(), failure);
            journalFailures.add("the journal: " + DeviceErrors.describe(failure));
        }

        private ListenableFuture<Void> undoFrom(final List<Step> steps, final int position) {
            if (position == steps.size()) {
                return Futures.immediateVoidFuture();
            }
            final Step step = steps.get(position);
            return Futures.transformAsync(removeOne(step, Action.UNDO), failure -> {
                failure.ifPresent(error -> undoFailures.add("step " + step.index() + " (" + step.lane().yangName()
                    + ", " + step.target() + "): " + error));
                return undoFrom(steps, position + 1);
            }, MoreExecutors.directExecutor());
        }

        /**
         * Removes one step's entries: journal first (a failed write is reported, the removal still runs: the journal
         * then still says the device may hold them, which is safe), then the device, its result left unwritten.
         */
        private ListenableFuture<Optional<String>> removeOne(final Step step, final Action action) {
            return Futures.transformAsync(journaled(settle(() -> begin(step, StepState.REMOVING))), written -> {
                written.failure().ifPresent(this::journalFailed);
                final ListenableFuture<String> found = operation == Operation.RECOVER ? found(step)
                    : Futures.immediateFuture("");
                return Futures.transformAsync(found, what -> {
                    final long begin = nanos.getAsLong();
                    return Futures.transform(paused(step, () -> remove(step)), settled -> {
                        record(step, action, begin, settled, what);
                        unwritten.put(step.index(), settled.failure().isEmpty() ? StepState.REMOVED
                            : StepState.FAILED);
                        return settled.failure().map(DeviceErrors::describe);
                    }, MoreExecutors.directExecutor());
                }, MoreExecutors.directExecutor());
            }, MoreExecutors.directExecutor());
        }

        /**
         * The break after the make: removes the retiring steps a device may hold, in reverse order, skipping the
         * unreachable devices; failures are recorded, not fatal.
         */
        private ListenableFuture<Outcome> retire() {
            final var steps = new ArrayList<Step>();
            for (Journal.Entry entry : journal.steps().reversed()) {
                if (entry.role() != Journal.Role.RETIRING || !entry.state().mayHold()) {
                    continue;
                }
                final Step step = entry.step();
                final Optional<String> away = step.device().flatMap(device -> availability.unavailable(
                    device.nodeId()));
                if (away.isPresent()) {
                    undoFailures.add("step " + step.index() + " (" + step.lane().yangName() + ", " + step.target()
                        + ") left on the device, unreachable: " + away.orElseThrow());
                } else {
                    steps.add(step);
                }
            }
            return retireFrom(steps, 0);
        }

        private ListenableFuture<Outcome> retireFrom(final List<Step> steps, final int position) {
            if (position == steps.size()) {
                return Futures.transformAsync(journaled(settle(this::flush)), written -> {
                    written.failure().ifPresent(this::journalFailed);
                    undoFailures.addAll(journalFailures);
                    return finish(Optional.empty());
                }, MoreExecutors.directExecutor());
            }
            final Step step = steps.get(position);
            return Futures.transformAsync(removeOne(step, Action.REMOVE), failure -> {
                failure.ifPresent(error -> undoFailures.add("step " + step.index() + " (" + step.lane().yangName()
                    + ", " + step.target() + "): " + error));
                return retireFrom(steps, position + 1);
            }, MoreExecutors.directExecutor());
        }

        private ListenableFuture<Outcome> removeFrom(final List<Step> steps, final int position,
                final List<Step> failedSteps) {
            if (position == steps.size()) {
                return Futures.transformAsync(journaled(settle(this::flush)), written -> {
                    written.failure().ifPresent(this::journalFailed);
                    if (failedSteps.isEmpty() && journalFailures.isEmpty()) {
                        return finish(Optional.empty());
                    }
                    failedStep = failedSteps.isEmpty() ? OptionalInt.empty()
                        : OptionalInt.of(failedSteps.get(0).index());
                    final var problems = new ArrayList<>(undoFailures);
                    problems.addAll(journalFailures);
                    return finish(Optional.of(new SliceException(failedSteps.isEmpty() ? Kind.INTERNAL
                        : Kind.TRANSPORT, null, (operation == Operation.RECOVER ? "recovery" : "deactivation")
                        + " of slice " + sliceId() + ": removed " + (steps.size() - failedSteps.size()) + " of "
                        + steps.size() + " step(s); could NOT remove: " + String.join("; ", problems), null)));
                }, MoreExecutors.directExecutor());
            }
            final Step step = steps.get(position);
            return Futures.transformAsync(removeOne(step, Action.REMOVE), failure -> {
                failure.ifPresent(error -> {
                    failedSteps.add(step);
                    undoFailures.add("step " + step.index() + " (" + step.lane().yangName() + ", " + step.target()
                        + "): " + error);
                });
                return removeFrom(steps, position + 1, failedSteps);
            }, MoreExecutors.directExecutor());
        }

        /**
         * Reads what a device holds of a step, for the recovery report.
         */
        private ListenableFuture<String> found(final Step step) {
            if (step.change() instanceof Step.KeyRefresh refresh) {
                return Futures.immediateFuture("found " + refresh.channels().size()
                    + " channel registration(s) that may rotate keys; ");
            }
            final Set<String> names = step.entries().keySet();
            final DeviceDriver<Object> driver = drivers.of(step).orElseThrow();
            final String node = step.device().orElseThrow().nodeId();
            return Futures.catching(Futures.transform(held(step), present -> {
                final long count = names.stream().filter(name -> present.containsKey(driver.heldName(node, name)))
                    .count();
                return "found " + count + " of " + names.size() + " entr" + (names.size() == 1 ? "y" : "ies")
                    + " on the device; ";
            }, MoreExecutors.directExecutor()), Throwable.class, failure -> "could not read the device ("
                + DeviceErrors.describe(failure) + "); ", MoreExecutors.directExecutor());
        }

        private ListenableFuture<?> apply(final Step step) {
            final String node = step.device().map(DeviceRef::nodeId).orElse(null);
            return switch (step.change()) {
                case Step.SwitchConfig config -> drivers.switches().add(node, config.crossConnects());
                case Step.OpticalConfig config -> drivers.optical().add(node, config.crossConnects());
                case Step.EncryptorConfig config -> drivers.encryptors().add(node, config.ports());
                case Step.KeyRefresh refresh -> Futures.transform(kms.get().start(refresh.channels()), ignored -> {
                    refresh.channels().forEach(channel -> channels.join(sliceId(), channel.channelId()));
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
                if (channels.leave(sliceId(), channel.channelId())) {
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

        private void record(final Step step, final Action action, final long begin, final Settled settled,
                final String found) {
            final long duration = nanos.getAsLong() - begin;
            if (step.device().isPresent()) {
                // the KMS registrations are controller-side datastore writes, not device round trips
                deviceNanos += duration;
            }
            records.add(new StepRecord(records.size() + 1, step.index(), action, step.lane().yangName(),
                step.target(), found + step.describe(), settled.failure().isEmpty(), duration / 1000,
                settled.failure().map(DeviceErrors::describe)));
        }

        private ListenableFuture<Outcome> finish(final Optional<SliceException> failure) {
            if (lock != null) {
                lock.close();
                lock = null;
            }
            final State state = failure.isPresent() ? State.FAILED
                : operation == Operation.ACTIVATE || operation == Operation.RESTORE ? State.ACTIVE : State.INACTIVE;
            final var record = new ProvisioningRecord(sliceId(), operation, state, started,
                Optional.of(clock.instant()), (nanos.getAsLong() - t0) / 1000, lockWaitNanos / 1000,
                deviceNanos / 1000, journalNanos / 1000, failure.map(Throwable::getMessage), failedStep,
                List.copyOf(new LinkedHashSet<>(undoFailures)), records);
            return Futures.immediateFuture(new Outcome(record, failure, stored ? Optional.of(journal)
                : Optional.empty()));
        }
    }
}
