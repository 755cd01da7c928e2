/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.pce;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.qslice.api.model.AccessVlan;
import org.qslice.api.model.Bandwidth;
import org.qslice.api.model.Compute;
import org.qslice.api.model.ComputeReservation;
import org.qslice.api.model.DwdmChannel;
import org.qslice.api.model.KeySupply;
import org.qslice.api.model.Link;
import org.qslice.api.model.LinkReservation;
import org.qslice.api.model.Site;
import org.qslice.api.model.SliceReservation;

/**
 * The free resources of one topology version and the reservations held against it, per slice: bandwidth per link,
 * the free client-port numbers of every DWDM link (ports {@code 1..client-ports} minus the ports in use by outside
 * traffic minus the reserved ones), CPU cores and memory per compute site, and the QKD key demand per key source.
 *
 * <p>Key demand is counted per channel, not per connection: a link drawing QKD key that at least one held reservation
 * uses is one channel of its key source, whatever number of slices share it (see {@link KeyBudget}). The sources'
 * secret key rates start as the topology gives them and follow {@link #keyRateChanged}; {@link #reserve} refuses
 * a reservation whose new channels a source cannot carry, while {@link #rebuild} and a falling rate may leave a
 * source over-committed ({@link #overCommittedKeySources}).
 *
 * <p>Invariants: no free amount is ever negative, a client port is held by at most one slice, and a slice's
 * reservation is reserved and released as a whole ({@link #reserve} and {@link #release} check everything before
 * changing anything).
 *
 * <p>Thread-safety: the state is an immutable value published through a volatile field. {@link #reserve} and
 * {@link #release} are synchronized, build the next state and publish it in one write, so readers never block and
 * never see half a reservation. Each read method sees one state; for a consistent view across several reads take a
 * {@link #copy()} first. Copies are O(1) and independent: planning reserves tentatively on a copy without touching
 * the original.
 */
public final class ResourceLedger {
    /** The lowest VLAN the ledger hands out on access ports; the tags below are left to the link-facing ports. */
    public static final int ACCESS_VLAN_FIRST = 1000;

    private final TopologyIndex index;
    private volatile State state;

    private ResourceLedger(final TopologyIndex index, final State state) {
        this.index = index;
        this.state = state;
    }

    /**
     * Creates a ledger where everything is free.
     *
     * @param index the topology
     * @return the ledger
     */
    public static ResourceLedger empty(final TopologyIndex index) {
        return new ResourceLedger(requireNonNull(index), State.initial(index));
    }

    /**
     * Rebuilds the ledger of a topology from the reservations of existing slices, e.g. read from the datastore after
     * a restart or a topology change. Slices are restored in slice-id order. A part of a reservation that no longer
     * fits (link or site gone, site without compute, port out of range or in use, capacity shrunk below what is
     * held) is not held and is reported; the rest of that slice's reservation is held. The QKD key demand of the
     * channels held is recomputed and not checked: a source whose rate no longer carries it is over-committed, not a
     * restore problem ({@link #overCommittedKeySources}).
     *
     * @param index the (new) topology
     * @param reservations the reservations of the existing slices
     * @return the ledger and the problems found, empty if everything was restored
     */
    public static Restored rebuild(final TopologyIndex index, final Collection<SliceReservation> reservations) {
        final var sorted = new ArrayList<>(reservations);
        sorted.sort(Comparator.comparing(SliceReservation::sliceId));
        return rebuildInOrder(index, sorted);
    }

