/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.slice;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.qslice.api.SliceException;
import org.qslice.api.SliceException.Kind;
import org.qslice.api.kms.KeyType;
import org.qslice.api.model.ConnectionPlan;
import org.qslice.api.model.ConnectionRequest;
import org.qslice.api.model.DeviceDrift;
import org.qslice.api.model.KeyExchange;
import org.qslice.api.model.Link;
import org.qslice.api.model.SliceInfo;
import org.qslice.api.model.SlicePlan;
import org.qslice.api.model.SliceRequest;
import org.qslice.api.model.SliceReservation;
import org.qslice.api.model.SliceState;
import org.qslice.api.model.Topology;
import org.qslice.api.model.TopologyStatus;
import org.qslice.impl.pce.KeySourceLoad;
import org.qslice.impl.slice.SliceLifecycle.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slice state machine. Every operation runs on one {@link AsyncQueue}: one change at a time, each persisted
 * before the next starts, so resources can neither go negative nor leak under concurrent calls. The in-memory
 * reservations always mirror the persisted slices: a persistence failure undoes the in-memory change.
 *
 * <p>States: create -> reserved; every later transition is decided by {@link SliceLifecycle}'s table from the
 * slice's state and its stored reservation flag ({@link SliceInfo#reservationHeld()}).
 *
 * <p>Device work ({@link Provisioner}) is one path, whatever the locking mode: the queue checks the transition and
 * persists the slice's {@code provisioning}/{@code deprovisioning} state; the devices are configured outside the
 * queue; the result goes back on the queue, which decides and persists the next state. Serializing device work is
 * the provisioner's lock table's job ({@code DeviceLockTable}: one network lock, or a lock per device, the one place
 * where the locking mode matters). A slice in {@code provisioning}/{@code deprovisioning} refuses every other
 * operation, so either mode gives the same outcome per slice, and operations that touch no device (create, compute,
 * delete of another slice, topology changes) go on meanwhile. If a topology change takes a slice's reservation away
 * while its devices are being configured, a successful activation ends {@code failed} (devices configured,
 * reservation lost: deactivate and delete it).
 *
 * <p>Recovery after a restart is device work on the queue itself: no request is served before it ends.
 */
public final class SliceManager {
    private static final Logger LOG = LoggerFactory.getLogger(SliceManager.class);

    private final SliceStore store;
    private final Planning.Factory planningFactory;
    private final Supplier<Optional<Provisioner>> provisioner;
    private final Clock clock;
    private final AsyncQueue queue;
    private final Optional<ScheduledExecutorService> timer;
    private final Consumer<SliceEvent> events;

    // confined to the queue's operations
    private Planning planning;
    private final Map<String, SliceInfo> slices = new TreeMap<>();
    // links reported down, and disconnected devices, with when; down: the links that cannot carry traffic
    private final Map<String, Instant> reportedLinks = new TreeMap<>();
    private final Map<String, Instant> downDevices = new TreeMap<>();
    private final Map<String, Instant> stalledKeys = new TreeMap<>();
    // measured key rates by source, and the channels they can no longer carry
    private final Map<String, Double> measuredRates = new TreeMap<>();
    // where they come from: reported (report-key-rate, key-rates), and the KMS's QKD source per link (the last set
    // it gave)
    private final Map<String, Double> reportedRates = new TreeMap<>();
    private final java.util.concurrent.atomic.AtomicReference<Map<String, Double>> kmsRates =
        new java.util.concurrent.atomic.AtomicReference<>(Map.of());
    private final Map<String, Instant> starved = new TreeMap<>();
    private final Map<String, Instant> down = new TreeMap<>();
    // slices whose last restoration failed, with when the check may try again
    private final Map<String, Instant> retryAfter = new TreeMap<>();
    // the earliest hold-off wake-up scheduled
    private Instant nextWake;
    // the topology as configured, and the key-exchange methods deprecated network-wide: planning sees the topology
    // with the deprecated methods' links capped (Topology#withDeprecated)
    private Topology configured;
    private volatile Set<KeyExchange> deprecated = Set.of();
    // links whose channel was switched to another method in place (change-key-exchange), applied before deprecation
    private volatile Map<String, KeyExchange> keyExchanges = Map.of();
    // whether a reconciliation waits on the queue (at most one does)
    private final java.util.concurrent.atomic.AtomicBoolean reconcileQueued =
        new java.util.concurrent.atomic.AtomicBoolean();
    // grows whenever a channel switch (change or reconciliation) ends, so a stale KMS answer is not acted on
    private final java.util.concurrent.atomic.AtomicLong keyExchangeEpoch =
        new java.util.concurrent.atomic.AtomicLong();
    // restorations under way, by slice (any thread removes the finished ones)
    private final Map<String, ListenableFuture<?>> restorations = new java.util.concurrent.ConcurrentHashMap<>();

    /** How long the restoration check waits before it tries again to move a slice whose last move failed. */
    public static final java.time.Duration RESTORE_RETRY = java.time.Duration.ofSeconds(10);

    private volatile Map<String, Instant> downSnapshot = Map.of();

    // published for concurrent readers
    private volatile List<SliceInfo> snapshot = List.of();
    private volatile Optional<TopologyStatus> topologyStatus = Optional.empty();

    /**
     * Creates a manager.
     *
     * @param store persistence
     * @param planningFactory builds planning for each topology version
     * @param provisioner the device provisioner, if one is available now
     * @param clock time source for timestamps
     * @param executor runs the operations; a single thread keeps the state confined
     */
    public SliceManager(final SliceStore store, final Planning.Factory planningFactory,
            final Supplier<Optional<Provisioner>> provisioner, final Clock clock, final Executor executor) {
        this(store, planningFactory, provisioner, clock, executor, Optional.empty(), event -> { });
    }

    /**
     * Creates a manager that restores slices after hold-offs and reports their events.
     *
     * @param store persistence
     * @param planningFactory builds planning for each topology version
     * @param provisioner the device provisioner, if one is available now
     * @param clock time source for timestamps and hold-offs
     * @param executor runs the operations; a single thread keeps the state confined
     * @param timer runs the restoration check when a hold-off ends (without one, only failures and
     *              {@link #restoreAll} calls run it)
     * @param events receives every failure, restoration, degradation, reversion and clearance
     */
    public SliceManager(final SliceStore store, final Planning.Factory planningFactory,
            final Supplier<Optional<Provisioner>> provisioner, final Clock clock, final Executor executor,
            final Optional<ScheduledExecutorService> timer, final Consumer<SliceEvent> events) {
        this.store = requireNonNull(store);
        this.planningFactory = requireNonNull(planningFactory);
        this.provisioner = requireNonNull(provisioner);
        this.clock = requireNonNull(clock);
        queue = new AsyncQueue(executor);
        this.timer = requireNonNull(timer);
        this.events = requireNonNull(events);
    }

    /**
     * Loads the persisted slices; call once, before the topology arrives.
     *
     * @return completion
     */
    public ListenableFuture<Void> restore() {
        return queue.submit(() -> {
            final ListenableFuture<?> journals = provisioner.get().map(Provisioner::restore)
                .orElse(Futures.immediateVoidFuture());
            return Futures.transformAsync(Futures.allAsList(store.loadAll(), journals), both -> {
                @SuppressWarnings("unchecked")
                final List<SliceInfo> loaded = (List<SliceInfo>) both.get(0);
                slices.clear();
                loaded.forEach(slice -> slices.put(slice.id(), slice));
                rebuild(planning == null ? null : planning.topology());
                // before any new request: an activation or deactivation that a restart interrupted is recovered
                final List<String> interrupted = loaded.stream().filter(slice -> slice.state()
                    == SliceState.PROVISIONING || slice.state() == SliceState.DEPROVISIONING
                    || slice.state() == SliceState.RESTORING || needsRecovery(slice))
                    .map(SliceInfo::id).toList();
                return recoverAll(interrupted, 0);
            }, MoreExecutors.directExecutor());
        });
    }

