/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.slice;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.List;
import org.qslice.api.model.SliceInfo;

/**
 * Where slices persist (the MD-SAL datastore in the controller, a map in tests).
 */
public interface SliceStore {
    /**
     * Writes a slice, replacing any previous version.
     *
     * @param slice the slice
     * @return completion of the durable write
     */
    ListenableFuture<?> save(SliceInfo slice);

    /**
     * Removes a slice.
     *
     * @param sliceId the slice
     * @return completion of the durable write
     */
    ListenableFuture<?> remove(String sliceId);

    /**
     * Reads every stored slice.
     *
     * @return the slices
     */
    ListenableFuture<List<SliceInfo>> loadAll();
}
