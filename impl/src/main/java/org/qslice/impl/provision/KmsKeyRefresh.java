/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.provision;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.qslice.api.kms.ChannelSpec;
import org.qslice.api.kms.KeyManagementService;
import org.qslice.api.kms.KmsException;

/**
 * {@link KeyRefreshPort} over the {@link KeyManagementService}: the channel is the link id, the SAEs are the
 * encryptors at its two ends (their NETCONF node ids).
 */
public final class KmsKeyRefresh implements KeyRefreshPort {
    private final KeyManagementService kms;

    /**
     * Creates the adapter.
     *
     * @param kms the KMS
     */
    public KmsKeyRefresh(final KeyManagementService kms) {
        this.kms = requireNonNull(kms);
    }

    @Override
    public Optional<String> unavailable() {
        return Optional.empty();
    }

    @Override
    public ListenableFuture<?> start(final List<ChannelRefresh> channels) {
        return listenable(kms.startChannelRefreshes(channels.stream().map(channel -> new ChannelSpec(
            channel.channelId(), channel.keyType(), channel.masterSaeId(), channel.slaveSaeId(), channel.interval()))
            .toList()), false);
    }

    @Override
    public ListenableFuture<?> stop(final List<String> channelIds) {
        return listenable(kms.stopChannelRefreshes(channelIds), true);
    }

    private static ListenableFuture<?> listenable(final CompletionStage<Void> stage, final boolean missingIsDone) {
        final SettableFuture<Object> future = SettableFuture.create();
        stage.whenComplete((ignored, failure) -> {
            if (failure == null) {
                future.set(null);
                return;
            }
            final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
            if (missingIsDone && cause instanceof KmsException kmsFailure
                    && kmsFailure.reason() == KmsException.Reason.NOT_FOUND) {
                future.set(null);
            } else {
                future.setException(cause);
            }
        });
        return Futures.nonCancellationPropagating(future);
    }
}
