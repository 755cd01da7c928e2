/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import com.google.common.util.concurrent.ListenableFuture;
import java.time.Instant;
import org.qslice.api.model.DeviceDrift;
import org.qslice.api.model.ProvisioningRecord;

/**
 * Where provisioning records and drift checks go (the operational datastore in the controller).
 */
public interface RecordStore {
    /**
     * Stores a slice's record, replacing the previous one.
     *
     * @param record the record
     * @return completion
     */
    ListenableFuture<?> save(ProvisioningRecord record);

    /**
     * Stores the last drift check of a slice, replacing the previous one.
     *
     * @param sliceId the slice
     * @param report what the check found
     * @param checked when it ran
     * @param trigger what ran it: {@code check-slice}, {@code repair-slice}, {@code device <node-id> connected}
     * @return completion
     */
    ListenableFuture<?> saveDrift(String sliceId, DeviceDrift.Report report, Instant checked, String trigger);

    /**
     * Removes a slice's record and its last drift check.
     *
     * @param sliceId the slice
     * @return completion
     */
    ListenableFuture<?> remove(String sliceId);
}
