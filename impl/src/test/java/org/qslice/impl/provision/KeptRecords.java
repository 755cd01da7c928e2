/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.qslice.api.model.DeviceDrift;
import org.qslice.api.model.ProvisioningRecord;

/**
 * A record store that keeps every provisioning record in memory, in the order they were saved (drift reports are
 * dropped).
 */
final class KeptRecords implements RecordStore {
    private final List<ProvisioningRecord> records = new CopyOnWriteArrayList<>();

    /**
     * Returns the records saved so far, live.
     *
     * @return the records
     */
    List<ProvisioningRecord> records() {
        return records;
    }

    @Override
    public ListenableFuture<?> save(final ProvisioningRecord record) {
        records.add(record);
        return Futures.immediateVoidFuture();
    }

    @Override
    public ListenableFuture<?> saveDrift(final String sliceId, final DeviceDrift.Report report, final Instant checked,
            final String trigger) {
        return Futures.immediateVoidFuture();
    }

    @Override
    public ListenableFuture<?> remove(final String sliceId) {
        return Futures.immediateVoidFuture();
    }
}
