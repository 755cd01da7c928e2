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
import com.google.common.util.concurrent.MoreExecutors;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMSchemaService;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.network.rev180226.Networks;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.network.rev180226.networks.Network;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ActivateSlice;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ActivateSliceInputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.CheckSlice;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.CheckSliceInputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ComputeSlice;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ComputeSliceInputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.CreateSlice;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.CreateSliceInputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.DeactivateSlice;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.DeactivateSliceInputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.DeleteSlice;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.DeleteSliceInputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.RepairSlice;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.RepairSliceInputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.Slices;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.ChangeKeyExchange;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.ChangeKeyExchangeInputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.DeprecateKeyExchange;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.DeprecateKeyExchangeInputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.LinkOperState;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.ReportLinkState;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.ReportLinkStateInputBuilder;
import org.opendaylight.yangtools.binding.data.codec.api.BindingNormalizedNodeSerializer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.qslice.api.SliceException;
import org.qslice.api.SliceException.Kind;
import org.qslice.api.SliceService;
import org.qslice.api.model.DeviceDrift;
import org.qslice.api.model.KeyExchange;
import org.qslice.api.model.ProvisioningRecord;
import org.qslice.api.model.SliceInfo;
import org.qslice.api.model.SlicePlan;
import org.qslice.api.model.SliceRequest;
import org.qslice.api.model.Topology;
import org.qslice.api.model.TopologyStatus;
import org.qslice.impl.slice.PcePlanning;

/**
 * {@link SliceService} for the console and other bundles, usable on every cluster node: changes go through the
 * {@code qslice-slice} RPCs (which MD-SAL routes to the orchestrator singleton), reads come from the datastore.
 */
@Component(service = SliceService.class)
public final class SliceServiceImpl implements SliceService {
    private final RpcService rpcs;
    private final DataBroker broker;
    private final TopologyLoader loader;

    /**
     * Creates the service.
     *
     * @param rpcs RPC consumer service
     * @param broker data broker
     * @param schema DOM schema service (for parsing topology files)
     * @param serializer binding codec (for parsing topology files)
     */
    @Activate
    public SliceServiceImpl(@Reference final RpcService rpcs, @Reference final DataBroker broker,
            @Reference final DOMSchemaService schema, @Reference final BindingNormalizedNodeSerializer serializer) {
        this.rpcs = requireNonNull(rpcs);
        this.broker = requireNonNull(broker);
        loader = new TopologyLoader(schema, serializer);
    }

    @Override
    public CompletionStage<SlicePlan> compute(final SliceRequest request) {
        final var input = new ComputeSliceInputBuilder(SliceCodec.requestBinding(request)).build();
        return stage(Futures.transformAsync(rpcs.getRpc(ComputeSlice.class).invoke(input), result -> {
            final var output = unchecked(result);
            final var plans = output.nonnullConnection().stream().map(SliceCodec::plan).toList();
            return Futures.immediateFuture(new SlicePlan(request.id(), Boolean.TRUE.equals(output.getFeasible()),
                Optional.ofNullable(output.getReason()), plans,
                output.nonnullKeySupply().values().stream().map(SliceCodec::keySupply).toList()));
        }, MoreExecutors.directExecutor()));
    }

    @Override
    public CompletionStage<SliceInfo> create(final SliceRequest request) {
        final var input = new CreateSliceInputBuilder(SliceCodec.requestBinding(request)).build();
        return stage(Futures.transformAsync(rpcs.getRpc(CreateSlice.class).invoke(input), result -> {
            unchecked(result);
            return readSlice(request.id());
        }, MoreExecutors.directExecutor()));
    }

    @Override
    public CompletionStage<Void> delete(final String sliceId) {
        return stage(Futures.transformAsync(rpcs.getRpc(DeleteSlice.class).invoke(new DeleteSliceInputBuilder()
            .setSliceId(sliceId).build()), result -> {
                unchecked(result);
                return Futures.<Void>immediateFuture(null);
            }, MoreExecutors.directExecutor()));
    }

    @Override
    public CompletionStage<SliceInfo> activate(final String sliceId) {
        return stage(Futures.transformAsync(rpcs.getRpc(ActivateSlice.class).invoke(new ActivateSliceInputBuilder()
            .setSliceId(sliceId).build()), result -> {
                unchecked(result);
                return readSlice(sliceId);
            }, MoreExecutors.directExecutor()));
    }

    @Override
    public CompletionStage<SliceInfo> deactivate(final String sliceId) {
        return stage(Futures.transformAsync(rpcs.getRpc(DeactivateSlice.class).invoke(
            new DeactivateSliceInputBuilder().setSliceId(sliceId).build()), result -> {
                unchecked(result);
                return readSlice(sliceId);
            }, MoreExecutors.directExecutor()));
    }

