/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Key pools and their storage: the per-pool key life cycle (available, delivered, consumed, discarded) with key
 * material sealed under the master key even in memory, bounded id lists, statistics, and the encrypted vault files
 * that carry pools across restarts. Plain Java, no MD-SAL.
 */
package org.qslice.kms.store;
