/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.device;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;

/**
 * Removes list entries by key, touching nothing else. A NETCONF {@code delete} of an entry the device does not have
 * fails the whole edit (data-missing); then the entries still present are read and only those deleted, so removal is
 * idempotent (a rollback of a change that never landed, a repeated deactivation).
 */
final class Removal {
    private Removal() {
        // utility class
    }

    static <R extends DataObject> ListenableFuture<?> remove(final DataBroker broker, final List<String> names,
            final Function<String, DataObjectIdentifier<?>> path, final Function<R, Collection<String>> present,
            final DataObjectIdentifier<R> root) {
        if (names.isEmpty()) {
            return Futures.immediateVoidFuture();
        }
        return Futures.catchingAsync(delete(broker, names, path), Throwable.class, failure -> {
            final ListenableFuture<Optional<R>> read;
            try (var tx = broker.newReadOnlyTransaction()) {
                read = tx.read(LogicalDatastoreType.CONFIGURATION, root);
            }
            return Futures.transformAsync(read, current -> {
                final Collection<String> existing = current.map(present).orElse(List.of());
                final var left = names.stream().filter(existing::contains).toList();
                return left.isEmpty() ? Futures.<Object>immediateFuture(null) : delete(broker, left, path);
            }, MoreExecutors.directExecutor());
        }, MoreExecutors.directExecutor());
    }

    private static ListenableFuture<Object> delete(final DataBroker broker, final List<String> names,
            final Function<String, DataObjectIdentifier<?>> path) {
        final var tx = broker.newWriteOnlyTransaction();
        for (String name : names) {
            tx.delete(LogicalDatastoreType.CONFIGURATION, path.apply(name));
        }
        return Futures.transform(tx.commit(), ignored -> null, MoreExecutors.directExecutor());
    }
}
