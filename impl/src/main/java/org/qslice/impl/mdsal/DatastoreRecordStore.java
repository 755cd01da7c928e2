/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.mdsal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ListenableFuture;
import java.time.Instant;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.Drift;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.Provisioning;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.ProvisioningBuilder;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.provisioning.Slice;
import org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.provisioning.SliceKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.qslice.api.model.DeviceDrift;
import org.qslice.api.model.ProvisioningRecord;
import org.qslice.impl.provision.RecordStore;

/**
 * Keeps provisioning records in the OPERATIONAL datastore under {@code /qslice-slice:provisioning}.
 */
public final class DatastoreRecordStore implements RecordStore {
    /** Path of the provisioning container. */
    public static final DataObjectIdentifier<Provisioning> PROVISIONING =
        DataObjectIdentifier.builder(Provisioning.class).build();

    private final DataBroker broker;

    /**
     * Creates the store.
     *
     * @param broker the data broker
     */
    public DatastoreRecordStore(final DataBroker broker) {
        this.broker = requireNonNull(broker);
    }

    /**
     * Returns the path of a slice's record.
     *
     * @param sliceId the slice
     * @return the path
     */
    public static DataObjectIdentifier<Slice> path(final String sliceId) {
        return DataObjectIdentifier.builder(Provisioning.class).child(Slice.class, new SliceKey(sliceId)).build();
    }

    /**
     * Writes the locking mode (and creates the container).
     *
     * @param locking the mode
     * @return completion
     */
    public ListenableFuture<?> init(final Provisioning.Locking locking) {
        final var tx = broker.newWriteOnlyTransaction();
        tx.merge(LogicalDatastoreType.OPERATIONAL, PROVISIONING, new ProvisioningBuilder().setLocking(locking)
            .build());
        return tx.commit();
    }

    @Override
    public ListenableFuture<?> save(final ProvisioningRecord record) {
        final var tx = broker.newWriteOnlyTransaction();
        tx.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, path(record.sliceId()),
            ProvisioningCodec.binding(record));
        return tx.commit();
    }

    /**
     * Returns the path of a slice's last drift check.
     *
     * @param sliceId the slice
     * @return the path
     */
    public static DataObjectIdentifier<org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.drift.Slice> driftPath(
            final String sliceId) {
        return DataObjectIdentifier.builder(Drift.class).child(
            org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.drift.Slice.class,
            new org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.drift.SliceKey(sliceId)).build();
    }

    @Override
    public ListenableFuture<?> saveDrift(final String sliceId, final DeviceDrift.Report report, final Instant checked,
            final String trigger) {
        final var tx = broker.newWriteOnlyTransaction();
        tx.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, driftPath(sliceId),
            new org.opendaylight.yang.gen.v1.urn.qslice.slice.rev261126.drift.SliceBuilder()
                .setSliceId(sliceId)
                .setInSync(report.inSync())
                .setChecked(new DateAndTime(checked.toString()))
                .setTrigger(trigger)
                .setDevice(report.devices().isEmpty() ? null : SliceRpcs.devices(report))
                .build());
        return tx.commit();
    }

    @Override
    public ListenableFuture<?> remove(final String sliceId) {
        final var tx = broker.newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.OPERATIONAL, path(sliceId));
        tx.delete(LogicalDatastoreType.OPERATIONAL, driftPath(sliceId));
        return tx.commit();
    }
}
