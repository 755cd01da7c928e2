/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.PoolId;
import org.qslice.api.model.KeyExchange;
import org.qslice.api.model.ProvisioningRecord.Operation;
import org.qslice.impl.device.EncryptorPort;

/**
 * The provisioning journal of one slice: the complete plan of its last activation (every entry each step writes,
 * with every identifier) and how far each step got on its device. It is stored before the first device is touched
 * and updated before every edit and removal, so after a crash it says exactly which devices may hold what. Removal
 * (deactivation, rollback, recovery) is always driven from it, never recomputed from the topology.
 *
 * @param sliceId the slice
 * @param operation the operation that last wrote it ({@link Operation#RECOVER} while a recovery is unfinished)
 * @param started when that operation started
 * @param steps the plan's steps with their states, in plan order
 */
public record Journal(String sliceId, Operation operation, Instant started, List<Entry> steps) {
    /**
     * What the journal knows of a step on its device.
     */
    public enum StepState {
        /** Not sent yet: the device holds nothing of it. */
        PLANNED,
        /** Recorded before its edit is sent: the device may or may not hold the entries. */
        APPLYING,
        /** The device confirmed the edit. */
        APPLIED,
        /** Recorded before its removal is sent: the device may still hold some entries. */
        REMOVING,
        /** The device confirmed the removal (or never held the entries). */
        REMOVED,
        /** The last edit or removal failed with an uncertain outcome: the device may hold some entries. */
        FAILED;

        /**
         * Tells whether the device may hold some of the step's entries.
         *
         * @return false only for {@link #PLANNED} and {@link #REMOVED}
         */
        public boolean mayHold() {
            return this != PLANNED && this != REMOVED;
        }

        /**
         * Returns the YANG name.
         *
         * @return e.g. {@code applying}
         */
        public String yangName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What a step is to a restoration that runs (or was interrupted).
     */
    public enum Role {
        /** Entries of the current paths, kept (every step outside a restoration). */
        CURRENT,
        /** Entries of a new path: applied by the restoration, undone if it rolls back. */
        ADDED,
        /** Entries of a path the restoration leaves: removed once every added step is applied. */
        RETIRING;

