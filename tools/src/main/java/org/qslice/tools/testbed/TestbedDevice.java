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
 * @param model the YANG models the simulator serves: {@value #QSLICE} or {@value #OPENCONFIG}
 */
public record TestbedDevice(String site, String name, String kind, String nodeId, String model) {
    /** qslice's own device model of the kind. */
    public static final String QSLICE = "qslice";
    /** The OpenConfig models of the kind. */
    public static final String OPENCONFIG = "openconfig";

    /**
     * Checks the values.
     */
    public TestbedDevice {
        requireNonNull(site);
        requireNonNull(name);
        requireNonNull(kind);
        requireNonNull(nodeId);
        if (!model.equals(QSLICE) && !(model.equals(OPENCONFIG) && hasOpenConfig(kind))) {
            throw new IllegalArgumentException("device " + nodeId + ": no " + model + " model of a " + kind);
        }
    }

    /**
     * Creates a device serving qslice's model.
     *
     * @param site the site (node-id)
     * @param name the device name
     * @param kind the kind
     * @param nodeId its NETCONF node id
     */
    public TestbedDevice(final String site, final String name, final String kind, final String nodeId) {
        this(site, name, kind, nodeId, QSLICE);
    }

    /**
     * Tells whether qslice drives a kind of device through OpenConfig.
     *
     * @param kind the kind
     * @return true for the Ethernet and optical switches
     */
    public static boolean hasOpenConfig(final String kind) {
        return kind.equals("ethernet-switch") || kind.equals("optical-switch") || kind.equals("encryptor");
    }

    /**
     * Returns the same device serving another model.
     *
     * @param newModel {@value #QSLICE} or {@value #OPENCONFIG}
     * @return the device
     */
    public TestbedDevice withModel(final String newModel) {
        return new TestbedDevice(site, name, kind, nodeId, newModel);
    }

    /**
     * Returns the YANG module whose root container holds what qslice writes to the device.
     *
     * @return e.g. {@code qslice-encryptor}, {@code openconfig-interfaces}
     */
    public String module() {
        if (model.equals(QSLICE)) {
            return "qslice-" + kind;
        }
        return switch (kind) {
            case "ethernet-switch" -> "openconfig-interfaces";
            case "encryptor" -> "openconfig-terminal-device";
            default -> "openconfig-transport-line-connectivity";
        };
    }

    /**
     * Returns the YANG modules the simulator serves (with every module they import): an OpenConfig switch also
     * serves the testbed's deviations ({@code testbed/yang/qslice-testbed-deviations}: the simulator has no
     * interface state, so its mandatory state leaves are not mandatory).
     *
     * @return e.g. {@code [openconfig-interfaces, openconfig-vlan, qslice-testbed-deviations]}
     */
    public List<String> modules() {
        if (model.equals(OPENCONFIG) && kind.equals("ethernet-switch")) {
            return List.of("openconfig-interfaces", "openconfig-vlan", "qslice-testbed-deviations");
        }
        if (model.equals(OPENCONFIG) && kind.equals("encryptor")) {
            return List.of("openconfig-terminal-device", "qslice-openconfig-encryption");
        }
        return List.of(module());
    }

    /**
     * Returns the XML namespace of that root container.
     *
     * @return e.g. {@code urn:qslice:encryptor}
     */
    public String namespace() {
        if (model.equals(QSLICE)) {
            return "urn:qslice:" + kind;
        }
        return switch (kind) {
            case "ethernet-switch" -> "http://openconfig.net/yang/interfaces";
            case "encryptor" -> "http://openconfig.net/yang/terminal-device";
            default -> "http://openconfig.net/yang/openconfig-transport-line-connectivity";
        };
    }

    /**
     * Returns that root container.
     *
     * @return e.g. {@code encryptor}, {@code interfaces}
     */
    public String container() {
        if (model.equals(QSLICE)) {
            return kind;
        }
        return switch (kind) {
            case "ethernet-switch" -> "interfaces";
            case "encryptor" -> "terminal-device";
            default -> "connections";
        };
    }

    /**
     * Assigns models to devices: {@code qslice} (every device on qslice's models), {@code openconfig} (every device
     * of a kind qslice drives through OpenConfig on it) or {@code mixed} (the first, third, ... device of each such
     * kind, so every such kind has one).
     *
     * @param devices the devices
     * @param models {@code qslice}, {@code openconfig} or {@code mixed}
     * @return the devices with their models
     */
    public static List<TestbedDevice> withModels(final List<TestbedDevice> devices, final String models) {
        if (!List.of(QSLICE, OPENCONFIG, "mixed").contains(models)) {
            throw new IllegalArgumentException("--models must be qslice, openconfig or mixed, not " + models);
        }
        final var result = new ArrayList<TestbedDevice>();
        final var seen = new java.util.HashMap<String, Integer>();
        for (TestbedDevice device : devices) {
            final int nth = seen.merge(device.kind(), 1, Integer::sum);
            final boolean open = hasOpenConfig(device.kind())
                && (models.equals(OPENCONFIG) || models.equals("mixed") && nth % 2 != 0);
            result.add(device.withModel(open ? OPENCONFIG : QSLICE));
        }
        return result;
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
