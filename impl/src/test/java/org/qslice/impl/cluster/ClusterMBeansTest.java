/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.qslice.api.cluster.ClusterView;

/**
 * Reads MBeans registered under the names and with the attributes OpenDaylight and Pekko use (seen on a running
 * 3-member cluster).
 */
class ClusterMBeansTest {
    /** The attributes of ODL's ShardStatsMXBean that are read. */
    public interface ShardMXBean {
        String getLeader();

        String getRaftState();
    }

    /** The attribute of ODL's ShardManagerInfoMBean that is read. */
    public interface ManagerMXBean {
        String getMemberName();
    }

    /** The attribute of Pekko's cluster MBean that is read. */
    public interface PekkoMXBean {
        String getClusterStatus();
    }

    private static void shard(final MBeanServer server, final String type, final String replica, final String leader,
            final String role) throws JMException {
        server.registerMBean(new ShardMXBean() {
            @Override
            public String getLeader() {
                return leader;
            }

            @Override
            public String getRaftState() {
                return role;
            }
        }, new ObjectName("org.opendaylight.controller:type=" + type + ",Category=Shards,name=" + replica));
    }

    @Test
    void readsMemberShardsAndMembers() throws JMException {
        final MBeanServer server = MBeanServerFactory.newMBeanServer();
        final ManagerMXBean manager = () -> "member-2";
        server.registerMBean(manager, new ObjectName("org.opendaylight.controller:type=DistributedConfigDatastore,"
            + "Category=ShardManager,name=shard-manager-config"));
        shard(server, "DistributedConfigDatastore", "member-2-shard-default-config", "member-1-shard-default-config",
            "Follower");
        shard(server, "DistributedOperationalDatastore", "member-2-shard-topology-operational",
            "member-2-shard-topology-operational", "Leader");
        shard(server, "DistributedConfigDatastore", "member-2-shard-inventory-config", "", "Candidate");
        final PekkoMXBean pekko = () -> """
            {"members": [
              {"address": "pekko://opendaylight-cluster-data@127.0.0.1:3", "roles": ["dc-default", "member-3"],
               "status": "Up", "app-version": "0.0.0"},
              {"address": "pekko://opendaylight-cluster-data@127.0.0.1:1", "roles": ["dc-default", "member-1"],
               "status": "Up", "app-version": "0.0.0"}],
             "self-address": "pekko://opendaylight-cluster-data@127.0.0.1:1",
             "unreachable": [{"node": "pekko://opendaylight-cluster-data@127.0.0.1:3",
               "observed-by": ["pekko://opendaylight-cluster-data@127.0.0.1:1"]}]}
            """;
        server.registerMBean(pekko, new ObjectName("pekko:type=Cluster"));

        final var mbeans = new ClusterMBeans(server);
        assertEquals("member-2", mbeans.localMember());
        assertEquals(List.of(
            new ClusterView.Shard("config", "default", Optional.of("member-1"), "Follower"),
            new ClusterView.Shard("config", "inventory", Optional.empty(), "Candidate"),
            new ClusterView.Shard("operational", "topology", Optional.of("member-2"), "Leader")), mbeans.shards());
        assertEquals(List.of(
            new ClusterView.Member("pekko://opendaylight-cluster-data@127.0.0.1:1", List.of("dc-default", "member-1"),
                "Up", true),
            new ClusterView.Member("pekko://opendaylight-cluster-data@127.0.0.1:3", List.of("dc-default", "member-3"),
                "Up", false)), mbeans.members());
    }

    @Test
    void aControllerWithoutClusterBeansIsMemberOneAlone() {
        final var mbeans = new ClusterMBeans(MBeanServerFactory.newMBeanServer());
        assertEquals(ClusterMBeans.DEFAULT_MEMBER, mbeans.localMember());
        assertEquals(List.of(), mbeans.shards());
        assertEquals(List.of(), mbeans.members());
    }

    @Test
    void aStatusThatDoesNotParseGivesNoMembers() {
        assertEquals(List.of(), ClusterMBeans.parseMembers("not json {"));
        assertEquals(List.of(), ClusterMBeans.parseMembers("[]"));
    }
}
