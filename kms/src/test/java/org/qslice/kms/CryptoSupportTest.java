/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class CryptoSupportTest {
    @Test
    void selfTestRunsARealKemRoundTrip() {
        final String report = CryptoSupport.selfTest(new SecureRandom());
        assertTrue(report.startsWith("ML-KEM-768"), report);
        // names the Bouncy Castle version actually loaded, e.g. "(Bouncy Castle 1.82)"
        assertTrue(report.matches("ML-KEM-768 \\(Bouncy Castle \\d+\\.\\d+.*\\), X25519, AES-256-GCM available"),
            report);
    }
}
