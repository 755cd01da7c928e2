/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.qslice.kms.etsi.DeliveredKey;

/**
 * After a test class, reads the KMS unit tests' log file (every qslice logger at TRACE: see
 * {@code simplelogger.properties}) and fails if a key the class recorded as delivered appears in it: its raw bytes,
 * Base64 (standard or URL-safe, padded or not) or hex (either case).
 */
public final class NoKeyInLogs implements AfterAllCallback {
    /** The log file of the KMS unit tests. */
    public static final Path LOG = Path.of("target/kms-unit-tests.log");
    private static final List<byte[]> KEYS = new CopyOnWriteArrayList<>();

    /**
     * Records delivered keys (their bytes are copied).
     *
     * @param keys the keys
     */
    public static void record(final List<DeliveredKey> keys) {
        keys.forEach(key -> KEYS.add(key.material().bytes()));
    }

    /**
     * Records a delivered key.
     *
     * @param key the bytes (copied)
     */
    public static void record(final byte[] key) {
        KEYS.add(key.clone());
    }

    @Override
    public void afterAll(final ExtensionContext context) throws IOException {
        final List<byte[]> keys = List.copyOf(KEYS);
        KEYS.clear();
        assertTrue(Files.exists(LOG), "no log file " + LOG.toAbsolutePath());
        final byte[] content = Files.readAllBytes(LOG);
        final String text = new String(content, StandardCharsets.ISO_8859_1);
        final String lower = text.toLowerCase(Locale.ROOT);
        assertTrue(text.contains("DEBUG org.qslice") || text.contains("TRACE org.qslice"),
            "the log has no qslice DEBUG line: the check would prove nothing");
        assertFalse(keys.isEmpty(), context.getDisplayName() + " recorded no delivered key");
        for (byte[] key : keys) {
            for (String form : List.of(Base64.getEncoder().encodeToString(key),
                    Base64.getEncoder().withoutPadding().encodeToString(key),
                    Base64.getUrlEncoder().encodeToString(key),
                    Base64.getUrlEncoder().withoutPadding().encodeToString(key))) {
                assertFalse(text.contains(form), "a delivered key in Base64 in " + LOG);
            }
            assertFalse(lower.contains(HexFormat.of().formatHex(key)), "a delivered key in hex in " + LOG);
            assertFalse(indexOf(content, key) >= 0, "a delivered key's raw bytes in " + LOG);
        }
    }

    private static int indexOf(final byte[] haystack, final byte[] needle) {
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
