/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.mdsal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ProvisioningState;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.provisioning.Slice;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.provisioning.SliceBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.provisioning.slice.Step;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.provisioning.slice.StepBuilder;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.qslice.api.model.ProvisioningRecord;
import org.qslice.api.model.ProvisioningRecord.Action;
import org.qslice.api.model.ProvisioningRecord.Operation;
import org.qslice.api.model.ProvisioningRecord.State;
import org.qslice.api.model.ProvisioningRecord.StepRecord;

/**
 * Converts provisioning records between the domain and the {@code qslice-slice:provisioning} bindings.
 */
public final class ProvisioningCodec {
    private ProvisioningCodec() {
        // utility class
    }

    /**
     * Converts a record for the operational datastore.
     *
     * @param record the record
     * @return the list entry
     */
    public static Slice binding(final ProvisioningRecord record) {
        final var steps = new ArrayList<Step>();
        for (StepRecord step : record.steps()) {
            steps.add(new StepBuilder()
                .setSeq(Uint16.valueOf(step.seq()))
                .setIndex(Uint16.valueOf(step.index()))
                .setAction(Step.Action.ofName(step.action().yangName()))
                .setLane(step.lane())
                .setDevice(step.device())
                .setDescription(step.description())
                .setResult(step.ok() ? Step.Result.Ok : Step.Result.Failed)
                .setDurationUs(Uint64.valueOf(step.durationUs()))
                .setError(step.error().orElse(null))
                .build());
        }
        return new SliceBuilder()
            .setSliceId(record.sliceId())
            .setOperation(Slice.Operation.ofName(record.operation().yangName()))
            .setState(ProvisioningState.ofName(record.state().yangName()))
            .setStarted(new DateAndTime(record.started().toString()))
            .setFinished(record.finished().map(when -> new DateAndTime(when.toString())).orElse(null))
            .setTotalUs(Uint64.valueOf(record.totalUs()))
            .setLockWaitUs(Uint64.valueOf(record.lockWaitUs()))
            .setDeviceUs(Uint64.valueOf(record.deviceUs()))
            .setJournalUs(Uint64.valueOf(record.journalUs()))
            .setError(record.error().orElse(null))
            .setFailedStep(record.failedStep().isPresent() ? Uint16.valueOf(record.failedStep().getAsInt()) : null)
            .setUndoFailure(record.undoFailures().isEmpty() ? null : record.undoFailures())
            .setStep(steps.isEmpty() ? null : steps)
            .build();
    }

    /**
     * Converts a stored record back.
     *
     * @param slice the list entry
     * @return the record
     */
    public static ProvisioningRecord record(final Slice slice) {
        final var steps = new ArrayList<StepRecord>();
        for (Step step : slice.nonnullStep()) {
            steps.add(new StepRecord(step.requireSeq().intValue(), step.requireIndex().intValue(),
                Action.valueOf(step.requireAction().getName().toUpperCase(Locale.ROOT)),
                Optional.ofNullable(step.getLane()).orElse(""), Optional.ofNullable(step.getDevice()).orElse(""),
                Optional.ofNullable(step.getDescription()).orElse(""), step.getResult() == Step.Result.Ok,
                step.getDurationUs() == null ? 0 : step.getDurationUs().longValue(),
                Optional.ofNullable(step.getError())));
        }
        steps.sort(Comparator.comparingInt(StepRecord::seq));
        return new ProvisioningRecord(slice.requireSliceId(),
            Operation.valueOf(slice.requireOperation().getName().toUpperCase(Locale.ROOT)),
            State.valueOf(slice.requireState().getName().toUpperCase(Locale.ROOT)),
            instant(slice.getStarted()).orElse(Instant.EPOCH), instant(slice.getFinished()),
            micros(slice.getTotalUs()), micros(slice.getLockWaitUs()), micros(slice.getDeviceUs()),
            micros(slice.getJournalUs()),
            Optional.ofNullable(slice.getError()),
            slice.getFailedStep() == null ? OptionalInt.empty() : OptionalInt.of(slice.getFailedStep().intValue()),
            slice.getUndoFailure() == null ? List.of() : slice.getUndoFailure(), steps);
    }

    private static long micros(final Uint64 value) {
        return value == null ? 0 : value.longValue();
    }

    private static Optional<Instant> instant(final DateAndTime value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.getValue()));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
