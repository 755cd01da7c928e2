/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The KMS engine: pools and their refill, the ETSI GS QKD 014 key delivery backend, the QKD simulator wiring, the
 * refresh scheduler that rotates channel keys, persistence, and change reporting to an {@link
 * org.qslice.kms.engine.EngineListener}. Plain Java, no MD-SAL: the OSGi/MD-SAL layer drives it.
 */
package org.qslice.kms.engine;
