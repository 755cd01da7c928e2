/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.slice;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.qslice.api.SliceException;
import org.qslice.api.SliceException.Kind;
import org.qslice.api.model.SliceState;

/**
 * The slice lifecycle as one pure transition table: (state, reservation held or not) x operation -> the next
 * state, or a named refusal. {@link SliceManager} asks it before every change; nothing else decides a transition.
 *
 * <pre>
 * state           held | activate      deactivate      delete     devices done   devices failed
 * reserved        yes  | provisioning  -               (deleted)  -              -
 * reserved        no   | - (no resv.)  -               (deleted)  -              -
 * failed          yes  | provisioning  deprovisioning  (deleted)  -              -
 * failed          no   | - (no resv.)  deprovisioning  (deleted)  -              -
 * provisioning    any  | -             -               -          active/failed  failed
 * active          any  | -             deprovisioning  -          -              -
 * degraded        any  | -             deprovisioning  -          -              -
 * restoring       any  | -             -               -          active         degraded
 * deprovisioning  any  | -             -               -          reserved       failed
 * planned         any  | -             -               (deleted)  -              -
 *
 * state           held | recovered  recovery failed  restore    degrade    clear
 * provisioning    any  | reserved   failed           -          -          -
 * deprovisioning  any  | reserved   failed           -          -          -
 * restoring       any  | active     failed           -          -          -
 * failed          any  | reserved   failed           -          -          -
 * active          yes  | -          -                restoring  degraded   -
 * degraded        yes  | -          -                restoring  degraded   active
 * other           any  | -          -                -          -          -
 * </pre>
 * "restore" moves connections off a failure (make-before-break); "degrade" records that a connection is down with
 * no path at its level; "clear" ends that once nothing is down. A restoration whose devices failed was rolled back:
 * the slice is degraded. A restoration a restart interrupted is rolled forward or back by recovery: active (the
 * restoration check then runs again).
 * "-" is a refusal naming the state and what is allowed; an activation whose devices are done while the
 * reservation was lost ends failed. "recovered" and "recovery failed" end the recovery of a slice whose operation a
 * controller restart interrupted (or of a failed slice whose recovery waited for a device). A delete that the table
 * allows is still refused while the slice's journal says a device may hold some of its configuration.
 *
 * <p>A slice whose reservation no longer fits the topology ({@code held} false) cannot be activated; it can be
 * deactivated and deleted. An activation that completes while the reservation was lost ends {@code failed}.
 */
public final class SliceLifecycle {
    /**
     * What is done to a slice.
     */
    public enum Operation {
        /** {@code activate-slice}. */
        ACTIVATE,
        /** {@code deactivate-slice}. */
        DEACTIVATE,
        /** {@code delete-slice}. */
        DELETE,
        /** The device work of an activation or deactivation succeeded. */
        DEVICES_DONE,
        /** The device work of an activation or deactivation failed. */
        DEVICES_FAILED,
        /** Recovery after a restart removed everything the slice's journal said the devices might hold. */
        RECOVERED,
        /** Recovery could not clean every device (one is unreachable): the slice needs recovery. */
        RECOVERY_FAILED,
        /** Restoration moves connections off a failed link, device or key supply. */
        RESTORE,
        /** A connection is down and no path at its level exists. */
        DEGRADE,
        /** Nothing of the slice is down any more. */
        CLEAR
    }

    /**
     * The answer: the next state, or why not.
     *
     * @param next the next state; empty for a refusal, and for a delete (the slice is gone)
     * @param refusal why the operation is refused, empty if it is allowed
     */
    public record Decision(Optional<SliceState> next, Optional<String> refusal) {
        /**
         * Checks the decision.
         */
        public Decision {
            requireNonNull(next);
            requireNonNull(refusal);
            if (next.isPresent() && refusal.isPresent()) {
                throw new IllegalArgumentException("a decision is a next state or a refusal");
            }
        }

        static Decision to(final SliceState state) {
            return new Decision(Optional.of(state), Optional.empty());
        }