    /**
     * Resumes the recovery of every failed slice whose recovery waited for a device that is now connected; the
     * orchestrator calls it periodically.
     *
     * @return completion
     */
    public ListenableFuture<Void> resumeRecovery() {
        return queue.submit(() -> {
            final Optional<Provisioner> devices = provisioner.get();
            if (devices.isEmpty()) {
                return Futures.immediateVoidFuture();
            }
            return recoverAll(slices.values().stream().filter(slice -> needsRecovery(slice)
                && devices.orElseThrow().recoverable(slice.id())).map(SliceInfo::id).toList(), 0);
        });
    }

    /**
     * Checks every active slice the device holds applied entries of against its journal, because the device
     * (re)connected: what it holds may have changed while qslice could not see it. Each report is kept as the
     * slice's last drift check; nothing is repaired (that is {@link #repair}'s job).
     *
     * @param nodeId the device's NETCONF node id
     * @return the reports by slice id (a slice whose check failed is left out and logged)
     */
    public ListenableFuture<Map<String, DeviceDrift.Report>> deviceConnected(final String nodeId) {
        Futures.addCallback(deviceBack(nodeId), logFailure("restoration check after device " + nodeId
            + " connected"), MoreExecutors.directExecutor());
        return queue.submit(() -> {
            final Optional<Provisioner> devices = provisioner.get();
            if (devices.isEmpty()) {
                return Futures.immediateFuture(Map.of());
            }
            final Set<String> on = devices.orElseThrow().appliedOn(nodeId);
            final var checks = new TreeMap<String, ListenableFuture<DeviceDrift.Report>>();
            slices.values().stream().filter(slice -> (slice.state() == SliceState.ACTIVE
                || slice.state() == SliceState.DEGRADED) && on.contains(slice.id()))
                .forEach(slice -> checks.put(slice.id(), Futures.catching(devices.orElseThrow().check(slice.id(),
                    "device " + nodeId + " connected"), Throwable.class, failure -> {
                        LOG.warn("slice {}: the check after device {} connected failed", slice.id(), nodeId,
                            failure);
                        return null;
                    }, MoreExecutors.directExecutor())));
            return Futures.whenAllComplete(checks.values()).call(() -> {
                final var reports = new TreeMap<String, DeviceDrift.Report>();
                checks.forEach((id, check) -> {
                    final DeviceDrift.Report report = Futures.getUnchecked(check);
                    if (report != null) {
                        reports.put(id, report);
                    }
                });
                return Collections.unmodifiableMap(reports);
            }, MoreExecutors.directExecutor());
        });
    }

    /** The status prefix of a failed slice whose recovery waits for a device; it is stored with the slice. */
    public static final String NEEDS_RECOVERY = "needs-recovery: ";
    /** Separates, in a needs-recovery status, what the recovery found from why it could not finish. */
    public static final String NOT_FINISHED = "; it could not finish: ";

    private static boolean needsRecovery(final SliceInfo slice) {
        return slice.state() == SliceState.FAILED && slice.lastError().orElse("").startsWith(NEEDS_RECOVERY);
    }

    private ListenableFuture<Void> recoverAll(final List<String> ids, final int position) {
        if (position == ids.size()) {
            return Futures.immediateVoidFuture();
        }
        final String id = ids.get(position);
        final ListenableFuture<?> one = recover(id);
        Futures.addCallback(one, new FutureCallback<Object>() {
            @Override
            public void onSuccess(final Object result) {
                // logged by recover()
            }

            @Override
            public void onFailure(final Throwable failure) {
                LOG.error("recovery of slice {} failed", id, failure);
            }
        }, MoreExecutors.directExecutor());
        return Futures.whenAllComplete(one).callAsync(() -> recoverAll(ids, position + 1),
            MoreExecutors.directExecutor());
    }

    private ListenableFuture<?> recover(final String sliceId) {
        final Optional<Provisioner> devices = provisioner.get();
        final SliceInfo slice = slices.get(sliceId);
        if (devices.isEmpty() || slice == null) {
            LOG.error("slice {} cannot be recovered: no device provisioner is installed", sliceId);
            return Futures.immediateVoidFuture();
        }
        LOG.info("recovering slice {} ({}): its operation was interrupted", sliceId, slice.state());
        return Futures.transformAsync(settle(devices.orElseThrow().recover(slice)), provisioned -> {
            SliceInfo current = slices.get(sliceId);
            // a slice that still names replaced plans was restoring when the restart came (its state may since be
            // failed, waiting for a device): recovery rolled it forward or back
            final boolean restoring = !current.replaced().isEmpty();
            final SliceState was = restoring ? SliceState.RESTORING : current.state();
            final SliceInfo next;
            if (provisioned.failure().isPresent()) {
                SliceLifecycle.decide(was, current.reservationHeld(), Operation.RECOVERY_FAILED)
                    .orRefuse(sliceId);
                next = update(current.withState(SliceState.FAILED, clock.instant(), Optional.of(NEEDS_RECOVERY
                    + provisioned.note().orElse("recovery of slice " + sliceId) + NOT_FINISHED
                    + message(provisioned.failure().orElseThrow()) + "; it resumes when the device is connected "
                    + "again (or deactivate the slice)")));
            } else {
                final SliceState state = SliceLifecycle.decide(was, current.reservationHeld(),
                    Operation.RECOVERED).orRefuse(sliceId).orElseThrow();
                if (restoring) {
                    current = settlePaths(current, provisioned.pathsMoved());
                }
                next = update(current.withState(state, clock.instant(), provisioned.note()));
                if (restoring) {
                    // the restoration check runs again: the failure may still be there
                    Futures.addCallback(restoreAll(), logFailure("restoration check after recovery"),
                        MoreExecutors.directExecutor());
                }
            }
            LOG.info("slice {} after recovery: {} ({})", sliceId, next.state(), next.lastError().orElse(""));
            return Futures.whenAllComplete(store.save(next), provisioned.bookkeeping()).call(() -> next,
                MoreExecutors.directExecutor());
        }, MoreExecutors.directExecutor());
    }

    /**
     * Takes the links that are down now (the whole set: every link not named is up). Newly failed links are
     * reported as events on the active slices using them; then the restoration check runs.
     *
     * @param failed the down links, with when each went down
     * @return completion of the check (the restorations it starts run on)
     */
    public ListenableFuture<?> linkStatesChanged(final Map<String, Instant> failed) {
        return failuresChanged(() -> {
            reportedLinks.clear();
            reportedLinks.putAll(failed);
        });
    }

    /**
     * Takes a device that disconnected (its links cannot carry traffic: see {@link Restoration#failedLinks}); the
     * restoration check then runs, each connection after its hold-off.
     *
     * @param nodeId the device's NETCONF node id
     * @return completion of the check
     */
    public ListenableFuture<?> deviceDisconnected(final String nodeId) {
        final Instant now = clock.instant();
        return failuresChanged(() -> downDevices.putIfAbsent(nodeId, now));
    }

