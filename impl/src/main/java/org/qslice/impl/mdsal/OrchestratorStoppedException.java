/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.mdsal;

import java.io.Serial;
import java.util.concurrent.RejectedExecutionException;

/**
 * The orchestrator's executor refused work because the orchestrator stopped on this member (its cluster singleton
 * moved to another member): the call can be retried, the new orchestrator serves it.
 */
final class OrchestratorStoppedException extends RejectedExecutionException {
    @Serial
    private static final long serialVersionUID = 1L;

    OrchestratorStoppedException() {
        super("the orchestrator stopped on this cluster member");
    }
}
