/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.store;

/**
 * Life-cycle state of a key, as {@code qslice-kms:key-state}.
 */
public enum KeyState {
    /** In the pool. */
    AVAILABLE,
    /** Handed to at least one end; the other end may fetch it once. */
    DELIVERED,
    /** Handed to every end, or retired by a newer channel key; material erased. */
    CONSUMED,
    /** Erased without being consumed. */
    DISCARDED
}