    /**
     * Takes the encrypted channels whose keys stopped ({@link KeySupplyWatch}): their links count as failed while the
     * set names them.
     *
     * @param stalled channel (link) ids, with when their keys were last seen rotating
     * @return completion of the restoration check if the set changed
     */
    public ListenableFuture<?> keysStalled(final Map<String, Instant> stalled) {
        return failuresChanged(() -> {
            stalledKeys.clear();
            stalledKeys.putAll(stalled);
        });
    }

    private Map<String, Instant> failedOrStalled() {
        final var links = new TreeMap<>(reportedLinks);
        stalledKeys.forEach((link, since) -> links.merge(link, since, (a, b) -> a.isBefore(b) ? a : b));
        starved.forEach((link, since) -> links.merge(link, since, (a, b) -> a.isBefore(b) ? a : b));
        return links;
    }

    /**
     * Takes the measured secret key rates of QKD key sources (the whole set; a source not named keeps the
     * topology's rate). A source whose channels in use now draw more than its rate frees its least-used channels
     * (fewest slices first): they count as failed, so their connections are restored onto paths at their level that
     * have key supply, or their slices degraded.
     *
     * @param rates source ({@code qkd-link} or link id) to bit/s
     * @return completion of the restoration check
     */
    public ListenableFuture<?> keyRatesChanged(final Map<String, Double> rates) {
        return failuresChanged(() -> {
            reportedRates.clear();
            reportedRates.putAll(rates);
            mergeRates();
        });
    }

    /**
     * Takes the secret key rates the KMS's QKD source knows (the whole set, by link id: the QKD system behind each
     * QKD or hybrid pool). They apply like measured ones, below a reported rate of the same source; an unchanged set
     * does nothing.
     *
     * @param rates link id to bit/s
     * @return completion of the restoration check, if the rates changed
     */
    public ListenableFuture<?> kmsKeyRatesChanged(final Map<String, Double> rates) {
        final Map<String, Double> next = Map.copyOf(rates);
        // compared with the last set given, not the last applied: a busy queue must not collect one check per tick
        if (next.equals(kmsRates.getAndSet(next))) {
            return Futures.immediateVoidFuture();
        }
        return failuresChanged(this::mergeRates);
    }

    /**
     * The rates planning applies: the KMS's, except for sources a rate was reported for, then the reported ones (on
     * the queue).
     */
    private void mergeRates() {
        measuredRates.clear();
        final Topology topology = planning == null ? null : planning.topology();
        kmsRates.get().forEach((linkId, rate) -> {
            final Link link = topology == null ? null : topology.links().get(linkId);
            if (link != null && link.keyExchange().usesQkd() && !reportedRates.containsKey(linkId)
                    && !reportedRates.containsKey(link.qkdLink().orElse(linkId))) {
                measuredRates.put(linkId, rate);
            }
        });
        measuredRates.putAll(reportedRates);
        applyRates();
    }

    /**
     * Applies the measured rates to the current planning and decides which channels are starved (on the queue).
     */
    private void applyRates() {
        if (planning == null) {
            return;
        }
        final Instant now = clock.instant();
        final var next = new TreeMap<String, Instant>();
        for (var rate : measuredRates.entrySet()) {
            final KeySourceLoad load;
            try {
                load = planning.keyRateChanged(rate.getKey(), rate.getValue());
            } catch (IllegalArgumentException e) {
                LOG.warn("measured key rate of {} not applied: {}", rate.getKey(), e.getMessage());
                continue;
            }
            final int over = load.channelsOver();
            if (over == 0) {
                continue;
            }
            final List<String> freed = load.channels().entrySet().stream()
                .sorted(java.util.Comparator.<Map.Entry<String, List<String>>>comparingInt(e -> e.getValue().size())
                    .thenComparing(Map.Entry::getKey, java.util.Comparator.reverseOrder()))
                .limit(over).map(Map.Entry::getKey).toList();
            freed.forEach(channel -> next.put(channel, starved.getOrDefault(channel, now)));
            final String detail = String.format(java.util.Locale.ROOT, "key source %s: measured rate %.1f b/s "
                + "carries %d channel(s) of %.1f b/s, %d in use draw %.1f b/s; freeing %s", load.source(),
                rate.getValue(), load.channels().size() - over, load.channelDemandBps(), load.channels().size(),
                load.committedBps(), String.join(", ", freed));
            if (!freed.stream().allMatch(starved::containsKey)) {
                LOG.warn("key supply falls short: {}", detail);
                load.slices().forEach(slice -> event(slice, SliceEvent.Kind.FAILURE, Optional.of(freed.getFirst()),
                    detail));
            }
        }
        starved.clear();
        starved.putAll(next);
    }

    private ListenableFuture<?> deviceBack(final String nodeId) {
        return failuresChanged(() -> downDevices.remove(nodeId));
    }

    /**
     * Applies a change of the reported failures on the queue, reports the newly failed links as events, then runs
     * the restoration check.
     */
    private ListenableFuture<?> failuresChanged(final Runnable change) {
        final ListenableFuture<?> changed = queue.submit(() -> {
            change.run();
            final Map<String, Instant> failed = planning == null ? failedOrStalled()
                : Restoration.failedLinks(planning.topology(), failedOrStalled(), downDevices);
            final var newly = new TreeMap<>(failed);
            newly.keySet().removeAll(down.keySet());
            final var cleared = new java.util.TreeSet<>(down.keySet());
            cleared.removeAll(failed.keySet());
            down.clear();
            down.putAll(failed);
            downSnapshot = Map.copyOf(down);
            for (SliceInfo slice : slices.values()) {
                for (String link : newly.keySet()) {
                    final List<String> hit = slice.connections().stream().filter(plan -> plan.linkIds()
                        .contains(link)).map(ConnectionPlan::name).toList();
                    if (!hit.isEmpty() && slice.state() != SliceState.RESERVED
                            && slice.state() != SliceState.PLANNED) {
                        event(slice.id(), SliceEvent.Kind.FAILURE, Optional.of(link), "link " + link + " failed under "
                            + "connection(s) " + String.join(", ", hit));
                    }
                }
            }
            if (!newly.isEmpty() || !cleared.isEmpty()) {
                LOG.info("links down now: {} (failed: {}, recovered: {}; devices down: {})", down.keySet(),
                    newly.keySet(), cleared, downDevices.keySet());
            }
            return Futures.immediateVoidFuture();
        });
        return Futures.transformAsync(changed, x -> restoreAll(), MoreExecutors.directExecutor());
    }

    /**
     * Returns the links that are down (safe from any thread, as of the last change).
     *
     * @return link id to when it went down
     */
    public Map<String, Instant> downLinks() {
        return downSnapshot;
    }

    /**
     * The restoration check: every active or degraded slice is assessed against the links that are down
     * ({@link Restoration}); connections off a failure (after their hold-off) and revertive connections whose
     * original path works again are moved, make-before-break, one restoration per slice; a slice with a connection
     * down and no path at its level becomes degraded; a degraded slice with nothing down becomes active again.
     *
     * @return completion of the check; the restorations it starts complete later
     */
    public ListenableFuture<?> restoreAll() {
        return queue.submit(() -> {
            if (planning == null) {
                return Futures.immediateVoidFuture();
            }
            final Instant now = clock.instant();
            final var writes = new ArrayList<ListenableFuture<?>>();
            Instant wake = null;
            for (SliceInfo slice : List.copyOf(slices.values())) {
                if (!slice.reservationHeld() || slice.state() != SliceState.ACTIVE
                        && slice.state() != SliceState.DEGRADED) {
                    continue;
                }
                final Restoration.Assessment assessed = Restoration.assess(slice, down, now, planning);
                if (assessed.wake().isPresent()) {
                    wake = wake == null || assessed.wake().orElseThrow().isBefore(wake) ? assessed.wake()
                        .orElseThrow() : wake;
                }
                final Instant retry = retryAfter.get(slice.id());
                if (!assessed.moves().isEmpty() && (retry == null || !now.isBefore(retry))) {
                    final ListenableFuture<SliceInfo> restoring = restoreSlice(slice.id());
                    restorations.put(slice.id(), restoring);
                    restoring.addListener(() -> restorations.remove(slice.id(), restoring),
                        MoreExecutors.directExecutor());
                    Futures.addCallback(restoring, logFailure("restoration of slice " + slice.id()),
                        MoreExecutors.directExecutor());
                    continue;
                }
                final SliceInfo next = degradedOrClear(slice, assessed);
                if (!next.equals(slice)) {
                    update(next);
                    writes.add(store.save(next));
                }
            }
            wake(wake, now);
            return Futures.whenAllComplete(writes).call(() -> null, MoreExecutors.directExecutor());
        });
    }

