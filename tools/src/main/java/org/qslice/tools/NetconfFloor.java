/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qslice.tools.netconf.NetconfClient;
import org.qslice.tools.testbed.Testbed;

/**
 * The floor of the provisioning benchmark: the very edits a slice's activation sends, taken from its journal
 * ({@code /qslice-slice:journal}), sent directly over NETCONF to the same simulators, one device after the other
 * like the controller does: lock the candidate, {@code edit-config} (merge; tear-down: one {@code delete} per entry
 * in one edit), commit, unlock. One session per device stays open, as the controller's does. The KMS registration
 * is no device edit and is not part of the floor.
 */
final class NetconfFloor implements AutoCloseable {
    private static final String NC = "urn:ietf:params:xml:ns:netconf:base:1.0";

    /**
     * One device edit of the journal.
     *
     * @param nodeId the device
     * @param set the edit-config content that writes the step's entries
     * @param delete the edit-config content that removes them
     */
    record Edit(String nodeId, String set, String delete) {
        Edit {
            requireNonNull(nodeId);
            requireNonNull(set);
            requireNonNull(delete);
        }
    }

    private final Map<String, NetconfClient> sessions = new LinkedHashMap<>();

    /**
     * Opens one session per device of the testbed.
     *
     * @param testbed the running simulators
     * @param timeout bound of each reply
     * @throws IOException if a device cannot be reached
     */
    NetconfFloor(final Testbed testbed, final Duration timeout) throws IOException {
        try {
            for (Testbed.Running device : testbed.list()) {
                sessions.put(device.device().nodeId(), NetconfClient.connect("127.0.0.1", device.port(),
                    Testbed.USER, Testbed.PASSWORD, timeout));
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /**
     * Reads the device edits of a slice's journal, in activation order.
     *
     * @param journal the journal entry as RESTCONF returns it
     * @return the edits
     */
    static List<Edit> edits(final JsonObject journal) {
        final var edits = new ArrayList<Edit>();
        for (JsonElement element : journal.getAsJsonArray("step")) {
            final JsonObject step = element.getAsJsonObject();
            if (!step.has("device")) {
                continue;
            }
            final String node = step.getAsJsonObject("device").get("node-id").getAsString();
            if (step.has("cross-connect")) {
                edits.add(edit(node, "ethernet-switch", "urn:qslice:ethernet-switch", "cross-connect",
                    step.getAsJsonArray("cross-connect"), NetconfFloor::switchEntry));
            } else if (step.has("optical-cross-connect")) {
                edits.add(edit(node, "optical-switch", "urn:qslice:optical-switch", "cross-connect",
                    step.getAsJsonArray("optical-cross-connect"), NetconfFloor::opticalEntry));
            } else if (step.has("client-port")) {
                edits.add(edit(node, "encryptor", "urn:qslice:encryptor", "client-port",
                    step.getAsJsonArray("client-port"), NetconfFloor::portEntry));
            }
        }
        return edits;
    }

    private interface Entry {
        String xml(JsonObject entry);
    }

    private static Edit edit(final String node, final String root, final String ns, final String list,
            final Iterable<JsonElement> entries, final Entry content) {
        final var set = new StringBuilder("<" + root + " xmlns=\"" + ns + "\">");
        final var delete = new StringBuilder("<" + root + " xmlns=\"" + ns + "\" xmlns:nc=\"" + NC + "\">");
        for (JsonElement element : entries) {
            final JsonObject entry = element.getAsJsonObject();
            set.append('<').append(list).append('>').append(content.xml(entry)).append("</").append(list)
                .append('>');
            delete.append('<').append(list).append(" nc:operation=\"delete\">").append(leaf("name", entry))
                .append("</").append(list).append('>');
        }
        return new Edit(node, set.append("</").append(root).append('>').toString(),
            delete.append("</").append(root).append('>').toString());
    }

    private static String switchEntry(final JsonObject xc) {
        return leaf("name", xc) + leaf("description", xc) + leaf("bandwidth-mbps", xc)
            + "<a-end><port>" + text(xc, "a-port") + "</port><vlan>" + text(xc, "a-vlan") + "</vlan></a-end>"
            + "<z-end><port>" + text(xc, "z-port") + "</port><vlan>" + text(xc, "z-vlan") + "</vlan></z-end>";
    }

    private static String opticalEntry(final JsonObject xc) {
        return leaf("name", xc) + leaf("description", xc) + leaf("in-port", xc) + leaf("out-port", xc)
            + leaf("channel", xc) + leaf("client-port", xc);
    }

    private static String portEntry(final JsonObject port) {
        final String exchange = text(port, "key-exchange");
        return leaf("name", port) + leaf("description", port) + leaf("line", port) + leaf("channel", port)
            + leaf("port-number", port) + leaf("vlan", port) + "<in-service>true</in-service>"
            + leaf("encryption", port) + "<key-exchange>" + ("hybrid-qkd-qra".equals(exchange) ? "hybrid"
                : exchange) + "</key-exchange>" + (text(port, "key-source").isEmpty() ? ""
                : leaf("key-source", port)) + "<key-refresh-interval-ms>" + text(port, "refresh-interval-ms")
            + "</key-refresh-interval-ms>";
    }

    private static String leaf(final String name, final JsonObject entry) {
        return "<" + name + ">" + text(entry, name) + "</" + name + ">";
    }

    private static String text(final JsonObject entry, final String name) {
        final JsonElement value = entry.get(name);
        return value == null ? "" : escape(value.getAsString());
    }

    private static String escape(final String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Sends the edits one device after the other, each as lock, edit-config, commit, unlock of the candidate.
     *
     * @param edits the edits in activation order; removal runs them in reverse
     * @param remove whether to remove (tear-down) or write (set-up)
     * @return milliseconds for all of them
     * @throws IOException on a device error
     */
    double send(final List<Edit> edits, final boolean remove) throws IOException {
        final long t0 = System.nanoTime();
        for (int i = 0; i < edits.size(); i++) {
            final Edit edit = edits.get(remove ? edits.size() - 1 - i : i);
            final NetconfClient session = sessions.get(edit.nodeId());
            if (session == null) {
                throw new IOException("no simulator for " + edit.nodeId());
            }
            expect(session.lock("candidate"), "lock", edit);
            expect(session.rpc("<edit-config><target><candidate/></target><config>" + (remove ? edit.delete()
                : edit.set()) + "</config></edit-config>"), "edit-config", edit);
            expect(session.rpc("<commit/>"), "commit", edit);
            expect(session.unlock("candidate"), "unlock", edit);
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void expect(final String reply, final String what, final Edit edit) throws IOException {
        if (NetconfClient.isError(reply)) {
            throw new IOException(what + " on " + edit.nodeId() + " failed: " + reply);
        }
    }

    @Override
    public void close() {
        sessions.values().forEach(NetconfClient::close);
        sessions.clear();
    }
}