    /**
     * Rebuilds the ledger like {@link #rebuild}, restoring the reservations in the order given: the earlier ones
     * win a resource that no longer suffices for all (e.g. the slices that held their reservation before a topology
     * change, ahead of those that had lost it).
     *
     * @param index the (new) topology
     * @param sorted the reservations of the existing slices, in the order to restore them
     * @return the ledger and the problems found, empty if everything was restored
     */
    public static Restored rebuildInOrder(final TopologyIndex index, final List<SliceReservation> sorted) {
        final var ledger = empty(index);
        final var problems = new ArrayList<RestoreProblem>();
        final var work = ledger.state.mutableCopy();
        for (SliceReservation res : sorted) {
            final String slice = res.sliceId();
            if (work.held.containsKey(slice)) {
                problems.add(new RestoreProblem(slice, "slice " + slice + " is listed twice, second ignored"));
                continue;
            }
            final var keptLinks = new ArrayList<LinkReservation>();
            for (LinkReservation linkRes : res.links().values()) {
                final String problem = work.checkLink(index, linkRes);
                if (problem == null) {
                    work.applyLink(index, linkRes, -1);
                    keptLinks.add(linkRes);
                    continue;
                }
                // the client ports are identifiers the slice's devices may be configured with: while the link and
                // the ports exist and are free, they stay held with the bandwidth that is left, so no other slice
                // gets them; only the bandwidth short is reported
                final int link = index.linkIndex(linkRes.linkId());
                final LinkReservation portsOnly = link < 0 ? null : new LinkReservation(linkRes.linkId(),
                    Math.min(linkRes.bandwidthMbps(), work.freeBandwidth(link)), linkRes.clientPorts());
                if (portsOnly != null && !linkRes.clientPorts().isEmpty() && work.checkLink(index, portsOnly) == null) {
                    work.applyLink(index, portsOnly, -1);
                    keptLinks.add(portsOnly);
                    problems.add(new RestoreProblem(slice, "slice " + slice + ": " + problem + ", only "
                        + Bandwidth.format(portsOnly.bandwidthMbps()) + " and its client ports "
                        + linkRes.clientPorts() + " restored"));
                } else {
                    problems.add(new RestoreProblem(slice, "slice " + slice + ": " + problem + ", not restored"));
                }
            }
            final var keptCompute = new ArrayList<ComputeReservation>();
            for (ComputeReservation computeRes : res.compute().values()) {
                final String problem = work.checkCompute(index, computeRes);
                if (problem == null) {
                    work.applyCompute(index, computeRes, -1);
                    keptCompute.add(computeRes);
                } else {
                    problems.add(new RestoreProblem(slice, "slice " + slice + ": " + problem + ", not restored"));
                }
            }
            final var keptVlans = new ArrayList<AccessVlan>();
            for (AccessVlan vlan : res.accessVlans()) {
                final String problem = work.checkVlan(index, vlan);
                if (problem == null) {
                    work.applyVlan(index, vlan);
                    keptVlans.add(vlan);
                } else {
                    problems.add(new RestoreProblem(slice, "slice " + slice + ": " + problem + ", not restored"));
                }
            }
            work.held.put(slice, SliceReservation.of(slice, keptLinks, keptCompute, keptVlans));
        }
        ledger.state = work.freeze();
        return new Restored(ledger, List.copyOf(problems));
    }

    /**
     * The result of {@link #rebuild}.
     *
     * @param ledger the rebuilt ledger
     * @param problems parts of reservations that could not be restored
     */
    public record Restored(ResourceLedger ledger, List<RestoreProblem> problems) {
        /**
         * Checks the arguments and copies the list.
         */
        public Restored {
            requireNonNull(ledger);
            problems = List.copyOf(problems);
        }
    }

    /**
     * A part of a slice's reservation that could not be restored.
     *
     * @param sliceId the slice
     * @param message what and why, naming the link or site
     */
    public record RestoreProblem(String sliceId, String message) {
        /**
         * Checks the arguments.
         */
        public RestoreProblem {
            requireNonNull(sliceId);
            requireNonNull(message);
        }
    }

    /**
     * Returns the topology the ledger accounts for.
     *
     * @return the topology index
     */
    public TopologyIndex index() {
        return index;
    }

    /**
     * Returns an independent copy with the same state; O(1).
     *
     * @return the copy
     */
    public ResourceLedger copy() {
        return new ResourceLedger(index, state);
    }