    /**
     * Returns the slice degraded (naming why each connection is down), active again (nothing down), or as it is.
     */
    private SliceInfo degradedOrClear(final SliceInfo slice, final Restoration.Assessment assessed) {
        if (!assessed.down().isEmpty()) {
            final String reason = String.join("; ", assessed.down().values());
            if (slice.state() == SliceState.DEGRADED && slice.lastError().orElse("").equals(reason)) {
                return slice;
            }
            final SliceState state = SliceLifecycle.decide(slice.state(), slice.reservationHeld(),
                Operation.DEGRADE).next().orElse(slice.state());
            event(slice.id(), SliceEvent.Kind.DEGRADED, Optional.empty(), reason);
            return slice.withState(state, clock.instant(), Optional.of(reason));
        }
        if (slice.state() == SliceState.DEGRADED && slice.connections().stream().noneMatch(plan -> plan.linkIds()
                .stream().anyMatch(down::containsKey))) {
            event(slice.id(), SliceEvent.Kind.CLEARED, Optional.empty(), "nothing of slice " + slice.id()
                + " is down any more");
            return slice.withState(SliceState.ACTIVE, clock.instant(), Optional.empty());
        }
        return slice;
    }

    private void wake(final Instant at, final Instant now) {
        if (at == null || timer.isEmpty() || nextWake != null && nextWake.isAfter(now) && !at.isBefore(nextWake)) {
            // a wake-up at that time or earlier is scheduled already (the 2 s check must not pile them up)
            return;
        }
        nextWake = at;
        final long delay = Math.max(0, at.toEpochMilli() - now.toEpochMilli()) + 1;
        timer.orElseThrow().schedule(() -> Futures.addCallback(restoreAll(), logFailure("restoration check after "
            + "a hold-off"), MoreExecutors.directExecutor()), delay, TimeUnit.MILLISECONDS);
    }

    /**
     * Restores one slice: assessed again on the queue, its moves reserved (the old paths stay held), the slice
     * stored {@code restoring} with its new plans and the replaced ones, then the devices moved make-before-break.
     *
     * @param sliceId the slice
     * @return the slice after the restoration
     */
    public ListenableFuture<SliceInfo> restoreSlice(final String sliceId) {
        return run(() -> {
            final SliceInfo slice = requireSlice(sliceId);
            final SliceState during = SliceLifecycle.decide(slice.state(), slice.reservationHeld(),
                Operation.RESTORE).orRefuse(sliceId).orElseThrow();
            final Planning current = requirePlanning();
            final Restoration.Assessment assessed = Restoration.assess(slice, down, clock.instant(), current);
            if (assessed.moves().isEmpty()) {
                throw new SliceException(Kind.STATE, "slice " + sliceId + " has no connection to move");
            }
            final Provisioner devices = requireProvisioner("restore");
            final Set<String> moving = assessed.moves().stream().map(ConnectionPlan::name)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
            final List<ConnectionPlan> next = Restoration.applied(slice, assessed.moves());
            final List<ConnectionPlan> replaced = slice.connections().stream().filter(plan -> moving.contains(
                plan.name())).toList();
            final SliceInfo restoring = slice.withConnections(next, replaced);
            // make-before-break: both paths are held until the devices no longer use the old one
            swap(slice, restoring);
            final Topology topology = current.topology();
            final String summary = String.join("; ", assessed.events());
            LOG.info("slice {}: restoring: {}", sliceId, summary);
            return new Transition(restoring, during, busy -> devices.reroute(busy, topology),
                (transition, provisioned) -> restored(transition, provisioned, summary, assessed));
        });
    }

    /**
     * Ends a restoration on the queue: the connections stay on the paths the devices carry them on (new on success,
     * old after a rollback), the other paths' resources are released.
     */
    private ListenableFuture<SliceInfo> restored(final Transition transition, final Provisioned provisioned,
            final String summary, final Restoration.Assessment assessed) throws SliceException {
        final SliceInfo current = slices.get(transition.slice().id());
        final boolean failed = provisioned.failure().isPresent();
        final SliceState state = SliceLifecycle.decide(current.state(), current.reservationHeld(), failed
            ? Operation.DEVICES_FAILED : Operation.DEVICES_DONE).orRefuse(current.id()).orElseThrow();
        final SliceInfo settled = settlePaths(current, !failed);
        final SliceInfo next;
        if (failed) {
            retryAfter.put(current.id(), clock.instant().plus(RESTORE_RETRY));
            final String why = "restoration failed, the connections stay on their old paths (tried again from "
                + retryAfter.get(current.id()) + "): " + message(provisioned.failure().orElseThrow());
            event(current.id(), SliceEvent.Kind.DEGRADED, Optional.empty(), why);
            next = update(settled.withState(state, clock.instant(), Optional.of(why)));
        } else {
            retryAfter.remove(current.id());
            assessed.events().forEach(line -> event(current.id(), line.startsWith("reverted")
                ? SliceEvent.Kind.REVERTED : SliceEvent.Kind.RESTORED, Optional.empty(), line));
            final Optional<String> note = assessed.down().isEmpty() ? provisioned.note()
                : Optional.of(String.join("; ", assessed.down().values()));
            final SliceState after = assessed.down().isEmpty() ? state : SliceState.DEGRADED;
            next = update(settled.withState(after, clock.instant(), note));
            LOG.info("slice {}: restored ({}), {}", current.id(), summary, after);
        }
        final ListenableFuture<SliceInfo> saved = Futures.transform(store.save(next), x -> next,
            MoreExecutors.directExecutor());
        if (!failed) {
            // the failures may have changed meanwhile: check again once this one is stored (after a failed one, the
            // periodic check retries: no loop against a device that keeps refusing)
            saved.addListener(() -> Futures.addCallback(restoreAll(), logFailure("restoration check"),
                MoreExecutors.directExecutor()), MoreExecutors.directExecutor());
        }
        return saved;
    }

    /**
     * Returns a restoring slice on one set of paths: the new ones ({@code moved}) or the replaced ones, the other set
     * released from the ledger.
     */
    private SliceInfo settlePaths(final SliceInfo slice, final boolean moved) {
        final SliceInfo settled;
        if (moved) {
            settled = slice.withConnections(slice.connections(), List.of());
        } else {
            final var back = new TreeMap<String, ConnectionPlan>();
            slice.replaced().forEach(plan -> back.put(plan.name(), plan));
            settled = slice.withConnections(slice.connections().stream().map(plan -> back.getOrDefault(plan.name(),
                plan)).toList(), List.of());
        }
        try {
            swap(slice, settled);
        } catch (SliceException e) {
            // a part of what it holds always fits; typed Throwable: see delete()
            final Throwable cause = e;
            LOG.error("slice {}: could not release the paths it left", slice.id(), cause);
        }
        return settled;
    }

