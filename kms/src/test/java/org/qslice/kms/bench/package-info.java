/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The KMS benchmark (a main class, not a test): ETSI GS QKD 014 keys/s over TLS and channel refresh capacity.
 */
package org.qslice.kms.bench;
