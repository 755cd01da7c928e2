/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Key sources, one per key type: QKD (an ETSI GS QKD 014 client pulling from a key manager), QRA (ML-KEM-768
 * between the two channel ends), DH (X25519) and the hybrid QKD+QRA combiner. Plain Java, no MD-SAL.
 */
package org.qslice.kms.source;
