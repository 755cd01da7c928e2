/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.cluster;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.JMRuntimeException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.qslice.api.cluster.ClusterView;

/**
 * Reads the cluster MBeans of OpenDaylight's distributed datastore and of Pekko from an {@link MBeanServer}:
 * <ul>
 *   <li>{@code org.opendaylight.controller:Category=ShardManager,...}: {@code MemberName};</li>
 *   <li>{@code org.opendaylight.controller:Category=Shards,type=Distributed(Config|Operational)Datastore,
 *       name=<member>-shard-<shard>-<store>}: {@code Leader} (a shard replica's name, empty without a leader) and
 *       {@code RaftState};</li>
 *   <li>{@code pekko:type=Cluster}: {@code ClusterStatus} (JSON: members with address, roles, status, and the
 *       unreachable ones).</li>
 * </ul>
 * A controller without the clustered datastore has none of them: it reads as member {@code member-1} with no
 * shards and no members.
 */
public final class ClusterMBeans {
    /** What a single controller calls itself (ODL's default pekko.conf role). */
    public static final String DEFAULT_MEMBER = "member-1";

    private static final String SHARD_INFIX = "-shard-";
    private static final ObjectName SHARD_MANAGERS = name("org.opendaylight.controller:Category=ShardManager,*");
    private static final ObjectName SHARDS = name("org.opendaylight.controller:Category=Shards,*");
    private static final ObjectName PEKKO_CLUSTER = name("pekko:type=Cluster");

    private final MBeanServer server;

    /**
     * Reads from a server.
     *
     * @param server the platform MBean server in a controller
     */
    public ClusterMBeans(final MBeanServer server) {
        this.server = requireNonNull(server);
    }

    private static ObjectName name(final String name) {
        try {
            return new ObjectName(name);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The name of this member.
     *
     * @return {@code member-N}, {@link #DEFAULT_MEMBER} when no shard manager says
     */
    public String localMember() {
        for (ObjectName manager : server.queryNames(SHARD_MANAGERS, null)) {
            final Optional<String> member = attribute(manager, "MemberName").map(Object::toString)
                .filter(name -> !name.isEmpty());
            if (member.isPresent()) {
                return member.orElseThrow();
            }
        }
        return DEFAULT_MEMBER;
    }

    /**
     * The shard replicas of this member, both datastores, sorted by datastore and name.
     *
     * @return the shards with their leaders and this member's role
     */
    public List<ClusterView.Shard> shards() {
        final var shards = new ArrayList<ClusterView.Shard>();
        for (ObjectName shard : server.queryNames(SHARDS, null)) {
            final String replica = shard.getKeyProperty("name");
            final String type = shard.getKeyProperty("type");
            if (replica == null || type == null) {
                continue;
            }
            final String store = type.contains("Operational") ? "operational" : "config";
            final int infix = replica.indexOf(SHARD_INFIX);
            final String suffix = "-" + store;
            if (infix < 0 || !replica.endsWith(suffix)) {
                continue;
            }
            final String shardName =
                replica.substring(infix + SHARD_INFIX.length(), replica.length() - suffix.length());
            final Optional<String> leader = attribute(shard, "Leader").map(Object::toString)
                .flatMap(ClusterMBeans::memberOf);
            final String role = attribute(shard, "RaftState").map(Object::toString).orElse("unknown");
            shards.add(new ClusterView.Shard(store, shardName, leader, role));
        }
        shards.sort(Comparator.comparing(ClusterView.Shard::datastore).thenComparing(ClusterView.Shard::name));
        return shards;
    }

    /**
     * The member name of a shard replica's name ({@code member-2-shard-default-config} -> {@code member-2}).
     *
     * @param replica the replica's name, as a shard's {@code Leader} gives it
     * @return the member, empty for an empty or unexpected name
     */
    static Optional<String> memberOf(final String replica) {
        final int infix = replica.indexOf(SHARD_INFIX);
        return infix > 0 ? Optional.of(replica.substring(0, infix)) : Optional.empty();
    }

    /**
     * The cluster's members as Pekko on this member sees them, sorted by member name.
     *
     * @return the members; empty when there is no Pekko cluster MBean or it cannot be read
     */
    public List<ClusterView.Member> members() {
        return attribute(PEKKO_CLUSTER, "ClusterStatus").map(Object::toString).map(ClusterMBeans::parseMembers)
            .orElse(List.of());
    }

    /**
     * Parses Pekko's {@code ClusterStatus} JSON.
     *
     * @param json the attribute's value
     * @return the members, reachable unless listed as unreachable; empty for a value that does not parse
     */
    static List<ClusterView.Member> parseMembers(final String json) {
        final JsonObject status;
        try {
            final JsonElement parsed = JsonParser.parseString(json);
            if (!parsed.isJsonObject()) {
                return List.of();
            }
            status = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            return List.of();
        }
        final Set<String> unreachable = status.has("unreachable") && status.get("unreachable").isJsonArray()
            ? status.getAsJsonArray("unreachable").asList().stream()
                .map(entry -> entry.isJsonObject() && entry.getAsJsonObject().has("node")
                    ? entry.getAsJsonObject().get("node").getAsString() : entry.toString())
                .collect(Collectors.toSet())
            : Set.of();
        if (!status.has("members") || !status.get("members").isJsonArray()) {
            return List.of();
        }
        final var members = new ArrayList<ClusterView.Member>();
        for (JsonElement element : status.getAsJsonArray("members")) {
            if (!element.isJsonObject()) {
                continue;
            }
            final JsonObject member = element.getAsJsonObject();
            final String address = member.has("address") ? member.get("address").getAsString() : "?";
            final List<String> roles = member.has("roles") && member.get("roles").isJsonArray()
                ? member.getAsJsonArray("roles").asList().stream().map(JsonElement::getAsString).toList()
                : List.of();
            final String state = member.has("status") ? member.get("status").getAsString() : "?";
            members.add(new ClusterView.Member(address, roles, state, !unreachable.contains(address)));
        }
        members.sort(Comparator.comparing(ClusterView.Member::name).thenComparing(ClusterView.Member::address));
        return members;
    }

    private Optional<Object> attribute(final ObjectName bean, final String attribute) {
        try {
            return Optional.ofNullable(server.getAttribute(bean, attribute));
        } catch (JMException | JMRuntimeException e) {
            // not registered (a single controller without Pekko), gone between the query and the read, or its
            // getter failed (RuntimeMBeanException): that attribute is unknown, the rest of the view is not
            return Optional.empty();
        }
    }
}
