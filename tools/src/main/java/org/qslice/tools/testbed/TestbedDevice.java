/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools.testbed;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A device of a topology file.
 *
 * @param site the site (node-id)
 * @param name the device name
 * @param kind {@code ethernet-switch}, {@code optical-switch} or {@code encryptor}
 * @param nodeId its NETCONF node id
 */
public record TestbedDevice(String site, String name, String kind, String nodeId) {
    /**
     * Checks for nulls.
     */
    public TestbedDevice {
        requireNonNull(site);
        requireNonNull(name);
        requireNonNull(kind);
        requireNonNull(nodeId);
    }

    /**
     * Returns the YANG module the device serves.
     *
     * @return e.g. {@code qslice-encryptor}
     */
    public String module() {
        return "qslice-" + kind;
    }

    /**
     * Returns the XML namespace of the device's model.
     *
     * @return e.g. {@code urn:qslice:encryptor}
     */
    public String namespace() {
        return "urn:qslice:" + kind;
    }

    /**
     * Returns the root container of the device's model.
     *
     * @return e.g. {@code encryptor}
     */
    public String container() {
        return kind;
    }

    /**
     * Reads the devices of a topology file ({@code ietf-network:network} or {@code ietf-network:networks} form).
     *
     * @param file the topology file
     * @return the devices, in file order
     * @throws IOException if the file cannot be read or holds no device
     */
    public static List<TestbedDevice> fromTopology(final Path file) throws IOException {
        final JsonObject root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
            .getAsJsonObject();
        final var networks = root.has("ietf-network:network") ? root.getAsJsonArray("ietf-network:network")
            : root.getAsJsonObject("ietf-network:networks").getAsJsonArray("network");
        final var devices = new ArrayList<TestbedDevice>();
        for (JsonElement network : networks) {
            final var nodes = network.getAsJsonObject().getAsJsonArray("node");
            if (nodes == null) {
                continue;
            }
            for (JsonElement node : nodes) {
                final var site = node.getAsJsonObject().getAsJsonObject("qslice-topology:site");
                if (site == null || !site.has("device")) {
                    continue;
                }
                final String siteId = node.getAsJsonObject().get("node-id").getAsString();
                for (JsonElement device : site.getAsJsonArray("device")) {
                    final var obj = device.getAsJsonObject();
                    final String name = obj.get("name").getAsString();
                    devices.add(new TestbedDevice(siteId, name, obj.get("kind").getAsString(),
                        obj.has("netconf-node-id") ? obj.get("netconf-node-id").getAsString() : name));
                }
            }
        }
        if (devices.isEmpty()) {
            throw new IOException(file + " names no device (qslice-topology:site/device)");
        }
        return devices;
    }
}
