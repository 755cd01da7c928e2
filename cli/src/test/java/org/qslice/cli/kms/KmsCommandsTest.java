/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.cli.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qslice.api.kms.ChannelStatus;
import org.qslice.api.kms.KeyDeliveryTls;
import org.qslice.api.kms.KeyType;
import org.qslice.api.kms.KmsStatus;
import org.qslice.api.kms.PoolId;
import org.qslice.api.kms.PoolStatus;

class KmsCommandsTest {
    private static final Instant T = Instant.parse("2026-11-26T05:00:00Z");
    private static final PoolStatus QRA = new PoolStatus(new PoolId("metro-1/core-1#ch3", KeyType.QRA), "enc-a",
        "enc-z", true, 128, 32, 20, 2, 300, 280, 270, 8, 0, 0.333, 1.5, true, 1, T, null, null);
    private static final PoolStatus QKD = new PoolStatus(new PoolId("metro-1/core-1#ch3", KeyType.QKD), "enc-a",
        "enc-z", false, 128, 32, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, 0, null, null, 100_000.0);

    private static String capture(final java.util.function.Consumer<PrintStream> printer) {
        final var bytes = new ByteArrayOutputStream();
        printer.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void statusShowsEnginePoolsAndChannels() {
        final UUID key = UUID.fromString("0f8e5d7a-1111-2222-3333-444455556666");
        final var status = new KmsStatus("running", T, "https://127.0.0.1:9443", "https://127.0.0.1:40000", true,
            null, List.of(QRA, QKD), List.of(new ChannelStatus("metro-1/core-1#ch3", KeyType.QRA,
                Duration.ofSeconds(3), true, key, T, 12, 0, 1, 0, "pool metro-1/core-1#ch3/qra has no qra key")));
        final String out = capture(stream -> KmsStatusCommand.print(status, stream));
        assertTrue(out.startsWith("KMS engine: running since 2026-11-26 05:00:00Z\n"), out);
        assertTrue(out.contains("ETSI GS QKD 014 key delivery: https://127.0.0.1:9443 (mutual TLS)"), out);
        assertTrue(out.matches(
            "(?s).*\\nmetro-1/core-1#ch3 +qra +20/128 +32 +0\\.333 +2 +yes +2026-11-26 05:00:00Z\\n.*"), out);
        assertTrue(out.contains("?/128"), out);
        assertTrue(out.contains(key.toString()), out);
        assertTrue(out.contains("    last error: pool metro-1/core-1#ch3/qra has no qra key"), out);
    }

    @Test
    void statusShowsTheNegotiatedTlsGroups() {
        final var tls = new KeyDeliveryTls(false, List.of("X25519MLKEM768", "x25519", "secp256r1", "secp384r1"),
            "X25519MLKEM768", T, Map.of("X25519MLKEM768", 12L, "x25519", 3L), 1, 0);
        final String out = capture(stream -> KmsStatusCommand.print(new KmsStatus("running", T,
            "https://127.0.0.1:9443", null, true, null, List.of(), List.of(), tls), stream));
        assertTrue(out.contains("  TLS key exchange: X25519MLKEM768, x25519, secp256r1, secp384r1 (in this order)\n"),
            out);
        assertTrue(out.contains("  last negotiated group: X25519MLKEM768 at 2026-11-26 05:00:00Z\n"), out);
        assertTrue(out.contains("  handshakes: X25519MLKEM768 12, x25519 3; failed 1\n"), out);

        final var pqOnly = new KeyDeliveryTls(true, List.of("X25519MLKEM768"), null, null, Map.of(), 2, 2);
        final String refused = capture(stream -> KmsStatusCommand.print(new KmsStatus("running", T,
            "https://127.0.0.1:9443", null, true, null, List.of(), List.of(), pqOnly), stream));
        assertTrue(refused.contains("  TLS key exchange: X25519MLKEM768 (in this order; pq-only: clients without the"
            + " hybrid group are refused)\n"), refused);
        assertTrue(refused.contains("  last negotiated group: none yet\n"), refused);
        assertTrue(refused.contains("  handshakes: none; failed 2 (refused as not post-quantum: 2)\n"), refused);
    }

    @Test
    void statusWithoutEngine() {
        final String out = capture(stream -> KmsStatusCommand.print(new KmsStatus("unknown", null, null, null, true,
            null, List.of(), List.of()), stream));
        assertEquals("KMS engine: unknown\n\npools: none\n\nrotated channels: none\n", out);
    }

    @Test
    void poolsListsStatisticsAndFilters() {
        final String all = capture(stream -> KmsPoolsCommand.print(List.of(QRA, QKD), null, stream));
        assertTrue(all.contains("metro-1/core-1#ch3 [qra]  enc-a -> enc-z"), all);
        assertTrue(all.contains("  stored 20/128, low-water 32, pending 2, STARVING (1 times)"), all);
        assertTrue(all.contains("  generated 300, delivered 280, consumed 270, discarded 8, source failures 0"), all);
        assertTrue(all.contains("the KMS engine has not reported it yet"), all);
        assertEquals("no pools for channel x\n", capture(stream -> KmsPoolsCommand.print(List.of(QRA), "x", stream)));
    }
}
