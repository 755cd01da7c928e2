/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.mdsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.Futures;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.opendaylight.yangtools.yang.common.ErrorTag;

class RpcResultsTest {
    @Test
    void aCallTheStoppingOrchestratorRefusesIsInUseNotAnInternalError() {
        // the singleton's executor is shut down when the orchestrator stops on this member (it moves)
        final var result = RpcResults.failed(new CompletionException(new OrchestratorStoppedException()));
        final var error = result.getErrors().iterator().next();
        assertEquals(ErrorTag.IN_USE, error.getTag());
        assertTrue(error.getMessage().contains("the orchestrator stopped on this cluster member"), error.getMessage());
    }

    @Test
    void theStoppedOrchestratorsExecutorRefusesWithItsOwnException() throws Exception {
        final var executor = SliceOrchestrator.newExecutor();
        executor.shutdown();
        // as the slice manager's queue hands its operations to the executor
        final var refused = Futures.whenAllComplete(Futures.immediateVoidFuture()).call(() -> null, executor);
        final var error = RpcResults.failed(assertThrows(ExecutionException.class, refused::get)).getErrors()
            .iterator().next();
        assertEquals(ErrorTag.IN_USE, error.getTag());
    }

    @Test
    void anyOtherUnexpectedFailureStaysAnInternalError() {
        final var error = RpcResults.failed(new IllegalStateException("bug")).getErrors().iterator().next();
        assertEquals(ErrorTag.OPERATION_FAILED, error.getTag());
        // another executor's refusal is not the orchestrator moving
        final var other = RpcResults.failed(new CompletionException(new RejectedExecutionException(
            "rejected from java.util.concurrent.ThreadPoolExecutor[Terminated]"))).getErrors().iterator().next();
        assertEquals(ErrorTag.OPERATION_FAILED, other.getTag());
    }
}
