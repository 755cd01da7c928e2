/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The last device operation (activation or deactivation) of a slice, step by step, with timings; what
 * {@code qslice:slice-show} prints and {@code /qslice-slice:provisioning} holds in the operational datastore.
 *
 * @param sliceId the slice
 * @param operation what ran
 * @param state provisioning state after (or during) the operation
 * @param started when it started
 * @param finished when it ended, if it has
 * @param totalUs wall time in microseconds: lock wait, checks, steps and rollback
 * @param lockWaitUs time spent waiting for the device locks
 * @param deviceUs sum of the step durations (device round trips)
 * @param journalUs time spent waiting for journal writes beyond the device work
 * @param error why it failed, naming device, step and device error
 * @param failedStep index of the step that failed
 * @param undoFailures steps that could not be undone, with the reason (empty: devices as before)
 * @param steps the device operations in the order they ran
 */
public record ProvisioningRecord(String sliceId, Operation operation, State state, Instant started,
        Optional<Instant> finished, long totalUs, long lockWaitUs, long deviceUs, long journalUs,
        Optional<String> error,
        OptionalInt failedStep, List<String> undoFailures, List<StepRecord> steps) {
    /**
     * Checks for nulls and copies the lists.
     */
    public ProvisioningRecord {
        requireNonNull(sliceId, "slice id");
        requireNonNull(operation, "operation");
        requireNonNull(state, "state");
        requireNonNull(started, "started");
        requireNonNull(finished, "finished");
        requireNonNull(error, "error");
        requireNonNull(failedStep, "failed step");
        undoFailures = List.copyOf(undoFailures);
        steps = List.copyOf(steps);
    }

    /**
     * The device operation.
     */
    public enum Operation {
        /** Configure the devices. */
        ACTIVATE,
        /** Remove the device configuration. */
        DEACTIVATE,
        /** Remove what an interrupted activation or deactivation may have left, after a controller restart. */
        RECOVER,
        /** Move connections to new paths, make-before-break: apply the new entries, then remove the old ones. */
        RESTORE;

        /**
         * Returns the YANG name.
         *
         * @return e.g. {@code activate}
         */
        public String yangName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Provisioning state of a slice's devices.
     */
    public enum State {
        /** Activation running. */
        PROVISIONING,
        /** Every step applied. */
        ACTIVE,
        /** Deactivation running. */
        DEPROVISIONING,
        /** Every step removed. */
        INACTIVE,
        /** The operation failed; see error and undo failures. */
        FAILED;

        /**
         * Returns the YANG name.
         *
         * @return e.g. {@code active}
         */
        public String yangName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What a step record did.
     */
    public enum Action {
        /** Wrote the step's configuration. */
        APPLY,
        /** Rolled back a step applied earlier in the same activation. */
        UNDO,
        /** Removed the step's configuration during deactivation. */
        REMOVE;

        /**
         * Returns the YANG name.
         *
         * @return e.g. {@code undo}
         */
        public String yangName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One device operation.
     *
     * @param seq execution order, from 1
     * @param index index of the step in the slice's plan, from 1
     * @param action what was done
     * @param lane swim lane ({@code ingress-switch}, {@code optical-switch}, {@code encryptor}, {@code key-refresh},
     *             {@code switch})
     * @param device the device as {@code site/name}, or {@code kms}
     * @param description what the step writes
     * @param ok whether it succeeded
     * @param durationUs its round trip in microseconds
     * @param error the device error if it failed
     */
    public record StepRecord(int seq, int index, Action action, String lane, String device, String description,
            boolean ok, long durationUs, Optional<String> error) {
        /**
         * Checks for nulls.
         */
        public StepRecord {
            requireNonNull(action, "action");
            requireNonNull(lane, "lane");
            requireNonNull(device, "device");
            requireNonNull(description, "description");
            requireNonNull(error, "error");
        }
    }
}