    /**
     * Reserves everything a slice needs, or nothing.
     *
     * @param reservation the slice's reservation
     * @throws IllegalStateException naming the slice, the link or site and the resource if the slice already holds
     *     a reservation, a resource is not free, a key source cannot carry the new channels, or the reservation does
     *     not match the topology (unknown link or site, site without compute, client port outside the channel, ports
     *     on a link without channel or none on a link with one)
     */
    public synchronized void reserve(final SliceReservation reservation) {
        final State current = state;
        final String slice = reservation.sliceId();
        if (current.held.containsKey(slice)) {
            throw new IllegalStateException("slice " + slice + " already holds a reservation");
        }
        state = applied(current, current.mutableCopy(), reservation);
    }

    /**
     * Replaces what a slice holds with another reservation, all or nothing: e.g. restoration moving connections
     * while the old paths stay held, then releasing them. A channel the slice held before is no new key demand, so a
     * source whose rate fell below what is committed does not refuse the channels the slice keeps.
     *
     * @param reservation the slice's new reservation
     * @throws IllegalStateException as {@link #reserve}, and nothing changes
     */
    public synchronized void replace(final SliceReservation reservation) {
        final State current = state;
        final SliceReservation held = current.held.get(reservation.sliceId());
        if (held == null) {
            reserve(reservation);
            return;
        }
        final var work = current.mutableCopy();
        held.links().values().forEach(res -> work.applyLink(index, res, +1));
        held.compute().values().forEach(res -> work.applyCompute(index, res, +1));
        held.accessVlans().forEach(vlan -> work.applyVlan(index, vlan));
        work.held.remove(reservation.sliceId());
        state = applied(current, work, reservation);
    }

    /**
     * Applies a reservation to a working copy of a state: checks every resource, and the key sources of the channels
     * it adds to {@code before}; returns the next state, or throws with nothing published.
     */
    private State applied(final State before, final Work work, final SliceReservation reservation) {
        final State current = before;
        final String slice = reservation.sliceId();
        for (LinkReservation linkRes : reservation.links().values()) {
            final String problem = work.checkLink(index, linkRes);
            if (problem != null) {
                throw conflict(slice, problem);
            }
            work.applyLink(index, linkRes, -1);
        }
        final String keyProblem = keyProblem(current, work, reservation);
        if (keyProblem != null) {
            throw conflict(slice, keyProblem);
        }
        for (ComputeReservation computeRes : reservation.compute().values()) {
            final String problem = work.checkCompute(index, computeRes);
            if (problem != null) {
                throw conflict(slice, problem);
            }
            work.applyCompute(index, computeRes, -1);
        }
        for (AccessVlan vlan : reservation.accessVlans()) {
            final String problem = work.checkVlan(index, vlan);
            if (problem != null) {
                throw conflict(slice, problem);
            }
            work.applyVlan(index, vlan);
        }
        work.held.put(slice, reservation);
        return work.freeze();
    }

    /**
     * Releases everything a slice holds.
     *
     * @param sliceId the slice
     * @return what was released
     * @throws IllegalStateException if the slice holds no reservation
     */
    public synchronized SliceReservation release(final String sliceId) {
        final State current = state;
        final SliceReservation held = current.held.get(requireNonNull(sliceId));
        if (held == null) {
            throw new IllegalStateException("slice " + sliceId + " holds no reservation");
        }
        final var work = current.mutableCopy();
        held.links().values().forEach(res -> work.applyLink(index, res, +1));
        held.compute().values().forEach(res -> work.applyCompute(index, res, +1));
        held.accessVlans().forEach(vlan -> work.applyVlan(index, vlan));
        work.held.remove(sliceId);
        state = work.freeze();
        return held;
    }

    /**
     * Returns the free bandwidth of a link.
     *
     * @param linkId the link
     * @return free bandwidth, Mb/s
     * @throws IllegalArgumentException if there is no such link
     */
    public long freeBandwidthMbps(final String linkId) {
        return state.freeBandwidth[requireLink(linkId)];
    }

