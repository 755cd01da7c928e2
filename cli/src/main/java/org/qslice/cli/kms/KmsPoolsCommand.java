/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.cli.kms;

import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.eclipse.jdt.annotation.Nullable;
import org.qslice.api.kms.KeyManagementService;
import org.qslice.api.kms.PoolStatus;

/**
 * {@code qslice:kms-pools}: every pool in detail (SAE pair, counters, rates, last source error).
 */
@Service
@Command(scope = "qslice", name = "kms-pools", description = "Lists the KMS key pools with their statistics (never key"
    + " material)")
public final class KmsPoolsCommand implements Action {
    @Reference
    private KeyManagementService kms;

    @Option(name = "--channel", aliases = "-c", description = "Only the pools of this channel")
    private @Nullable String channel;

    /**
     * Constructor for Karaf's injection.
     */
    public KmsPoolsCommand() {
        // fields are injected
    }

    KmsPoolsCommand(final KeyManagementService kms, final @Nullable String channel) {
        this.kms = kms;
        this.channel = channel;
    }

    @Override
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    public Object execute() throws Exception {
        print(KmsFormat.await(kms.pools()), channel, System.out);
        return null;
    }

    static void print(final List<PoolStatus> pools, final @Nullable String channel, final PrintStream out) {
        final List<PoolStatus> shown = pools.stream()
            .filter(pool -> channel == null || pool.id().channelId().equals(channel)).toList();
        if (shown.isEmpty()) {
            out.println(channel == null ? "no pools" : "no pools for channel " + channel);
            return;
        }
        for (PoolStatus pool : shown) {
            out.println(pool.id().channelId() + " [" + pool.id().keyType().yangName() + "]  " + pool.masterSaeId()
                + " -> " + pool.slaveSaeId());
            if (!pool.enginePresent()) {
                out.println("  configured (size " + pool.poolSize() + ", low-water " + pool.lowWater()
                    + "); the KMS engine has not reported it yet");
                continue;
            }
            out.printf("  stored %d/%d, low-water %d, pending %d%s%n", pool.stored(), pool.poolSize(),
                pool.lowWater(), pool.pending(), pool.starving() ? ", STARVING (" + pool.starvationEvents()
                    + " times)" : "");
            out.printf("  generated %d, delivered %d, consumed %d, discarded %d, source failures %d%n",
                pool.generatedTotal(), pool.deliveredTotal(), pool.consumedTotal(), pool.discardedTotal(),
                pool.generationFailures());
            out.printf("  consumption %.3f keys/s, generation %.3f keys/s, last refresh %s%n",
                pool.consumptionRate(), pool.generationRate(), KmsFormat.time(pool.lastRefresh()));
            if (pool.lastError() != null) {
                out.println("  last source error: " + pool.lastError());
            }
        }
    }
}
