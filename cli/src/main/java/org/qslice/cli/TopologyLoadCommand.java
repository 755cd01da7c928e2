/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.cli;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.qslice.api.SliceService;

/**
 * {@code qslice:topology-load}: Loads the qslice topology from a JSON file (RESTCONF form of ietf-network:network).
 */
@Service
@Command(scope = "qslice", name = "topology-load",
    description = "Loads the qslice topology from a JSON file (RESTCONF form of ietf-network:network)")
public final class TopologyLoadCommand implements Action {
    @Reference
    private SliceService slices;

    @Argument(index = 0, name = "file", required = true,
        description = "path of the JSON file, e.g. testbed/paper-topology.json")
    private String argument;

    @Override
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    public Object execute() throws Exception {
        final var status = Await.result(slices.loadTopology(Await.file(argument)));
        System.out.println("loaded network " + status.topology().networkId() + ": " + status.topology().sites().size()
            + " sites, " + status.topology().links().size() + " links");
        return null;
    }
}
