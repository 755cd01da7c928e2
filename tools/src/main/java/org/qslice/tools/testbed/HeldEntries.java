/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools.testbed;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What qslice wrote to a simulated device, in the device's model: the demo's read-back and the integration tests'
 * cleanliness checks count the same entries.
 */
public final class HeldEntries {
    private HeldEntries() {
        // utility class
    }

    /**
     * Returns what qslice wrote to a device, one line per entry, from its model's root container: cross-connects
     * and client ports of the qslice models, VLAN subinterfaces ({@code port.index description}), numbered
     * connections ({@code #index source>dest}) and logical channels ({@code #index name key}) of the OpenConfig ones.
     */
    public static List<String> throughMount(final TestbedDevice device, final JsonObject config) {
        final var names = new ArrayList<String>();
        for (String list : List.of("cross-connect", "client-port")) {
            if (config.has(list)) {
                for (JsonElement entry : config.getAsJsonArray(list)) {
                    final var obj = entry.getAsJsonObject();
                    names.add(obj.get("name").getAsString() + (obj.has("current-key-id") ? " key "
                        + obj.get("current-key-id").getAsString().substring(0, 8) : ""));
                }
            }
        }
        if (config.has("interface")) {
            for (JsonElement port : config.getAsJsonArray("interface")) {
                final var subs = port.getAsJsonObject().getAsJsonObject("subinterfaces");
                if (subs == null || !subs.has("subinterface")) {
                    continue;
                }
                for (JsonElement sub : subs.getAsJsonArray("subinterface")) {
                    final var obj = sub.getAsJsonObject();
                    final var subConfig = obj.getAsJsonObject("config");
                    final String text = subConfig != null && subConfig.has("description")
                        ? subConfig.get("description").getAsString() : "";
                    names.add(port.getAsJsonObject().get("name").getAsString() + "." + obj.get("index").getAsString()
                        + " " + (text.indexOf(' ') > 0 ? text.substring(0, text.indexOf(' ')) : text));
                }
            }
        }
        if (config.has("logical-channels") && config.getAsJsonObject("logical-channels").has("channel")) {
            for (JsonElement channel : config.getAsJsonObject("logical-channels").getAsJsonArray("channel")) {
                final var obj = channel.getAsJsonObject();
                final var chConfig = obj.getAsJsonObject("config");
                final String text = chConfig != null && chConfig.has("description")
                    ? chConfig.get("description").getAsString() : "";
                final var encryption = chConfig == null ? null
                    : chConfig.getAsJsonObject("qslice-openconfig-encryption:encryption");
                names.add("#" + obj.get("index").getAsString() + " "
                    + (text.indexOf(' ') > 0 ? text.substring(0, text.indexOf(' ')) : text)
                    + (encryption != null && encryption.has("current-key-id") ? " key "
                        + encryption.get("current-key-id").getAsString().substring(0, 8) : ""));
            }
        }
        if (config.has("connection")) {
            for (JsonElement connection : config.getAsJsonArray("connection")) {
                final var obj = connection.getAsJsonObject();
                final var connConfig = obj.getAsJsonObject("config");
                names.add("#" + obj.get("index").getAsString() + (connConfig == null ? "" : " "
                    + connConfig.get("source").getAsString() + ">" + connConfig.get("dest").getAsString()));
            }
        }
        return names;
    }

    /**
     * Counts the entries qslice writes in a device's {@code get-config} reply: list entries of the qslice models,
     * subinterfaces, connections and logical channels of the OpenConfig ones (an OpenConfig switch's interfaces are
     * its ports, they stay).
     */
    public static int direct(final TestbedDevice device, final String reply) {
        final String tag = !device.model().equals(TestbedDevice.OPENCONFIG) ? "<name>" : listTag(device.kind());
        int count = 0;
        int at = reply.indexOf(tag);
        while (at >= 0) {
            count++;
            at = reply.indexOf(tag, at + 1);
        }
        return count;
    }

    /** The entries qslice writes in an OpenConfig device of a kind. */
    private static String listTag(final String kind) {
        return switch (kind) {
            case "ethernet-switch" -> "<subinterface>";
            case "encryptor" -> "<channel>";
            default -> "<connection>";
        };
    }
}
