/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * How this controller's OpenDaylight cluster looks from the member it runs on: the member's name, which member runs
 * each qslice singleton (the orchestrator, the KMS), each shard's leader and the cluster's members. Plain Java types,
 * for the console.
 */
package org.qslice.api.cluster;
