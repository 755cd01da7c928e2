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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.Journal;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.Slice;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.SliceKey;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.slice.Step;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.journal.slice.StepKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.qslice.impl.provision.Journal.StepState;
import org.qslice.impl.provision.JournalStore;

/**
 * Keeps provisioning journals in the CONFIGURATION datastore under {@code /qslice-slice:journal}: persisted to disk
 * by ODL and replicated by a cluster, so the member that runs the orchestrator next finds them. A state change is
 * one merge of the changed steps' state leaves.
 */
public final class DatastoreJournalStore implements JournalStore {
    /** Path of the journal container. */
    public static final DataObjectIdentifier<Journal> JOURNAL = DataObjectIdentifier.builder(Journal.class).build();

    private final DataBroker broker;

    /**
     * Creates the store.
     *
     * @param broker the data broker
     */
    public DatastoreJournalStore(final DataBroker broker) {
        this.broker = requireNonNull(broker);
    }

    /**
     * Returns the path of a slice's journal.
     *
     * @param sliceId the slice
     * @return the path
     */
    public static DataObjectIdentifier<Slice> path(final String sliceId) {
        return DataObjectIdentifier.builder(Journal.class).child(Slice.class, new SliceKey(sliceId)).build();
    }

    @Override
    public ListenableFuture<?> save(final org.qslice.impl.provision.Journal journal) {
        final var tx = broker.newWriteOnlyTransaction();
        tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, path(journal.sliceId()),
            JournalCodec.binding(journal));
        return tx.commit();
    }

    @Override
    public ListenableFuture<?> mark(final String sliceId, final Map<Integer, StepState> states) {
        final var tx = broker.newWriteOnlyTransaction();
        states.forEach((index, state) -> tx.merge(LogicalDatastoreType.CONFIGURATION,
            DataObjectIdentifier.builder(Journal.class).child(Slice.class, new SliceKey(sliceId))
                .child(Step.class, new StepKey(Uint16.valueOf(index))).build(), JournalCodec.state(index, state)));
        return tx.commit();
    }

    @Override
    public ListenableFuture<?> remove(final String sliceId) {
        final var tx = broker.newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.CONFIGURATION, path(sliceId));
        return tx.commit();
    }

    @Override
    public ListenableFuture<List<Loaded>> loadAll() {
        try (var tx = broker.newReadOnlyTransaction()) {
            return Futures.transform(tx.read(LogicalDatastoreType.CONFIGURATION, JOURNAL), journal -> {
                final var loaded = new ArrayList<Loaded>();
                journal.ifPresent(container -> container.nonnullSlice().values().forEach(slice -> {
                    try {
                        loaded.add(new Loaded(slice.getSliceId(), Optional.of(JournalCodec.journal(slice)),
                            Optional.empty()));
                    } catch (IllegalArgumentException e) {
                        loaded.add(new Loaded(slice.getSliceId(), Optional.empty(), Optional.of(e.getMessage())));
                    }
                }));
                return loaded;
            }, MoreExecutors.directExecutor());
        }
    }
}
