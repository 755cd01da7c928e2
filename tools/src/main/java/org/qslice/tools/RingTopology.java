/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.tools;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * A generated testbed for the restoration benchmark: {@code n} metro sites {@code r0 .. r(n-1)} in a ring, with a
 * chord across the ring from every site of the first half to its opposite. Each site has an Ethernet switch and an
 * encryptor; each adjacency has one QKD channel (ch1, qkd-aes) and one DH channel (ch2, dh-aes), so a QKD connection
 * whose channel fails cannot take a parallel channel at its level: restoration must find a path through other sites.
 */
final class RingTopology {
    /** Fibre latency of one span, us. */
    private static final int SPAN_LATENCY_US = 500;

    private RingTopology() {
        // utility class
    }

    /**
     * Returns the adjacencies: the ring, then the chords.
     *
     * @param sites the number of sites, at least 4 and even
     * @return pairs of site indexes
     */
    static List<int[]> adjacencies(final int sites) {
        if (sites < 4 || sites % 2 != 0) {
            throw new IllegalArgumentException("a ring needs an even number of sites, at least 4: " + sites);
        }
        final var pairs = new java.util.ArrayList<int[]>();
        for (int i = 0; i < sites; i++) {
            pairs.add(new int[] { i, (i + 1) % sites });
        }
        for (int i = 0; i < sites / 2; i++) {
            pairs.add(new int[] { i, i + sites / 2 });
        }
        return pairs;
    }

    /**
     * Returns the topology as RFC 8345 JSON (the body of a PUT of {@code ietf-network:networks/network=qslice}).
     *
     * @param sites the number of sites
     * @return the JSON
     */
    static String json(final int sites) {
        final var nodes = new JsonArray();
        for (int i = 0; i < sites; i++) {
            final var node = new JsonObject();
            node.addProperty("node-id", site(i));
            final var attrs = new JsonObject();
            attrs.addProperty("role", "metro");
            final var devices = new JsonArray();
            devices.add(Bench.device(site(i) + "-sw", "ethernet-switch"));
            devices.add(Bench.device(site(i) + "-enc", "encryptor"));
            attrs.add("device", devices);
            node.add("qslice-topology:site", attrs);
            nodes.add(node);
        }
        final var links = new JsonArray();
        for (int[] pair : adjacencies(sites)) {
            links.add(link(pair[0], pair[1], 1, "qkd-aes"));
            links.add(link(pair[0], pair[1], 2, "dh-aes"));
        }
        return Bench.network(nodes, links);
    }

    /**
     * Returns a create-slice request of one QKD connection between two sites.
     *
     * @param id the slice id
     * @param from one site's index
     * @param to the other's
     * @return the JSON
     */
    static String slice(final String id, final int from, final int to) {
        return "{\"input\":{\"slice-id\":\"" + id + "\",\"connection\":[{\"name\":\"c\",\"a-end\":{\"site\":\""
            + site(from) + "\"},\"z-end\":{\"site\":\"" + site(to) + "\"},\"min-security-level\":\"qkd-aes\","
            + "\"bandwidth-gbps\":\"1\"}]}}";
    }

    static String site(final int index) {
        return "r" + index;
    }

    private static JsonObject link(final int from, final int to, final int channel, final String level) {
        final String siteA = site(from);
        final String siteB = site(to);
        final var link = new JsonObject();
        link.addProperty("link-id", siteA + "/" + siteB + "#ch" + channel);
        final var source = new JsonObject();
        source.addProperty("source-node", siteA);
        source.addProperty("source-tp", "eth-" + siteB + "-ch" + channel);
        link.add("source", source);
        final var destination = new JsonObject();
        destination.addProperty("dest-node", siteB);
        destination.addProperty("dest-tp", "eth-" + siteA + "-ch" + channel);
        link.add("destination", destination);
        final var attrs = new JsonObject();
        attrs.addProperty("capacity-gbps", "100");
        attrs.addProperty("latency-us", SPAN_LATENCY_US);
        attrs.addProperty("security-level", level);
        final var dwdm = new JsonObject();
        dwdm.addProperty("channel", channel);
        attrs.add("dwdm-channel", dwdm);
        final var encryptor = new JsonObject();
        encryptor.addProperty("encrypting", true);
        encryptor.addProperty("source-device", siteA + "-enc");
        encryptor.addProperty("dest-device", siteB + "-enc");
        attrs.add("encryptor", encryptor);
        link.add("qslice-topology:link-attributes", attrs);
        return link;
    }
}
