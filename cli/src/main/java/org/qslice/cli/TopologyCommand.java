/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.cli;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.qslice.api.SliceService;

/**
 * {@code qslice:topology}: sites, links with security levels and free capacity.
 */
@Service
@Command(scope = "qslice", name = "topology",
    description = "Shows sites and links with security levels and free capacity")
public final class TopologyCommand implements Action {
    @Reference
    private SliceService slices;

    @Override
    @SuppressWarnings("checkstyle:RegexpSinglelineJava")
    public Object execute() throws Exception {
        final var status = Await.result(slices.topology());
        if (status.isEmpty()) {
            System.out.println("no qslice topology is loaded (qslice:topology-load <file>)");
        } else {
            Format.topology(status.orElseThrow(), System.out);
        }
        return null;
    }
}
