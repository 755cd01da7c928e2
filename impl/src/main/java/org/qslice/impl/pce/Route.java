/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.impl.pce;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.qslice.api.model.Link;
import org.qslice.api.model.SecurityLevel;

/**
 * A path found for one connection, from the a-end site to the z-end site.
 *
 * @param sites the sites passed, from the a-end to the z-end; one more than {@code links}
 * @param links the links used, in path order
 * @param latencyUs total latency, encryptor cards included
 * @param weakest the weakest security level along the path
 */
public record Route(List<String> sites, List<Link> links, long latencyUs, SecurityLevel weakest) {
    /**
     * Checks the arguments and copies the lists.
     */
    public Route {
        sites = List.copyOf(sites);
        links = List.copyOf(links);
        requireNonNull(weakest);
        if (links.isEmpty() || sites.size() != links.size() + 1) {
            throw new IllegalArgumentException("a route has at least one link and one more site than links");
        }
    }

    /**
     * Returns the site of the a-end.
     *
     * @return the first site
     */
    public String aSite() {
        return sites.get(0);
    }

    /**
     * Returns the site of the z-end.
     *
     * @return the last site
     */
    public String zSite() {
        return sites.get(sites.size() - 1);
    }
}