        /**
         * Returns the YANG name.
         *
         * @return e.g. {@code retiring}
         */
        public String yangName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One step and its state.
     *
     * @param step the step, with everything it writes
     * @param state how far it got
     * @param role what the step is to a restoration, {@link Role#CURRENT} outside one
     */
    public record Entry(Step step, StepState state, Role role) {
        /**
         * Checks for nulls.
         */
        public Entry {
            requireNonNull(step, "step");
            requireNonNull(state, "state");
            requireNonNull(role, "role");
        }

        /**
         * Creates an entry of the current paths.
         *
         * @param step the step
         * @param state its state
         */
        public Entry(final Step step, final StepState state) {
            this(step, state, Role.CURRENT);
        }
    }

    /**
     * Checks the steps: indexed from 1 in order, like a {@link ProvisioningPlan}.
     */
    public Journal {
        requireNonNull(sliceId, "slice id");
        requireNonNull(operation, "operation");
        requireNonNull(started, "started");
        steps = List.copyOf(steps);
        new ProvisioningPlan(sliceId, steps.stream().map(Entry::step).toList());
    }

    /**
     * Returns the journal of a plan nothing of which has been sent yet.
     *
     * @param plan the plan
     * @param started when the activation started
     * @return the journal, every step planned
     */
    public static Journal planned(final ProvisioningPlan plan, final Instant started) {
        return new Journal(plan.sliceId(), Operation.ACTIVATE, started, plan.steps().stream()
            .map(step -> new Entry(step, StepState.PLANNED)).toList());
    }

    /**
     * Returns the journal of a plan whose every step a device may hold (a slice activated before journals existed).
     *
     * @param plan the plan
     * @param started when
     * @return the journal, every step applied
     */
    public static Journal applied(final ProvisioningPlan plan, final Instant started) {
        return new Journal(plan.sliceId(), Operation.ACTIVATE, started, plan.steps().stream()
            .map(step -> new Entry(step, StepState.APPLIED)).toList());
    }

    /**
     * Returns the plan the journal holds.
     *
     * @return the plan
     */
    public ProvisioningPlan plan() {
        return new ProvisioningPlan(sliceId, steps.stream().map(Entry::step).toList());
    }

    /**
     * Returns this journal with some steps in new states.
     *
     * @param states new states by step index
     * @return the journal
     */
    public Journal with(final Map<Integer, StepState> states) {
        final var updated = new ArrayList<Entry>(steps.size());
        for (Entry entry : steps) {
            final StepState state = states.get(entry.step().index());
            updated.add(state == null ? entry : new Entry(entry.step(), state, entry.role()));
        }
        return new Journal(sliceId, operation, started, updated);
    }

    /**
     * Returns this journal with a channel switched to another key-exchange method ({@code change-key-exchange}): the
     * encrypting ports of the line run the method and draw from its pool, the KMS registration of the channel names
     * its key type. Step states and roles stay.
     *
     * @param line the line (link id)
     * @param method the method
     * @param keyType its key type
     * @return the journal, this one if nothing of the line is in it
     */
    public Journal withKeyExchange(final String line, final KeyExchange method, final KeyType keyType) {
        final String keySource = new PoolId(line, keyType).toString();
        final var updated = new ArrayList<Entry>(steps.size());
        for (Entry entry : steps) {
            final Step step = entry.step();
            final Step.Change change = switch (step.change()) {
                case Step.EncryptorConfig config -> new Step.EncryptorConfig(config.ports().stream().map(port ->
                    !port.line().equals(line) || !port.encryption() ? port : new EncryptorPort(port.name(),
                        port.description(), port.line(), port.channel(), port.portNumber(), port.vlan(), true, method,
                        keySource, port.refreshIntervalMs())).toList());
                case Step.KeyRefresh refresh -> new Step.KeyRefresh(refresh.channels().stream().map(channel ->
                    !channel.channelId().equals(line) ? channel : new ChannelRefresh(line, keyType,
                        channel.masterSaeId(), channel.slaveSaeId(), channel.interval())).toList());
                default -> step.change();
            };
            updated.add(new Entry(new Step(step.index(), step.lane(), step.device(), change), entry.state(),
                entry.role()));
        }
        return updated.equals(steps) ? this : new Journal(sliceId, operation, started, updated);
    }

    /**
     * Returns this journal as written by another operation.
     *
     * @param newOperation the operation
     * @param when when it started
     * @return the journal
     */
    public Journal by(final Operation newOperation, final Instant when) {
        return new Journal(sliceId, newOperation, when, steps);
    }

    /**
     * Returns the state of a step.
     *
     * @param index the step's index
     * @return its state
     */
    public StepState state(final int index) {
        return steps.get(index - 1).state();
    }

    /**
     * Returns the steps whose device may hold some of their entries.
     *
     * @return the steps, in plan order
     */
    public List<Step> mayHold() {
        return steps.stream().filter(entry -> entry.state().mayHold()).map(Entry::step).toList();
    }

    /**
     * Returns what may still hold some of the slice's configuration.
     *
     * @return device ids ({@code site/name}, {@code kms} for key-rotation registrations), in plan order
     */
    public Set<String> targetsThatMayHold() {
        final var targets = new LinkedHashSet<String>();
        mayHold().forEach(step -> targets.add(step.target()));
        return targets;
    }

    /**
     * Returns the step an operation was interrupted at: the first one whose edit or removal was sent unconfirmed.
     *
     * @return the step, empty if none was in flight
     */
    public Optional<Step> inFlight() {
        return steps.stream().filter(entry -> entry.state() == StepState.APPLYING
            || entry.state() == StepState.REMOVING).map(Entry::step).findFirst();
    }
}
