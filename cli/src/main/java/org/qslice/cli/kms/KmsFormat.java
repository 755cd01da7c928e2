/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.cli.kms;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Formatting helpers shared by the KMS commands.
 */
final class KmsFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
        .withZone(ZoneOffset.UTC);

    private KmsFormat() {
        // utility class
    }

    static String time(final @Nullable Instant instant) {
        return instant == null ? "-" : TIME.format(instant);
    }

    static String text(final @Nullable Object value) {
        return value == null ? "-" : value.toString();
    }

    static <T> T await(final CompletionStage<T> stage) throws InterruptedException, TimeoutException {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            final Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }
}
