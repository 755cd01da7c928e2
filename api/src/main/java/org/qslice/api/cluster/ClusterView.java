/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.cluster;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One reading of the cluster from one member.
 *
 * @param localMember the name of the member that answered ({@code member-1} ...)
 * @param singletons the qslice singletons and their owners
 * @param shards the shards this member holds a replica of, both datastores
 * @param members the cluster's members as this member sees them (empty when it cannot tell)
 */
public record ClusterView(String localMember, List<Singleton> singletons, List<Shard> shards, List<Member> members) {
    /**
     * Checks and copies.
     *
     * @param localMember member name
     * @param singletons singletons
     * @param shards shards
     * @param members members
     */
    public ClusterView {
        requireNonNull(localMember);
        singletons = List.copyOf(singletons);
        shards = List.copyOf(shards);
        members = List.copyOf(members);
    }

    /**
     * A singleton group and the member running it.
     *
     * @param group the group ({@link ClusterStatus#ORCHESTRATOR}, {@link ClusterStatus#KMS})
     * @param owner its owner's member name; empty while nobody runs it (between a failure and the takeover) or when
     *     the entity ownership service could not be asked
     * @param error why the owner is not known, when it could not be asked
     */
    public record Singleton(String group, Optional<String> owner, Optional<String> error) {
        /**
         * Checks.
         *
         * @param group group
         * @param owner owner
         * @param error error
         */
        public Singleton {
            requireNonNull(group);
            requireNonNull(owner);
            requireNonNull(error);
        }
    }

    /**
     * A shard replica on the member that answered.
     *
     * @param datastore {@code config} or {@code operational}
     * @param name the shard ({@code default}, {@code topology}, ...)
     * @param leader the leader's member name, empty while there is none
     * @param localRole this member's Raft role for the shard (Leader, Follower, Candidate, ...)
     */
    public record Shard(String datastore, String name, Optional<String> leader, String localRole) {
        /**
         * Checks.
         *
         * @param datastore datastore
         * @param name shard
         * @param leader leader
         * @param localRole role
         */
        public Shard {
            requireNonNull(datastore);
            requireNonNull(name);
            requireNonNull(leader);
            requireNonNull(localRole);
        }
    }

    /**
     * A member of the cluster.
     *
     * @param address its cluster address ({@code pekko://opendaylight-cluster-data@127.0.0.1:2550})
     * @param roles its roles (the member name among them)
     * @param status Up, Joining, Leaving, Down, ...
     * @param reachable whether the member that answered can reach it
     */
    public record Member(String address, List<String> roles, String status, boolean reachable) {
        /**
         * Checks and copies.
         *
         * @param address address
         * @param roles roles
         * @param status status
         * @param reachable reachable
         */
        public Member {
            requireNonNull(address);
            roles = List.copyOf(roles);
            requireNonNull(status);
        }

        /**
         * The member's name: its {@code member-N} role, else its address.
         *
         * @return the name
         */
        public String name() {
            return roles.stream().filter(role -> role.startsWith("member-")).findFirst().orElse(address);
        }
    }
}
