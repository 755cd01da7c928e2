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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.ChangeKeyExchange;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.ChangeKeyExchangeInput;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.ChangeKeyExchangeOutput;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.ChangeKeyExchangeOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.KeyExchangeChange;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.key.exchange.change.Link;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.key.exchange.change.LinkBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.topology.rev261126.key.exchange.change.LinkKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.qslice.api.SliceException;
import org.qslice.api.SliceException.Kind;
import org.qslice.api.model.KeyExchange;
import org.qslice.impl.slice.MethodChange;
import org.qslice.impl.slice.SliceManager;

/**
 * {@code change-key-exchange}: switches the link's channel ({@link SliceManager#changeKeyExchange}) and, once both
 * ends run the new method, stores it in {@code key-exchange-change} (configuration, so a restart plans the link with
 * it); a link switched back to its topology's method is taken out of the list.
 *
 * @param broker where the change is stored
 * @param manager the slices
 */
public record ChangeKeyExchangeImpl(DataBroker broker, SliceManager manager) implements ChangeKeyExchange {
    /** Path of the switched links. */
    public static final DataObjectIdentifier<KeyExchangeChange> PATH = DataObjectIdentifier
        .builder(KeyExchangeChange.class).build();

    /**
     * Checks for nulls.
     */
    public ChangeKeyExchangeImpl {
        requireNonNull(broker);
        requireNonNull(manager);
    }

    /**
     * Converts the stored list.
     *
     * @param stored the container, may be null
     * @return the method per link id
     */
    public static Map<String, KeyExchange> methods(final KeyExchangeChange stored) {
        final var methods = new TreeMap<String, KeyExchange>();
        if (stored != null) {
            stored.nonnullLink().values().forEach(link -> {
                final KeyExchange method = link.getMethod() == null ? KeyExchange.NONE
                    : YangEnums.fromYang(link.getMethod());
                if (method != KeyExchange.NONE) {
                    methods.put(link.requireLinkId(), method);
                }
            });
        }
        return methods;
    }

    @Override
    public ListenableFuture<RpcResult<ChangeKeyExchangeOutput>> invoke(final ChangeKeyExchangeInput input) {
        if (input.getLinkId() == null || input.getLinkId().isBlank()) {
            return Futures.immediateFuture(RpcResults.failed(new SliceException(Kind.INVALID, "link-id",
                "link-id is mandatory", null)));
        }
        if (input.getMethod() == null) {
            return Futures.immediateFuture(RpcResults.failed(new SliceException(Kind.INVALID, "method",
                "method is mandatory (dh, qra, qkd or hybrid-qkd-qra)", null)));
        }
        final String linkId = input.getLinkId();
        final ListenableFuture<MethodChange> changed = Futures.transformAsync(
            manager.changeKeyExchange(linkId, YangEnums.fromYang(input.getMethod())), change -> {
                final DataObjectIdentifier<Link> path = PATH.toBuilder().child(Link.class, new LinkKey(linkId))
                    .build();
                final KeyExchange stored = manager.keyExchanges().get(linkId);
                final var tx = broker.newWriteOnlyTransaction();
                if (stored == null) {
                    tx.delete(LogicalDatastoreType.CONFIGURATION, path);
                } else {
                    tx.put(LogicalDatastoreType.CONFIGURATION, path, new LinkBuilder().setLinkId(linkId)
                        .setMethod(YangEnums.toYang(stored)).build());
                }
                return Futures.transform(tx.commit(), ignored -> change, MoreExecutors.directExecutor());
            }, MoreExecutors.directExecutor());
        return RpcResults.from(changed, ChangeKeyExchangeImpl::output);
    }

    private static ChangeKeyExchangeOutput output(final MethodChange change) {
        return new ChangeKeyExchangeOutputBuilder()
            .setLinkId(change.linkId())
            .setFromMethod(YangEnums.toYang(change.from()))
            .setToMethod(YangEnums.toYang(change.to()))
            .setLevel(YangEnums.toYang(change.level()))
            .setSliceId(change.sliceIds().isEmpty() ? null : Set.copyOf(change.sliceIds()))
            .setSwitchedKeyId(change.keyId().map(Object::toString).orElse(null))
            .setSwitchMs(Uint64.valueOf(change.switchMs()))
            .build();
    }
}
