/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.cli;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.qslice.api.cluster.ClusterStatus;
import org.qslice.api.cluster.ClusterView;

/**
 * {@code qslice:cluster-status}: this member's name, which member runs the orchestrator and the KMS singletons, each
 * shard's leader and the cluster's members, as the member the console runs on sees them.
 */
@Service
@Command(scope = "qslice", name = "cluster-status", description = "Shows which cluster member runs the qslice "
    + "orchestrator and KMS, each shard's leader, and the members")
public final class ClusterStatusCommand implements Action {
    @Reference
    private ClusterStatus cluster;

    /**
     * Constructor for Karaf's injection.
     */
    public ClusterStatusCommand() {
        // fields are injected
    }

    ClusterStatusCommand(final ClusterStatus cluster) {
        this.cluster = cluster;
    }

    @Override
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    public Object execute() throws Exception {
        print(Await.result(cluster.view()), System.out);
        return null;
    }

    static void print(final ClusterView view, final PrintStream out) {
        out.println("this member: " + view.localMember());
        for (ClusterView.Singleton singleton : view.singletons()) {
            out.println(label(singleton.group()) + ": " + singleton.owner().orElse(singleton.error()
                .map(error -> "unknown (" + error + ")").orElse("none (no member runs it now)")));
        }
        if (view.shards().isEmpty()) {
            out.println("shards: none known (not a clustered datastore)");
        } else {
            out.printf("%-12s %-16s %-10s %s%n", "DATASTORE", "SHARD", "LEADER", "THIS MEMBER");
            for (ClusterView.Shard shard : view.shards()) {
                out.printf("%-12s %-16s %-10s %s%n", shard.datastore(), shard.name(), shard.leader().orElse("none"),
                    shard.localRole());
            }
        }
        if (!view.members().isEmpty()) {
            out.printf("%-10s %-10s %-11s %s%n", "MEMBER", "STATUS", "REACHABLE", "ADDRESS");
            for (ClusterView.Member member : view.members()) {
                out.printf("%-10s %-10s %-11s %s%n", member.name(), member.status(),
                    member.reachable() ? "yes" : "NO", member.address());
            }
        }
    }

    private static String label(final String group) {
        return switch (group) {
            case ClusterStatus.ORCHESTRATOR -> "orchestrator";
            case ClusterStatus.KMS -> "kms";
            default -> group;
        };
    }
}
