/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * QKD: the link model {@code R = R0 * 10^(-alpha * L / 10)}, a QKD link simulator that acts as an ETSI GS QKD 014
 * key manager (KME) and is served by the same server code as the KMS, and the access to a KME (simulated or
 * external) for the QKD key source. Plain Java, no MD-SAL.
 */
package org.qslice.kms.qkd;
