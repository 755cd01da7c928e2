/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.qslice.api.model.DeviceDrift;
import org.qslice.api.model.KeyExchange;
import org.qslice.api.model.ProvisioningRecord;
import org.qslice.api.model.SliceInfo;
import org.qslice.api.model.SlicePlan;
import org.qslice.api.model.SliceRequest;
import org.qslice.api.model.TopologyStatus;

/**
 * Slices and topology, as the console and other applications use them. Calls are asynchronous; failures complete
 * the stage exceptionally with a {@link SliceException}.
 */
public interface SliceService {
    /**
     * Computes paths and reservations for a request against the resources free now; changes nothing.
     *
     * @param request the slice request
     * @return the plan, feasible or with the blocking reason
     */
    CompletionStage<SlicePlan> compute(SliceRequest request);

    /**
     * Computes and reserves a slice atomically.
     *
     * @param request the slice request
     * @return the slice, state reserved
     */
    CompletionStage<SliceInfo> create(SliceRequest request);

    /**
     * Releases everything a slice holds and forgets it.
     *
     * @param sliceId the slice
     * @return completion
     */
    CompletionStage<Void> delete(String sliceId);

    /**
     * Configures the devices of a reserved slice.
     *
     * @param sliceId the slice
     * @return the slice after activation
     */
    CompletionStage<SliceInfo> activate(String sliceId);

    /**
     * Removes the device configuration of an active slice.
     *
     * @param sliceId the slice
     * @return the slice after deactivation
     */
    CompletionStage<SliceInfo> deactivate(String sliceId);

    /**
     * Compares what the devices of a slice hold with what its provisioning journal says they must hold.
     *
     * @param sliceId the slice
     * @return per device: missing, changed and foreign entries
     */
    CompletionStage<DeviceDrift.Report> check(String sliceId);

    /**
     * Writes again what the devices of an active slice are missing or hold changed; deletes nothing.
     *
     * @param sliceId the slice
     * @return the check after the repair, with what was written
     */
    CompletionStage<DeviceDrift.Report> repair(String sliceId);

    /**
     * Lists the slices.
     *
     * @return all slices, ordered by id
     */
    CompletionStage<List<SliceInfo>> list();

    /**
     * Reads one slice.
     *
     * @param sliceId the slice
     * @return the slice, if it exists
     */
    CompletionStage<Optional<SliceInfo>> get(String sliceId);

    /**
     * Reads the last device operation (activation or deactivation) of a slice, with its steps and timings.
     *
     * @param sliceId the slice
     * @return the record, empty if the slice's devices were never touched (or no provisioner runs)
     */
    default CompletionStage<Optional<ProvisioningRecord>> provisioning(final String sliceId) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /**
     * Reads the recent failure and restoration events of a slice (link failures, restorations, degradations,
     * reversions), oldest first.
     *
     * @param sliceId the slice
     * @return one line per event: time, kind, detail
     */
    default CompletionStage<List<String>> events(final String sliceId) {
        return CompletableFuture.completedFuture(List.of());
    }

    /**
     * Reports a link up or down, as an external monitor does ({@code report-link-state}): down reroutes the
     * restorable connections on it at their security level, or degrades their slices.
     *
     * @param linkId the link
     * @param up true for up
     * @param reason why, may be empty
     * @return the active slices with a connection on the link
     */
    default CompletionStage<List<String>> reportLinkState(final String linkId, final boolean up,
            final Optional<String> reason) {
        return CompletableFuture.failedFuture(new SliceException(SliceException.Kind.UNAVAILABLE,
            "link states cannot be reported here"));
    }

    /**
     * Deprecates a key-exchange method network-wide (or lifts the deprecation) and waits for the connections it
     * affects to move.
     *
     * @param method the method, not {@code none}
     * @param deprecated false to lift
     * @return one line per connection moved ({@code moved slice/connection: from -> to}) or not ({@code not moved
     *     slice/connection: reason}), after a first line naming the methods deprecated now
     */
    default CompletionStage<List<String>> deprecateKeyExchange(final KeyExchange method, final boolean deprecated) {
        return CompletableFuture.failedFuture(new SliceException(SliceException.Kind.UNAVAILABLE,
            "key-exchange methods cannot be deprecated here"));
    }

    /**
     * Switches one link's channel to another key-exchange method in place, at a key-refresh boundary of both ends.
     *
     * @param linkId the link
     * @param method the new method, not {@code none}
     * @return lines saying what changed: the methods and level, the slices on the link, the first key of the new
     *     method and how long the switch took
     */
    default CompletionStage<List<String>> changeKeyExchange(final String linkId, final KeyExchange method) {
        return CompletableFuture.failedFuture(new SliceException(SliceException.Kind.UNAVAILABLE,
            "key-exchange methods cannot be changed here"));
    }

    /**
     * Reads the topology with the resources still free.
     *
     * @return the topology and its usage, empty if no qslice topology is configured
     */
    CompletionStage<Optional<TopologyStatus>> topology();

    /**
     * Parses a slice request in the RESTCONF form of a compute-slice / create-slice RPC body
     * ({@code {"input": {"slice-id": ..., "connection": [...]}}}, as in {@code testbed/use-case-1.json}).
     *
     * @param json the document
     * @return the request
     * @throws SliceException of kind INVALID if the document does not match the model
     */
    SliceRequest parseRequest(String json) throws SliceException;

    /**
     * Replaces the qslice topology with the one in a JSON document in the RESTCONF format of
     * {@code ietf-network:networks} (as in {@code testbed/paper-topology.json}).
     *
     * @param json the document
     * @return the loaded topology
     */
    CompletionStage<TopologyStatus> loadTopology(String json);
}
