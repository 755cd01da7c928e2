/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The quantum-safe TLS of the ETSI GS QKD 014 server: TLS 1.3 through Bouncy Castle's JSSE provider with the hybrid
 * post-quantum group X25519MLKEM768 preferred ({@link org.qslice.kms.tls.PqServerTls}), the optional pq-only policy
 * ({@link org.qslice.kms.tls.TlsGroupPolicy}), and the record of which group each handshake negotiated
 * ({@link org.qslice.kms.tls.NegotiatedGroups}), read from the server's own ServerHello
 * ({@link org.qslice.kms.tls.HandshakeParser}).
 */
package org.qslice.kms.tls;
