/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The slice orchestrator's state machine, MD-SAL-free: it serializes every change (the paper: "the network
 * configuration is locked by the orchestrator which only allows one change at a time"), keeps the resource ledger in
 * step with the persisted slices, and delegates persistence and device work to ports implemented elsewhere.
 */
package org.qslice.impl.slice;
