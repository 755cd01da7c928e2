/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * TLS certificates of the KMS: a local CA, the server certificate and one client certificate per SAE, generated with
 * Bouncy Castle (bcpkix) on first start, or supplied by the operator as PEM files. Plain Java, no MD-SAL.
 */
package org.qslice.kms.pki;
