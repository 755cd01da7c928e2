/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Console commands of the key management service: {@code qslice:kms-status} and {@code qslice:kms-pools}. They only
 * format what {@link org.qslice.api.kms.KeyManagementService} returns; they never show key material.
 */
package org.qslice.cli.kms;
