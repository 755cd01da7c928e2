/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.slice;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.qslice.api.model.SliceInfo;

/**
 * A {@link SliceStore} adapter over a map, which can be told to fail its next writes.
 */
public final class MapSliceStore implements SliceStore {
    final Map<String, SliceInfo> slices = new ConcurrentSkipListMap<>();
    final AtomicBoolean failWrites = new AtomicBoolean();

    @Override
    public ListenableFuture<?> save(final SliceInfo slice) {
        if (failWrites.get()) {
            return Futures.immediateFailedFuture(new IOException("datastore unavailable"));
        }
        slices.put(slice.id(), slice);
        return Futures.immediateVoidFuture();
    }

    @Override
    public ListenableFuture<?> remove(final String sliceId) {
        if (failWrites.get()) {
            return Futures.immediateFailedFuture(new IOException("datastore unavailable"));
        }
        slices.remove(sliceId);
        return Futures.immediateVoidFuture();
    }

    @Override
    public ListenableFuture<List<SliceInfo>> loadAll() {
        return Futures.immediateFuture(new ArrayList<>(slices.values()));
    }
}
