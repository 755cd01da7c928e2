/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.slice;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.qslice.api.SliceException;
import org.qslice.api.kms.KeyType;
import org.qslice.api.model.DeviceDrift;
import org.qslice.api.model.KeyExchange;
import org.qslice.api.model.Link;
import org.qslice.api.model.SecurityLevel;
import org.qslice.api.model.SliceInfo;
import org.qslice.api.model.Topology;

/**
 * Configures and unconfigures the devices of a slice. Implementations roll back what they applied when a step fails,
 * and fail the future with a {@link org.qslice.api.SliceException} describing the failing device and step. They keep
 * a journal of what each slice's devices may hold, which survives a controller restart.
 */
public interface Provisioner {
    /**
     * Configures the devices along the slice's reserved paths (after removing whatever an earlier, failed
     * activation may have left).
     *
     * @param slice the slice, state provisioning
     * @param topology the topology its paths were computed on
     * @return completes when the devices are done: whether they could be configured (after rolling back if not), and
     *     the bookkeeping still being stored
     */
    ListenableFuture<Provisioned> activate(SliceInfo slice, Topology topology);

    /**
     * Removes exactly what the slice's devices may hold of it, as its journal says (not recomputed from the
     * topology).
     *
     * @param slice the slice, state deprovisioning
     * @param topology the current topology (used only for a slice that has no journal)
     * @return completes when the devices are done, as for {@link #activate}
     */
    ListenableFuture<Provisioned> deactivate(SliceInfo slice, Topology topology);

    /**
     * Moves connections to new paths, make-before-break: applies what the new paths need that the devices do not hold
     * yet, then removes what only the old paths used. If applying fails, what was applied is undone and the old paths
     * stay as they were. The journal records every step first, so a restart in the middle rolls the move forward
     * (every new entry applied) or back ({@link #recover}).
     *
     * @param slice the slice, state restoring: its connections on their new paths, its replaced plans the old ones
     * @param topology the topology its new paths were computed on
     * @return completes when the devices are done; {@link Provisioned#pathsMoved()} tells where the connections run
     */
    default ListenableFuture<Provisioned> reroute(final SliceInfo slice, final Topology topology) {
        return Futures.immediateFailedFuture(new org.qslice.api.SliceException(
            org.qslice.api.SliceException.Kind.UNAVAILABLE, "this provisioner cannot restore slices"));
    }

    /**
     * What switching a channel's key-exchange method did.
     *
     * @param sliceIds the slices whose journals hold the channel (their journals name the new method now)
     * @param keyId the first key id of the new method on both ends, empty if the channel was not running
     */
    record KeySwitched(List<String> sliceIds, Optional<UUID> keyId) {
        /**
         * Copies the list.
         */
        public KeySwitched {
            sliceIds = List.copyOf(sliceIds);
            Objects.requireNonNull(keyId);
        }
    }

    /**
     * Switches an encrypted link's channel to another key-exchange method in place, in lock-step at a key boundary
     * of both ends (see {@code change-key-exchange}); the cards at both ends must support it. On failure the channel
     * runs its old method, as before.
     *
     * @param link the link as it is planned now (its current method)
     * @param to the new method, not none
     * @param topology the topology the link is in
     * @return what was switched
     */
    default ListenableFuture<KeySwitched> switchKeyExchange(final Link link, final KeyExchange to,
            final Topology topology) {
        return Futures.immediateFailedFuture(new SliceException(SliceException.Kind.UNAVAILABLE,
            "this provisioner cannot change key-exchange methods"));
    }

    /**
     * Brings channels whose key-exchange switch a restart interrupted in step with the method the topology names.
     *
     * @param topology the topology as planned (with the stored method changes)
     * @param floors per link, the highest minimum level of the connections on it: a channel whose method gives less
     *     is left alone (restoration moves those connections first)
     * @param rotating the key type each channel the KMS rotates draws, as the KMS said
     * @return the channels switched
     */
    default ListenableFuture<List<String>> reconcileKeyExchanges(final Topology topology,
            final Map<String, SecurityLevel> floors, final Map<String, KeyType> rotating) {
        return Futures.immediateFuture(List.of());
    }

    /**
     * Loads the journals; call once, before {@link #recover}.
     *
     * @return completion
     */
    default ListenableFuture<?> restore() {
        return Futures.immediateVoidFuture();
    }

    /**
     * Recovers a slice whose activation or deactivation a controller restart interrupted: removes, idempotently,
     * everything its journal says the devices may hold, first reading each device to report what it found. Waits
     * a bounded time for the devices to be connected.
     *
     * @param slice the slice, state provisioning or deprovisioning (or failed, needing recovery)
     * @return completes when done; a failure names the devices that could not be cleaned (the slice then needs
     *     recovery), a success carries the summary for the slice's status
     */
    default ListenableFuture<Provisioned> recover(final SliceInfo slice) {
        return Futures.immediateFuture(Provisioned.succeeded());
    }

    /**
     * Returns what may still hold some of a slice's configuration, as its journal says.
     *
     * @param sliceId the slice
     * @return device ids ({@code site/name}, {@code kms}), empty when nothing may
     */
    default Set<String> mayHold(final String sliceId) {
        return Set.of();
    }

    /**
     * Tells whether the slice's journal says some device may hold its configuration and every such device is
     * reachable now.
     *
     * @param sliceId the slice
     * @return true if an unfinished {@link #recover} can run again now
     */
    default boolean recoverable(final String sliceId) {
        return false;
    }

    /**
     * Compares what the slice's devices hold with what its journal says they must hold, and keeps the result as
     * the slice's last check.
     *
     * @param sliceId the slice
     * @param trigger what runs the check, e.g. {@code check-slice} or {@code device <node-id> connected}
     * @return the report; fails with a {@link org.qslice.api.SliceException} if the slice has no journal
     */
    default ListenableFuture<DeviceDrift.Report> check(final String sliceId, final String trigger) {
        return Futures.immediateFailedFuture(new org.qslice.api.SliceException(
            org.qslice.api.SliceException.Kind.UNAVAILABLE, "this provisioner cannot check devices"));
    }

    /**
     * Writes again what the slice's devices are missing or hold changed; never deletes anything.
     *
     * @param sliceId the slice, active
     * @return the check after the repair, with what was written
     */
    default ListenableFuture<DeviceDrift.Report> repair(final String sliceId) {
        return check(sliceId, "repair-slice");
    }

    /**
     * Returns the slices whose journal says a device holds applied entries of theirs.
     *
     * @param nodeId the device's NETCONF node id
     * @return the slice ids
     */
    default Set<String> appliedOn(final String nodeId) {
        return Set.of();
    }

    /**
     * Forgets what is kept about a deleted slice (its journal and provisioning record). The slice holds no device
     * configuration when it is deleted.
     *
     * @param sliceId the deleted slice
     * @return completion
     */
    default ListenableFuture<?> forget(final String sliceId) {
        return Futures.immediateVoidFuture();
    }
}
