/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The key management service (KMS) as other bundles and the console see it: pools of keys per channel and key
 * type, channels whose encryptor key is rotated, and the {@link org.qslice.api.kms.ChannelKeyTarget} hook through
 * which a new channel key id reaches the encryptors. Plain Java types only; never key material.
 */
package org.qslice.api.kms;
