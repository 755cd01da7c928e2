/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

import static java.util.Objects.requireNonNull;

/**
 * A connection end at a fixed site.
 *
 * @param site the site's node-id
 */
public record SiteEndpoint(String site) implements Endpoint {
    /**
     * Checks the argument.
     */
    public SiteEndpoint {
        requireNonNull(site, "site");
    }

    @Override
    public String describe() {
        return site;
    }
}
