/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.List;
import java.util.function.Function;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ActivateSlice;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ActivateSliceInput;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ActivateSliceOutput;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ActivateSliceOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.CheckSlice;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.CheckSliceInput;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.CheckSliceOutput;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.CheckSliceOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ComputeSlice;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ComputeSliceInput;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ComputeSliceOutput;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ComputeSliceOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.CreateSlice;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.CreateSliceInput;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.CreateSliceOutput;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.CreateSliceOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.DeactivateSlice;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.DeactivateSliceInput;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.DeactivateSliceOutput;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.DeactivateSliceOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.DeleteSlice;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.DeleteSliceInput;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.DeleteSliceOutput;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.DeleteSliceOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.RepairSlice;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.RepairSliceInput;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.RepairSliceOutput;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.RepairSliceOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.compute.slice.output.Connection;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.drift.report.Device;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.drift.report.DeviceBuilder;
import org.opendaylight.yangtools.binding.Rpc;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.qslice.api.SliceException;
import org.qslice.api.SliceException.Kind;
import org.qslice.api.model.ConnectionPlan;
import org.qslice.api.model.DeviceDrift;
import org.qslice.api.model.SliceRequest;
import org.qslice.impl.slice.SliceManager;

/**
 * The {@code qslice-slice} RPCs: each converts its input, delegates to the {@link SliceManager} and converts back.
 */
public final class SliceRpcs {
    private SliceRpcs() {
        // utility class
    }

    /**
     * Creates all slice RPC implementations.
     *
     * @param manager the orchestrator
     * @return the implementations, to register
     */
    public static List<Rpc<?, ?>> all(final SliceManager manager) {
        return List.of(new ComputeSliceImpl(manager), new CreateSliceImpl(manager), new DeleteSliceImpl(manager),
            new ActivateSliceImpl(manager), new DeactivateSliceImpl(manager), new CheckSliceImpl(manager),
            new RepairSliceImpl(manager));
    }

    private static List<Connection> results(final List<ConnectionPlan> plans) {
        return plans.stream().map(SliceCodec::result).toList();
    }

    /**
     * Converts a request input and runs the operation on it; a malformed input is answered as an error result.
     */
    private static <T, O> ListenableFuture<RpcResult<O>> onRequest(
            final org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.SliceRequest input,
            final Function<SliceRequest, ListenableFuture<T>> operation, final Function<T, O> output) {
        final SliceRequest request;
        try {
            request = SliceCodec.request(input);
        } catch (SliceException e) {
            return Futures.immediateFuture(RpcResults.failed(e));
        }
        return RpcResults.from(operation.apply(request), output);
    }

    /**
     * Checks a slice-id input and runs the operation on it.
     */
    private static <T, O> ListenableFuture<RpcResult<O>> onSlice(final String sliceId,
            final Function<String, ListenableFuture<T>> operation, final Function<T, O> output) {
        if (sliceId == null || sliceId.isBlank()) {
            return Futures.immediateFuture(RpcResults.failed(
                new SliceException(Kind.INVALID, "slice-id", "slice-id is mandatory", null)));
        }
        return RpcResults.from(operation.apply(sliceId), output);
    }

    /**
     * {@code compute-slice}.
     *
     * @param manager the orchestrator
     */
    record ComputeSliceImpl(SliceManager manager) implements ComputeSlice {
        ComputeSliceImpl {
            requireNonNull(manager);
        }

        @Override
        public ListenableFuture<RpcResult<ComputeSliceOutput>> invoke(final ComputeSliceInput input) {
            return onRequest(input, manager::compute, plan -> new ComputeSliceOutputBuilder()
                .setFeasible(plan.feasible())
                .setReason(plan.reason().orElse(null))
                .setConnection(results(plan.connections()))
                .setKeySupply(SliceCodec.keySupply(plan.keySupply()))
                .build());
        }
    }

    /**
     * {@code create-slice}.
     *
     * @param manager the orchestrator
     */
    record CreateSliceImpl(SliceManager manager) implements CreateSlice {
        CreateSliceImpl {
            requireNonNull(manager);
        }

