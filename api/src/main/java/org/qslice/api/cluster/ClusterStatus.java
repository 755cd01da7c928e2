/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.cluster;

import java.util.concurrent.CompletionStage;

/**
 * The cluster as the member this runs on sees it. A single controller is a cluster of one member
 * ({@code member-1}).
 */
public interface ClusterStatus {
    /** The orchestrator's singleton group. */
    String ORCHESTRATOR = "qslice-orchestrator";

    /** The KMS engine's singleton group. */
    String KMS = "qslice-kms";

    /**
     * Reads the cluster's state: the owners of the qslice singletons (asked of the cluster's entity ownership
     * service), the shards of both datastores with their leaders, and the members this member knows.
     *
     * @return the state; fails only when this member cannot be asked at all
     */
    CompletionStage<ClusterView> view();
}
