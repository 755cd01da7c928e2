/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./qslice demo --models mixed}: the paper's testbed with some devices of every kind (Ethernet switch, optical
 * switch, encryptor card) simulated with OpenConfig's models instead of qslice's; each device gets its driver from
 * what it advertises. Both use cases activate, every kind has a device on OpenConfig that holds their configuration,
 * and after the tear-down no device holds anything, read through the mount points and directly over NETCONF.
 */
class MixedModelsDemoIT {
    @Test
    void bothUseCasesRunOnAMixedTestbedAndLeaveEveryDeviceClean() throws Exception {
        try (DemoProcess demo = DemoProcess.start("demo-mixed-", "--models", "mixed")) {
            assertTrue(demo.process.waitFor(10, TimeUnit.MINUTES), "the demo did not finish:\n" + demo.text());
            final String out = demo.text();
            assertEquals(0, demo.process.exitValue(), out);
            assertTrue(out.contains("use-case-1 active") && out.contains("use-case-2 active"), out);
            for (String kind : List.of("ethernet-switch", "optical-switch", "encryptor")) {
                // the read-back with both slices active: "<device> <kind> openconfig <entries> ..."
                final Pattern held = Pattern.compile("\\s+\\S+\\s+" + kind + "\\s+openconfig\\s+[1-9]\\d*\\s.*");
                assertTrue(demo.output.stream().anyMatch(line -> held.matcher(line).matches()),
                    "no " + kind + " on OpenConfig holds the slices' configuration:\n" + out);
            }
            assertTrue(out.contains("after tear-down: 0 entries through the mount points, 0 directly on the "
                + "simulators (clean)"), out);
        }
    }
}