    @Override
    public CompletionStage<DeviceDrift.Report> check(final String sliceId) {
        return stage(Futures.transformAsync(rpcs.getRpc(CheckSlice.class).invoke(new CheckSliceInputBuilder()
            .setSliceId(sliceId).build()), result -> Futures.immediateFuture(new DeviceDrift.Report(
                drift(unchecked(result).nonnullDevice()), List.of())), MoreExecutors.directExecutor()));
    }

    @Override
    public CompletionStage<DeviceDrift.Report> repair(final String sliceId) {
        return stage(Futures.transformAsync(rpcs.getRpc(RepairSlice.class).invoke(new RepairSliceInputBuilder()
            .setSliceId(sliceId).build()), result -> {
                final var output = unchecked(result);
                return Futures.immediateFuture(new DeviceDrift.Report(drift(output.nonnullDevice()),
                    list(output.getRepaired())));
            }, MoreExecutors.directExecutor()));
    }

    private static List<DeviceDrift> drift(
            final List<org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.drift.report.Device> devices) {
        return devices.stream().map(device -> new DeviceDrift(device.getName(), list(device.getMissing()),
            list(device.getChanged()), list(device.getForeign()), Optional.ofNullable(device.getError()))).toList();
    }

    private static List<String> list(final List<String> values) {
        return values == null ? List.of() : values;
    }

    @Override
    public CompletionStage<List<SliceInfo>> list() {
        return stage(readSlices());
    }

    @Override
    public CompletionStage<Optional<SliceInfo>> get(final String sliceId) {
        return stage(Futures.transform(readSlices(),
            slices -> slices.stream().filter(slice -> slice.id().equals(sliceId)).findFirst(),
            MoreExecutors.directExecutor()));
    }

    @Override
    public CompletionStage<Optional<ProvisioningRecord>> provisioning(final String sliceId) {
        try (var tx = broker.newReadOnlyTransaction()) {
            return stage(Futures.transform(tx.read(LogicalDatastoreType.OPERATIONAL,
                DatastoreRecordStore.path(sliceId)), read -> read.map(ProvisioningCodec::record),
                MoreExecutors.directExecutor()));
        }
    }

    @Override
    public CompletionStage<List<String>> events(final String sliceId) {
        try (var tx = broker.newReadOnlyTransaction()) {
            return stage(Futures.transform(tx.read(LogicalDatastoreType.OPERATIONAL,
                SliceOrchestrator.eventsOf(sliceId)), read -> read.map(slice -> slice.nonnullEvent().stream()
                    .map(event -> (event.getTime() == null ? "" : event.getTime().getValue() + " ")
                        + (event.getEvent() == null ? "" : event.getEvent().getName()) + ": " + event.getDetail())
                    .toList()).orElse(List.of()), MoreExecutors.directExecutor()));
        }
    }

    @Override
    public CompletionStage<List<String>> reportLinkState(final String linkId, final boolean up,
            final Optional<String> reason) {
        return stage(Futures.transformAsync(rpcs.getRpc(ReportLinkState.class).invoke(new ReportLinkStateInputBuilder()
            .setLinkId(linkId).setState(up ? LinkOperState.Up : LinkOperState.Down).setReason(reason.orElse(null))
            .build()), result -> {
                final var output = unchecked(result);
                return Futures.immediateFuture(output.getAffectedSlice() == null ? List.<String>of()
                    : output.getAffectedSlice().stream().sorted().toList());
            }, MoreExecutors.directExecutor()));
    }

    @Override
    public CompletionStage<List<String>> deprecateKeyExchange(final KeyExchange method, final boolean deprecated) {
        return stage(Futures.transformAsync(rpcs.getRpc(DeprecateKeyExchange.class).invoke(
            new DeprecateKeyExchangeInputBuilder().setMethod(YangEnums.toYang(method)).setDeprecated(deprecated)
                .build()), result -> {
                final var output = unchecked(result);
                final var lines = new java.util.ArrayList<String>();
                lines.add("deprecated now: " + (output.getDeprecatedMethod() == null || output.getDeprecatedMethod()
                    .isEmpty() ? "none" : output.getDeprecatedMethod().stream().map(m -> m.getName()).sorted()
                    .collect(java.util.stream.Collectors.joining(", "))));
                output.nonnullMoved().values().forEach(moved -> lines.add("moved " + moved.getSliceId() + "/"
                    + moved.getConnection() + ": " + String.join(" ", moved.requireFromLink()) + " -> "
                    + String.join(" ", moved.requireToLink())));
                output.nonnullNotMoved().values().forEach(not -> lines.add("not moved " + not.getSliceId() + "/"
                    + not.getConnection() + ": " + not.getReason()));
                return Futures.immediateFuture(List.copyOf(lines));
            }, MoreExecutors.directExecutor()));
    }

