/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Benchmark of qslice's path computation: a seeded generator of hierarchical 5G transport topologies and slice
 * requests, and a plain {@code main} timing slice planning on 100 to 10,000 sites.
 */
package org.qslice.bench;
