/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Path computation and resource accounting, free of MD-SAL types and unit-testable in milliseconds.
 *
 * <p>Per topology version build one {@link org.qslice.impl.pce.TopologyIndex} and one
 * {@link org.qslice.impl.pce.SlicePlanner}; keep the free resources in a {@link org.qslice.impl.pce.ResourceLedger}
 * (restored from stored reservations with {@link org.qslice.impl.pce.ResourceLedger#rebuild}). A plan is computed
 * against a snapshot of the ledger and reserved with {@link org.qslice.impl.pce.ResourceLedger#reserve}. Every search
 * weighs the edges with {@link org.qslice.impl.pce.EdgeWeight}; the QKD key supply is accounted per key source under a
 * {@link org.qslice.impl.pce.KeyBudget}. The algorithm is described in {@code docs/path-computation.md}.
 */
package org.qslice.impl.pce;
