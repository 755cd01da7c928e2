/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Key derivation and protection: HKDF (RFC 5869), the CatKDF-style hybrid combiner, AES-256-GCM sealing under the
 * master key, and the master key file. Plain Java, no MD-SAL.
 */
package org.qslice.kms.crypto;
