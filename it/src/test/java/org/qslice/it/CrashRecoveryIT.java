/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qslice.tools.karaf.KarafInstance;
import org.qslice.tools.slice.SliceClient;
import org.qslice.tools.testbed.Testbed;

/**
 * The controller killed with SIGKILL at every step of Use-Case 1's activation and deactivation, and during a
 * recovery, then restarted: every device, read directly over NETCONF, must be as before the activation (or clean
 * after the deactivation), the KMS must rotate nothing of the slice, the slice must be reserved with a status naming
 * the interruption, and a new activation must work. The kill lands at step k deterministically: the controller's
 * test-only pause point stops it right after step k's device edit, before the journal records it, and writes a
 * marker the test waits for. Each test has a controller of its own: its datastore starts empty, and a controller that
 * a test left broken cannot fail the next one.
 */
@ExtendWith({ ControllerExtension.class, TestbedExtension.class })
@ControllerExtension.OwnController
class CrashRecoveryIT {
    private static final String UC1 = "use-case-1";
    private static final Duration RECOVER = ControllerKills.RECOVER;

    private final Path root = TestbedExtension.root();

    @BeforeEach
    void cleanStart(final KarafInstance controller, final Testbed testbed) throws Exception {
        Files.deleteIfExists(ControllerExtension.pauseFile(controller.home()));
        DeviceChecks.resetTestbed(controller, testbed, root);
    }

    @Test
    void aKillAtEveryStepOfTheActivationIsRolledBackOnRestart(final KarafInstance controller, final Testbed testbed)
            throws Exception {
        final var slices = new SliceClient(controller.restconf());
        slices.create(root.resolve("testbed/use-case-1.json"));
        final int steps = stepCount(slices);
        for (int k = 1; k <= steps; k++) {
            ControllerKills.killAt(controller, "activate " + k + " after-edit", () -> slices.activate(UC1));
            ControllerKills.restart(controller, testbed);
            final JsonObject status = ControllerKills.awaitState(slices, UC1, "reserved");
            assertTrue(lastError(status).contains("activation interrupted at step " + k + " of " + steps
                + " ") && lastError(status).endsWith("rolled back"), "step " + k + ": " + status);
            DeviceChecks.assertClean(controller, testbed);
            DeviceChecks.assertNoChannelRotates(controller);
            assertEquals("recover", slices.provisioning(UC1).orElseThrow().get("operation").getAsString());
        }
        // the slice (and with it the reservations) is usable again
        assertEquals(200, slices.activate(UC1).status());
        assertEquals(200, slices.deactivate(UC1).status());
        assertEquals(200, slices.delete(UC1).status());
        DeviceChecks.assertClean(controller, testbed);
    }

    @Test
    void aKillAtEveryStepOfTheDeactivationIsCompletedOnRestart(final KarafInstance controller, final Testbed testbed)
            throws Exception {
        final var slices = new SliceClient(controller.restconf());
        slices.create(root.resolve("testbed/use-case-1.json"));
        final int steps = stepCount(slices);
        for (int k = steps; k >= 1; k--) {
            assertEquals(200, slices.activate(UC1).status(), "before killing at step " + k);
            ControllerKills.killAt(controller, "deactivate " + k + " after-edit", () -> slices.deactivate(UC1));
            ControllerKills.restart(controller, testbed);
            final JsonObject status = ControllerKills.awaitState(slices, UC1, "reserved");
            assertTrue(lastError(status).contains("deactivation interrupted at step " + k + " of " + steps + " ")
                && lastError(status).endsWith("completed"), "step " + k + ": " + status);
            DeviceChecks.assertClean(controller, testbed);
            DeviceChecks.assertNoChannelRotates(controller);
        }
        assertEquals(200, slices.delete(UC1).status());
    }

