/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * What the member this runs on knows about its OpenDaylight cluster, read from the MBeans the cluster registers in
 * the platform MBean server: the member's name (the shard managers), each local shard replica's leader and Raft role
 * (the shards' statistics), and the members (Pekko's cluster MBean). MD-SAL-free.
 */
package org.qslice.impl.cluster;
