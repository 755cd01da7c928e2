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
import org.qslice.api.SliceException;
import org.qslice.api.model.ProvisioningRecord.Operation;
import org.qslice.api.model.SliceInfo;
import org.qslice.api.model.Topology;
import org.qslice.impl.slice.Provisioned;
import org.qslice.impl.slice.Provisioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's {@link Provisioner}: translates the slice, runs the plan on the {@link ProvisioningEngine} and
 * keeps the provisioning record (state and per-step timings) in a {@link RecordStore}. A failed activation has been
 * rolled back by the engine; its future fails with a {@link SliceException} naming the failing device, step and
 * device error, and the steps that could not be undone.
 */
public final class DeviceProvisioner implements Provisioner {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceProvisioner.class);

    private final Translator translator;
    private final ProvisioningEngine engine;
    private final RecordStore records;
    private final Clock clock;

    /**
     * Creates the provisioner.
     *
     * @param translator slice to steps
     * @param engine runs the steps
     * @param records where records go
     * @param clock wall clock
     */
    public DeviceProvisioner(final Translator translator, final ProvisioningEngine engine, final RecordStore records,
            final Clock clock) {
        this.translator = requireNonNull(translator);
        this.engine = requireNonNull(engine);
        this.records = requireNonNull(records);
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

    @Override
    public ListenableFuture<Provisioned> activate(final SliceInfo slice, final Topology topology) {
        return run(slice, topology, Operation.ACTIVATE);
    }

    @Override
    public ListenableFuture<Provisioned> deactivate(final SliceInfo slice, final Topology topology) {
        return run(slice, topology, Operation.DEACTIVATE);
    }

    @Override
    public ListenableFuture<?> forget(final String sliceId) {
        return logged(records.remove(sliceId), sliceId);
    }

    private ListenableFuture<Provisioned> run(final SliceInfo slice, final Topology topology,
            final Operation operation) {
        final ProvisioningPlan plan;
        try {
            plan = translator.translate(slice, topology);
        } catch (SliceException e) {
            return Futures.immediateFailedFuture(e);
        }
        final ListenableFuture<?> startSaved = logged(records.save(ProvisioningEngine.starting(slice.id(), operation,
            clock.instant())), slice.id());
        final var outcome = operation == Operation.ACTIVATE ? engine.activate(plan) : engine.deactivate(plan);
        return Futures.transform(outcome, done -> {
            // the final record replaces the starting one: write it after that; the caller stores the slice's state
            // meanwhile and waits for both
            final ListenableFuture<?> saved = Futures.transformAsync(startSaved,
                ignored -> logged(records.save(done.record()), slice.id()), MoreExecutors.directExecutor());
            return new Provisioned(done.failure().map(Throwable.class::cast), saved);
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
