/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.mdsal;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.function.Function;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.qslice.api.SliceException;
import org.qslice.api.SliceException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps domain results and {@link SliceException}s onto RPC results with RFC 8040 error types and tags.
 */
public final class RpcResults {
    private static final Logger LOG = LoggerFactory.getLogger(RpcResults.class);

    private RpcResults() {
        // utility class
    }

    /**
     * Completes an RPC from a domain future.
     *
     * @param <T> domain result
     * @param <O> RPC output
     * @param future the domain operation
     * @param output builds the output from the result
     * @return the RPC result future; never fails, failures become error results
     */
    public static <T, O> ListenableFuture<RpcResult<O>> from(final ListenableFuture<T> future,
            final Function<T, O> output) {
        final ListenableFuture<RpcResult<O>> success = Futures.transform(future,
            result -> RpcResultBuilder.success(output.apply(result)).build(), MoreExecutors.directExecutor());
        return Futures.catching(success, Throwable.class, RpcResults::failed, MoreExecutors.directExecutor());
    }

    /**
     * Unwraps a successful RPC result, or turns its first error back into a {@link SliceException}.
     *
     * @param <O> RPC output
     * @param result the result
     * @return the output
     * @throws SliceException carrying the error message and the kind matching its tag
     */
    public static <O> O output(final RpcResult<O> result) throws SliceException {
        if (result.isSuccessful()) {
            return result.getResult();
        }
        final var errors = result.getErrors();
        if (errors.isEmpty()) {
            throw new SliceException(Kind.INTERNAL, "the RPC failed without an error message");
        }
        final var error = errors.iterator().next();
        final ErrorTag tag = error.getTag();
        final Kind kind;
        if (ErrorTag.INVALID_VALUE.equals(tag)) {
            kind = Kind.INVALID;
        } else if (ErrorTag.DATA_EXISTS.equals(tag)) {
            kind = Kind.EXISTS;
        } else if (ErrorTag.DATA_MISSING.equals(tag)) {
            kind = Kind.MISSING;
        } else if (ErrorTag.RESOURCE_DENIED.equals(tag)) {
            kind = Kind.RESOURCES;
        } else if (ErrorTag.IN_USE.equals(tag)) {
            kind = Kind.STATE;
        } else if (ErrorTag.OPERATION_NOT_SUPPORTED.equals(tag)) {
            kind = Kind.UNAVAILABLE;
        } else if (error.getErrorType() == ErrorType.TRANSPORT) {
            kind = Kind.TRANSPORT;
        } else {
            kind = Kind.STATE;
        }
        throw new SliceException(kind, error.getInfo(), error.getMessage(), null);
    }

    /**
     * Whether a failure is the orchestrator's executor refusing work because the orchestrator stopped on this member
     * (an {@link OrchestratorStoppedException} anywhere in the cause chain).
     *
     * @param failure the failure
     * @return true if so
     */
    static boolean stoppedHere(final Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OrchestratorStoppedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Converts a failure into an RPC error result.
     *
     * @param <O> RPC output
     * @param failure the failure
     * @return the error result
     */
    public static <O> RpcResult<O> failed(final Throwable failure) {
        if (failure instanceof SliceException slice) {
            final var builder = RpcResultBuilder.<O>failed();
            switch (slice.kind()) {
                case INVALID -> builder.withError(ErrorType.PROTOCOL, ErrorTag.INVALID_VALUE, slice.getMessage(),
                    null, slice.field(), null);
                case EXISTS -> builder.withError(ErrorType.PROTOCOL, ErrorTag.DATA_EXISTS, slice.getMessage());
                case MISSING -> builder.withError(ErrorType.PROTOCOL, ErrorTag.DATA_MISSING, slice.getMessage());
                case RESOURCES -> builder.withError(ErrorType.APPLICATION, ErrorTag.RESOURCE_DENIED,
                    slice.getMessage());
                case TRANSPORT -> builder.withError(ErrorType.TRANSPORT, ErrorTag.OPERATION_FAILED,
                    slice.getMessage());
                case UNAVAILABLE -> builder.withError(ErrorType.APPLICATION, ErrorTag.OPERATION_NOT_SUPPORTED,
                    slice.getMessage());
                // the slice's state refuses the operation: the message names the state and what is allowed
                // (RFC 8040: in-use, 409); operation-failed would become a 500
                case STATE -> builder.withError(ErrorType.APPLICATION, ErrorTag.IN_USE, slice.getMessage());
                case INTERNAL -> builder.withError(ErrorType.APPLICATION, ErrorTag.OPERATION_FAILED,
                    slice.getMessage());
                default -> throw new IllegalStateException("unhandled kind " + slice.kind());
            }
            return builder.build();
        }
        if (stoppedHere(failure)) {
            // the orchestrator singleton stopped on this member during the call (it moves to another one after a
            // failure or a member's isolation): the new one recovers an interrupted operation; the caller retries
            LOG.info("an RPC ended because the orchestrator stopped on this member: {}", failure.getMessage());
            return RpcResultBuilder.<O>failed().withError(ErrorType.APPLICATION, ErrorTag.IN_USE,
                "the orchestrator stopped on this cluster member during the call (its cluster singleton is moving to"
                    + " another member): retry; an interrupted activation or deactivation is recovered by the next"
                    + " one").build();
        }
        LOG.warn("RPC failed unexpectedly", failure);
        return RpcResultBuilder.<O>failed().withError(ErrorType.APPLICATION, ErrorTag.OPERATION_FAILED,
            "internal error: " + failure.getClass().getSimpleName() + ": " + failure.getMessage()).build();
    }
}