    /**
     * Returns the free client ports of a link, ascending; empty if the link has no DWDM channel.
     *
     * @param linkId the link
     * @return the free port numbers
     * @throws IllegalArgumentException if there is no such link
     */
    public List<Integer> freeClientPorts(final String linkId) {
        final int link = requireLink(linkId);
        return state.lowestFreePorts(index, link, Integer.MAX_VALUE);
    }

    /**
     * Returns the lowest free client ports of a link.
     *
     * @param linkId the link
     * @param count how many ports
     * @return the {@code count} lowest free port numbers, ascending
     * @throws IllegalArgumentException if there is no such link
     * @throws IllegalStateException if fewer ports are free
     */
    public List<Integer> lowestFreePorts(final String linkId, final int count) {
        final int link = requireLink(linkId);
        final List<Integer> ports = state.lowestFreePorts(index, link, count);
        if (ports.size() < count) {
            throw new IllegalStateException("link " + linkId + " has " + ports.size() + " free client ports, needs "
                + count);
        }
        return ports;
    }

    /**
     * Returns the lowest access VLANs of a site that no slice holds, from {@link #ACCESS_VLAN_FIRST} up.
     *
     * @param siteId the site
     * @param count how many
     * @return the VLANs, ascending; fewer than {@code count} if fewer are free
     * @throws IllegalArgumentException if there is no such site
     */
    public List<Integer> lowestFreeAccessVlans(final String siteId, final int count) {
        final int site = index.siteIndex(siteId);
        if (site < 0) {
            throw new IllegalArgumentException("unknown site " + siteId);
        }
        final long[] used = state.usedVlans[site];
        final var result = new ArrayList<Integer>();
        for (int vlan = ACCESS_VLAN_FIRST; vlan <= AccessVlan.MAX_VLAN && result.size() < count; vlan++) {
            if (used == null || (used[vlan / 64] & 1L << vlan % 64) == 0) {
                result.add(vlan);
            }
        }
        return result;
    }

    /**
     * Returns the free compute of a site.
     *
     * @param siteId the site
     * @return the free compute, empty if the site hosts no compute
     * @throws IllegalArgumentException if there is no such site
     */
    public Optional<Compute> freeCompute(final String siteId) {
        final int site = index.siteIndex(siteId);
        if (site < 0) {
            throw new IllegalArgumentException("unknown site " + siteId);
        }
        final State current = state;
        return index.site(site).compute().map(total -> current.freeCompute(site));
    }

    /**
     * Returns what a slice holds.
     *
     * @param sliceId the slice
     * @return its reservation, if it holds one
     */
    public Optional<SliceReservation> reservation(final String sliceId) {
        return Optional.ofNullable(state.held.get(sliceId));
    }

