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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.qslice.api.SliceException;
import org.qslice.api.SliceException.Kind;
import org.qslice.api.kms.KeyType;
import org.qslice.api.model.DeviceDrift;
import org.qslice.api.model.KeyExchange;
import org.qslice.api.model.Link;
import org.qslice.api.model.ProvisioningRecord.Operation;
import org.qslice.api.model.SecurityLevel;
import org.qslice.api.model.SliceInfo;
import org.qslice.api.model.Topology;
import org.qslice.impl.device.DeviceAvailability;
import org.qslice.impl.slice.Provisioned;
import org.qslice.impl.slice.Provisioner;
import org.qslice.impl.slice.SliceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's {@link Provisioner}: translates the slice, runs the plan on the {@link ProvisioningEngine},
 * keeps each slice's {@link Journal} (in a {@link JournalStore}, and in memory) and the provisioning record (state and
 * per-step timings) in a {@link RecordStore}. A failed activation has been rolled back by the engine; its future
 * fails with a {@link SliceException} naming the failing device, step and device error, and the steps that could not
 * be undone. Deactivation and recovery remove what the journal says the devices may hold.
 */
public final class DeviceProvisioner implements Provisioner {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceProvisioner.class);
    private static final long POLL_MS = 250;
    private static final Duration RECONCILE_RETRY = Duration.ofMinutes(1);

    /**
     * How recovery waits for the devices of an interrupted operation to be connected again.
     *
     * @param availability device checks
     * @param kms the KMS as it is now
     * @param timer schedules the checks
     * @param patience how long to wait before giving up (the slice then needs recovery)
     */
    public record RecoveryWait(DeviceAvailability availability, Supplier<KeyRefreshPort> kms,
            ScheduledExecutorService timer, Duration patience) {
        /**
         * Checks for nulls.
         */
        public RecoveryWait {
            requireNonNull(availability);
            requireNonNull(kms);
            requireNonNull(timer);
            requireNonNull(patience);
        }
    }

    private final Translator translator;
    private final ProvisioningEngine engine;
    private final RecordStore records;
    private final JournalStore journalStore;
    private final RecoveryWait recoveryWait;
    private final Clock clock;
    private final Optional<KeyExchangeSwitch> keySwitch;
    private final Map<String, Journal> journals = new ConcurrentHashMap<>();
    private final Map<String, String> unreadable = new ConcurrentHashMap<>();
    // channels whose reconciliation failed, with when to try again
    private final Map<String, Instant> reconcileAfter = new ConcurrentHashMap<>();

    /**
     * Creates the provisioner.
     *
     * @param translator slice to steps
     * @param engine runs the steps
     * @param records where records go
     * @param journals where journals go (the same store the engine writes)
     * @param recoveryWait how recovery waits for devices
     * @param clock wall clock
     */
    public DeviceProvisioner(final Translator translator, final ProvisioningEngine engine, final RecordStore records,
            final JournalStore journals, final RecoveryWait recoveryWait, final Clock clock) {
        this(translator, engine, records, journals, recoveryWait, clock, Optional.empty());
    }

    /**
     * Creates the provisioner, able to switch channels' key-exchange methods.
     *
     * @param translator slice to steps
     * @param engine runs the steps
     * @param records where records go
     * @param journals where journals go (the same store the engine writes)
     * @param recoveryWait how recovery waits for devices
     * @param clock wall clock
     * @param keySwitch switches a channel's method, if available
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public DeviceProvisioner(final Translator translator, final ProvisioningEngine engine, final RecordStore records,
            final JournalStore journals, final RecoveryWait recoveryWait, final Clock clock,
            final Optional<KeyExchangeSwitch> keySwitch) {
        this.keySwitch = requireNonNull(keySwitch);
        this.translator = requireNonNull(translator);
        this.engine = requireNonNull(engine);
        this.records = requireNonNull(records);
        journalStore = requireNonNull(journals);
        this.recoveryWait = requireNonNull(recoveryWait);
        this.clock = requireNonNull(clock);
    }

    /**
     * Returns the plan of a slice (for diagnostics and the demo).
     *
     * @param slice the slice
     * @param topology its topology
     * @return the plan
     * @throws SliceException if the slice cannot be translated
     */
    public ProvisioningPlan plan(final SliceInfo slice, final Topology topology) throws SliceException {
        return translator.translate(slice, topology);
    }

    /**
     * Returns a slice's journal as last stored.
     *
     * @param sliceId the slice
     * @return the journal, empty if the slice was never activated
     */
    public Optional<Journal> journal(final String sliceId) {
        return Optional.ofNullable(journals.get(sliceId));
    }

    @Override
    public ListenableFuture<?> restore() {
        return Futures.transform(journalStore.loadAll(), loaded -> {
            journals.clear();
            unreadable.clear();
            for (JournalStore.Loaded entry : loaded) {
                entry.journal().ifPresent(journal -> journals.put(entry.sliceId(), journal));
                entry.error().ifPresent(error -> {
                    LOG.error("the journal of slice {} does not decode: {}", entry.sliceId(), error);
                    unreadable.put(entry.sliceId(), error);
                });
            }
            return null;
        }, MoreExecutors.directExecutor());
    }

    @Override
    public ListenableFuture<Provisioned> activate(final SliceInfo slice, final Topology topology) {
        final ProvisioningPlan plan;
        try {
            plan = translator.translate(slice, topology);
        } catch (SliceException e) {
            return Futures.immediateFailedFuture(e);
        }
        final ListenableFuture<?> startSaved = logged(records.save(ProvisioningEngine.starting(slice.id(),
            Operation.ACTIVATE, clock.instant())), slice.id());
        final Journal previous = journals.get(slice.id());
        final ListenableFuture<Optional<SliceException>> cleaned;
        if (previous == null || previous.mayHold().isEmpty()) {
            cleaned = Futures.immediateFuture(Optional.empty());
        } else {
            // an earlier activation failed and could not undo everything: remove that first, from its journal
            LOG.info("slice {}: removing what an earlier activation left on {} before activating it",
                slice.id(), previous.targetsThatMayHold());
            cleaned = Futures.transform(engine.remove(previous, Operation.DEACTIVATE), done -> {
                keep(slice.id(), done);
                return done.failure().map(failure -> new SliceException(failure.kind(), null, "cannot activate "
                    + "slice " + slice.id() + ": removing what an earlier activation left failed: "
                    + failure.getMessage(), failure));
            }, MoreExecutors.directExecutor());
        }
        return Futures.transformAsync(cleaned, leftover -> {
            if (leftover.isPresent()) {
                return Futures.immediateFuture(Provisioned.failed(leftover.orElseThrow()));
            }
            return finished(slice.id(), startSaved, engine.activate(plan), Optional.empty());
        }, MoreExecutors.directExecutor());
    }

    @Override
    public ListenableFuture<Provisioned> reroute(final SliceInfo slice, final Topology topology) {
        final Journal current = journals.get(slice.id());
        if (current == null) {
            return Futures.immediateFailedFuture(new SliceException(Kind.STATE, "slice " + slice.id() + " has no "
                + "provisioning journal: restoration needs to know what its devices hold"));
        }
        final Journal union;
        try {
            union = RestorationJournal.build(current, translator.translate(slice, topology), clock.instant());
        } catch (SliceException e) {
            return Futures.immediateFailedFuture(e);
        }
        final ListenableFuture<?> startSaved = logged(records.save(ProvisioningEngine.starting(slice.id(),
            Operation.RESTORE, clock.instant())), slice.id());
        return Futures.transform(engine.restore(union), done -> {
            // the restoration's journal is compacted whatever happened: the steps a device may hold, all current
            final ListenableFuture<?> compacted = compact(slice.id(), done);
            final ListenableFuture<?> saved = Futures.transformAsync(startSaved,
                ignored -> logged(records.save(done.record()), slice.id()), MoreExecutors.directExecutor());
            return new Provisioned(done.failure().map(Throwable.class::cast), Futures.whenAllComplete(saved,
                compacted).call(() -> null, MoreExecutors.directExecutor()), done.record().undoFailures().isEmpty()
                    ? Optional.empty() : Optional.of("restored; left on the old paths' devices: "
                        + String.join("; ", done.record().undoFailures())), done.failure().isEmpty());
        }, MoreExecutors.directExecutor());
    }

    /**
     * {@inheritDoc}
     *
     * <p>The channel runs for the slices whose journals say a device may hold an encrypting port of the link; their
     * journals are rewritten to the new method once both ends run it (a journal that cannot be stored is logged: a
     * check then reports the ports as changed until it is).
     */
    @Override
    public ListenableFuture<KeySwitched> switchKeyExchange(final Link link, final KeyExchange to,
            final Topology topology) {
        if (keySwitch.isEmpty()) {
            return Provisioner.super.switchKeyExchange(link, to, topology);
        }
        final List<DeviceRef> ends;
        try {
            ends = Translator.encryptors(topology, link);
        } catch (SliceException e) {
            return Futures.immediateFailedFuture(e);
        }
        final KeyType type = Translator.keyType(to).orElseThrow();
        final TreeMap<String, ChannelRefresh> users = heldChannels().getOrDefault(link.id(), new TreeMap<>());
        final KeyExchangeSwitch sw = keySwitch.orElseThrow();
        return Futures.transformAsync(sw.checkSupported(ends, to), supported -> {
            if (users.isEmpty()) {
                return Futures.immediateFuture(new KeySwitched(List.of(), Optional.empty()));
            }
            return Futures.transformAsync(sw.run(users.firstEntry().getValue(), ends, to),
                keyId -> Futures.transform(rewrite(users.keySet(), link.id(), to, type),
                    ignored -> new KeySwitched(List.copyOf(users.keySet()), Optional.of(keyId)),
                    MoreExecutors.directExecutor()), MoreExecutors.directExecutor());
        }, MoreExecutors.directExecutor());
    }

    /**
     * {@inheritDoc}
     *
     * <p>A channel whose switch a restart interrupted (the KMS draws another key type than the link's method, or a
     * journal names another method) is switched, in lock-step as {@link #switchKeyExchange} does, to the method the
     * topology (with the stored changes) names, and the journals follow; a channel that cannot be switched is tried
     * again a minute later.
     */
    @Override
    public ListenableFuture<List<String>> reconcileKeyExchanges(final Topology topology,
            final Map<String, SecurityLevel> floors, final Map<String, KeyType> rotating) {
        final TreeMap<String, TreeMap<String, ChannelRefresh>> held = heldChannels();
        if (keySwitch.isEmpty() || held.isEmpty()) {
            return Futures.immediateFuture(List.of());
        }
        final KeyExchangeSwitch sw = keySwitch.orElseThrow();
        ListenableFuture<List<String>> chain = Futures.immediateFuture(List.of());
        final Instant now = clock.instant();
        for (var entry : held.entrySet()) {
            final String id = entry.getKey();
            final Link link = topology.links().get(id);
            final KeyType running = rotating.get(id);
            final Optional<KeyType> expected = link == null || link.encryptor().isEmpty()
                || !link.encryptor().orElseThrow().encrypting() ? Optional.empty()
                : Translator.keyType(link.keyExchange());
            if (running == null || expected.isEmpty() || running == expected.orElseThrow()
                    && entry.getValue().values().stream().allMatch(c -> c.keyType() == running)
                    || now.isBefore(reconcileAfter.getOrDefault(id, Instant.MIN))
                    || link.security().rank() < floors.getOrDefault(id, SecurityLevel.NONE).rank()
                    || !endsConnected(topology, link)) {
                // in step, not rotating, not encrypted, tried recently, below a connection's minimum
                // (restoration moves those connections first), or a card not connected (yet)
                continue;
            }
            final ChannelRefresh journaled = entry.getValue().firstEntry().getValue();
            final ChannelRefresh current = new ChannelRefresh(id, running, journaled.masterSaeId(),
                journaled.slaveSaeId(), journaled.interval());
            chain = Futures.transformAsync(chain, done -> {
                LOG.warn("channel {} runs {} but link {} names {}: switching it", id, running.yangName(), id,
                    link.keyExchange());
                final ListenableFuture<?> switched = running == expected.orElseThrow()
                    ? Futures.immediateVoidFuture()
                    : sw.run(current, Translator.encryptors(topology, link), link.keyExchange());
                final ListenableFuture<List<String>> next = Futures.transformAsync(switched,
                    x -> Futures.transform(rewrite(entry.getValue().keySet(), id, link.keyExchange(),
                        expected.orElseThrow()), y -> append(done, id), MoreExecutors.directExecutor()),
                    MoreExecutors.directExecutor());
                return Futures.catching(next, Throwable.class, failure -> {
                    LOG.warn("channel {} could not be switched to {}; trying again later", id,
                        link.keyExchange(), failure);
                    reconcileAfter.put(id, clock.instant().plus(RECONCILE_RETRY));
                    return done;
                }, MoreExecutors.directExecutor());
            }, MoreExecutors.directExecutor());
        }
        return chain;
    }

    private boolean endsConnected(final Topology topology, final Link link) {
        try {
            return Translator.encryptors(topology, link).stream()
                .allMatch(end -> recoveryWait.availability().unavailable(end.nodeId()).isEmpty());
        } catch (SliceException e) {
            return false;
        }
    }

    private static List<String> append(final List<String> list, final String item) {
        final var longer = new ArrayList<>(list);
        longer.add(item);
        return List.copyOf(longer);
    }

    /**
     * The encrypted channels the journals say the KMS (and the cards) may hold: per channel, the slices holding it
     * with its registration as each journaled it.
     */
    private TreeMap<String, TreeMap<String, ChannelRefresh>> heldChannels() {
        final var held = new TreeMap<String, TreeMap<String, ChannelRefresh>>();
        journals.forEach((sliceId, journal) -> journal.mayHold().stream()
            .filter(step -> step.change() instanceof Step.KeyRefresh)
            .flatMap(step -> ((Step.KeyRefresh) step.change()).channels().stream())
            .forEach(channel -> held.computeIfAbsent(channel.channelId(), id -> new TreeMap<>())
                .putIfAbsent(sliceId, channel)));
        return held;
    }

    /**
     * Rewrites the journals of slices to a channel's new method and stores them (a journal that cannot be stored is
     * logged: a check then reports the ports as changed until it is).
     */
    private ListenableFuture<?> rewrite(final Collection<String> sliceIds, final String linkId,
            final KeyExchange to, final KeyType type) {
        final var saves = new ArrayList<ListenableFuture<?>>();
        for (String sliceId : sliceIds) {
            final Journal rewritten = journals.computeIfPresent(sliceId,
                (id, journal) -> journal.withKeyExchange(linkId, to, type));
            if (rewritten != null) {
                saves.add(Futures.catching(journalStore.save(rewritten), Throwable.class, failure -> {
                    LOG.warn("slice {}: could not store its journal with link {} on {}", sliceId, linkId, to,
                        failure);
                    return null;
                }, MoreExecutors.directExecutor()));
            }
        }
        return Futures.whenAllComplete(saves).call(() -> null, MoreExecutors.directExecutor());
    }

    /**
     * Stores the compacted journal of a finished (or recovered) restoration and keeps it.
     */
    private ListenableFuture<?> compact(final String sliceId, final ProvisioningEngine.Outcome done) {
        if (done.journal().isEmpty()) {
            // failed before its first journal write: the slice's journal is as it was
            return Futures.immediateVoidFuture();
        }
        final Journal compacted = RestorationJournal.compact(done.journal().orElseThrow());
        journals.put(sliceId, compacted);
        return Futures.catching(journalStore.save(compacted), Throwable.class, failure -> {
            // the stored journal still names the restoration's roles: a restart recovers it again (idempotent)
            LOG.warn("slice {}: could not store the compacted journal of its restoration", sliceId, failure);
            return null;
        }, MoreExecutors.directExecutor());
    }

    @Override
    public ListenableFuture<Provisioned> deactivate(final SliceInfo slice, final Topology topology) {
        final Journal journal;
        try {
            journal = removable(slice, topology);
        } catch (SliceException e) {
            return Futures.immediateFailedFuture(e);
        }
        final ListenableFuture<?> startSaved = logged(records.save(ProvisioningEngine.starting(slice.id(),
            Operation.DEACTIVATE, clock.instant())), slice.id());
        return finished(slice.id(), startSaved, engine.remove(journal, Operation.DEACTIVATE), Optional.empty());
    }

    /**
     * Returns the journal removal runs from; a slice without one (activated before journals existed) gets one from
     * its translation, every step possibly held.
     */
    private Journal removable(final SliceInfo slice, final Topology topology) throws SliceException {
        final Journal journal = journals.get(slice.id());
        if (journal != null) {
            return journal;
        }
        if (topology == null) {
            throw new SliceException(Kind.UNAVAILABLE, "slice " + slice.id() + " has no provisioning journal and "
                + "no topology is loaded to compute what its devices hold");
        }
        return Journal.applied(translator.translate(slice, topology), clock.instant());
    }

    @Override
    public ListenableFuture<Provisioned> recover(final SliceInfo slice) {
        final Journal journal = journals.get(slice.id());
        if (journal == null || journal.mayHold().isEmpty()) {
            final String why = unreadable.containsKey(slice.id())
                ? "its journal does not decode (" + unreadable.get(slice.id()) + ")" : null;
            if (why != null) {
                return Futures.immediateFuture(Provisioned.failed(new SliceException(Kind.INTERNAL,
                    "cannot recover slice " + slice.id() + ": " + why + "; its devices may hold its configuration")));
            }
            return Futures.immediateFuture(new Provisioned(Optional.empty(), Futures.immediateVoidFuture(),
                Optional.of(interrupted(slice, journal) + "; no device held anything of it")));
        }
        final ListenableFuture<?> startSaved = logged(records.save(ProvisioningEngine.starting(slice.id(),
            Operation.RECOVER, clock.instant())), slice.id());
        final long deadline = System.nanoTime() + recoveryWait.patience().toNanos();
        if (RestorationJournal.unfinished(journal) && journal.operation() != Operation.DEACTIVATE) {
            return recoverRestoration(slice, journal, startSaved, deadline);
        }
        // carried on failure too: the slice's needs-recovery status keeps it for the resumed attempt
        final String note = interrupted(slice, journal);
        final List<String> away = missing(journal);
        if (!away.isEmpty()) {
            // after a failover the devices whose NETCONF master was the dead member reconnect first
            LOG.info("slice {}: its recovery waits up to {} s for {}", slice.id(), recoveryWait.patience().toSeconds(),
                away);
        }
        return Futures.transformAsync(connected(journal, deadline), ignored -> finished(slice.id(), startSaved,
            engine.remove(journal, Operation.RECOVER), Optional.of(note)), MoreExecutors.directExecutor());
    }

    /**
     * Recovers a restoration a restart interrupted: forward (remove the old paths' entries) if every new entry was
     * applied, back (remove the new paths' entries) otherwise; then compacts the journal.
     */
    private ListenableFuture<Provisioned> recoverRestoration(final SliceInfo slice, final Journal journal,
            final ListenableFuture<?> startSaved, final long deadline) {
        final boolean forward = RestorationJournal.newPathsApplied(journal);
        final Journal.Role remove = forward ? Journal.Role.RETIRING : Journal.Role.ADDED;
        final String note = "restoration interrupted " + journal.inFlight().map(step -> "at step " + step.index()
            + " of " + journal.steps().size() + " (" + step.target() + ")").orElse("between steps")
            + " by a controller restart; " + (forward ? "rolled forward: every new entry was applied, the old "
                + "paths' entries were removed" : "rolled back: the new paths' entries were removed, the connections "
                + "stay on their old paths");
        return Futures.transformAsync(connected(journal, deadline), ignored -> Futures.transform(
            engine.recoverRestoration(journal, remove), done -> {
                final ListenableFuture<?> compacted = done.failure().isEmpty() ? compact(slice.id(), done)
                    : Futures.immediateVoidFuture();
                if (done.failure().isPresent()) {
                    keep(slice.id(), done);
                }
                final ListenableFuture<?> saved = Futures.transformAsync(startSaved,
                    x -> logged(records.save(done.record()), slice.id()), MoreExecutors.directExecutor());
                return new Provisioned(done.failure().map(Throwable.class::cast), Futures.whenAllComplete(saved,
                    compacted).call(() -> null, MoreExecutors.directExecutor()), Optional.of(note), forward);
            }, MoreExecutors.directExecutor()), MoreExecutors.directExecutor());
    }

    private static String interrupted(final SliceInfo slice, final Journal journal) {
        // a resumed recovery keeps what its first attempt found
        final String status = slice.lastError().orElse("");
        if (slice.state() == org.qslice.api.model.SliceState.FAILED && status.startsWith(SliceManager.NEEDS_RECOVERY)
                && status.contains(SliceManager.NOT_FINISHED)) {
            return status.substring(SliceManager.NEEDS_RECOVERY.length(), status.indexOf(SliceManager.NOT_FINISHED));
        }
        final String what = switch (slice.state()) {
            case PROVISIONING -> "activation";
            case DEPROVISIONING -> "deactivation";
            default -> "operation";
        };
        final String done = slice.state() == org.qslice.api.model.SliceState.DEPROVISIONING ? "completed"
            : "rolled back";
        final Optional<Step> step = journal == null ? Optional.empty() : journal.inFlight();
        final int total = journal == null ? 0 : journal.steps().size();
        return what + " interrupted " + step.map(s -> "at step " + s.index() + " of " + total + " (" + s.target()
            + ")").orElse("before its first step") + " by a controller restart; " + done;
    }

    /**
     * Completes when every device (and the KMS) that may hold the slice's configuration is connected, or at the
     * deadline (the removal then fails on the missing ones and the slice needs recovery).
     */
    private ListenableFuture<?> connected(final Journal journal, final long deadline) {
        if (missing(journal).isEmpty() || System.nanoTime() >= deadline) {
            return Futures.immediateVoidFuture();
        }
        return Futures.scheduleAsync(() -> connected(journal, deadline), POLL_MS, TimeUnit.MILLISECONDS,
            recoveryWait.timer());
    }

    private List<String> missing(final Journal journal) {
        final var missing = new ArrayList<String>();
        for (Step step : journal.mayHold()) {
            if (step.device().isPresent()) {
                final DeviceRef device = step.device().orElseThrow();
                if (recoveryWait.availability().unavailable(device.nodeId()).isPresent()) {
                    missing.add(device.id());
                }
            } else if (recoveryWait.kms().get().unavailable().isPresent()) {
                missing.add("kms");
            }
        }
        return missing;
    }

    @Override
    public Set<String> mayHold(final String sliceId) {
        final Journal journal = journals.get(sliceId);
        if (journal == null) {
            return unreadable.containsKey(sliceId) ? Set.of("unknown devices (its journal does not decode)")
                : Set.of();
        }
        return new LinkedHashSet<>(journal.targetsThatMayHold());
    }

    @Override
    public boolean recoverable(final String sliceId) {
        final Journal journal = journals.get(sliceId);
        return journal != null && !journal.mayHold().isEmpty() && missing(journal).isEmpty();
    }

    @Override
    public ListenableFuture<DeviceDrift.Report> check(final String sliceId, final String trigger) {
        final Journal journal = journals.get(sliceId);
        if (journal == null) {
            return Futures.immediateFailedFuture(new SliceException(Kind.STATE, "slice " + sliceId + " has no "
                + "provisioning journal: it was never activated, so no device must hold anything of it"));
        }
        return kept(sliceId, trigger, Futures.transform(engine.check(journal, owned()),
            drift -> new DeviceDrift.Report(drift, List.of()), MoreExecutors.directExecutor()));
    }

    @Override
    public ListenableFuture<DeviceDrift.Report> repair(final String sliceId) {
        final Journal journal = journals.get(sliceId);
        if (journal == null) {
            return check(sliceId, "repair-slice");
        }
        return kept(sliceId, "repair-slice", Futures.transformAsync(engine.check(journal, owned()),
            drift -> Futures.transformAsync(engine.repair(journal, drift), written -> Futures.transform(
                engine.check(journal, owned()), after -> new DeviceDrift.Report(after, written),
                MoreExecutors.directExecutor()), MoreExecutors.directExecutor()), MoreExecutors.directExecutor()));
    }

    /**
     * Stores a check as the slice's last one (a failed write is logged: the caller still gets the report).
     */
    private ListenableFuture<DeviceDrift.Report> kept(final String sliceId, final String trigger,
            final ListenableFuture<DeviceDrift.Report> report) {
        return Futures.transformAsync(report, done -> {
            if (!done.inSync()) {
                LOG.warn("slice {}: its devices drifted from its journal ({}): {}", sliceId, trigger, done.devices());
            }
            return Futures.transform(logged(records.saveDrift(sliceId, done, clock.instant(), trigger), sliceId),
                ignored -> done, MoreExecutors.directExecutor());
        }, MoreExecutors.directExecutor());
    }

    @Override
    public Set<String> appliedOn(final String nodeId) {
        final var slices = new HashSet<String>();
        journals.forEach((sliceId, journal) -> {
            if (journal.steps().stream().filter(entry -> entry.state() == Journal.StepState.APPLIED)
                    .anyMatch(entry -> entry.step().device().map(DeviceRef::nodeId).filter(nodeId::equals)
                        .isPresent())) {
                slices.add(sliceId);
            }
        });
        return slices;
    }

    /** Every entry any slice's journal says a device may hold, as {@code <node-id>/<entry name>}. */
    private Set<String> owned() {
        final var owned = new HashSet<String>();
        for (Journal journal : journals.values()) {
            for (Step step : journal.mayHold()) {
                step.device().ifPresent(device -> step.change().names()
                    .forEach(name -> owned.add(device.nodeId() + "/" + name)));
            }
        }
        return owned;
    }

    @Override
    public ListenableFuture<?> forget(final String sliceId) {
        journals.remove(sliceId);
        unreadable.remove(sliceId);
        return Futures.whenAllComplete(logged(records.remove(sliceId), sliceId),
            logged(journalStore.remove(sliceId), sliceId)).call(() -> null, MoreExecutors.directExecutor());
    }

    private void keep(final String sliceId, final ProvisioningEngine.Outcome done) {
        done.journal().ifPresent(journal -> journals.put(sliceId, journal));
    }

    private ListenableFuture<Provisioned> finished(final String sliceId, final ListenableFuture<?> startSaved,
            final ListenableFuture<ProvisioningEngine.Outcome> outcome, final Optional<String> note) {
        return Futures.transform(outcome, done -> {
            keep(sliceId, done);
            // the final record replaces the starting one: write it after that; the caller stores the slice's state
            // meanwhile and waits for both
            final ListenableFuture<?> saved = Futures.transformAsync(startSaved,
                ignored -> logged(records.save(done.record()), sliceId), MoreExecutors.directExecutor());
            return new Provisioned(done.failure().map(Throwable.class::cast), saved, note);
        }, MoreExecutors.directExecutor());
    }

    /**
     * A record that could not be stored must not turn a device success into a failure: log it and go on.
     */
    private static ListenableFuture<?> logged(final ListenableFuture<?> write, final String sliceId) {
        return Futures.catching(write, Throwable.class, failure -> {
            LOG.warn("could not store the provisioning record of slice {}", sliceId, failure);
            return null;
        }, MoreExecutors.directExecutor());
    }
}
