/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A slice request: connections computed in the given order. Like {@link ConnectionRequest}, the record only checks
 * structure; the request validator judges the values.
 *
 * @param id slice id
 * @param description free text, if given
 * @param connections the connections, in request order
 */
public record SliceRequest(String id, Optional<String> description, List<ConnectionRequest> connections) {
    /**
     * Checks for nulls and copies the list.
     */
    public SliceRequest {
        requireNonNull(id, "slice-id");
        requireNonNull(description, "description");
        connections = List.copyOf(connections);
    }

    /**
     * Creates a request without description.
     *
     * @param id slice id
     * @param connections the connections
     * @return the request
     */
    public static SliceRequest of(final String id, final List<ConnectionRequest> connections) {
        return new SliceRequest(id, Optional.empty(), connections);
    }
}
