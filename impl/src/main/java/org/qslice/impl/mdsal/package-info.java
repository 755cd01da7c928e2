/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * MD-SAL plumbing of the slice orchestrator: YANG binding conversions, datastore I/O, the topology listener, the RPC
 * implementations and the cluster-singleton component. Everything here is thin and delegates to
 * {@link org.qslice.impl.slice} and {@link org.qslice.impl.pce}.
 */
package org.qslice.impl.mdsal;