    /**
     * Kill -9 in the middle of a restoration (issue 15): once while the new path's entries are being applied (the
     * restart rolls back, then the restoration check moves the connection again), once while the old path's entries
     * are being removed (the restart rolls forward). Either way metro-core ends active on the channel that works,
     * the simulators hold nothing of the failed one, and the devices match the journal.
     */
    @Test
    void aKillDuringARestorationRollsItBackOrForwardOnRestart(final KarafInstance controller, final Testbed testbed)
            throws Exception {
        final var slices = new SliceClient(controller.restconf());
        slices.create(root.resolve("testbed/use-case-1.json"));
        assertEquals(200, slices.activate(UC1).status());
        // learn the restoration's steps once: which indexes apply the new path, which remove the old one
        final String first = metroCore(slices);
        slices.reportLinkState(first, false, "learning").expectOk("report down");
        final String second = awaitMetroCoreOff(slices, first);
        final var steps = slices.provisioning(UC1).orElseThrow().getAsJsonArray("step").asList().stream()
            .map(step -> step.getAsJsonObject()).toList();
        final int apply = steps.stream().filter(step -> "apply".equals(step.get("action").getAsString()))
            .mapToInt(step -> step.get("index").getAsInt()).min().orElseThrow();
        final int remove = steps.stream().filter(step -> "remove".equals(step.get("action").getAsString()))
            .mapToInt(step -> step.get("index").getAsInt()).max().orElseThrow();
        slices.reportLinkState(first, true, null).expectOk("report up");
        // the same journal shape again: a fresh activation, on the other channel
        assertEquals(200, slices.deactivate(UC1).status());
        assertEquals(200, slices.activate(UC1).status());

        // killed while the new path is applied: rolled back, then moved again by the restoration check
        ControllerKills.killAt(controller, "restore " + apply + " after-edit",
            () -> slices.reportLinkState(second, false, "kill"));
        ControllerKills.restart(controller, testbed);
        assertEquals(first, awaitMetroCoreOff(slices, second));
        assertMovedOff(controller, testbed, second);
        slices.reportLinkState(second, true, null).expectOk("report up");

        assertEquals(200, slices.deactivate(UC1).status());
        assertEquals(200, slices.activate(UC1).status());
        // killed while the old path is removed: rolled forward
        ControllerKills.killAt(controller, "restore " + remove + " after-edit",
            () -> slices.reportLinkState(first, false, "kill"));
        ControllerKills.restart(controller, testbed);
        assertEquals(second, awaitMetroCoreOff(slices, first));
        final String note = lastError(slices.slice(UC1).orElseThrow().getAsJsonObject("status"));
        assertTrue(note.contains("restoration interrupted at step " + remove) && note.contains("rolled forward"),
            note);
        assertMovedOff(controller, testbed, first);
        slices.reportLinkState(first, true, null).expectOk("report up");

        assertEquals(200, slices.deactivate(UC1).status());
        assertEquals(200, slices.delete(UC1).status());
        DeviceChecks.assertClean(controller, testbed);
        DeviceChecks.assertNoChannelRotates(controller);
    }

    /**
     * Kill -9 while a channel switches its key-exchange method (issue 15, crypto-agility): after both cards got the
     * pending method and the KMS draws the new key type, before the change is stored. The restart brings the
     * channel back in step with the stored topology (dh) on both cards and in the KMS, nothing pending, the journal
     * in sync; the same change then works.
     */
    @Test
    void aKillDuringAKeyExchangeSwitchIsBroughtBackInStepOnRestart(final KarafInstance controller,
            final Testbed testbed) throws Exception {
        final var slices = new SliceClient(controller.restconf());
        slices.create(root.resolve("testbed/use-case-1.json"));
        assertEquals(200, slices.activate(UC1).status());
        final String link = slices.slice(UC1).orElseThrow().getAsJsonObject("status").getAsJsonArray("connection")
            .asList().stream().map(c -> c.getAsJsonObject())
            .filter(c -> "cell-1-control".equals(c.get("name").getAsString())).findFirst().orElseThrow()
            .getAsJsonArray("hop").get(0).getAsJsonObject().get("link-id").getAsString();
        final List<String> ends = List.of(link.substring(0, link.indexOf('/')) + "-enc",
            link.substring(link.indexOf('/') + 1, link.indexOf('#')) + "-enc");

        ControllerKills.killAt(controller, "change-key-exchange " + link + " kms-switched",
            () -> slices.changeKeyExchange(link, "qra"));
        ControllerKills.restart(controller, testbed);

        // the change was not stored: the channel goes back to dh, on both cards and in the KMS
        final long deadline = System.nanoTime() + RECOVER.toNanos();
        boolean back = false;
        String seen = "";
        while (!back && System.nanoTime() < deadline) {
            final var ports = new java.util.ArrayList<Map<String, String>>();
            for (String end : ends) {
                ports.addAll(DeviceChecks.clientPorts(testbed.readDirect(end), link));
            }
            final String kms = DeviceChecks.kmsKeyType(controller, link);
            seen = "KMS " + kms + ", cards " + ports;
            back = "dh".equals(kms) && !ports.isEmpty() && ports.stream().allMatch(port -> "dh".equals(
                port.get("key-exchange")) && (link + "/dh").equals(port.get("key-source"))
                && !port.containsKey("pending-key-exchange"));
            Thread.sleep(back ? 0 : 250);
        }
        assertTrue(back, "not back on dh within " + RECOVER + ": " + seen);
        DeviceChecks.assertInSync(controller, UC1);
        final var stored = controller.restconf().get("qslice-topology:key-exchange-change");
        assertFalse(stored.status() == 200 && stored.body().contains(link), stored.body());

        // the same change works after the restart
        slices.changeKeyExchange(link, "qra").expectOk("change-key-exchange after the restart");
        assertEquals("qra", DeviceChecks.kmsKeyType(controller, link));
        DeviceChecks.assertInSync(controller, UC1);
        slices.changeKeyExchange(link, "dh").expectOk("change-key-exchange back");
        slices.clearKeyExchangeChanges();

        assertEquals(200, slices.deactivate(UC1).status());
        assertEquals(200, slices.delete(UC1).status());
        DeviceChecks.assertClean(controller, testbed);
        DeviceChecks.assertNoChannelRotates(controller);
    }

