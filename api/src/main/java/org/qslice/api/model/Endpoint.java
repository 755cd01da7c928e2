/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

/**
 * One end of a slice connection: a fixed site, or compute that qslice places on a suitable site.
 */
public sealed interface Endpoint permits SiteEndpoint, ComputeEndpoint {
    /**
     * Describes the endpoint for messages, e.g. {@code cell-1} or {@code compute(role metro)}.
     *
     * @return the text
     */
    String describe();
}
