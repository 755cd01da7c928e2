/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.qslice.api.cluster.ClusterStatus;
import org.qslice.api.cluster.ClusterView;

class ClusterStatusCommandTest {
    @Test
    void printsOwnersLeadersAndMembers() {
        final var view = new ClusterView("member-2",
            List.of(new ClusterView.Singleton(ClusterStatus.ORCHESTRATOR, Optional.of("member-3"), Optional.empty()),
                new ClusterView.Singleton(ClusterStatus.KMS, Optional.empty(), Optional.empty())),
            List.of(new ClusterView.Shard("config", "default", Optional.of("member-1"), "Follower"),
                new ClusterView.Shard("operational", "topology", Optional.empty(), "Candidate")),
            List.of(new ClusterView.Member("pekko://c@127.0.0.1:1", List.of("dc-default", "member-1"), "Up", false)));
        final var bytes = new ByteArrayOutputStream();
        ClusterStatusCommand.print(view, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals("""
            this member: member-2
            orchestrator: member-3
            kms: none (no member runs it now)
            DATASTORE    SHARD            LEADER     THIS MEMBER
            config       default          member-1   Follower
            operational  topology         none       Candidate
            MEMBER     STATUS     REACHABLE   ADDRESS
            member-1   Up         NO          pekko://c@127.0.0.1:1
            """, bytes.toString(StandardCharsets.UTF_8));
    }
}
