/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.cli.kms;

import java.io.PrintStream;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.qslice.api.kms.ChannelStatus;
import org.qslice.api.kms.KeyDeliveryTls;
import org.qslice.api.kms.KeyManagementService;
import org.qslice.api.kms.KmsStatus;
import org.qslice.api.kms.PoolStatus;

/**
 * {@code qslice:kms-status}: the KMS engine, the key exchange groups its ETSI 014 TLS handshakes negotiated, every
 * pool (stored keys, rate, low-water, starvation, last refresh) and every rotated channel.
 */
@Service
@Command(scope = "qslice", name = "kms-status", description = "Shows the key management service: engine, pools and"
    + " channel key rotation")
public final class KmsStatusCommand implements Action {
    @Reference
    private KeyManagementService kms;

    /**
     * Constructor for Karaf's injection.
     */
    public KmsStatusCommand() {
        // fields are injected
    }

    KmsStatusCommand(final KeyManagementService kms) {
        this.kms = kms;
    }

    @Override
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    public Object execute() throws Exception {
        print(KmsFormat.await(kms.status()), System.out);
        return null;
    }

    private static String starving(final PoolStatus pool) {
        if (!pool.starving()) {
            return "no";
        }
        return pool.stored() == 0 ? "EMPTY" : "yes";
    }

    private static void printTls(final KeyDeliveryTls tls, final PrintStream out) {
        out.println("  TLS key exchange: " + String.join(", ", tls.offeredGroups()) + " (in this order"
            + (tls.pqOnly() ? "; pq-only: clients without the hybrid group are refused)" : ")"));
        out.println("  last negotiated group: " + (tls.lastGroup() == null ? "none yet"
            : tls.lastGroup() + " at " + KmsFormat.time(tls.lastHandshake())));
        final var counts = new StringBuilder();
        tls.handshakes().entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
            .forEach(entry -> counts.append(counts.isEmpty() ? "" : ", ").append(entry.getKey()).append(' ')
                .append(entry.getValue()));
        out.println("  handshakes: " + (counts.isEmpty() ? "none" : counts) + "; failed " + tls.failedHandshakes()
            + (tls.pqOnly() ? " (refused as not post-quantum: " + tls.refusedHandshakes() + ")" : ""));
    }

    static void print(final KmsStatus status, final PrintStream out) {
        out.println("KMS engine: " + status.engineState()
            + (status.started() == null ? "" : " since " + KmsFormat.time(status.started()))
            + (status.cleanStart() ? "" : " (after an unclean stop: keys of uncertain state were discarded)"));
        if (status.etsi014Url() != null) {
            out.println("ETSI GS QKD 014 key delivery: " + status.etsi014Url() + " (mutual TLS)");
        }
        final KeyDeliveryTls tls = status.keyDeliveryTls();
        if (tls != null) {
            printTls(tls, out);
        }
        if (status.qkdKmeUrl() != null) {
            out.println("QKD key manager: " + status.qkdKmeUrl());
        }
        if (status.lastError() != null) {
            out.println("last error: " + status.lastError());
        }
        out.println();
        if (status.pools().isEmpty()) {
            out.println("pools: none");
        } else {
            out.printf("%-32s %-15s %9s %5s %9s %8s %-9s %s%n", "POOL (CHANNEL)", "TYPE", "STORED", "LOW",
                "RATE/S", "PENDING", "STARVING", "LAST REFRESH");
            for (PoolStatus pool : status.pools()) {
                out.printf("%-32s %-15s %9s %5d %9.3f %8d %-9s %s%n", pool.id().channelId(),
                    pool.id().keyType().yangName(),
                    pool.enginePresent() ? pool.stored() + "/" + pool.poolSize() : "?/" + pool.poolSize(),
                    pool.lowWater(), pool.consumptionRate(), pool.pending(),
                    starving(pool), KmsFormat.time(pool.lastRefresh()));
            }
        }
        out.println();
        if (status.channels().isEmpty()) {
            out.println("rotated channels: none");
            return;
        }
        out.printf("%-32s %-15s %8s %-36s %9s %6s %6s %s%n", "CHANNEL", "TYPE", "EVERY", "CURRENT KEY ID",
            "ROTATIONS", "MISSED", "FAILED", "LAST ROTATION");
        for (ChannelStatus channel : status.channels()) {
            out.printf("%-32s %-15s %7.1fs %-36s %9d %6d %6d %s%n", channel.channelId(),
                channel.keyType().yangName(), channel.refreshInterval().toMillis() / 1000.0,
                KmsFormat.text(channel.currentKeyId()), channel.rotations(), channel.missedRotations(),
                channel.failedRotations(), channel.inService() ? KmsFormat.time(channel.lastRotation())
                    : "out of service");
            if (channel.lastError() != null) {
                out.println("    last error: " + channel.lastError());
            }
        }
    }
}
