/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.api.model;

/**
 * A VLAN held on the access port of a site's Ethernet switch: the tag a connection's traffic enters and leaves the
 * network with at one of its end sites. It is allocated in the resource ledger when the slice is reserved and
 * released when the slice is deleted, so two live slices never share an access port and VLAN.
 *
 * @param siteId the site
 * @param vlan the VLAN tag, 1..4094
 */
public record AccessVlan(String siteId, int vlan) implements Comparable<AccessVlan> {
    /** The highest VLAN tag. */
    public static final int MAX_VLAN = 4094;

    /**
     * Checks the arguments.
     */
    public AccessVlan {
        Checks.id(siteId, "site id");
        if (vlan < 1 || vlan > MAX_VLAN) {
            throw new IllegalArgumentException("access VLAN " + vlan + " at site " + siteId + " is outside 1.."
                + MAX_VLAN);
        }
    }

    @Override
    public int compareTo(final AccessVlan other) {
        final int bySite = siteId.compareTo(other.siteId);
        return bySite != 0 ? bySite : Integer.compare(vlan, other.vlan);
    }

    @Override
    public String toString() {
        return "VLAN " + vlan + " at site " + siteId;
    }
}
