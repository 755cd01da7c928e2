/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import com.google.common.util.concurrent.ListenableFuture;
import org.qslice.api.model.ProvisioningRecord;

/**
 * Where provisioning records go (the operational datastore in the controller).
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
     * Removes a slice's record.
     *
     * @param sliceId the slice
     * @return completion
     */
    ListenableFuture<?> remove(String sliceId);
}