    @Override
    public CompletionStage<List<String>> changeKeyExchange(final String linkId, final KeyExchange method) {
        return stage(Futures.transformAsync(rpcs.getRpc(ChangeKeyExchange.class).invoke(
            new ChangeKeyExchangeInputBuilder().setLinkId(linkId).setMethod(YangEnums.toYang(method)).build()),
            result -> {
                final var output = unchecked(result);
                final var lines = new java.util.ArrayList<String>();
                lines.add("link " + output.getLinkId() + ": " + output.getFromMethod().getName() + " -> "
                    + output.getToMethod().getName() + " (" + output.getLevel().getName() + ")");
                lines.add("slices on it: " + (output.getSliceId() == null || output.getSliceId().isEmpty() ? "none"
                    : output.getSliceId().stream().sorted().collect(java.util.stream.Collectors.joining(", "))));
                if (output.getSwitchedKeyId() != null) {
                    lines.add("both ends switched at key " + output.getSwitchedKeyId() + " after "
                        + output.getSwitchMs() + " ms");
                }
                return Futures.immediateFuture(List.copyOf(lines));
            }, MoreExecutors.directExecutor()));
    }

    @Override
    public CompletionStage<Optional<TopologyStatus>> topology() {
        final ListenableFuture<Optional<Networks>> networks;
        try (var tx = broker.newReadOnlyTransaction()) {
            networks = tx.read(LogicalDatastoreType.CONFIGURATION, TopologyWatcher.NETWORKS);
        }
        return stage(Futures.transformAsync(networks, read -> {
            final Optional<Topology> topology = TopologyWatcher.convert(read.orElse(null), Optional.empty());
            if (topology.isEmpty()) {
                return Futures.immediateFuture(Optional.empty());
            }
            return Futures.transform(readSlices(), slices -> Optional.of(PcePlanning.status(topology.orElseThrow(),
                slices.stream().map(SliceInfo::reservation).toList())),
                MoreExecutors.directExecutor());
        }, MoreExecutors.directExecutor()));
    }

    @Override
    public SliceRequest parseRequest(final String json) throws SliceException {
        return loader.parseRequest(json);
    }

    @Override
    public CompletionStage<TopologyStatus> loadTopology(final String json) {
        final Network network;
        final Topology topology;
        try {
            network = loader.parse(json);
            topology = TopologyCodec.toDomain(network);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new SliceException(Kind.INVALID, null,
                "topology rejected: " + e.getMessage(), e));
        }
        final var tx = broker.newWriteOnlyTransaction();
        tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, TopologyLoader.path(network), network);
        return stage(Futures.transformAsync(tx.commit(), ignored -> Futures.transform(readSlices(),
            slices -> PcePlanning.status(topology, slices.stream().map(SliceInfo::reservation).toList()),
            MoreExecutors.directExecutor()), MoreExecutors.directExecutor()));
    }

    private ListenableFuture<List<SliceInfo>> readSlices() {
        final ListenableFuture<Optional<Slices>> read;
        try (var tx = broker.newReadOnlyTransaction()) {
            read = tx.read(LogicalDatastoreType.CONFIGURATION, DatastoreSliceStore.SLICES);
        }
        return Futures.transform(read, slices -> slices.map(DatastoreSliceStore::decode).orElse(List.of()),
            MoreExecutors.directExecutor());
    }

    private ListenableFuture<SliceInfo> readSlice(final String sliceId) {
        return Futures.transformAsync(readSlices(), slices -> slices.stream()
            .filter(slice -> slice.id().equals(sliceId)).findFirst()
            .map(Futures::immediateFuture)
            .orElseGet(() -> Futures.immediateFailedFuture(new SliceException(Kind.MISSING,
                "slice " + sliceId + " does not exist"))), MoreExecutors.directExecutor());
    }

    private static <O> O unchecked(final org.opendaylight.yangtools.yang.common.RpcResult<O> result)
            throws SliceException {
        return RpcResults.output(result);
    }

    /**
     * Adapts a future to a completion stage.
     *
     * @param <T> result type
     * @param future the future
     * @return the stage, completed as the future is
     */
    static <T> CompletionStage<T> stage(final ListenableFuture<T> future) {
        final var stage = new CompletableFuture<T>();
        Futures.addCallback(future, new com.google.common.util.concurrent.FutureCallback<>() {
            @Override
            public void onSuccess(final T result) {
                stage.complete(result);
            }

            @Override
            public void onFailure(final Throwable cause) {
                stage.completeExceptionally(cause);
            }
        }, MoreExecutors.directExecutor());
        return stage;
    }
}
