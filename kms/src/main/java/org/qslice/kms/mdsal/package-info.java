/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * MD-SAL plumbing of the KMS: the configuration and operational datastore layout of {@code qslice-kms}, the
 * datastore-backed {@link org.qslice.api.kms.KeyManagementService}, the RPC implementations, the mirror of the
 * engine into the operational datastore with notifications, and the cluster singleton that runs the engine. Thin:
 * the logic lives in the engine and store packages.
 */
package org.qslice.kms.mdsal;
