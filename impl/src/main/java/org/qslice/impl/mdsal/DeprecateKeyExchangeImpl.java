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
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.DeprecateKeyExchange;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.DeprecateKeyExchangeInput;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.DeprecateKeyExchangeOutput;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.DeprecateKeyExchangeOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.DeprecatedKeyExchange;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.DeprecatedKeyExchangeBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.deprecate.key.exchange.output.MovedBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.deprecate.key.exchange.output.NotMovedBuilder;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.qslice.api.SliceException;
import org.qslice.api.SliceException.Kind;
import org.qslice.api.model.KeyExchange;
import org.qslice.api.model.SliceInfo;
import org.qslice.impl.slice.DeprecationReport;
import org.qslice.impl.slice.SliceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code deprecate-key-exchange}: stores the new set of deprecated methods ({@code deprecated-key-exchange},
 * configuration, so a restart keeps it) and answers once the connections it affects have moved
 * ({@link SliceManager#deprecate}), with what moved and what could not.
 *
 * @param broker where the set is stored
 * @param manager the slices
 */
public record DeprecateKeyExchangeImpl(DataBroker broker, SliceManager manager) implements DeprecateKeyExchange {
    /** Path of the deprecated methods. */
    public static final DataObjectIdentifier<DeprecatedKeyExchange> PATH = DataObjectIdentifier
        .builder(DeprecatedKeyExchange.class).build();

    private static final Logger LOG = LoggerFactory.getLogger(DeprecateKeyExchangeImpl.class);

    /**
     * Checks for nulls.
     */
    public DeprecateKeyExchangeImpl {
        requireNonNull(broker);
        requireNonNull(manager);
    }

    /**
     * Converts the stored set.
     *
     * @param stored the container, may be null
     * @return the deprecated methods
     */
    public static Set<KeyExchange> methods(final DeprecatedKeyExchange stored) {
        if (stored == null || stored.getMethod() == null) {
            return Set.of();
        }
        return stored.getMethod().stream().map(YangEnums::fromYang).filter(method -> method != KeyExchange.NONE)
            .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public ListenableFuture<RpcResult<DeprecateKeyExchangeOutput>> invoke(final DeprecateKeyExchangeInput input) {
        if (input.getMethod() == null) {
            return Futures.immediateFuture(RpcResults.failed(new SliceException(Kind.INVALID, "method",
                "method is mandatory (dh, qra, qkd or hybrid-qkd-qra)", null)));
        }
        final KeyExchange method = YangEnums.fromYang(input.getMethod());
        if (method == KeyExchange.NONE) {
            return Futures.immediateFuture(RpcResults.failed(new SliceException(Kind.INVALID, "method",
                "method: none is no key exchange and cannot be deprecated", null)));
        }
        final boolean deprecate = !Boolean.FALSE.equals(input.getDeprecated());
        final var next = EnumSet.noneOf(KeyExchange.class);
        next.addAll(manager.deprecated());
        if (deprecate) {
            next.add(method);
        } else {
            next.remove(method);
        }
        final List<SliceInfo> before = manager.slices();
        final var tx = broker.newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, PATH, new DeprecatedKeyExchangeBuilder()
            .setMethod(next.stream().map(YangEnums::toYang).collect(Collectors.toUnmodifiableSet())).build());
        LOG.warn("key exchange {} {} network-wide", method, deprecate ? "deprecated" : "no longer deprecated");
        final ListenableFuture<DeprecationReport> report = Futures.transformAsync(tx.commit(),
            ignored -> manager.deprecate(next, before), MoreExecutors.directExecutor());
        return RpcResults.from(report, DeprecateKeyExchangeImpl::output);
    }

    private static DeprecateKeyExchangeOutput output(final DeprecationReport report) {
        final var out = new DeprecateKeyExchangeOutputBuilder()
            .setDeprecatedMethod(report.deprecated().stream().map(YangEnums::toYang)
                .collect(Collectors.toUnmodifiableSet()));
        if (!report.moved().isEmpty()) {
            out.setMoved(report.moved().stream().map(moved -> new MovedBuilder().setSliceId(moved.sliceId())
                .setConnection(moved.connection()).setFromLink(moved.from()).setToLink(moved.to()).build())
                .collect(Collectors.toUnmodifiableMap(moved -> moved.key(), moved -> moved)));
        }
        if (!report.notMoved().isEmpty()) {
            out.setNotMoved(report.notMoved().stream().map(not -> new NotMovedBuilder().setSliceId(not.sliceId())
                .setConnection(not.connection()).setReason(not.reason()).build())
                .collect(Collectors.toUnmodifiableMap(not -> not.key(), not -> not)));
        }
        return out.build();
    }
}
