/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.engine;

/**
 * State of the engine, as {@code qslice-kms:engine-state}.
 */
public enum EngineState {
    /** Loading keys and certificates. */
    STARTING,
    /** Serving keys and rotating channel keys. */
    RUNNING,
    /** Stopped. */
    STOPPED,
    /** Could not start. */
    FAILED
}
