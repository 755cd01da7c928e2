/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * ETSI GS QKD 014 (v1.1.1) key delivery: a Netty HTTPS server with mutual TLS serving any {@link
 * org.qslice.kms.etsi.Etsi014Backend} (the KMS pools, or the QKD link simulator as a KME), and a client. The SAE
 * identity is the common name of the peer's client certificate.
 */
package org.qslice.kms.etsi;