    /**
     * Returns all reservations held, by slice id.
     *
     * @return an immutable sorted map
     */
    public Map<String, SliceReservation> reservations() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(state.held));
    }

    /**
     * Returns why the channels a reservation adds do not fit their key sources, or null if they do: a source whose
     * channel count grows must admit the new count.
     */
    private String keyProblem(final State before, final Work after, final SliceReservation reservation) {
        final KeyBudget budget = index.keyBudget();
        for (LinkReservation linkRes : reservation.links().values()) {
            final int link = index.linkIndex(linkRes.linkId());
            final int source = index.linkSource(link);
            if (source >= 0 && before.linkHolders[link] == 0) {
                final int committed = before.sourceChannels[source];
                final int channels = after.sourceChannels(source);
                if (!budget.admits(channels, before.sourceRate[source])) {
                    return budget.refusal(index.describeKeyLink(link), committed, channels - committed,
                        before.sourceRate[source]);
                }
            }
        }
        return null;
    }

    /**
     * Sets the secret key rate of a QKD key source, e.g. as measured by the KMS, and returns its load. The rate
     * replaces the topology's until the ledger is rebuilt. Nothing is released: when the source is now
     * {@link KeySourceLoad#overCommitted() over-committed}, the load lists the channels in use and the slices holding
     * them, for the caller to restore or degrade.
     *
     * @param linkOrSource a link drawing from the source, or the source's id (a {@code qkd-link})
     * @param rateBps the new rate, bit/s, not negative (0: the QKD link is down)
     * @return the source's load under the new rate
     * @throws IllegalArgumentException if there is no such link or source, the link's key exchange does not use
     *     QKD, or the rate is negative or not finite
     */
    public synchronized KeySourceLoad keyRateChanged(final String linkOrSource, final double rateBps) {
        final int source = requireSource(linkOrSource);
        if (!(rateBps >= 0) || Double.isInfinite(rateBps)) {
            throw new IllegalArgumentException("secret key rate of qkd-link " + index.sourceId(source)
                + " must be a finite number >= 0, got " + rateBps);
        }
        final var work = state.mutableCopy();
        work.setRate(source, rateBps);
        state = work.freeze();
        return load(state, source);
    }

    /**
     * Returns the load of a QKD key source: its rate, the demand committed and the channels in use with the slices
     * holding them.
     *
     * @param linkOrSource a link drawing from the source, or the source's id
     * @return the load
     * @throws IllegalArgumentException if there is no such link or source, or the link's key exchange does not use
     *     QKD
     */
    public KeySourceLoad keyLoad(final String linkOrSource) {
        return load(state, requireSource(linkOrSource));
    }

    /**
     * Returns the key sources whose committed demand exceeds their secret key rate (after a rate fell, or a
     * rebuild on a topology with lower rates), sorted by source.
     *
     * @return their loads, empty if none
     */
    public List<KeySourceLoad> overCommittedKeySources() {
        final State current = state;
        final var result = new ArrayList<KeySourceLoad>();
        for (int source = 0; source < index.sourceCount(); source++) {
            if (current.sourceChannels[source] > 0 && !Double.isNaN(current.sourceRate[source])) {
                final KeySourceLoad load = load(current, source);
                if (load.overCommitted()) {
                    result.add(load);
                }
            }
        }
        return result;
    }

    /**
     * Returns the key supply of every QKD key source: rate, limit and the demand committed by the channels in use.
     *
     * @return per source, sorted by source
     */
    public List<KeySupply> keySupply() {
        final State current = state;
        final var result = new ArrayList<KeySupply>();
        for (int source = 0; source < index.sourceCount(); source++) {
            result.add(supply(current, current, source, channelsInUse(current, source)));
        }
        return result;
    }

    /**
     * Returns the key supply of a source as a plan sees it: the rate and the channels committed in {@code before},
     * the channels added in {@code after}, naming the given links.
     */
    KeySupply supply(final State before, final State after, final int source, final List<String> links) {
        final KeyBudget budget = index.keyBudget();
        final double rate = before.sourceRate[source];
        return new KeySupply(index.sourceId(source), links,
            Double.isNaN(rate) ? OptionalDouble.empty() : OptionalDouble.of(rate),
            Double.isNaN(rate) ? OptionalDouble.empty() : OptionalDouble.of(budget.limitBps(rate)),
            budget.demandBps(before.sourceChannels[source]),
            budget.demandBps(after.sourceChannels[source] - before.sourceChannels[source]));
    }

    private List<String> channelsInUse(final State current, final int source) {
        final var result = new ArrayList<String>();
        for (int link : index.sourceLinks(source)) {
            if (current.linkHolders[link] > 0) {
                result.add(index.link(link).id());
            }
        }
        return result;
    }

    private KeySourceLoad load(final State current, final int source) {
        final var channels = new TreeMap<String, List<String>>();
        for (String link : channelsInUse(current, source)) {
            channels.put(link, new ArrayList<>());
        }
        for (SliceReservation held : current.held.values()) {
            for (String link : held.links().keySet()) {
                final List<String> holders = channels.get(link);
                if (holders != null) {
                    holders.add(held.sliceId());
                }
            }
        }
        final double rate = current.sourceRate[source];
        final KeyBudget budget = index.keyBudget();
        return new KeySourceLoad(index.sourceId(source),
            Double.isNaN(rate) ? OptionalDouble.empty() : OptionalDouble.of(rate), budget.channelDemandBps(),
            budget.demandBps(current.sourceChannels[source]), channels);
    }

    private int requireSource(final String linkOrSource) {
        final int link = index.linkIndex(requireNonNull(linkOrSource));
        if (link >= 0) {
            final Link data = index.link(link);
            if (!data.keyExchange().usesQkd()) {
                throw new IllegalArgumentException("link " + linkOrSource + " has key-exchange "
                    + data.keyExchange().yangName() + ", it draws no QKD key");
            }
            return index.sourceIndex(data.keySource());
        }
        final int source = index.sourceIndex(linkOrSource);
        if (source < 0) {
            throw new IllegalArgumentException("unknown link or qkd-link " + linkOrSource);
        }
        return source;
    }

    State state() {
        return state;
    }

    private int requireLink(final String linkId) {
        final int link = index.linkIndex(linkId);
        if (link < 0) {
            throw new IllegalArgumentException("unknown link " + linkId);
        }
        return link;
    }

    private static IllegalStateException conflict(final String slice, final String problem) {
        return new IllegalStateException("cannot reserve slice " + slice + ": " + problem);
    }

    /**
     * One immutable state of the ledger. Arrays are indexed like the {@link TopologyIndex}; a set bit in
     * {@code freePorts} (word {@code portWordOffset(link) + (port - 1) / 64}) marks a free client port.
     */
    static final class State {
        final long[] freeBandwidth;
        final int[] freePortCount;
        final long[] freePorts;
        final long[] freeCpu;
        final long[] freeMemory;
        // per site, a bit set of the access VLANs held (bit v of word v / 64), null while none is held
        final long[][] usedVlans;
        // per link, how many held reservations use it
        final int[] linkHolders;
        // per key source, how many of its links drawing QKD key are in use (channels)
        final int[] sourceChannels;
        // per key source, its secret key rate, NaN if not limited
        final double[] sourceRate;
        final Map<String, SliceReservation> held;

        @SuppressWarnings("checkstyle:ParameterNumber")
        private State(final long[] freeBandwidth, final int[] freePortCount, final long[] freePorts,
                final long[] freeCpu, final long[] freeMemory, final long[][] usedVlans, final int[] linkHolders,
                final int[] sourceChannels, final double[] sourceRate, final Map<String, SliceReservation> held) {
            this.freeBandwidth = freeBandwidth;
            this.freePortCount = freePortCount;
            this.freePorts = freePorts;
            this.freeCpu = freeCpu;
            this.freeMemory = freeMemory;
            this.usedVlans = usedVlans;
            this.linkHolders = linkHolders;
            this.sourceChannels = sourceChannels;
            this.sourceRate = sourceRate;
            this.held = held;
        }

        static State initial(final TopologyIndex index) {
            final int links = index.linkCount();
            final var bandwidth = new long[links];
            final var portCount = new int[links];
            final var ports = new long[index.portWordCount()];
            for (int i = 0; i < links; i++) {
                final Link link = index.link(i);
                bandwidth[i] = link.capacityMbps();
                if (link.channel().isPresent()) {
                    final DwdmChannel channel = link.channel().orElseThrow();
                    for (int port = 1; port <= channel.clientPorts(); port++) {
                        if (!channel.portsInUse().contains(port)) {
                            ports[index.portWordOffset(i) + (port - 1) / 64] |= 1L << (port - 1) % 64;
                            portCount[i]++;
                        }
                    }
                }
            }
            final var cpu = new long[index.siteCount()];
            final var memory = new long[index.siteCount()];
            for (int i = 0; i < cpu.length; i++) {
                final Compute total = index.site(i).compute().orElse(Compute.ZERO);
                cpu[i] = total.cpuCores();
                memory[i] = total.memoryGb();
            }
            final var rates = new double[index.sourceCount()];
            for (int i = 0; i < rates.length; i++) {
                rates[i] = index.sourceRate(i);
            }
            return new State(bandwidth, portCount, ports, cpu, memory, new long[index.siteCount()][],
                new int[links], new int[index.sourceCount()], rates, Map.of());
        }

        Work mutableCopy() {
            return new Work(this);
        }

        Compute freeCompute(final int site) {
            return new Compute(freeCpu[site], freeMemory[site]);
        }

        boolean portFree(final TopologyIndex index, final int link, final int port) {
            return (freePorts[index.portWordOffset(link) + (port - 1) / 64] & 1L << (port - 1) % 64) != 0;
        }

        List<Integer> lowestFreePorts(final TopologyIndex index, final int link, final int count) {
            final int ports = index.link(link).channel().map(DwdmChannel::clientPorts).orElse(0);
            final var result = new ArrayList<Integer>();
            for (int port = 1; port <= ports && result.size() < count; port++) {
                if (portFree(index, link, port)) {
                    result.add(port);
                }
            }
            return result;
        }
    }

    /**
     * A state being changed: private copies of the arrays, frozen into a {@link State} when done.
     */
    private static final class Work {
        private long[] freeBandwidth;
        private int[] freePortCount;
        private long[] freePorts;
        private long[] freeCpu;
        private long[] freeMemory;
        private long[][] usedVlans;
        private int[] linkHolders;
        private int[] sourceChannels;
        private double[] sourceRate;
        private final Map<String, SliceReservation> held;
        private final BitSet vlanSitesCopied = new BitSet();
        private boolean linksCopied;
        private boolean computeCopied;

        Work(final State from) {
            freeBandwidth = from.freeBandwidth;
            freePortCount = from.freePortCount;
            freePorts = from.freePorts;
            freeCpu = from.freeCpu;
            freeMemory = from.freeMemory;
            usedVlans = from.usedVlans;
            linkHolders = from.linkHolders;
            sourceChannels = from.sourceChannels;
            sourceRate = from.sourceRate;
            held = new HashMap<>(from.held);
        }

        State freeze() {
            return new State(freeBandwidth, freePortCount, freePorts, freeCpu, freeMemory, usedVlans, linkHolders,
                sourceChannels, sourceRate, Map.copyOf(held));
        }

        /**
         * Copies the link arrays before their first change, so unchanged arrays stay shared between states.
         */
        private void copyLinks() {
            if (!linksCopied) {
                freeBandwidth = freeBandwidth.clone();
                freePortCount = freePortCount.clone();
                freePorts = freePorts.clone();
                linkHolders = linkHolders.clone();
                sourceChannels = sourceChannels.clone();
                linksCopied = true;
            }
        }

        int sourceChannels(final int source) {
            return sourceChannels[source];
        }

        void setRate(final int source, final double rateBps) {
            sourceRate = sourceRate.clone();
            sourceRate[source] = rateBps;
        }

        private void copyCompute() {
            if (!computeCopied) {
                freeCpu = freeCpu.clone();
                freeMemory = freeMemory.clone();
                computeCopied = true;
            }
        }

        long freeBandwidth(final int link) {
            return freeBandwidth[link];
        }

        /**
         * Returns why a link reservation cannot be taken from this state, or null if it can.
         */
        String checkLink(final TopologyIndex index, final LinkReservation res) {
            final int link = index.linkIndex(res.linkId());
            if (link < 0) {
                return "link " + res.linkId() + " (" + Bandwidth.format(res.bandwidthMbps())
                    + ") is not in the topology";
            }
            if (freeBandwidth[link] < res.bandwidthMbps()) {
                return "link " + res.linkId() + " has " + Bandwidth.format(freeBandwidth[link]) + " free, needs "
                    + Bandwidth.format(res.bandwidthMbps());
            }
            final Optional<DwdmChannel> channel = index.link(link).channel();
            if (channel.isEmpty()) {
                return res.clientPorts().isEmpty() ? null
                    : "link " + res.linkId() + " has no DWDM channel, so no client ports " + res.clientPorts();
            }
            if (res.clientPorts().isEmpty()) {
                return "link " + res.linkId() + " is a DWDM channel, the reservation holds no client port";
            }
            final int ports = channel.orElseThrow().clientPorts();
            for (int port : res.clientPorts()) {
                if (port > ports) {
                    return "client port " + port + " of link " + res.linkId() + " is outside 1.." + ports;
                }
                if ((freePorts[index.portWordOffset(link) + (port - 1) / 64] & 1L << (port - 1) % 64) == 0) {
                    return "client port " + port + " of link " + res.linkId() + " is not free";
                }
            }
            return null;
        }

        /**
         * Takes ({@code sign = -1}) or gives back ({@code sign = +1}) a link reservation.
         */
        void applyLink(final TopologyIndex index, final LinkReservation res, final int sign) {
            copyLinks();
            final int link = index.linkIndex(res.linkId());
            freeBandwidth[link] += sign * res.bandwidthMbps();
            for (int port : res.clientPorts()) {
                freePorts[index.portWordOffset(link) + (port - 1) / 64] ^= 1L << (port - 1) % 64;
                freePortCount[link] += sign;
            }
            // a channel draws key from its source while at least one reservation uses it
            linkHolders[link] -= sign;
            final int source = index.linkSource(link);
            if (source >= 0 && linkHolders[link] == (sign < 0 ? 1 : 0)) {
                sourceChannels[source] -= sign;
            }
        }

        String checkCompute(final TopologyIndex index, final ComputeReservation res) {
            final int site = index.siteIndex(res.siteId());
            if (site < 0) {
                return "site " + res.siteId() + " (" + res.amount() + ") is not in the topology";
            }
            final Site siteData = index.site(site);
            if (siteData.compute().isEmpty()) {
                return "site " + res.siteId() + " hosts no compute";
            }
            if (freeCpu[site] < res.cpuCores()) {
                return "site " + res.siteId() + " has " + freeCpu[site] + " free cpu cores, needs "
                    + res.cpuCores();
            }
            if (freeMemory[site] < res.memoryGb()) {
                return "site " + res.siteId() + " has " + freeMemory[site] + " GB free memory, needs "
                    + res.memoryGb();
            }
            return null;
        }

        /**
         * Returns why an access VLAN cannot be taken from this state, or null if it can.
         */
        String checkVlan(final TopologyIndex index, final AccessVlan vlan) {
            final int site = index.siteIndex(vlan.siteId());
            if (site < 0) {
                return "site " + vlan.siteId() + " (access VLAN " + vlan.vlan() + ") is not in the topology";
            }
            if (vlan.vlan() < ACCESS_VLAN_FIRST) {
                return vlan + " is below the access VLAN range " + ACCESS_VLAN_FIRST + ".." + AccessVlan.MAX_VLAN;
            }
            final long[] used = usedVlans[site];
            if (used != null && (used[vlan.vlan() / 64] & 1L << vlan.vlan() % 64) != 0) {
                return vlan + " is held by another slice";
            }
            return null;
        }

        /**
         * Takes an access VLAN that is free, or gives back one that is held (the bit flips).
         */
        void applyVlan(final TopologyIndex index, final AccessVlan vlan) {
            final int site = index.siteIndex(vlan.siteId());
            if (!vlanSitesCopied.get(site)) {
                if (vlanSitesCopied.isEmpty()) {
                    usedVlans = usedVlans.clone();
                }
                final long[] used = usedVlans[site];
                usedVlans[site] = used == null ? new long[AccessVlan.MAX_VLAN / 64 + 1] : used.clone();
                vlanSitesCopied.set(site);
            }
            usedVlans[site][vlan.vlan() / 64] ^= 1L << vlan.vlan() % 64;
        }

        void applyCompute(final TopologyIndex index, final ComputeReservation res, final int sign) {
            copyCompute();
            final int site = index.siteIndex(res.siteId());
            freeCpu[site] += sign * res.cpuCores();
            freeMemory[site] += sign * res.memoryGb();
        }
    }
}