        @Override
        public ListenableFuture<RpcResult<CreateSliceOutput>> invoke(final CreateSliceInput input) {
            return onRequest(input, manager::create, slice -> new CreateSliceOutputBuilder()
                .setSliceId(slice.id())
                .setState(YangEnums.toYang(slice.state()))
                .setConnection(results(slice.connections()).stream()
                    .map(result -> new org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.create.slice.output
                        .ConnectionBuilder(result).build())
                    .toList())
                .build());
        }
    }

    /**
     * {@code delete-slice}.
     *
     * @param manager the orchestrator
     */
    record DeleteSliceImpl(SliceManager manager) implements DeleteSlice {
        DeleteSliceImpl {
            requireNonNull(manager);
        }

        @Override
        public ListenableFuture<RpcResult<DeleteSliceOutput>> invoke(final DeleteSliceInput input) {
            return onSlice(input.getSliceId(), manager::delete, deleted -> new DeleteSliceOutputBuilder()
                .setSliceId(deleted).build());
        }
    }

    /**
     * {@code activate-slice}.
     *
     * @param manager the orchestrator
     */
    record ActivateSliceImpl(SliceManager manager) implements ActivateSlice {
        ActivateSliceImpl {
            requireNonNull(manager);
        }

        @Override
        public ListenableFuture<RpcResult<ActivateSliceOutput>> invoke(final ActivateSliceInput input) {
            return onSlice(input.getSliceId(), manager::activate, slice -> new ActivateSliceOutputBuilder()
                .setSliceId(slice.id()).setState(YangEnums.toYang(slice.state())).build());
        }
    }

    /**
     * {@code deactivate-slice}.
     *
     * @param manager the orchestrator
     */
    record DeactivateSliceImpl(SliceManager manager) implements DeactivateSlice {
        DeactivateSliceImpl {
            requireNonNull(manager);
        }

        @Override
        public ListenableFuture<RpcResult<DeactivateSliceOutput>> invoke(final DeactivateSliceInput input) {
            return onSlice(input.getSliceId(), manager::deactivate, slice -> new DeactivateSliceOutputBuilder()
                .setSliceId(slice.id()).setState(YangEnums.toYang(slice.state())).build());
        }
    }

    /**
     * Converts a drift report's devices into the {@code drift-report} grouping's list.
     *
     * @param report the report
     * @return the entries, in the report's order
     */
    static List<Device> devices(final DeviceDrift.Report report) {
        return report.devices().stream().map(drift -> new DeviceBuilder()
            .setName(drift.device())
            .setMissing(drift.missing().isEmpty() ? null : drift.missing())
            .setChanged(drift.changed().isEmpty() ? null : drift.changed())
            .setForeign(drift.foreign().isEmpty() ? null : drift.foreign())
            .setError(drift.error().orElse(null))
            .build()).toList();
    }

    /**
     * {@code check-slice}.
     *
     * @param manager the orchestrator
     */
    record CheckSliceImpl(SliceManager manager) implements CheckSlice {
        CheckSliceImpl {
            requireNonNull(manager);
        }

        @Override
        public ListenableFuture<RpcResult<CheckSliceOutput>> invoke(final CheckSliceInput input) {
            return onSlice(input.getSliceId(), manager::check, report -> new CheckSliceOutputBuilder()
                .setSliceId(input.getSliceId()).setInSync(report.inSync()).setDevice(devices(report)).build());
        }
    }

    /**
     * {@code repair-slice}.
     *
     * @param manager the orchestrator
     */
    record RepairSliceImpl(SliceManager manager) implements RepairSlice {
        RepairSliceImpl {
            requireNonNull(manager);
        }

        @Override
        public ListenableFuture<RpcResult<RepairSliceOutput>> invoke(final RepairSliceInput input) {
            return onSlice(input.getSliceId(), manager::repair, report -> new RepairSliceOutputBuilder()
                .setSliceId(input.getSliceId()).setInSync(report.inSync()).setDevice(devices(report))
                .setRepaired(report.repaired().isEmpty() ? null : report.repaired()).build());
        }
    }
}