    private static String metroCore(final SliceClient slices) throws Exception {
        return slices.slice(UC1).orElseThrow().getAsJsonObject("status").getAsJsonArray("connection").asList()
            .stream().map(c -> c.getAsJsonObject()).filter(c -> "metro-core".equals(c.get("name").getAsString()))
            .findFirst().orElseThrow().getAsJsonArray("hop").get(0).getAsJsonObject().get("link-id").getAsString();
    }

    /** Polls until UC1 is active with metro-core off the link; returns the link it is on. */
    private static String awaitMetroCoreOff(final SliceClient slices, final String failed) throws Exception {
        final long deadline = System.nanoTime() + RECOVER.toNanos();
        String on = null;
        String state = null;
        while (System.nanoTime() < deadline) {
            state = slices.slice(UC1).orElseThrow().getAsJsonObject("status").get("state").getAsString();
            on = metroCore(slices);
            if ("active".equals(state) && !on.equals(failed)) {
                return on;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("metro-core not active off " + failed + " within " + RECOVER + ": " + state + " on "
            + on);
    }

    private static void assertMovedOff(final KarafInstance controller, final Testbed testbed, final String failed)
            throws Exception {
        final var direct = DeviceChecks.direct(testbed);
        for (String node : java.util.List.of("metro-1-enc", "core-1-enc", "metro-1-osw")) {
            assertTrue(direct.get(node).stream().noneMatch(name -> name.startsWith(failed + "/")),
                node + " still holds entries of " + failed + ": " + direct.get(node));
        }
        final JsonObject input = new JsonObject();
        input.addProperty("slice-id", UC1);
        final var check = controller.restconf().rpc("qslice-slice:check-slice", input);
        check.expectOk("check-slice");
        assertTrue(check.json().getAsJsonObject("qslice-slice:output").get("in-sync").getAsBoolean(), check.body());
    }

    @Test
    void aKillDuringRecoveryAndADeviceDownDuringRecoveryStillConverge(final KarafInstance controller,
            final Testbed testbed) throws Exception {
        final var slices = new SliceClient(controller.restconf());
        slices.create(root.resolve("testbed/use-case-1.json"));
        ControllerKills.killAt(controller, "activate 8 after-edit", () -> slices.activate(UC1));
        // killed again while the restarted controller recovers (recovery removes steps 8, 7, ..., 1)
        ControllerKills.pause(controller, "recover 4 after-edit");
        ControllerKills.startAndAwait(controller);
        ControllerKills.awaitReached(controller, "recover 4 after-edit");
        ControllerKills.kill(controller);
        Files.delete(ControllerExtension.pauseFile(controller.home()));

        // the first step's switch is down when the controller comes back: the slice needs recovery
        final String down = "cell-1-sw";
        testbed.freeze(down);
        try {
            ControllerKills.startAndAwait(controller);
            final JsonObject blocked = ControllerKills.awaitState(slices, UC1, "failed");
            assertTrue(lastError(blocked).startsWith("needs-recovery: ") && lastError(blocked).contains(down),
                blocked.toString());
            final var refused = slices.delete(UC1);
            assertEquals(409, refused.status(), refused.body());
            assertTrue(SliceClient.error(refused).contains("cell-1/" + down), refused.body());
        } finally {
            testbed.thaw(down);
        }
        // the device is back: recovery resumes by itself
        final JsonObject recovered = ControllerKills.awaitState(slices, UC1, "reserved");
        assertTrue(lastError(recovered).contains("interrupted"), recovered.toString());
        testbed.awaitConnected(controller.restconf(), Duration.ofMinutes(2));
        DeviceChecks.assertClean(controller, testbed);
        DeviceChecks.assertNoChannelRotates(controller);
        assertEquals(200, slices.delete(UC1).status());
    }

    /** Learns the number of steps of Use-Case 1 from one activation. */
    private static int stepCount(final SliceClient slices) throws Exception {
        assertEquals(200, slices.activate(UC1).status());
        final int steps = slices.provisioning(UC1).orElseThrow().getAsJsonArray("step").size();
        assertEquals(200, slices.deactivate(UC1).status());
        assertEquals(12, steps, "UC1: the KMS step and the 11 devices");
        return steps;
    }

    private static String lastError(final JsonObject status) {
        return status.has("last-error") ? status.get("last-error").getAsString() : "";
    }
}
