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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.Slices;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.slices.Slice;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.slices.SliceKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.qslice.api.SliceException;
import org.qslice.api.model.SliceInfo;
import org.qslice.impl.slice.SliceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists slices in the CONFIGURATION datastore under {@code /qslice-slice:slices}, which ODL journals to disk and
 * replicates across a cluster.
 */
public final class DatastoreSliceStore implements SliceStore {
    /** Path of the slices container. */
    public static final DataObjectIdentifier<Slices> SLICES = DataObjectIdentifier.builder(Slices.class).build();

    private static final Logger LOG = LoggerFactory.getLogger(DatastoreSliceStore.class);

    private final DataBroker broker;

    /**
     * Creates the store.
     *
     * @param broker the data broker
     */
    public DatastoreSliceStore(final DataBroker broker) {
        this.broker = requireNonNull(broker);
    }

    /**
     * Returns the path of one slice.
     *
     * @param sliceId the slice
     * @return its path
     */
    public static DataObjectIdentifier<Slice> path(final String sliceId) {
        return DataObjectIdentifier.builder(Slices.class).child(Slice.class, new SliceKey(sliceId)).build();
    }

    @Override
    public ListenableFuture<?> save(final SliceInfo slice) {
        final var tx = broker.newWriteOnlyTransaction();
        tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, path(slice.id()), SliceCodec.slice(slice));
        return tx.commit();
    }

    @Override
    public ListenableFuture<?> remove(final String sliceId) {
        final var tx = broker.newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.CONFIGURATION, path(sliceId));
        return tx.commit();
    }

    @Override
    public ListenableFuture<List<SliceInfo>> loadAll() {
        try (var tx = broker.newReadOnlyTransaction()) {
            return Futures.transform(tx.read(LogicalDatastoreType.CONFIGURATION, SLICES),
                slices -> slices.map(DatastoreSliceStore::decode).orElse(List.of()), MoreExecutors.directExecutor());
        }
    }

    /**
     * Decodes every stored slice. An entry that does not decode is restored {@code failed}, holding what decodes of
     * its reservation, with the reason in its status ({@link SliceCodec#salvage}): never skipped, so its resources
     * are never silently freed.
     *
     * @param slices the container
     * @return the slices, ordered by id
     */
    public static List<SliceInfo> decode(final Slices slices) {
        final var result = new ArrayList<SliceInfo>();
        for (Slice slice : slices.nonnullSlice().values()) {
            try {
                result.add(SliceCodec.info(slice));
            } catch (SliceException | IllegalArgumentException e) {
                LOG.error("stored slice {} cannot be decoded, it is restored failed with what decodes of its "
                    + "reservation held: {}", slice.getSliceId(), e.getMessage());
                result.add(SliceCodec.salvage(slice, e.getMessage()));
            }
        }
        result.sort(Comparator.comparing(SliceInfo::id));
        return result;
    }
}