    /**
     * Replaces what the ledger holds for a slice (no-op before the topology arrives: the rebuild takes the stored
     * slices then).
     */
    private void swap(final SliceInfo before, final SliceInfo after) throws SliceException {
        if (planning != null) {
            planning.replace(after.reservation());
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void event(final String sliceId, final SliceEvent.Kind kind, final Optional<String> linkId,
            final String detail) {
        final var event = new SliceEvent(sliceId, kind, linkId, detail, clock.instant());
        try {
            events.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("the slice event listener failed on {}", event, e);
        }
    }

    private static <T> FutureCallback<T> logFailure(final String what) {
        return new FutureCallback<>() {
            @Override
            public void onSuccess(final T result) {
                // nothing to log
            }

            @Override
            public void onFailure(final Throwable failure) {
                if (failure instanceof SliceException refused && refused.kind() == Kind.STATE) {
                    LOG.debug("{} refused: {}", what, failure.getMessage());
                } else {
                    LOG.warn("{} failed", what, failure);
                }
            }
        };
    }

    /**
     * Takes a new topology version (or its removal) and re-applies every slice's reservation to it. Slices whose
     * reservation no longer fits are marked failed, naming the reason; every slice whose reservation flag changed is
     * stored again.
     *
     * @param topology the topology, empty if none is configured
     * @return completion
     */
    public ListenableFuture<?> topologyChanged(final Optional<Topology> topology) {
        return queue.submit(() -> {
            configured = topology.orElse(null);
            return replan();
        });
    }

    /**
     * Plans anew on the configured topology with the deprecations applied (on the queue) and stores the slices whose
     * reservation flag changed.
     */
    private ListenableFuture<Void> replan() {
        final List<SliceInfo> changed = rebuild(effective());
        // a new planning starts from the topology's rates: the measured ones again
        mergeRates();
        if (planning != null) {
            // which links a down device serves depends on the topology
            down.clear();
            down.putAll(Restoration.failedLinks(planning.topology(), failedOrStalled(), downDevices));
            downSnapshot = Map.copyOf(down);
        }
        final var writes = new ArrayList<ListenableFuture<?>>();
        for (SliceInfo slice : changed) {
            writes.add(store.save(slice));
        }
        return Futures.whenAllComplete(writes).call(() -> null, MoreExecutors.directExecutor());
    }

    /**
     * Takes the key-exchange methods deprecated network-wide (the whole set; from the {@code deprecated-key-exchange}
     * configuration): every link whose method is deprecated is planned at the level the method still gives (none;
     * a hybrid keeps the part not deprecated), so no new path relies on it, and the restoration check moves every
     * connection whose path now gives less than its minimum, make-before-break, or degrades its slice naming why.
     *
     * @param methods the deprecated methods
     * @return completion of the check (the moves it starts run on)
     */
    public ListenableFuture<?> deprecationsChanged(final Set<KeyExchange> methods) {
        final Set<KeyExchange> next = methods.isEmpty() ? Set.of() : Set.copyOf(java.util.EnumSet.copyOf(methods));
        final ListenableFuture<Void> changed = queue.submit(() -> {
            if (next.equals(deprecated)) {
                return Futures.immediateVoidFuture();
            }
            LOG.warn("key-exchange methods deprecated now: {} (before: {})", next, deprecated);
            deprecated = next;
            return replan();
        });
        return Futures.transformAsync(changed, x -> restoreAll(), MoreExecutors.directExecutor());
    }

    /**
     * Returns the topology planning sees: the configured one with the switched channels' methods and the deprecations
     * applied (on the queue).
     */
    private @Nullable Topology effective() {
        return configured == null ? null : configured.withKeyExchanges(keyExchanges).withDeprecated(deprecated);
    }

    /**
     * Takes the links whose channels run another key-exchange method than the topology names (the whole map; from the
     * {@code key-exchange-change} configuration, which {@link #changeKeyExchange} leads to): they are planned with
     * that method and its level.
     *
     * @param methods the method per link id
     * @return completion of the check (the moves it starts run on)
     */
    public ListenableFuture<?> keyExchangesChanged(final Map<String, KeyExchange> methods) {
        final Map<String, KeyExchange> next = Map.copyOf(methods);
        final ListenableFuture<Void> changed = queue.submit(() -> {
            if (next.equals(keyExchanges)) {
                return Futures.immediateVoidFuture();
            }
            LOG.info("links running another key exchange than the topology names: {}", next);
            keyExchanges = next;
            return replan();
        });
        return Futures.transformAsync(changed, x -> restoreAll(), MoreExecutors.directExecutor());
    }

    /**
     * Switches one link's channel to another key-exchange method in place ({@code change-key-exchange}), on the
     * queue, so no slice operation runs meanwhile: checked first ({@link MethodChange#check}, nothing touched if
     * refused), then the devices and the KMS switch in lock-step ({@link Provisioner#switchKeyExchange}), then the
     * link is planned with the new method. The caller stores the change ({@code key-exchange-change}) so a restart
     * keeps it.
     *
     * @param linkId the link
     * @param to the new method
     * @return what changed; fails with a {@link SliceException} (MISSING for an unknown link, INVALID or STATE when
     *     refused, the device or KMS error after switching back)
     */
    public ListenableFuture<MethodChange> changeKeyExchange(final String linkId, final KeyExchange to) {
        final long started = System.nanoTime();
        return queue.submit(() -> {
            final Topology topology = effective();
            if (topology == null) {
                throw new SliceException(Kind.STATE, "no topology is configured");
            }
            final Link link = topology.links().get(linkId);
            if (link == null) {
                throw new SliceException(Kind.MISSING, "link-id", "link-id: the topology has no link " + linkId,
                    null);
            }
            // deprecation caps a link's level, never its method
            final KeyExchange from = link.keyExchange();
            final List<String> users = MethodChange.check(link, to, deprecated, slices.values());
            if (from == to) {
                return Futures.immediateFuture(new MethodChange(linkId, from, to, link.security(), users,
                    Optional.empty(), 0));
            }
            final Provisioner devices = requireProvisioner("change key exchange");
            final ListenableFuture<Provisioner.KeySwitched> switching = devices.switchKeyExchange(link, to, topology);
            switching.addListener(keyExchangeEpoch::incrementAndGet, MoreExecutors.directExecutor());
            return Futures.transformAsync(switching, switched -> {
                final var next = new java.util.HashMap<>(keyExchanges);
                if (configured.link(linkId).keyExchange() == to) {
                    next.remove(linkId);
                } else {
                    next.put(linkId, to);
                }
                keyExchanges = Map.copyOf(next);
                LOG.warn("link {} switched from key exchange {} to {} (slices {})", linkId, from, to, users);
                users.forEach(sliceId -> event(sliceId, SliceEvent.Kind.KEY_EXCHANGE_CHANGED, Optional.of(linkId),
                    "link " + linkId + " switched from key exchange " + from + " to " + to + switched.keyId()
                        .map(key -> ", first key " + key).orElse("")));
                return Futures.transform(replan(), x -> new MethodChange(linkId, from, to,
                    to.levelUnder(deprecated), users, switched.keyId(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)),
                    MoreExecutors.directExecutor());
            }, MoreExecutors.directExecutor());
        });
    }

    /**
     * Brings the channels whose key-exchange switch a restart interrupted in step with the method the topology (with
     * the stored changes) names ({@link Provisioner#reconcileKeyExchanges}), on the queue; the orchestrator calls it
     * periodically.
     *
     * @param rotating the key type each channel the KMS rotates draws, as the KMS said
     * @param epoch {@link #keyExchangeEpoch()} before the KMS was asked: if a switch ran since, the KMS's answer may
     *     be stale and nothing is done
     * @return the channels switched
     */
    public ListenableFuture<List<String>> reconcileKeyExchanges(final Map<String, KeyType> rotating,
            final long epoch) {
        // one waiting at a time: a busy queue must not collect one per tick
        if (!reconcileQueued.compareAndSet(false, true)) {
            return Futures.immediateFuture(List.of());
        }
        return queue.submit(() -> {
            reconcileQueued.set(false);
            final Topology topology = effective();
            final Optional<Provisioner> devices = provisioner.get();
            if (topology == null || planning == null || devices.isEmpty() || epoch != keyExchangeEpoch.get()) {
                return Futures.immediateFuture(List.<String>of());
            }
            final ListenableFuture<List<String>> switched = devices.orElseThrow().reconcileKeyExchanges(topology,
                MethodChange.floors(slices.values()), rotating);
            switched.addListener(keyExchangeEpoch::incrementAndGet, MoreExecutors.directExecutor());
            return switched;
        });
    }

    /**
     * Returns a number that changes whenever a channel's key-exchange switch ends (safe from any thread).
     *
     * @return the epoch
     */
    public long keyExchangeEpoch() {
        return keyExchangeEpoch.get();
    }

    /**
     * Returns the links whose channels run another method than the topology names (safe from any thread).
     *
     * @return the method per link id
     */
    public Map<String, KeyExchange> keyExchanges() {
        return keyExchanges;
    }

    /**
     * Deprecates key-exchange methods and waits for the moves it causes: the report names every connection of
     * {@code before} whose path no longer meets its minimum, as moved (old and new links) or not, with why.
     *
     * @param methods the deprecated methods (the whole set)
     * @param before the slices before the change ({@link #slices()})
     * @return the report, once the moves have ended
     */
    public ListenableFuture<DeprecationReport> deprecate(final Set<KeyExchange> methods,
            final List<SliceInfo> before) {
        final ListenableFuture<?> settled = Futures.transformAsync(deprecationsChanged(methods), x -> settled(4),
            MoreExecutors.directExecutor());
        return Futures.transformAsync(settled, x -> queue.submit(() -> Futures.immediateFuture(report(before))),
            MoreExecutors.directExecutor());
    }

    /**
     * Completes once no restoration runs any more (a finished one checks again and may start others), at most
     * {@code rounds} waves.
     */
    private ListenableFuture<Void> settled(final int rounds) {
        final ListenableFuture<List<ListenableFuture<?>>> running = queue.submit(() -> Futures.immediateFuture(
            List.copyOf(restorations.values())));
        return Futures.transformAsync(running, futures -> {
            if (futures.isEmpty() || rounds <= 1) {
                return Futures.immediateVoidFuture();
            }
            return Futures.transformAsync(Futures.whenAllComplete(futures).<Void>call(() -> null,
                MoreExecutors.directExecutor()), x -> settled(rounds - 1), MoreExecutors.directExecutor());
        }, MoreExecutors.directExecutor());
    }

    private DeprecationReport report(final List<SliceInfo> before) {
        final var moved = new ArrayList<DeprecationReport.Moved>();
        final var notMoved = new ArrayList<DeprecationReport.NotMoved>();
        if (planning == null) {
            return new DeprecationReport(deprecated, moved, notMoved);
        }
        final Topology topology = planning.topology();
        for (SliceInfo old : before) {
            final SliceInfo now = slices.get(old.id());
            if (now == null || old.state() == SliceState.PLANNED) {
                continue;
            }
            for (ConnectionPlan plan : old.connections()) {
                final Optional<ConnectionRequest> request = Restoration.asked(old, plan.name());
                if (!plan.feasible() || request.isEmpty()
                        || Restoration.below(plan, request.orElseThrow(), topology).isEmpty()) {
                    continue;
                }
                final ConnectionPlan current = now.connections().stream().filter(p -> p.name().equals(plan.name()))
                    .findFirst().orElse(plan);
                final String still = Restoration.below(current, request.orElseThrow(), topology);
                if (still.isEmpty() && !current.linkIds().equals(plan.linkIds())) {
                    moved.add(new DeprecationReport.Moved(old.id(), plan.name(), plan.linkIds(), current.linkIds()));
                } else if (now.state() == SliceState.RESERVED) {
                    notMoved.add(new DeprecationReport.NotMoved(old.id(), plan.name(), "the slice is reserved, not "
                        + "active: " + still + "; its activation re-plans it at its minimum, or is refused if no "
                        + "path exists"));
                } else {
                    notMoved.add(new DeprecationReport.NotMoved(old.id(), plan.name(), now.lastError().orElse(still)));
                }
            }
        }
        return new DeprecationReport(deprecated, moved, notMoved);
    }

    /**
     * Returns the key-exchange methods deprecated network-wide (safe from any thread: an immutable set).
     *
     * @return the methods
     */
    public Set<KeyExchange> deprecated() {
        return deprecated;
    }

    /**
     * Re-applies every slice's reservation to a topology and sets each slice's reservation flag.
     *
     * @return the slices to store again (a busy slice is stored by the completion of its device work)
     */
    private List<SliceInfo> rebuild(final Topology topology) {
        final var changed = new ArrayList<SliceInfo>();
        if (topology == null) {
            // the flags keep saying what held on the last topology (restore runs before the topology arrives)
            planning = null;
            publish();
            return changed;
        }
        // the slices that held their reservation (as stored, so also across a restart) are restored first, each
        // group in slice-id order: a slice that lost its reservation earlier never takes back resources another
        // slice got meanwhile
        final var reservations = new ArrayList<SliceReservation>();
        for (boolean first : List.of(true, false)) {
            for (SliceInfo slice : slices.values()) {
                if (slice.reservationHeld() == first) {
                    reservations.add(slice.reservation());
                }
            }
        }
        final var conflicts = new ArrayList<String>();
        planning = planningFactory.create(topology, reservations, conflicts);
        for (SliceInfo slice : List.copyOf(slices.values())) {
            final String prefix = "slice " + slice.id() + ":";
            final Optional<String> conflict = conflicts.stream().filter(c -> c.startsWith(prefix)).findFirst();
            final boolean busy = slice.state() == SliceState.PROVISIONING
                || slice.state() == SliceState.DEPROVISIONING || slice.state() == SliceState.RESTORING;
            final SliceInfo next;
            if (conflict.isEmpty()) {
                next = slice.withReservationHeld(true);
            } else if (busy) {
                // its device work is under way: the state stays (so nothing else runs on the slice), and its
                // completion ends it where the lifecycle says for a slice that holds no reservation
                LOG.error("topology change during device work: {}", conflict.orElseThrow());
                next = slice.withReservationHeld(false).withState(slice.state(), slice.updated(),
                    Optional.of("topology changed, reservation no longer fits: " + conflict.orElseThrow()));
            } else {
                LOG.error("topology change: {}", conflict.orElseThrow());
                next = slice.withReservationHeld(false).withState(SliceState.FAILED, clock.instant(),
                    Optional.of("topology changed, reservation no longer fits: " + conflict.orElseThrow()));
            }
            slices.put(next.id(), next);
            if (!busy && !next.equals(slice)) {
                changed.add(next);
            }
        }
        publish();
        return changed;
    }

    private void publish() {
        snapshot = List.copyOf(slices.values());
        topologyStatus = planning == null ? Optional.empty() : Optional.of(planning.status());
    }

    /**
     * Returns all slices as of the last completed operation (safe from any thread).
     *
     * @return the slices, ordered by id
     */
    public List<SliceInfo> slices() {
        return snapshot;
    }

    /**
     * Returns the topology and its free resources as of the last completed operation (safe from any thread).
     *
     * @return the status, empty if no topology is configured
     */
    public Optional<TopologyStatus> topology() {
        return topologyStatus;
    }

    /**
     * Computes a plan against the free resources; changes nothing.
     *
     * @param request the request
     * @return the plan
     */
    public ListenableFuture<SlicePlan> compute(final SliceRequest request) {
        return queue.submit(() -> Futures.immediateFuture(requirePlanning().plan(avoidingDown(request))));
    }

    /**
     * Returns the request with every link that is down excluded, for planning (the stored request is the user's).
     */
    private SliceRequest avoidingDown(final SliceRequest request) {
        if (down.isEmpty()) {
            return request;
        }
        return new SliceRequest(request.id(), request.description(), request.connections().stream().map(c -> {
            final var exclude = new java.util.TreeSet<>(c.excludeLinks());
            exclude.addAll(down.keySet());
            return c.withExclude(c.excludeSites(), exclude);
        }).toList());
    }

    /**
     * Computes and reserves a slice.
     *
     * @param request the request
     * @return the slice, reserved; fails with RESOURCES and the blocking reason if it does not fit
     */
    public ListenableFuture<SliceInfo> create(final SliceRequest request) {
        return queue.submit(() -> {
            final Planning current = requirePlanning();
            if (slices.containsKey(request.id())) {
                throw new SliceException(Kind.EXISTS, "slice-id", "slice " + request.id() + " already exists",
                    null);
            }
            final SlicePlan plan = current.plan(avoidingDown(request));
            if (!plan.feasible()) {
                throw new SliceException(Kind.RESOURCES, "slice " + request.id() + " is not feasible: "
                    + plan.reason().orElse("no reason given"));
            }
            final SliceReservation reservation = plan.reservation();
            current.reserve(reservation);
            final Instant now = clock.instant();
            final var slice = new SliceInfo(request, SliceState.RESERVED, true, plan.connections(), now, now,
                Optional.empty());
            slices.put(slice.id(), slice);
            publish();
            return persist(store.save(slice), slice, () -> {
                current.release(reservation);
                slices.remove(slice.id());
            });
        });
    }

    /**
     * Deletes a slice that holds no device configuration, releasing its resources.
     *
     * @param sliceId the slice
     * @return the deleted slice's id
     */
    public ListenableFuture<String> delete(final String sliceId) {
        return queue.submit(() -> {
            final SliceInfo slice = requireSlice(sliceId);
            SliceLifecycle.decide(slice.state(), slice.reservationHeld(), Operation.DELETE).orRefuse(sliceId);
            final Set<String> holding = provisioner.get().map(devices -> devices.mayHold(sliceId)).orElse(Set.of());
            if (!holding.isEmpty()) {
                throw new SliceException(Kind.STATE, "slice " + sliceId + " is " + slice.state() + " and its "
                    + "journal says " + String.join(", ", holding) + " may still hold some of its configuration: "
                    + "deactivate it first (that removes exactly what the journal names), then delete it");
            }
            // the whole reservation, or the part a topology change left held (its client ports and VLANs)
            final Optional<SliceReservation> holds = planning == null ? Optional.empty()
                : planning.holding(sliceId);
            holds.ifPresent(planning::release);
            slices.remove(sliceId);
            publish();
            provisioner.get().ifPresent(devices -> devices.forget(sliceId));
            return persist(store.remove(sliceId), sliceId, () -> {
                slices.put(sliceId, slice);
                if (holds.isPresent()) {
                    try {
                        planning.reserve(holds.orElseThrow());
                    } catch (SliceException e) {
                        // typed Throwable: SpotBugs' SLF4J check then needs no class of the api module (it once
                        // could not resolve SliceException on a clean build and counted it as a parameter)
                        final Throwable cause = e;
                        LOG.error("could not re-reserve slice {} after a failed delete", sliceId, cause);
                    }
                }
            });
        });
    }

    /**
     * Configures the devices of a reserved (or previously failed) slice.
     *
     * @param sliceId the slice
     * @return the slice, active
     */
    public ListenableFuture<SliceInfo> activate(final String sliceId) {
        return run(() -> {
            final SliceInfo slice = requireSlice(sliceId);
            final var decision = SliceLifecycle.decide(slice.state(), slice.reservationHeld(), Operation.ACTIVATE);
            if (!decision.allowed() && (slice.state() == SliceState.RESERVED || slice.state() == SliceState.FAILED)) {
                // refused for the lost reservation: say why it was lost
                throw new SliceException(Kind.STATE, "slice " + sliceId + " " + decision.refusal().orElseThrow()
                    + " (" + slice.lastError().orElse("topology changed") + ")");
            }
            final SliceState during = decision.orRefuse(sliceId).orElseThrow();
            final Provisioner devices = requireProvisioner("activate");
            final Topology topology = planning.topology();
            // never onto a link reported down (or whose keys stopped) or below a connection's minimum: re-planned
            // first, refused if no path; a link down only because a device is disconnected is left to the device
            // pre-check, which names the device and changes nothing
            final Restoration.Assessment replanned = Restoration.beforeActivation(slice, failedOrStalled().keySet(),
                planning);
            if (!replanned.down().isEmpty()) {
                throw new SliceException(Kind.STATE, "slice " + sliceId + " cannot be activated: "
                    + String.join("; ", replanned.down().values()));
            }
            SliceInfo activating = slice;
            if (!replanned.moves().isEmpty()) {
                activating = slice.withConnections(Restoration.applied(slice, replanned.moves()), List.of());
                // no device holds the old paths: the reservation moves with the plans
                swap(slice, activating);
                update(activating);
                replanned.events().forEach(line -> {
                    LOG.info("slice {}: {}", sliceId, line);
                    event(sliceId, SliceEvent.Kind.RESTORED, Optional.empty(), line);
                });
            }
            return new Transition(activating, during, busy -> devices.activate(busy, topology));
        });
    }

    /**
     * Removes the device configuration of an active (or failed) slice; it returns to reserved.
     *
     * @param sliceId the slice
     * @return the slice, reserved
     */
    public ListenableFuture<SliceInfo> deactivate(final String sliceId) {
        return run(() -> {
            final SliceInfo slice = requireSlice(sliceId);
            final SliceState during = SliceLifecycle.decide(slice.state(), slice.reservationHeld(),
                Operation.DEACTIVATE).orRefuse(sliceId).orElseThrow();
            final Provisioner devices = requireProvisioner("deactivate");
            final Topology topology = requirePlanning().topology();
            return new Transition(slice, during, busy -> devices.deactivate(busy, topology));
        });
    }

    /**
     * Compares what the devices of a slice hold with what its journal says they must hold (changes nothing).
     *
     * @param sliceId the slice
     * @return the report
     */
    public ListenableFuture<DeviceDrift.Report> check(final String sliceId) {
        return queue.submit(() -> {
            requireSlice(sliceId);
            return requireProvisioner("check").check(sliceId, "check-slice");
        });
    }

    /**
     * Writes again what the devices of an active slice are missing or hold changed; deletes nothing.
     *
     * @param sliceId the slice
     * @return the check after the repair, with what was written
     */
    public ListenableFuture<DeviceDrift.Report> repair(final String sliceId) {
        return queue.submit(() -> {
            final SliceInfo slice = requireSlice(sliceId);
            if (slice.state() != SliceState.ACTIVE && slice.state() != SliceState.DEGRADED) {
                throw new SliceException(Kind.STATE, "slice " + sliceId + " is " + slice.state()
                    + ": only an active or degraded slice can be repaired (check-slice works in every state)");
            }
            return requireProvisioner("repair").repair(sliceId);
        });
    }

    /**
     * A checked state change with device work: {@code slice} goes to {@code during}, {@code work} runs, then the
     * slice goes where {@link SliceLifecycle} says.
     */
    private record Transition(SliceInfo slice, SliceState during,
            java.util.function.Function<SliceInfo, ListenableFuture<Provisioned>> work, Completion completion) {
        Transition(final SliceInfo slice, final SliceState during,
                final java.util.function.Function<SliceInfo, ListenableFuture<Provisioned>> work) {
            this(slice, during, work, null);
        }
    }

    /**
     * Ends a transition on the queue once its device work is done, in place of the default {@link #complete}.
     */
    @FunctionalInterface
    private interface Completion {
        ListenableFuture<SliceInfo> complete(Transition transition, Provisioned provisioned) throws SliceException;
    }

    /**
     * Checks a transition on the queue and runs it: the check and the persisted busy state on the queue, the device
     * work outside it, and the result back on the queue.
     */
    private ListenableFuture<SliceInfo> run(final Check check) {
        final var started = queue.<Map.Entry<Transition, SliceInfo>>submit(() -> {
            final Transition transition = check.transition();
            final SliceInfo busy = busy(transition);
            final ListenableFuture<Map.Entry<Transition, SliceInfo>> saved = Futures.transform(store.save(busy),
                ignored -> Map.entry(transition, busy), MoreExecutors.directExecutor());
            return Futures.catchingAsync(saved, Throwable.class, failure -> {
                final SliceInfo failed = update(busy.withState(SliceState.FAILED, clock.instant(),
                    Optional.of(message(failure))));
                return Futures.transformAsync(store.save(failed), x -> Futures.immediateFailedFuture(failure),
                    MoreExecutors.directExecutor());
            }, MoreExecutors.directExecutor());
        });
        return Futures.transformAsync(started, entry -> {
            final ListenableFuture<Provisioned> done = settle(entry.getKey().work().apply(entry.getValue()));
            // the bookkeeping is stored before the result goes back on the queue, which it would hold otherwise
            final ListenableFuture<Provisioned> stored = Futures.transformAsync(done,
                provisioned -> Futures.whenAllComplete(provisioned.bookkeeping()).call(() -> provisioned,
                    MoreExecutors.directExecutor()), MoreExecutors.directExecutor());
            final Transition transition = entry.getKey();
            return Futures.transformAsync(stored, provisioned -> queue.submit(() -> transition.completion() == null
                ? complete(transition, provisioned) : transition.completion().complete(transition, provisioned)),
                MoreExecutors.directExecutor());
        }, MoreExecutors.directExecutor());
    }

    /**
     * The state checks of an operation, run on the queue.
     */
    @FunctionalInterface
    private interface Check {
        Transition transition() throws SliceException;
    }

    private SliceInfo busy(final Transition transition) {
        return update(transition.slice().withState(transition.during(), clock.instant(), Optional.empty()));
    }

    /**
     * Turns a failed future of device work into a failed outcome, so that every outcome is a {@link Provisioned}.
     */
    private static ListenableFuture<Provisioned> settle(final ListenableFuture<Provisioned> work) {
        return Futures.catching(work, Throwable.class, Provisioned::failed, MoreExecutors.directExecutor());
    }

    /**
     * Stores the slice's state after the device work (whose bookkeeping is stored already), run on the queue: the
     * new state, or the failure (the slice then failed).
     */
    private ListenableFuture<SliceInfo> complete(final Transition transition, final Provisioned provisioned)
            throws SliceException {
        final String id = transition.slice().id();
        if (provisioned.failure().isPresent()) {
            return fail(id, provisioned.failure().orElseThrow());
        }
        final SliceInfo current = slices.get(id);
        // decided from the state the device work started in (a topology change may have marked the slice failed
        // meanwhile; its reservation flag says whether it still fits)
        final SliceState next = SliceLifecycle.decide(transition.during(), current.reservationHeld(),
            Operation.DEVICES_DONE).orRefuse(id).orElseThrow();
        final SliceInfo finished;
        if (next == SliceState.FAILED) {
            finished = update(current.withState(SliceState.FAILED, clock.instant(), Optional.of("slice " + id
                + " was activated but the topology changed meanwhile and its reservation no longer fits ("
                + current.lastError().orElse("topology changed") + "): deactivate and delete it")));
        } else {
            finished = update(current.withState(next, clock.instant(), Optional.empty()));
        }
        return Futures.catchingAsync(Futures.transform(store.save(finished), x -> finished,
            MoreExecutors.directExecutor()), Throwable.class, failure -> fail(id, failure),
            MoreExecutors.directExecutor());
    }

    private ListenableFuture<SliceInfo> fail(final String id, final Throwable failure) {
        final SliceInfo failed = update(slices.get(id).withState(SliceState.FAILED, clock.instant(),
            Optional.of(message(failure))));
        return Futures.transformAsync(store.save(failed), x -> Futures.immediateFailedFuture(failure),
            MoreExecutors.directExecutor());
    }

    private SliceInfo update(final SliceInfo slice) {
        synchronized (this) {
            slices.put(slice.id(), slice);
            publish();
        }
        return slice;
    }

    private static String message(final Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }

    private <T> ListenableFuture<T> persist(final ListenableFuture<?> write, final T result, final Runnable undo) {
        final ListenableFuture<T> done = Futures.transform(write, ignored -> result, MoreExecutors.directExecutor());
        return Futures.catchingAsync(done, Throwable.class, failure -> {
            LOG.error("persisting a slice change failed, undoing it in memory", failure);
            synchronized (this) {
                undo.run();
                publish();
            }
            return Futures.immediateFailedFuture(new SliceException(Kind.INTERNAL, null,
                "could not persist the change in the datastore: " + message(failure), failure));
        }, MoreExecutors.directExecutor());
    }

    private Planning requirePlanning() throws SliceException {
        if (planning == null) {
            throw new SliceException(Kind.UNAVAILABLE, "no qslice topology is loaded: PUT one to "
                + "/rests/data/ietf-network:networks/network=<id> (see testbed/paper-topology.json) or use "
                + "qslice:topology-load");
        }
        return planning;
    }

    private SliceInfo requireSlice(final String sliceId) throws SliceException {
        final SliceInfo slice = slices.get(sliceId);
        if (slice == null) {
            throw new SliceException(Kind.MISSING, "slice-id", "slice " + sliceId + " does not exist", null);
        }
        return slice;
    }

    private Provisioner requireProvisioner(final String what) throws SliceException {
        return provisioner.get().orElseThrow(() -> new SliceException(Kind.UNAVAILABLE,
            "provisioning not available: cannot " + what + " slices, no device provisioner is installed"));
    }

    /**
     * Returns what the resource ledger holds for each slice (for tests and diagnostics): a slice's whole reservation,
     * or, for a slice a topology change left without one, the part that still fits (its client ports and VLANs).
     *
     * @return what is held, one entry per slice holding anything
     */
    public ListenableFuture<Collection<SliceReservation>> heldReservations() {
        return queue.submit(() -> Futures.immediateFuture(planning == null ? List.of() : slices.keySet().stream()
            .map(planning::holding).flatMap(Optional::stream).toList()));
    }
}