        static Decision gone() {
            return new Decision(Optional.empty(), Optional.empty());
        }

        static Decision refuse(final String why) {
            return new Decision(Optional.empty(), Optional.of(why));
        }

        /**
         * Tells whether the operation is allowed.
         *
         * @return true unless refused
         */
        public boolean allowed() {
            return refusal.isEmpty();
        }

        /**
         * Returns the next state, or throws the refusal as a {@link Kind#STATE} error naming the slice.
         *
         * @param sliceId the slice, for the message
         * @return the next state (empty after a delete)
         * @throws SliceException the refusal (RESTCONF: 409 {@code in-use})
         */
        public Optional<SliceState> orRefuse(final String sliceId) throws SliceException {
            if (refusal.isPresent()) {
                throw new SliceException(Kind.STATE, "slice " + sliceId + " " + refusal.orElseThrow());
            }
            return next;
        }
    }

    private SliceLifecycle() {
        // pure function
    }

    /**
     * Decides an operation.
     *
     * @param state the slice's state
     * @param held whether the slice holds its reservation on the current topology
     * @param operation the operation
     * @return the decision
     */
    public static Decision decide(final SliceState state, final boolean held, final Operation operation) {
        requireNonNull(state);
        requireNonNull(operation);
        return switch (operation) {
            case ACTIVATE -> switch (state) {
                case RESERVED, FAILED -> held ? Decision.to(SliceState.PROVISIONING) : Decision.refuse(
                    "holds no reservation on the current topology: delete it and create it again");
                default -> Decision.refuse("is " + state + ": only a reserved or failed slice can be activated");
            };
            case DEACTIVATE -> switch (state) {
                case ACTIVE, FAILED, DEGRADED -> Decision.to(SliceState.DEPROVISIONING);
                default -> Decision.refuse("is " + state
                    + ": only an active, degraded or failed slice can be deactivated");
            };
            case DELETE -> switch (state) {
                case ACTIVE, PROVISIONING, DEPROVISIONING, RESTORING, DEGRADED -> Decision.refuse("is " + state
                    + ": deactivate it before deleting it");
                case PLANNED, RESERVED, FAILED -> Decision.gone();
            };
            case DEVICES_DONE -> switch (state) {
                case PROVISIONING -> Decision.to(held ? SliceState.ACTIVE : SliceState.FAILED);
                case DEPROVISIONING -> Decision.to(SliceState.RESERVED);
                case RESTORING -> Decision.to(SliceState.ACTIVE);
                default -> Decision.refuse("is " + state + ": no device work was under way");
            };
            case DEVICES_FAILED -> switch (state) {
                case PROVISIONING, DEPROVISIONING -> Decision.to(SliceState.FAILED);
                case RESTORING -> Decision.to(SliceState.DEGRADED);
                default -> Decision.refuse("is " + state + ": no device work was under way");
            };
            case RECOVERED -> switch (state) {
                case PROVISIONING, DEPROVISIONING, FAILED -> Decision.to(SliceState.RESERVED);
                case RESTORING -> Decision.to(SliceState.ACTIVE);
                default -> Decision.refuse("is " + state + ": nothing to recover");
            };
            case RECOVERY_FAILED -> switch (state) {
                case PROVISIONING, DEPROVISIONING, FAILED, RESTORING -> Decision.to(SliceState.FAILED);
                default -> Decision.refuse("is " + state + ": nothing to recover");
            };
            case RESTORE, DEGRADE -> switch (state) {
                case ACTIVE, DEGRADED -> held ? Decision.to(operation == Operation.RESTORE ? SliceState.RESTORING
                    : SliceState.DEGRADED) : Decision.refuse("holds no reservation on the current topology");
                default -> Decision.refuse("is " + state + ": only an active or degraded slice is restored");
            };
            case CLEAR -> state == SliceState.DEGRADED ? Decision.to(SliceState.ACTIVE)
                : Decision.refuse("is " + state + ": only a degraded slice clears");
        };
    }
}
